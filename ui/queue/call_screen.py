"""The call screen, for a second monitor or the kiosk's own screen in display mode: one
column per desk with the number now called there, the newest call highlighted, the next
few numbers and the wait for a new number. Sizes are physical, for reading from 5 m."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from kiosk.queue import Board, Change
from kiosk.theme import cap_mm_to_font_px, palette
from ui.qt_events import listen
from ui.queue.controller import QueueController
from ui.widgets.common import button, label, name, retext

# Capital height for reading at 5 m: about 0.7 degrees of view is 61 mm; numbers bigger.
NUMBER_CAP_MM = 70.0
TEXT_CAP_MM = 25.0
FIT_SPARE_PX = 48


def font_sizes(dpi: float, width: int, height: int, desks: int) -> tuple[int, int]:
    """(number px, text px): the physical sizes, shrunk only when the screen is too small
    to hold them (four characters per desk column)."""
    column = width / max(1, desks)
    number = min(cap_mm_to_font_px(NUMBER_CAP_MM, dpi), int(column / 2.9), int(height / 3.2))
    # Title, desk names, the next numbers and the wait: room for all on a 768 px screen.
    text = min(cap_mm_to_font_px(TEXT_CAP_MM, dpi), int(column / 8), int(height / 13))
    return max(24, number), max(16, text)


class DeskColumn(QFrame):
    def __init__(self, desk: int) -> None:
        super().__init__()
        self.desk = desk
        self.setObjectName(f"call_desk_{desk}")
        lay = QVBoxLayout(self)
        self.head = label(wrap=False)
        self.number = QLabel("—")
        self.number.setObjectName(f"call_number_{desk}")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The font follows the screen's size, never the other way round.
        self.number.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        lay.addWidget(self.head)
        lay.addWidget(self.number, 1)
        self.highlighted = False


class CallScreen(QWidget):
    exit_requested = Signal()

    def __init__(
        self,
        translator: Translator,
        controller: QueueController,
        dpi: Callable[[], float],
        high_contrast: Callable[[], bool] = lambda: False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queue_call_screen")
        self.t, self.ctl, self.dpi, self.high_contrast = translator, controller, dpi, high_contrast
        self.board: Board | None = None
        outer = QVBoxLayout(self)
        self.title = label(wrap=False)
        outer.addWidget(self.title)
        row = QHBoxLayout()
        self.columns = [DeskColumn(d) for d in range(1, controller.desks + 1)]
        for c in self.columns:
            row.addWidget(c, 1)
        outer.addLayout(row, 1)
        self.next_line = label()
        self.next_line.setObjectName("call_next")
        self.estimate = label()
        self.estimate.setObjectName("call_estimate")
        outer.addWidget(self.next_line)
        outer.addWidget(self.estimate)
        self.exit = button("", object_name="call_exit")
        self.exit.clicked.connect(self.exit_requested)
        outer.addWidget(self.exit)
        controller.changed.connect(self._changed)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def _changed(self, _change: Change) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.ctl.run(self.ctl.service.board, self.show_board, undoable=False)

    def show_board(self, board: Board) -> None:
        self.board = board
        self.retranslate()

    def retranslate(self) -> None:
        t, b = self.t.t, self.board
        self.title.setText(t("queue.call_title"))
        retext(self.exit, t("queue.call_exit"), t("queue.call_exit_desc"))
        newest = b.newest_call if b else None
        for c in self.columns:
            view = b.desks[c.desk - 1] if b and c.desk <= len(b.desks) else None
            ticket = view.ticket if view and view.ticket else "—"
            c.head.setText(t("queue.desk_n", desk=c.desk))
            c.number.setText(ticket)
            c.highlighted = bool(newest and newest == (ticket, c.desk))
            name(c.number, t("queue.call_column", desk=c.desk, ticket=ticket))
        if b:
            nxt = " ".join(b.next_waiting) or t("queue.line_empty")
            self.next_line.setText(t("queue.call_next_line", tickets=nxt))
            self.estimate.setText(t("queue.estimate_new", range=b.estimate.text(t)))
        self._style()

    def _style(self) -> None:
        num, text = font_sizes(
            self.dpi(), max(self.width(), 400), max(self.height(), 300), len(self.columns)
        )
        # Longer words (Arabic, a long estimate) shrink the text until the screen holds it
        # all: the window never grows past the display to make room.
        for _ in range(8):
            self._apply(num, text)
            # A little room to spare: wrapped lines settle once the screen is laid out.
            if self.height() < 300 or self._needed_height() + FIT_SPARE_PX <= self.height():
                break
            num, text = max(24, num * 9 // 10), max(16, text * 17 // 20)
        self._sizes = (num, text)

    def _needed_height(self) -> int:
        lay = self.layout()
        if lay is None:
            return 0
        lay.invalidate()
        need = max(lay.totalMinimumSize().height(), self.minimumSizeHint().height())
        if lay.hasHeightForWidth():
            need = max(need, lay.totalHeightForWidth(self.width()))
        return need

    def _apply(self, num: int, text: int) -> None:
        p = palette(self.high_contrast())
        for w in (self.title, self.next_line, self.estimate):
            w.setStyleSheet(f"font-size: {text}px; font-weight: bold;")
        for c in self.columns:
            bg, fg = (p.accent, p.accent_text) if c.highlighted else (p.surface, p.surface_text)
            c.setStyleSheet(
                f"QFrame#{c.objectName()} {{ background: {bg}; "
                f"border: 4px solid {p.window_text}; border-radius: 12px; }}"
            )
            c.head.setStyleSheet(f"font-size: {text}px; color: {fg}; font-weight: bold;")
            c.number.setStyleSheet(f"font-size: {num}px; color: {fg}; font-weight: bold;")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._style()

    def number_px(self) -> int:
        return (
            getattr(self, "_sizes", (0, 0))[0]
            or font_sizes(
                self.dpi(), max(self.width(), 400), max(self.height(), 300), len(self.columns)
            )[0]
        )
