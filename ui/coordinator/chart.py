"""A plain horizontal bar chart drawn with QPainter: one bar per row, with its number
printed beside it, and the same numbers given to screen readers as text."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bar_chart")
        self.rows: list[tuple[str, int]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_rows(self, rows: list[tuple[str, int]], title: str, description: str) -> None:
        self.rows = rows
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 2.2)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, max(1, len(self.rows)) * self._row_height() + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        bar = pal.color(QPalette.ColorRole.Highlight)
        fm = self.fontMetrics()
        h = self._row_height()
        label_w = min(
            self.width() * 0.42, max([fm.horizontalAdvance(n) for n, _ in self.rows] or [0]) + 12
        )
        number_w = fm.horizontalAdvance("000000") + 8
        biggest = max([v for _, v in self.rows] or [1]) or 1
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for i, (name, value) in enumerate(self.rows):
            y = i * h + 4
            avail = max(1.0, self.width() - label_w - number_w - 8)
            length = max(2.0, avail * value / biggest)
            p.setPen(text)
            if rtl:
                label_rect = QRectF(self.width() - label_w, y, label_w - 6, h)
                bar_rect = QRectF(self.width() - label_w - length - 4, y + h * 0.2, length, h * 0.6)
                num_rect = QRectF(bar_rect.left() - number_w, y, number_w - 4, h)
                align_label = Qt.AlignmentFlag.AlignRight
                align_num = Qt.AlignmentFlag.AlignRight
            else:
                label_rect = QRectF(0, y, label_w - 6, h)
                bar_rect = QRectF(label_w + 4, y + h * 0.2, length, h * 0.6)
                num_rect = QRectF(bar_rect.right() + 6, y, number_w, h)
                align_label = Qt.AlignmentFlag.AlignLeft
                align_num = Qt.AlignmentFlag.AlignLeft
            elided = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(label_rect.width()))
            p.drawText(label_rect, align_label | Qt.AlignmentFlag.AlignVCenter, elided)
            p.fillRect(bar_rect, bar)
            p.drawText(num_rect, align_num | Qt.AlignmentFlag.AlignVCenter, str(value))
        p.end()
