"""Colours, fonts and the application style sheet of the reading window (light and dark).

Every colour comes from the design reference (``docs`` of the shared design folder): sides use
Okabe–Ito hues for bars and always come with a code chip; text in a side colour uses the darker
chip ink. ``apply_theme`` sets the palette and one style sheet built only on object names
(``#Toolbar``, ``#Card`` …), so no rule leaks onto unrelated widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.paths import resources_dir

UI_FAMILY = "Noto Sans"
READING_FAMILY = "Noto Serif"
DISPLAY_FAMILY = "Noto Serif Display"

SIDE_GROUPS = ("AZ", "AM", "3P", "IND", "?")
CATEGORY_GROUPS = ("euphemism", "delegitimising", "attribution", "sacralising", "hostile", "naming")
HIGHLIGHT_NAMES = ("yellow", "green", "blue", "pink", "purple")


@dataclass(frozen=True)
class SideStyle:
    """One side's colours: ``bar`` for bars, dots and underlines; ``ink`` on ``tint`` for chips."""

    bar: str
    ink: str
    tint: str
    label: str


@dataclass(frozen=True)
class Theme:
    name: str  # "light" | "dark"
    canvas: str
    chrome: str
    library_bg: str
    toolbar_bg: str
    card_bg: str
    card_border: str
    text: str
    title: str
    secondary: str
    tertiary: str
    focus: str
    selection: str
    link: str
    background_accent: str
    background_tint: str
    wording_accent: str
    wording_tint: str
    unattributed: str
    amber_mark: str
    amber_text: str
    amber_tint: str
    confirmed: str
    hover: str  # a faint wash for hovered buttons and list rows
    primary_bg: str  # the one filled button (Import)
    primary_text: str
    sides: dict[str, SideStyle] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    highlights: dict[str, str] = field(default_factory=dict)

    @property
    def is_dark(self) -> bool:
        return self.name == "dark"


LIGHT = Theme(
    name="light",
    canvas="#FCFBF9", chrome="#F4F2EE", library_bg="#F3F1EC", toolbar_bg="#FAF9F6",
    card_bg="#FFFFFF", card_border="#E8E4DC",
    text="#24272B", title="#16181B", secondary="#585F69", tertiary="#6C727B",
    focus="#2F3540", selection="#CFE0F5", link="#3B5B8C",
    background_accent="#5A6E8C", background_tint="#E9EDF3",
    wording_accent="#7559C7", wording_tint="#EEE9FB",
    unattributed="#8E9196",
    amber_mark="#C98A1E", amber_text="#966012", amber_tint="#FCF1DC",
    confirmed="#585F69", hover="#ECE9E3",
    primary_bg="#24272B", primary_text="#FFFFFF",
    sides={
        "AZ": SideStyle("#E69F00", "#8F5F00", "#FBEFD5", "AZ"),
        "AM": SideStyle("#0072B2", "#075A8A", "#DCEBF5", "AM"),
        "3P": SideStyle("#CC79A7", "#94457A", "#F7E5EF", "3P"),
        "IND": SideStyle("#009E73", "#0A6B50", "#DAF1E9", "IND"),
        "?": SideStyle("#8E9196", "#5F646B", "#ECEDEE", "?"),
    },
    categories={
        "euphemism": "#7559C7", "delegitimising": "#B4416A", "attribution": "#2F7F86",
        "sacralising": "#8C6A2F", "hostile": "#B3412E", "naming": "#5A6B80",
    },
    # Washes behind body text #24272B: all keep the text above 11:1.
    highlights={
        "yellow": "#FFE98A", "green": "#C9EFC4", "blue": "#CDE4FF", "pink": "#FFD3E4",
        "purple": "#E4D5FF",
    },
)

