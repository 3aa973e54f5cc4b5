"""The library sidebar: search as you type, filters, sort, and the article list."""

from __future__ import annotations

import json

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QTextLayout
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.library import Library, SearchError
from reader.core.models import ArticleFilter, ArticleSummary
from reader.ui.article_view import _ui_language
from reader.ui.theme import UI_FAMILY, Theme, side_group

LIST_LIMIT = 2000
SEARCH_DELAY_MS = 150
Index = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractListModel):
    """A thin model over ``ArticleSummary`` rows, with month headings when sorted by date.

    ``rows`` holds the articles only; ``items`` is what the list shows (articles and headings).
    """

    ArticleRole = Qt.ItemDataRole.UserRole + 1
    HeadingRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ArticleSummary] = []
        self.items: list[ArticleSummary | str] = []

    def set_rows(self, rows: list[ArticleSummary], by_month: bool = False) -> None:
        self.beginResetModel()
        self.rows = rows
        self.items = []
        last = None
        for row in rows:
            month = _month(row.published) if by_month else None
            if by_month and month != last:
                self.items.append(month or "")
                last = month
            self.items.append(row)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.items[index.row()], str):
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.items[index.row()]
        if isinstance(row, str):
            if role in (self.HeadingRole, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row or QCoreApplication.translate("LibrarySidebar", "No date")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            bits = [row.title, row.outlet, row.published, row.language]
            if row.bookmarked:
                bits.append("bookmarked")
            return ", ".join(b for b in bits if b)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.title
        if role == self.ArticleRole:
            return row
        return None

    def row_of(self, article_id: int) -> int:
        """Index in ``items`` of the article, or -1."""
        return next((i for i, r in enumerate(self.items)
                     if not isinstance(r, str) and r.id == article_id), -1)

    def article_rows(self) -> list[int]:
        return [i for i, r in enumerate(self.items) if not isinstance(r, str)]


def _month(iso: str) -> str:
    """"September 2023" in the UI's language; "" when the article has no date."""
    date = QDate.fromString(iso[:10], Qt.DateFormat.ISODate)
    if not date.isValid():
        return ""
    return QLocale(_ui_language()).toString(date, "MMMM yyyy")


class ArticleDelegate(QStyledItemDelegate):
    """Title (two lines, bold while unread), outlet · date · language, bookmark star, notes."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.data(ArticleListModel.HeadingRole) is not None:
            return QSize(option.rect.width(), 30)
        return QSize(option.rect.width(), 66)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        heading = index.data(ArticleListModel.HeadingRole)
        t = self.theme
        if heading is not None:
            painter.save()
            font = QFont(UI_FAMILY)
            font.setPixelSize(11)
            font.setBold(True)
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
            painter.setFont(font)
            painter.setPen(QColor(t.tertiary))
            painter.drawText(option.rect.adjusted(16, 8, -8, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), str(heading))
            painter.restore()
            return
        row: ArticleSummary = index.data(ArticleListModel.ArticleRole)
        painter.save()
        rect = option.rect.adjusted(6, 2, -6, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setPen(QColor(t.card_border))
            painter.setBrush(QColor(t.card_bg))
            painter.drawRoundedRect(rect, 8, 8)
        title_font = QFont(UI_FAMILY)
        title_font.setPixelSize(13)
        title_font.setBold(not row.opened)
        painter.setFont(title_font)
        painter.setPen(QColor(t.title))
        text_rect = QRect(rect.left() + 10, rect.top() + 6, rect.width() - 34, 36)
        metrics = QFontMetrics(title_font)
        for i, line in enumerate(_two_lines(row.title, title_font, metrics, text_rect.width())):
            painter.drawText(QRect(text_rect.left(), text_rect.top() + i * 18, text_rect.width(), 18),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
        meta_font = QFont(UI_FAMILY)
        meta_font.setPixelSize(11)
        painter.setFont(meta_font)
        painter.setPen(QColor(t.secondary))
        meta = " · ".join(b for b in (row.outlet, _short_date(row.published), row.language.upper()) if b)
        if row.notes:
            meta += f"  ✎{row.notes}"
        right = self._paint_digest(painter, row, rect)
        painter.setFont(meta_font)
        painter.setPen(QColor(t.secondary))
        meta_rect = QRect(rect.left() + 10, rect.bottom() - 18, rect.width() - 20 - right, 16)
        painter.drawText(meta_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(meta_font).elidedText(meta, Qt.TextElideMode.ElideRight, meta_rect.width()))
        if row.bookmarked:
            painter.setPen(QColor(t.amber_mark))
            star = QFont(UI_FAMILY)
            star.setPixelSize(14)
            painter.setFont(star)
            painter.drawText(QRect(rect.right() - 22, rect.top() + 4, 18, 18),
                             int(Qt.AlignmentFlag.AlignCenter), "★")
        painter.restore()


    def _paint_digest(self, painter: QPainter, row: ArticleSummary, rect: QRect) -> int:
        """Bottom right: a small balance bar (one segment per statement) and the flag count."""
        if not row.digest:
            return 0
        try:
            digest = json.loads(row.digest)
        except ValueError:
            return 0
        t = self.theme
        groups = sorted((side_group(side) for side, n in digest.get("sides", {}).items() for _ in range(n)),
                        key=_GROUP_ORDER.index)[:8]
        flags = int(digest.get("flags", 0))
        x = rect.right() - 8
        font = QFont(UI_FAMILY)
        font.setPixelSize(11)
        painter.setFont(font)
        if flags:
            label = f"⚑ {flags}"
            width = QFontMetrics(font).horizontalAdvance(label) + 2
            x -= width
            painter.setPen(QColor(t.wording_accent))
            painter.drawText(QRect(x, rect.bottom() - 18, width, 16),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
            x -= 8
        y = rect.bottom() - 12
        painter.setPen(Qt.PenStyle.NoPen)
        for group in reversed(groups):
            x -= 6
            painter.setBrush(QColor(t.sides[group].bar))
            painter.drawRoundedRect(QRect(x, y, 5, 5), 1, 1)
        return rect.right() - x + 4


_GROUP_ORDER = ("AZ", "AM", "3P", "IND", "?")


def _short_date(iso: str) -> str:
    """"20 Sep 2023" (in the UI's language) for an ISO date; other text as it is."""
    date = QDate.fromString(iso[:10], Qt.DateFormat.ISODate)
    if not date.isValid():
        return iso
    return QLocale(_ui_language()).toString(date, "d MMM yyyy")


def _two_lines(text: str, font: QFont, metrics: QFontMetrics, width: int) -> list[str]:
    """``text`` broken at a word into at most two lines of ``width``, the second elided with "…"."""
    text = " ".join(text.split())
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(width)
    layout.endLayout()
    cut = line.textLength() if line.isValid() else len(text)
    first, rest = text[:cut].rstrip(), text[cut:].strip()
    if not rest:
        return [first]
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]


class LibrarySidebar(QWidget):
    """Search, filters and the list; emits ``articleChosen(id)``."""

    articleChosen = Signal(int)

    def __init__(self, library: Library, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumWidth(190)
        self.library = library
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.setSpacing(6)
        head = QHBoxLayout()
        self.heading = QLabel(self.tr("Library"))
        self.heading.setObjectName("LibraryHeading")
        self.count = QLabel("")
        self.count.setObjectName("LibraryCount")
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.count)
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort articles"))
        head.addWidget(self.sort)
        layout.addLayout(head)
        self.search = QLineEdit()
        self.search.setObjectName("SearchBox")
        self.search.setPlaceholderText(self.tr("Search library…  (Ctrl+K)"))
        self.search.setAccessibleName(self.tr("Search the library"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.error = QLabel("")
        self.error.setObjectName("SearchError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        filters = QHBoxLayout()
        self.outlet = QComboBox()
        self.outlet.setAccessibleName(self.tr("Filter by outlet"))
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Filter by language"))
        for combo in (self.outlet, self.language):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        filters.addWidget(self.outlet, 3)
        filters.addWidget(self.language, 2)
        layout.addLayout(filters)
        checks = QHBoxLayout()
        self.bookmarked = QCheckBox(self.tr("Bookmarked"))
        self.has_notes = QCheckBox(self.tr("With notes"))
        for key, label in (("date", self.tr("Newest")), ("title", self.tr("Title")), ("outlet", self.tr("Outlet"))):
            self.sort.addItem(label, key)
        checks.addWidget(self.bookmarked)
        checks.addWidget(self.has_notes)
        checks.addStretch(1)
        layout.addLayout(checks)
        self.model = ArticleListModel()
        self.list = _ArticleList()
        self.list.setObjectName("ArticleList")
        self.list.setAccessibleName(self.tr("Articles"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(ArticleDelegate(theme))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list, 1)
        self.footer = QLabel(self.tr("Offline · nothing leaves this computer"))
        self.footer.setObjectName("LibraryFooter")
        layout.addWidget(self.footer)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._timer.start())
        for combo in (self.outlet, self.language, self.sort):
            combo.currentIndexChanged.connect(lambda _=0: self.refresh())
        self.bookmarked.toggled.connect(lambda _: self.refresh())
        self.has_notes.toggled.connect(lambda _: self.refresh())
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.activated.connect(self._current_changed)
        self._suspend = False
        self.reload_facets()

    def set_theme(self, theme: Theme) -> None:
        self.list.setItemDelegate(ArticleDelegate(theme))

    def reload_facets(self) -> None:
        """Outlets and languages for the filter menus (kept selection when possible)."""
        self._suspend = True
        current_outlet = self.outlet.currentData()
        current_lang = self.language.currentData()
        self.outlet.clear()
        self.outlet.addItem(self.tr("All outlets"), "")
        for name, n in self.library.outlets():
            self.outlet.addItem(f"{name} ({n})", name)
        self.language.clear()
        self.language.addItem(self.tr("All languages"), "")
        for code, n in self.library.languages():
            self.language.addItem(f"{code or '?'} ({n})", code)
        for combo, value in ((self.outlet, current_outlet), (self.language, current_lang)):
            i = combo.findData(value)
            combo.setCurrentIndex(max(0, i))
        self._suspend = False

    def current_filter(self) -> ArticleFilter:
        return ArticleFilter(
            outlet=self.outlet.currentData() or "",
            language=self.language.currentData() or "",
            bookmarked=self.bookmarked.isChecked(),
            has_notes=self.has_notes.isChecked(),
            query=self.search.text().strip(),
            sort=self.sort.currentData() or "date",
            limit=LIST_LIMIT,
        )

    def refresh(self, keep: int | None = None) -> None:
        if self._suspend:
            return
        current = keep if keep is not None else self.current_id()
        filt = self.current_filter()
        try:
            rows = self.library.list_summaries(filt)
            total = len(rows) if len(rows) < LIST_LIMIT else self.library.count_matching(filt)
            self.error.hide()
        except SearchError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.model.set_rows(rows, by_month=filt.sort == "date" and not filt.query)
        shown = self.tr("{n} articles").replace("{n}", str(total))
        if total > len(rows):
            shown = self.tr("{shown} of {n}").replace("{shown}", str(len(rows))).replace("{n}", str(total))
        self.count.setText(shown)
        if current is not None:
            self.select(current, emit=False)

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        row: ArticleSummary | None = index.data(ArticleListModel.ArticleRole)
        return row.id if row is not None else None

    def select(self, article_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(article_id)
        if row < 0:
            return False
        self._suspend_emit = not emit
        self.list.setCurrentIndex(self.model.index(row))
        self._suspend_emit = False
        return True

    def step(self, delta: int) -> None:
        """Next (+1) or previous (-1) article in the list (month headings are skipped)."""
        rows = self.model.article_rows()
        if not rows:
            return
        current = self.list.currentIndex().row()
        if current in rows:
            target = rows[max(0, min(len(rows) - 1, rows.index(current) + delta))]
        else:
            target = rows[0] if delta > 0 else rows[-1]
        self.list.setCurrentIndex(self.model.index(target))

    def select_first(self) -> None:
        rows = self.model.article_rows()
        if rows:
            self.list.setCurrentIndex(self.model.index(rows[0]))

    def _current_changed(self, current: QModelIndex, *_: object) -> None:
        if getattr(self, "_suspend_emit", False) or not current.isValid():
            return
        row: ArticleSummary | None = current.data(ArticleListModel.ArticleRole)
        if row is not None:
            self.articleChosen.emit(row.id)

    def stop(self) -> None:
        """No pending search once the window closes."""
        self._timer.stop()
        self._suspend = True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()


class _ArticleList(QListView):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)
