"""Theme colours and style sheet, the line icons, and the German catalogue (offscreen Qt)."""

from __future__ import annotations

import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from reader.core.paths import resources_dir
from reader.ui import i18n, icons, theme
from reader.ui.theme import (
    CATEGORY_GROUPS,
    DARK,
    HIGHLIGHT_NAMES,
    LIGHT,
    SIDE_GROUPS,
    Theme,
    apply_theme,
    category_group,
    category_label,
    side_group,
    side_name,
    stylesheet,
    theme_for,
)

ROOT = Path(__file__).resolve().parents[2]
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
LINE_ICONS = (
    "import", "bookmark", "bookmark-filled", "note", "export-pdf", "sources", "background",
    "wording", "theme", "search", "library", "back", "forward", "more", "settings", "zoom-in",
    "zoom-out", "close", "check", "warning", "chain", "relayed", "dismiss", "undo", "filter",
    "highlight",
)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""

    def lum(hex_colour: str) -> float:
        c = QColor(hex_colour)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
        r, g, b_ = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def app(qtbot: QtBot) -> Iterator[QApplication]:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    yield instance
    apply_theme(instance, LIGHT)
    i18n.install_language(instance, "en")


# -- theme: colours ---------------------------------------------------------------------------------


@pytest.mark.parametrize("t", [LIGHT, DARK], ids=["light", "dark"])
def test_every_colour_is_hex_and_every_key_is_there(t: Theme) -> None:
    for name, value in vars(t).items():
        if isinstance(value, str) and name != "name":
            assert HEX.match(value), (name, value)
    assert tuple(t.sides) == SIDE_GROUPS
    assert set(t.categories) == set(CATEGORY_GROUPS)
    assert set(t.highlights) == set(HIGHLIGHT_NAMES)
    for key, style in t.sides.items():
        assert style.label == key
        assert all(HEX.match(c) for c in (style.bar, style.ink, style.tint))
    assert all(HEX.match(c) for c in (*t.categories.values(), *t.highlights.values()))


def test_design_reference_values() -> None:
    assert (LIGHT.sides["AZ"].bar, DARK.sides["AZ"].bar) == ("#E69F00", "#F0B33C")
    assert (LIGHT.sides["AM"].ink, DARK.sides["AM"].tint) == ("#075A8A", "#1F3140")
    assert (LIGHT.background_accent, DARK.background_accent) == ("#5A6E8C", "#8FA6C8")
    assert (LIGHT.wording_tint, DARK.wording_tint) == ("#EEE9FB", "#2C2740")
    assert (LIGHT.categories["hostile"], DARK.categories["naming"]) == ("#B3412E", "#94A3B8")
    assert (LIGHT.canvas, DARK.canvas, DARK.card_bg) == ("#FCFBF9", "#1F2125", "#272A2F")


@pytest.mark.parametrize("t", [LIGHT, DARK], ids=["light", "dark"])
def test_text_colours_are_readable(t: Theme) -> None:
    assert contrast(t.text, t.canvas) >= 10
    assert contrast(t.title, t.card_bg) >= 10
    for colour in (t.secondary, t.tertiary, t.amber_text, t.link):
        assert contrast(colour, t.card_bg) >= 4.5, colour
    for key, style in t.sides.items():
        assert contrast(style.ink, style.tint) >= 4.5, key
    for colour in t.categories.values():  # card header labels
        assert contrast(colour, t.card_bg) >= 4.5, colour
    for name, wash in t.highlights.items():  # body text on a user highlight
        assert contrast(t.text, wash) >= 7, name
    assert contrast(t.primary_text, t.primary_bg) >= 7
    assert contrast(t.focus, t.canvas) >= 3  # a focus ring must show


def test_dark_cards_are_one_step_lighter_than_the_canvas() -> None:
    canvas, card = QColor(DARK.canvas), QColor(DARK.card_bg)
    assert card.lightness() > canvas.lightness()
    assert QColor(LIGHT.card_bg).lightness() >= QColor(LIGHT.canvas).lightness()


def test_theme_for(app: QApplication) -> None:
    assert theme_for("light") is LIGHT
    assert theme_for("dark") is DARK
    assert theme_for("nonsense") is LIGHT
    dark_system = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    assert theme_for("system") is (DARK if dark_system else LIGHT)


# -- theme: sides and categories --------------------------------------------------------------------


@pytest.mark.parametrize(("side", "group"), [
    ("AZ", "AZ"), ("AM", "AM"), ("RU", "3P"), ("TR", "3P"), ("US", "3P"), ("EU", "3P"),
    ("FR", "3P"), ("WEST", "3P"), ("INT", "IND"), ("IND", "IND"), ("unknown", "?"),
    ("general", "?"), ("", "?"), ("az", "AZ"),
])
def test_side_group(side: str, group: str) -> None:
    assert side_group(side) == group


