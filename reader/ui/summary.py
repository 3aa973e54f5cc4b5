"""The summary strip above the article: source balance at a glance, claims, flags, headline checks."""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from reader.core.analysis.model import Analysis, HeadlineCheck
from reader.ui.article_view import _ui_language
from reader.ui.theme import Theme, side_group, side_name

GROUP_ORDER = ("AZ", "AM", "3P", "IND", "?")


class BalanceBar(QWidget):
    """One segment per statement, coloured by the speaker's side group."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.groups: list[str] = []
        self.setAccessibleName(self.tr("Source balance"))

    def set_groups(self, groups: list[str]) -> None:
        self.groups = sorted(groups, key=GROUP_ORDER.index)
        self.setFixedWidth(max(8, min(14 * len(self.groups), 160)))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(max(8, 14 * len(self.groups)), 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.groups:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width() / len(self.groups)
        y = self.height() / 2 - 4
        for i, g in enumerate(self.groups):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(self.theme.sides[g].bar))
            p.drawRoundedRect(QRectF(i * w + 1, y, max(2.0, w - 2), 8), 2, 2)
        p.end()


class SummaryStrip(QWidget):
    """Statements and balance bar, legend, unattributed claims, wording flags, headline checks.

    ``showDismissed`` asks the window to list the dismissed cards (the "N dismissed — show"
    button appears only when the user has dismissed something in this article).
    """

    showDismissed = Signal(QWidget)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SummaryStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme = theme
        self.lang = "en"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.setSpacing(12)
        self.statements = QLabel()
        self.bar = BalanceBar(theme)
        self.legend = QLabel()
        self.unattributed = QLabel()
        self.flags = QLabel()
        self.headline = QLabel()
        self.headline.setObjectName("HeadlinePill")
        self.headline.setWordWrap(False)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.headline.setMinimumWidth(120)
        self.dismissed = QToolButton()
        self.dismissed.setObjectName("DismissedButton")
        self.dismissed.setAutoRaise(True)
        self.dismissed.setCursor(Qt.CursorShape.PointingHandCursor)
        self.dismissed.clicked.connect(lambda: self.showDismissed.emit(self.dismissed))
        self.dismissed.hide()
        for w in (self.statements, self.bar, self.legend, self.unattributed, self.flags, self.dismissed):
            layout.addWidget(w)
        layout.addStretch(0)  # takes the room when there is no headline pill
        layout.addWidget(self.headline, 1, Qt.AlignmentFlag.AlignRight)
        self.setFixedHeight(40)
        self.set_analysis(None)

    def set_analysis(self, analysis: Analysis | None, dismissed: int = 0) -> None:
        t = self.theme
        if analysis is None:
            for w in (self.statements, self.legend, self.unattributed, self.flags, self.headline):
                w.setText("")
            self.dismissed.hide()
            self.headline.hide()
            self.bar.set_groups([])
            return
        groups = [side_group(a.speaker.side) for a in analysis.attributions]
        self.bar.set_groups(groups)
        n = len(analysis.attributions)
        self.statements.setText(f"<b>{n}</b> " + (self.tr("statement") if n == 1 else self.tr("statements")))
        self.statements.setToolTip("")
        if analysis.analysed_chars is not None:  # a very long text: only its beginning was analysed
            self.statements.setText(self.statements.text() + " " + self.tr("(beginning only)"))
            self.statements.setToolTip(
                self.tr("Only the first {done} of {total} characters were analysed.")
                .replace("{done}", f"{analysis.analysed_chars:,}").replace("{total}", f"{len(analysis.text):,}"))
        sides = Counter(a.speaker.side for a in analysis.attributions)
        self.lang = _ui_language()
        bits = []
        for group in GROUP_ORDER:
            members = [(s, c) for s, c in sides.items() if side_group(s) == group]
            count = sum(c for _, c in members)
            if group in ("AZ", "AM") or count:
                style = t.sides[group]
                name = side_name(members[0][0], self.lang) if len(members) == 1 else {
                    "AZ": side_name("AZ", self.lang), "AM": side_name("AM", self.lang),
                    "3P": self.tr("third party"), "IND": self.tr("independent"),
                    "?": self.tr("unidentified"),
                }[group]
                bits.append(f'<span style="color:{style.bar}">■</span> {count} {html.escape(name)}')
        self.legend.setText("&nbsp;&nbsp;".join(bits))
        self.legend.setToolTip(analysis.balance.summary)
        u = len(analysis.unattributed)
        self.unattributed.setText(f'<span style="color:{t.unattributed}">┄</span> <b>{u}</b> '
                                  + (self.tr("unattributed claim") if u == 1 else self.tr("unattributed claims")))
        f = len(analysis.flags)
        self.flags.setText(f'<span style="color:{t.wording_accent}">⚑</span> <b>{f}</b> '
                           + (self.tr("wording flag") if f == 1 else self.tr("wording flags")))
        self.dismissed.setText(self.tr("%n dismissed — show", "", dismissed))
        self.dismissed.setAccessibleName(self.tr("Show and restore the cards you dismissed"))
        self.dismissed.setVisible(dismissed > 0)
        if analysis.headline:
            first = analysis.headline[0]
            more = f" (+{len(analysis.headline) - 1})" if len(analysis.headline) > 1 else ""
            self._headline_text = f"⚠ {self.headline_message(first)}{more}"
            self._elide_headline()
            self.headline.setToolTip("\n".join(self.headline_message(h) for h in analysis.headline))
            self.headline.setStyleSheet(
                f"#HeadlinePill {{ background: {t.amber_tint}; color: {t.amber_text};"
                f" border-radius: 10px; padding: 2px 10px; }}")
            self.headline.show()
        else:
            self.headline.hide()

    def headline_message(self, check: HeadlineCheck) -> str:
        """The check in the UI's language (the engine writes it in the article's)."""
        if check.rule == "headline.spelling" and check.detail:
            return self.tr("The headline spells “{word}”, the body “{known}”.").replace(
                "{word}", check.text).replace("{known}", check.detail)
        if check.rule == "headline.entity_missing" and check.detail:
            return self.tr("The headline names “{name}”, which the body never mentions: "
                           "possibly a mistranslation or an editing error.").replace("{name}", check.detail)
        if check.rule == "headline.figure_missing":
            return self.tr("The figure {num} in the headline does not appear in the body.").replace(
                "{num}", check.text)
        return check.message

    def _elide_headline(self) -> None:
        text = getattr(self, "_headline_text", "")
        available = self.width() - sum(w.sizeHint().width() + 12 for w in
                                       (self.statements, self.bar, self.legend, self.unattributed, self.flags)) - 40
        if self.dismissed.isVisibleTo(self):
            available -= self.dismissed.sizeHint().width() + 12
        width = max(60, available - 24)
        self.headline.setText(self.headline.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))
        self.headline.setMaximumWidth(max(60, available))

    def resizeEvent(self, event: object) -> None:
        self._elide_headline()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.bar.theme = theme
