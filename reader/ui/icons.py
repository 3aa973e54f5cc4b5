"""Line icons from ``resources/icons/*.svg``, recoloured to follow the theme.

The SVGs draw with ``currentColor``; ``icon(name, color)`` substitutes the colour and renders
crisp pixmaps at the usual toolbar and menu sizes (and at twice those for HiDPI screens). An
icon that has a ``<name>-filled.svg`` sibling shows it in the checked state, so a checkable
Bookmark action fills in when on. Icons are cached per name and colour.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reader.core.paths import resources_dir

SIZES = (16, 18, 20, 24, 32, 48)
APP_SIZES = (16, 24, 32, 48, 64, 128, 256)
FALLBACK_COLOR = "#24272B"


def icon_names() -> list[str]:
    """Every bundled icon name (file stem)."""
    return sorted(p.stem for p in (resources_dir() / "icons").glob("*.svg"))


@cache
def _svg(name: str) -> str:
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        return ""
    return path.read_text(encoding="utf-8")


def svg_text(name: str, color: str | None = None) -> str:
    """The SVG source of ``name`` with ``currentColor`` replaced ("" if there is no such icon)."""
    text = _svg(name)
    return text.replace("currentColor", color) if color and text else text


def render(svg: str, size: int, dpr: float = 1.0, opacity: float = 1.0) -> QImage:
    """``svg`` drawn into a transparent ``size``×``size`` image (times ``dpr`` pixels)."""
    pixels = max(1, round(size * dpr))
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if renderer.isValid():
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(opacity)
        renderer.render(painter, QRectF(0, 0, pixels, pixels))
        painter.end()
    image.setDevicePixelRatio(dpr)
    return image


def _default_color() -> str:
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return FALLBACK_COLOR


DISABLED_OPACITY = 0.38


def _add(qicon: QIcon, svg: str, state: QIcon.State) -> None:
    for size in SIZES:
        for dpr in (1.0, 2.0):
            qicon.addPixmap(QPixmap.fromImage(render(svg, size, dpr)), QIcon.Mode.Normal, state)
            faded = render(svg, size, dpr, DISABLED_OPACITY)
            qicon.addPixmap(QPixmap.fromImage(faded), QIcon.Mode.Disabled, state)


@cache
def _icon(name: str, color: str) -> QIcon:
    qicon = QIcon()
    svg = svg_text(name, color)
    if not svg:
        return qicon
    _add(qicon, svg, QIcon.State.Off)
    filled = svg_text(f"{name}-filled", color)
    if filled:
        _add(qicon, filled, QIcon.State.On)
    return qicon


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` drawn in ``color`` (default: the palette's text).

    An unknown name gives an empty (null) icon rather than an error.
    """
    return _icon(name, QColor(color or _default_color()).name())


@cache
def app_icon() -> QIcon:
    """Margin's application icon (``margin.svg``, full colour) at the desktop sizes."""
    qicon = QIcon()
    svg = svg_text("margin")
    for size in APP_SIZES:
        qicon.addPixmap(QPixmap.fromImage(render(svg, size)))
    return qicon


def icon_size(qicon: QIcon) -> QSize:
    """The largest size ``qicon`` holds (handy in tests)."""
    sizes = qicon.availableSizes()
    return max(sizes, key=lambda s: s.width()) if sizes else QSize()
