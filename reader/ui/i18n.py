"""English in the source, German from ``resources/translations/de.json``.

The catalogue maps ``{context: {source: translation}}``; context ``"*"`` applies to every
class. Qt's ``lrelease`` is not part of PySide6-Essentials, so a small ``QTranslator``
subclass reads the JSON directly; switching the language applies at once (the window
rebuilds its menus and panels).
"""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from reader.core.paths import resources_dir

LANGUAGES = (("system", "System"), ("en", "English"), ("de", "Deutsch"))


@cache
def catalogue(lang: str) -> dict[str, dict[str, str]]:
    path = resources_dir() / "translations" / f"{lang}.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {ctx: {k: v for k, v in table.items() if v} for ctx, table in data.items()}


class JsonTranslator(QTranslator):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.table = catalogue(lang)
        self.fallback = self.table.get("*", {})

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        found = self.table.get(context, {}).get(source) or self.fallback.get(source)
        # None is a null QString: Qt then falls back to the English source text.
        return found or None  # type: ignore[return-value]

    def isEmpty(self) -> bool:
        return not self.table


_installed: JsonTranslator | None = None


def resolve(lang: str) -> str:
    if lang == "system":
        lang = QLocale.system().name()[:2]
    return "de" if lang == "de" else "en"


def install_language(app: QCoreApplication, lang: str) -> JsonTranslator | None:
    """Use ``lang`` ("en", "de" or "system") for every ``tr`` call from now on."""
    global _installed
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    code = resolve(lang)
    if code == "en":
        return None
    translator = JsonTranslator(code)
    app.installTranslator(translator)
    _installed = translator
    return translator


def available_languages() -> list[tuple[str, str]]:
    return list(LANGUAGES)
