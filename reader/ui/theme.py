"""PLACEHOLDER (the theme helper replaces this file): minimal light/dark themes."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.paths import resources_dir

UI_FAMILY = "Noto Sans"
READING_FAMILY = "Noto Serif"
DISPLAY_FAMILY = "Noto Serif Display"


@dataclass(frozen=True)
class SideStyle:
    bar: str
    ink: str
    tint: str
    label: str


@dataclass(frozen=True)
class Theme:
    name: str
    canvas: str = "#FCFBF9"
    chrome: str = "#F4F2EE"
    library_bg: str = "#F3F1EC"
    toolbar_bg: str = "#FAF9F6"
    card_bg: str = "#FFFFFF"
    card_border: str = "#E8E4DC"
    text: str = "#24272B"
    title: str = "#16181B"
    secondary: str = "#585F69"
    tertiary: str = "#6C727B"
    focus: str = "#2F3540"
    selection: str = "#CFE0F5"
    link: str = "#3B5B8C"
    background_accent: str = "#5A6E8C"
    background_tint: str = "#E9EDF3"
    wording_accent: str = "#7559C7"
    wording_tint: str = "#EEE9FB"
    unattributed: str = "#8E9196"
    amber_mark: str = "#C98A1E"
    amber_text: str = "#966012"
    amber_tint: str = "#FCF1DC"
    sides: dict[str, SideStyle] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)


_SIDES = {
    "AZ": SideStyle("#E69F00", "#8F5F00", "#FBEFD5", "AZ"),
    "AM": SideStyle("#0072B2", "#075A8A", "#DCEBF5", "AM"),
    "3P": SideStyle("#CC79A7", "#94457A", "#F7E5EF", "3P"),
    "IND": SideStyle("#009E73", "#0A6B50", "#DAF1E9", "IND"),
    "?": SideStyle("#8E9196", "#5F646B", "#ECEDEE", "?"),
}
_CATS = {"euphemism": "#7559C7", "delegitimising": "#B4416A", "attribution": "#2F7F86",
         "sacralising": "#8C6A2F", "hostile": "#B3412E", "naming": "#5A6B80"}
LIGHT = Theme("light", sides=_SIDES, categories=_CATS)
DARK = Theme("dark", canvas="#1F2125", chrome="#25282D", library_bg="#23262A", toolbar_bg="#222428",
             card_bg="#272A2F", card_border="#353A41", text="#D9D5CD", title="#F1EEE8",
             secondary="#A9ADB4", tertiary="#8D9299", focus="#D8DCE2", selection="#34465E",
             link="#8FA6C8", background_accent="#8FA6C8", background_tint="#242C38",
             wording_accent="#A58CF0", wording_tint="#2C2740", unattributed="#8D9299",
             amber_mark="#E2A64B", amber_text="#E8B566", amber_tint="#3A2F1E", sides=_SIDES,
             categories=_CATS)


def theme_for(name: str) -> Theme:
    return DARK if name == "dark" else LIGHT


def side_group(side: str) -> str:
    if side in ("AZ", "AM"):
        return side
    if side in ("RU", "TR", "US", "EU", "FR", "WEST"):
        return "3P"
    if side in ("INT", "IND"):
        return "IND"
    return "?"


def side_name(side: str, lang: str = "en") -> str:
    return {"AZ": "Azerbaijani", "AM": "Armenian", "RU": "Russian", "TR": "Turkish", "US": "US",
            "EU": "EU", "INT": "international organisation", "IND": "independent"}.get(side, "unknown")


def category_group(category: str) -> str:
    return {"euphemism": "euphemism", "naming": "naming", "martyrdom": "sacralising",
            "triumphalism": "sacralising", "religious": "sacralising", "dehumanising": "hostile",
            "pejorative": "hostile", "loaded_label": "delegitimising",
            "delegitimising": "delegitimising"}.get(category, "attribution")


def category_label(category: str, lang: str = "en") -> str:
    return category.replace("_", " ").capitalize()


def load_fonts() -> None:
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


def apply_theme(app: QApplication, theme: Theme) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(theme.chrome))
    palette.setColor(QPalette.ColorRole.Base, QColor(theme.canvas))
    palette.setColor(QPalette.ColorRole.Text, QColor(theme.text))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.text))
    app.setPalette(palette)