DARK = Theme(
    name="dark",
    canvas="#1F2125", chrome="#25282D", library_bg="#232529", toolbar_bg="#222428",
    card_bg="#272A2F", card_border="#353A41",
    text="#D9D5CD", title="#F1EEE8", secondary="#A9ADB4", tertiary="#8D9299",
    focus="#D8DCE2", selection="#34465E", link="#9DB4D6",
    background_accent="#8FA6C8", background_tint="#242C38",
    wording_accent="#A58CF0", wording_tint="#2C2740",
    unattributed="#8D9299",
    amber_mark="#E2A64B", amber_text="#E8B566", amber_tint="#3A2F1E",
    confirmed="#A9ADB4", hover="#2E3238",
    primary_bg="#E9E6E0", primary_text="#1F2125",
    sides={
        "AZ": SideStyle("#F0B33C", "#F3C56B", "#3A3120", "AZ"),
        "AM": SideStyle("#4AA3DF", "#7DBDE9", "#1F3140", "AM"),
        "3P": SideStyle("#DE93BC", "#E8B0CF", "#3B2833", "3P"),
        "IND": SideStyle("#3CC39A", "#72D5B6", "#1D3630", "IND"),
        "?": SideStyle("#8D9299", "#BFC3C9", "#2F3237", "?"),
    },
    categories={
        "euphemism": "#A58CF0", "delegitimising": "#E07A9C", "attribution": "#5FB7BD",
        "sacralising": "#C9A461", "hostile": "#E0795F", "naming": "#94A3B8",
    },
    # Deep washes behind body text #D9D5CD: all keep the text above 7:1.
    highlights={
        "yellow": "#463C14", "green": "#21432A", "blue": "#1F3A5A", "pink": "#4E2336",
        "purple": "#3A2D5A",
    },
)


def system_is_dark() -> bool:
    """True when a GUI application runs and the platform asks for a dark colour scheme."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def theme_for(name: str) -> Theme:
    """``"light"``, ``"dark"`` or ``"system"`` (the platform's scheme; light when unknown)."""
    if name == "dark":
        return DARK
    if name == "system":
        return DARK if system_is_dark() else LIGHT
    return LIGHT


# -- sides ------------------------------------------------------------------------------------------

_SIDE_GROUP = {
    "AZ": "AZ", "AM": "AM",
    "RU": "3P", "TR": "3P", "US": "3P", "EU": "3P", "FR": "3P", "WEST": "3P",
    "INT": "IND", "IND": "IND",
}

_SIDE_NAMES = {
    "en": {
        "AZ": "Azerbaijani", "AM": "Armenian", "RU": "Russian", "TR": "Turkish", "US": "US",
        "EU": "EU", "FR": "French", "WEST": "Western", "INT": "international organisation",
        "IND": "independent", "3P": "third party", "?": "unknown",
        "LEFT": "the political left", "RIGHT": "the political right",
    },
    "de": {
        "AZ": "Aserbaidschan", "AM": "Armenien", "RU": "Russland", "TR": "Türkei",
        "US": "USA", "EU": "EU", "FR": "Frankreich", "WEST": "Westen",
        "INT": "internationale Organisation", "IND": "unabhängig", "3P": "Drittstaaten",
        "LEFT": "politische Linke", "RIGHT": "politische Rechte",
        "?": "unbekannt",
    },
}


def side_group(side: str) -> str:
    """The colour group of a side code: AZ, AM, 3P (third-party states), IND, or ``?``."""
    return _SIDE_GROUP.get(side.strip().upper(), "?")


def side_name(side: str, lang: str = "en") -> str:
    """A human name for a side code ("Azerbaijani", "Armenian" … or "unknown")."""
    names = _SIDE_NAMES.get(lang, _SIDE_NAMES["en"])
    return names.get(side.strip().upper(), names["?"])


# -- flag categories ------------------------------------------------------------------------------

_CATEGORY_GROUP = {
    "euphemism": "euphemism",
    "loaded_label": "delegitimising",
    "delegitimising": "delegitimising",
    "scare_quotes": "delegitimising",
    "so_called": "delegitimising",
    "martyrdom": "sacralising",
    "triumphalism": "sacralising",
    "religious": "sacralising",
    "dehumanising": "hostile",
    "pejorative": "hostile",
    "legal_characterisation": "attribution",
    "exaggeration": "attribution",
    "absolute": "attribution",
    "unattributed_accusation": "attribution",
    "disputed_figure": "attribution",
    "conflation": "attribution",
    "outlet_voice": "attribution",
    "naming": "naming",
    "emotive": "hostile",
    "intensifier": "attribution",
    "loaded_verb": "delegitimising",
    "minimisation": "euphemism",
}

_CATEGORY_LABELS = {
    "en": {
        "euphemism": "Euphemism",
        "loaded_label": "Loaded label",
        "delegitimising": "Delegitimising label",
        "scare_quotes": "Scare quotes",
        "so_called": "“So-called”",
        "martyrdom": "Martyrdom framing",
        "triumphalism": "Triumphalism",
        "religious": "Religious framing",
        "dehumanising": "Dehumanising language",
        "pejorative": "Pejorative",
        "legal_characterisation": "Legal characterisation",
        "exaggeration": "Exaggeration",
        "absolute": "Absolute claim",
        "unattributed_accusation": "Unattributed accusation",
        "disputed_figure": "Disputed figure",
        "conflation": "Conflation",
        "outlet_voice": "Outlet voice",
        "naming": "Contested name",
        "emotive": "Emotive word",
        "intensifier": "Intensifier",
        "loaded_verb": "Loaded verb",
        "minimisation": "Minimisation",
    },
    "de": {
        "euphemism": "Euphemismus",
        "loaded_label": "Wertende Bezeichnung",
        "delegitimising": "Delegitimierende Bezeichnung",
        "scare_quotes": "Distanzierende Anführungszeichen",
        "so_called": "„Sogenannt“",
        "martyrdom": "Märtyrer-Rhetorik",
        "triumphalism": "Triumphalismus",
        "religious": "Religiöse Aufladung",
        "dehumanising": "Entmenschlichende Sprache",
        "pejorative": "Abwertung",
        "legal_characterisation": "Juristische Wertung",
        "exaggeration": "Übertreibung",
        "absolute": "Absolute Behauptung",
        "unattributed_accusation": "Vorwurf ohne Quelle",
        "disputed_figure": "Umstrittene Zahl",
        "conflation": "Gleichsetzung",
        "outlet_voice": "Stimme des Mediums",
        "naming": "Umstrittener Name",
        "emotive": "Emotionales Wort",
        "intensifier": "Verstärkung",
        "loaded_verb": "Wertendes Verb",
        "minimisation": "Verharmlosung",
    },
}


def _category_key(category: str) -> str:
    key = category.strip().lower().replace("-", "_").replace(" ", "_")
    return key.removeprefix("rule.")


def category_group(category: str) -> str:
    """The design group (one of ``CATEGORY_GROUPS``) of a lexicon or rule category."""
    return _CATEGORY_GROUP.get(_category_key(category), "attribution")


def category_label(category: str, lang: str = "en") -> str:
    """A card-header label for a category ("Euphemism", "Scare quotes" …), English or German."""
    key = _category_key(category)
    labels = _CATEGORY_LABELS.get(lang, _CATEGORY_LABELS["en"])
    return labels.get(key) or key.replace("_", " ").capitalize()


# -- fonts ----------------------------------------------------------------------------------------

_loaded_fonts: list[str] = []


def load_fonts() -> None:
    """Register the bundled Noto TTFs with Qt (once; later calls do nothing)."""
    if _loaded_fonts:
        return
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(path)) >= 0:
            _loaded_fonts.append(path.name)