def test_side_names() -> None:
    assert side_name("AZ") == "Azerbaijani"
    assert side_name("INT") == "international organisation"
    assert side_name("general") == "unknown"
    assert side_name("AZ", "de") == "Aserbaidschan"
    assert side_name("xyz", "de") == "unbekannt"
    assert side_name("AM", "fr") == "Armenian"  # unknown language: English
    for code in ("AZ", "AM", "RU", "TR", "US", "EU", "INT", "IND"):
        assert side_name(code) != "unknown" and side_name(code, "de") != "unbekannt"


def lexicon_categories() -> set[str]:
    found: set[str] = set()
    for path in (resources_dir() / "lexicon").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data.get("entries", data) if isinstance(data, dict) else data
        for entry in entries or []:
            if isinstance(entry, dict) and entry.get("category"):
                found.add(entry["category"])
    return found


def test_every_lexicon_category_has_a_group_and_labels() -> None:
    documented = {"loaded_label", "delegitimising", "euphemism", "martyrdom", "triumphalism",
                  "dehumanising", "pejorative", "legal_characterisation", "exaggeration",
                  "unattributed_accusation", "disputed_figure", "conflation", "naming", "religious"}
    rules = {"outlet_voice", "scare_quotes", "so_called", "absolute"}
    shipped = lexicon_categories()
    assert shipped, "no lexicon categories found"
    for category in documented | rules | shipped:
        assert category_group(category) in CATEGORY_GROUPS
        en, de = category_label(category), category_label(category, "de")
        assert en and de and en != de, category


@pytest.mark.parametrize(("category", "group"), [
    ("loaded_label", "delegitimising"), ("scare_quotes", "delegitimising"),
    ("so_called", "delegitimising"), ("martyrdom", "sacralising"), ("religious", "sacralising"),
    ("triumphalism", "sacralising"), ("dehumanising", "hostile"), ("pejorative", "hostile"),
    ("legal_characterisation", "attribution"), ("exaggeration", "attribution"),
    ("outlet_voice", "attribution"), ("conflation", "attribution"), ("euphemism", "euphemism"),
    ("naming", "naming"), ("rule.scare_quotes", "delegitimising"),
])
def test_category_group(category: str, group: str) -> None:
    assert category_group(category) == group


def test_category_labels() -> None:
    assert category_label("euphemism") == "Euphemism"
    assert category_label("delegitimising") == "Delegitimising label"
    assert category_label("scare_quotes") == "Scare quotes"
    assert category_label("outlet_voice") == "Outlet voice"
    assert category_label("martyrdom") == "Martyrdom framing"
    assert category_label("euphemism", "de") == "Euphemismus"
    assert category_label("brand_new_thing") == "Brand new thing"


# -- theme: application ----------------------------------------------------------------------------


def test_stylesheet_uses_object_names_only() -> None:
    for t in (LIGHT, DARK):
        css = re.sub(r"\{[^}]*\}", "{}", stylesheet(t))
        selectors = [s.strip() for block in css.split("{}") for s in block.split(",") if s.strip()]
        assert selectors
        for selector in selectors:
            assert selector.startswith("#") or selector == "QToolTip", selector
        for needed in ("#Toolbar", "#SummaryStrip", "#LibraryPane", "#Card", '#Card[focused="true"]',
                       "#CardHeader", "#Chip", "#ReaderCanvas", "#MarginPane", "#PrimaryButton",
                       "#SearchBox", "#ArticleList"):
            assert any(s.split(":")[0] == needed for s in selectors), needed
        assert t.card_border in stylesheet(t) and t.primary_bg in stylesheet(t)


def test_apply_theme_sets_palette_and_paints_panes(app: QApplication, qtbot: QtBot) -> None:
    apply_theme(app, DARK)
    assert app.palette().color(QPalette.ColorRole.Base) == QColor(DARK.canvas)
    assert app.palette().color(QPalette.ColorRole.WindowText) == QColor(DARK.text)
    assert app.palette().color(QPalette.ColorRole.Highlight) == QColor(DARK.selection)
    assert "#LibraryPane" in app.styleSheet()

    pane = QWidget()
    pane.setObjectName("LibraryPane")
    pane.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    label = QLabel("Library", pane)  # an unnamed label must not pick up a pane or card rule
    label.move(40, 40)
    qtbot.addWidget(pane)
    pane.resize(200, 120)
    pane.show()
    qtbot.waitExposed(pane)
    image = pane.grab().toImage()
    assert image.pixelColor(20, 100).name().upper() == DARK.library_bg
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(DARK.text)

    apply_theme(app, LIGHT)
    image = pane.grab().toImage()
    assert image.pixelColor(20, 100).name().upper() == LIGHT.library_bg