# -- palette and style sheet ----------------------------------------------------------------------


def palette_for(theme: Theme) -> QPalette:
    R = QPalette.ColorRole
    palette = QPalette()
    roles = {
        R.Window: theme.chrome,
        R.WindowText: theme.text,
        R.Base: theme.canvas,
        R.AlternateBase: theme.chrome,
        R.Text: theme.text,
        R.BrightText: theme.title,
        R.Button: theme.toolbar_bg,
        R.ButtonText: theme.text,
        R.Highlight: theme.selection,
        R.HighlightedText: theme.title,
        R.ToolTipBase: theme.card_bg,
        R.ToolTipText: theme.text,
        R.PlaceholderText: theme.tertiary,
        R.Link: theme.link,
        R.LinkVisited: theme.link,
        R.Light: theme.card_bg,
        R.Midlight: theme.card_border,
        R.Mid: theme.tertiary,
        R.Dark: theme.secondary,
        R.Shadow: "#000000",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(theme.tertiary)
    disabled.setAlphaF(0.6)
    for role in (R.WindowText, R.Text, R.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, R.Highlight, QColor(theme.card_border))
    return palette


def stylesheet(theme: Theme) -> str:
    """The application style sheet: object-name selectors only (a bare ``QFrame {}`` would
    also style every QLabel). Cards paint their own frame; the ``#Card`` rules are the
    fallback for any card-like frame that does not."""
    t = theme
    q = t.sides["?"]
    return f"""
#Toolbar {{
    background: {t.toolbar_bg}; border: none; border-bottom: 1px solid {t.card_border};
    padding: 4px 10px; spacing: 2px;
}}
#Toolbar::separator {{ background: {t.card_border}; width: 1px; margin: 10px 8px; }}
#Toolbar QToolButton {{
    background: transparent; color: {t.text}; border: 1px solid transparent;
    border-radius: 6px; padding: 4px 9px; font-family: "{UI_FAMILY}"; font-size: 13px;
}}
#Toolbar QToolButton:hover {{ background: {t.hover}; }}
#Toolbar QToolButton:pressed {{ background: {t.card_border}; }}
#Toolbar QToolButton:checked {{ background: {t.card_bg}; border-color: {t.card_border}; }}
#Toolbar QToolButton:focus {{ border-color: {t.focus}; }}
#Toolbar QToolButton:disabled {{ color: {t.tertiary}; }}
#Toolbar QToolButton[iconOnly="true"] {{ padding: 4px; }}
#PrimaryButton, #Toolbar QToolButton#PrimaryButton {{
    background: {t.primary_bg}; color: {t.primary_text}; border: 1px solid {t.primary_bg};
    border-radius: 6px; padding: 4px 12px; font-weight: bold;
}}
#PrimaryButton:hover, #Toolbar QToolButton#PrimaryButton:hover {{
    background: {t.secondary}; border-color: {t.secondary};
}}
#PrimaryButton:focus, #Toolbar QToolButton#PrimaryButton:focus {{ border-color: {t.focus}; }}
#SummaryStrip {{
    background: {t.toolbar_bg}; border-bottom: 1px solid {t.card_border};
    color: {t.secondary}; font-family: "{UI_FAMILY}"; font-size: 12px;
}}
#LibraryPane {{ background: {t.library_bg}; border-right: 1px solid {t.card_border}; }}
#LibraryHeading {{ color: {t.title}; font-family: "{UI_FAMILY}"; font-size: 15px; font-weight: bold; }}
#LibraryCount, #LibraryFooter {{ color: {t.tertiary}; font-family: "{UI_FAMILY}"; font-size: 11px; }}
#SearchError {{ color: {t.amber_text}; font-size: 11px; }}
#SearchBox {{
    background: {t.card_bg}; color: {t.text}; border: 1px solid {t.card_border};
    border-radius: 8px; padding: 5px 10px; font-family: "{UI_FAMILY}"; font-size: 13px;
    selection-background-color: {t.selection}; selection-color: {t.title};
}}
#SearchBox:focus {{ border: 1px solid {t.focus}; }}
#ArticleList {{
    background: transparent; border: none; outline: none; color: {t.text};
    selection-background-color: {t.card_bg}; selection-color: {t.title};
}}
#ArticleList QScrollBar:vertical {{ background: {t.library_bg}; width: 10px; margin: 0; border: none; }}
#ArticleList QScrollBar::handle:vertical {{ background: {t.card_border}; border-radius: 4px; min-height: 28px; }}
#ArticleList QScrollBar::add-line:vertical, #ArticleList QScrollBar::sub-line:vertical {{ height: 0; }}
#ArticleList QScrollBar::add-page:vertical, #ArticleList QScrollBar::sub-page:vertical {{ background: none; }}
#ReaderCanvas, #MarginPane {{ background: {t.canvas}; }}
#ArticleView {{
    background: {t.canvas}; color: {t.text}; border: none;
    selection-background-color: {t.selection}; selection-color: {t.title};
}}
#Card {{ background: {t.card_bg}; border: 1px solid {t.card_border}; border-radius: 8px; }}
#Card[focused="true"] {{ border: 2px solid {t.focus}; }}
#CardHeader {{
    color: {t.secondary}; font-family: "{UI_FAMILY}"; font-size: 11px; font-weight: bold;
}}
#CardText {{ background: transparent; color: {t.text}; }}
#Chip {{
    background: {q.tint}; color: {q.ink}; border-radius: 4px; padding: 0px 5px;
    font-family: "{UI_FAMILY}"; font-size: 10px; font-weight: bold;
}}
#NotesDock, #notesList {{ background: {t.library_bg}; color: {t.text}; }}
#notesHeading {{ color: {t.title}; font-weight: bold; }}
QToolTip {{
    background: {t.card_bg}; color: {t.text}; border: 1px solid {t.card_border};
    padding: 4px 6px;
}}
"""


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Give the whole application ``theme``: Fusion style, palette and style sheet."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the only built-in style that follows the palette everywhere
    app.setPalette(palette_for(theme))
    app.setStyleSheet(stylesheet(theme))