def test_fonts_are_registered_once(app: QApplication) -> None:
    theme.load_fonts()
    loaded = list(theme._loaded_fonts)
    theme.load_fonts()
    assert theme._loaded_fonts == loaded
    families = set(QFontDatabase.families())
    for family in (theme.UI_FAMILY, theme.READING_FAMILY, theme.DISPLAY_FAMILY):
        assert family in families, family
    assert len(loaded) == len(list((resources_dir() / "fonts").glob("*.ttf")))


# -- icons -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LINE_ICONS)
def test_line_icon_files(name: str) -> None:
    path = resources_dir() / "icons" / f"{name}.svg"
    root = ET.parse(path).getroot()
    assert root.get("viewBox") == "0 0 24 24"
    assert root.get("stroke") == "currentColor"
    assert root.get("stroke-width") == "1.75"
    assert root.get("stroke-linecap") == "round"
    assert len(root) >= 1


def opaque_colours(qicon: QIcon, size: int = 24, mode: QIcon.Mode = QIcon.Mode.Normal,
                   state: QIcon.State = QIcon.State.Off) -> list[QColor]:
    image = qicon.pixmap(QSize(size, size), 1.0, mode, state).toImage()
    return [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255]


@pytest.mark.parametrize("name", LINE_ICONS)
def test_icons_render_in_the_given_colour(app: QApplication, name: str) -> None:
    red = icons.icon(name, "#D0021B")
    assert not red.isNull()
    solid = opaque_colours(red, 48)
    assert len(solid) >= 20, "nothing drawn"
    assert all(c.name().upper() == "#D0021B" for c in solid)
    blue = opaque_colours(icons.icon(name, "#0050C8"), 48)
    assert blue and all(c.name().upper() == "#0050C8" for c in blue)


def test_icon_cache_disabled_and_checked_states(app: QApplication) -> None:
    assert icons.icon("search", "#112233") is icons.icon("search", "#112233")
    assert icons.icon("nothing-by-this-name").isNull()
    bookmark = icons.icon("bookmark", "#000000")
    off = opaque_colours(bookmark)
    on = opaque_colours(bookmark, state=QIcon.State.On)
    assert len(on) > 2 * len(off)  # the checked state is the filled bookmark
    assert not opaque_colours(bookmark, mode=QIcon.Mode.Disabled)  # disabled is faded


def test_icon_default_colour_follows_the_palette(app: QApplication) -> None:
    apply_theme(app, DARK)
    assert opaque_colours(icons.icon("check"))[0] == QColor(DARK.text)
    apply_theme(app, LIGHT)
    assert opaque_colours(icons.icon("check"))[0] == QColor(LIGHT.text)


def test_app_icon(app: QApplication) -> None:
    qicon = icons.app_icon()
    assert not qicon.isNull()
    assert {16, 48, 256} <= {s.width() for s in qicon.availableSizes()}
    image = qicon.pixmap(QSize(64, 64), 1.0).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(64) for y in range(64)}
    assert len(colours) > 8  # full colour, not a silhouette


# -- i18n ------------------------------------------------------------------------------------------


def catalogue() -> dict[str, dict[str, str]]:
    data = json.loads((resources_dir() / "translations" / "de.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_catalogue_is_complete_and_plausible() -> None:
    data = catalogue()
    assert "*" in data
    pairs = [(s, t) for table in data.values() for s, t in table.items()]
    assert len(pairs) > 50
    for source, target in pairs:
        assert target.strip(), source
        assert source.count("&") == target.count("&"), (source, target)  # one mnemonic each
        for placeholder in re.findall(r"\{\w+\}", source):
            assert placeholder in target, (source, target)
        assert source.endswith("…") == target.endswith("…"), (source, target)


def test_german_is_installed_and_removed(app: QApplication) -> None:
    assert i18n.install_language(app, "de") is not None
    assert QCoreApplication.translate("MainWindow", "&File") == "&Datei"
    assert QCoreApplication.translate("SomeOtherWidget", "&File") == "&Datei"  # "*" context
    assert QCoreApplication.translate("MainWindow", "no such string") == "no such string"
    again = i18n.install_language(app, "de")  # replaces, does not stack
    assert isinstance(again, i18n.JsonTranslator)
    assert i18n.install_language(app, "en") is None
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_system_language_and_choices(app: QApplication) -> None:
    expected = "de" if QLocale.system().name()[:2] == "de" else "en"
    installed = i18n.install_language(app, "system")
    assert (installed is not None) == (expected == "de")
    assert i18n.available_languages() == [("system", "System"), ("en", "English"), ("de", "Deutsch")]


def load_extractor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_strings", ROOT / "scripts" / "extract_strings.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extractor_finds_the_window_strings() -> None:
    found = load_extractor().strings()
    assert "&File" in found.get("MainWindow", set())
    every = {text for texts in found.values() for text in texts}
    data = catalogue()
    known = {s for table in data.values() for s in table}
    assert every <= known, sorted(every - known)[:10]
