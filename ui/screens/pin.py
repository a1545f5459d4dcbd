"""PIN entry for volunteers and coordinators: a big keypad, dots, a calm message."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Translator
from kiosk.security import PIN_MAX, LockState, PinGate, PinResult
from ui.ops import Operations
from ui.qt_events import listen
from ui.widgets.common import button, label, retext, scroll


class PinScreen(QWidget):
    """The text above the keypad when both fit the height, beside it when they do not
    (large text on a low screen); whatever still does not fit scrolls, and the view
    follows the keyboard focus so every key can be reached."""

    accepted = Signal(object)  # VolunteerInfo
    cancelled = Signal()

    def __init__(
        self,
        translator: Translator,
        gate: Callable[[], PinGate],
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pin")
        self.t, self.gate, self.ops = translator, gate, ops
        self.pin = ""
        self.busy = False
        self.body = QWidget()
        self.body.setObjectName("pin_body")
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.body)
        self.text_column = QVBoxLayout()
        self.title = label(role="title")
        self.subtitle = label()
        # The PIN field: focused when the screen opens, so digits typed on a keyboard go
        # in and Enter checks them.
        self.dots = label(role="title", wrap=False)
        self.dots.setObjectName("pin_field")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.message = label()
        self.message.setObjectName("pin_message")
        # The message's room is kept while it is hidden, so a wrong PIN never moves the
        # keypad under the volunteer's finger.
        keep = self.message.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(keep)
        self.message.setVisible(False)
        self._measure = label(role="warning", parent=self)
        self._measure.setVisible(False)
        for w in (self.title, self.subtitle, self.dots, self.message):
            self.text_column.addWidget(w)
        self.text_column.addStretch(1)
        self.columns.addLayout(self.text_column)
        grid = QGridLayout()
        self.digits: dict[str, QPushButton] = {}
        for i, d in enumerate("123456789"):
            b = button(d, object_name=f"pin_{d}")
            b.clicked.connect(lambda _=False, d=d: self.press(d))
            grid.addWidget(b, i // 3, i % 3)
            self.digits[d] = b
        self.delete = button("", object_name="pin_delete")
        self.delete.clicked.connect(self.backspace)
        zero = button("0", object_name="pin_0")
        zero.clicked.connect(lambda: self.press("0"))
        self.digits["0"] = zero
        self.ok = button("", role="accent", object_name="pin_ok")
        self.ok.clicked.connect(self.submit)
        grid.addWidget(self.delete, 3, 0)
        grid.addWidget(zero, 3, 1)
        grid.addWidget(self.ok, 3, 2)
        for key in (*self.digits.values(), self.delete, self.ok):
            key.setProperty("keypad", True)  # a little less tall at large text (theme)
        self.pad_column = QVBoxLayout()
        self.pad_row = QHBoxLayout()
        self.pad_row.addStretch(1)
        self.pad_row.addLayout(grid, 3)
        self.pad_row.addStretch(1)
        self.pad_column.addLayout(self.pad_row, 1)
        self.cancel = button("", object_name="pin_cancel")
        self.cancel.setProperty("keypad", True)
        self.cancel.clicked.connect(self._cancel)
        self.pad_column.addWidget(self.cancel)
        self.columns.addLayout(self.pad_column, 1)
        self.area = scroll(self.body)
        self.area.setObjectName("pin_scroll")
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from key to key
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.area)
        m = self.columns.contentsMargins()
        self._margins = (m.left(), m.top(), m.right(), m.bottom())
        self.body.installEventFilter(self)
        for b in self.keys():
            b.installEventFilter(self)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def keys(self) -> list[QPushButton]:
        """Every button on the screen: the digits, delete, OK and cancel."""
        return [*self.digits.values(), self.delete, self.ok, self.cancel]

    @property
    def side_by_side(self) -> bool:
        return self.columns.direction() != QBoxLayout.Direction.TopToBottom

    def _stacked_height(self) -> int:
        """The height the text above the keypad needs at the current width."""
        margins = self._margins
        width = max(1, self.area.contentsRect().width() - margins[0] - margins[2])
        text = self.text_column
        text_h = max(
            text.sizeHint().height(),
            text.minimumSize().height(),
            text.heightForWidth(width) if text.hasHeightForWidth() else 0,
        )
        return (
            margins[1]
            + margins[3]
            + max(0, self.columns.spacing())
            + text_h
            + self.pad_column.sizeHint().height()
        )

    def _reserve(self, width: int) -> None:
        """Keep as much height for the message as the usual ones (checking, wrong PIN,
        locked) need at ``width``."""
        t = self.t.t
        self._measure.ensurePolished()
        need = 0
        for text in (
            t("pin.checking"),
            t("pin.wrong", tries=5),
            t("pin.locked", minutes=15),
            t("pin.locked_for_good"),
        ):
            self._measure.setText(text)
            need = max(need, self._measure.heightForWidth(width))
        self.message.setMinimumHeight(need)

    def _arrange(self) -> None:
        margins = self._margins
        full = max(1, self.area.contentsRect().width() - margins[0] - margins[2])
        self._reserve(full // 2 if self.side_by_side else full)
        stacked = self._stacked_height() <= self.area.contentsRect().height()
        direction = (
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
        if self.columns.direction() == direction:
            return
        self.columns.setDirection(direction)
        left, top, right, bottom = self._margins
        if stacked:
            self.columns.setContentsMargins(left, top, right, bottom)
        else:
            self.columns.setContentsMargins(left, 0, right, 0)
        self.columns.setStretch(0, 0 if stacked else 1)
        self.columns.setAlignment(
            self.pad_column, Qt.AlignmentFlag(0) if stacked else Qt.AlignmentFlag.AlignTop
        )
        # Beside the text the keys take the column's whole width, so long labels fit.
        self.pad_row.setStretch(0, 1 if stacked else 0)
        self.pad_row.setStretch(2, 1 if stacked else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.body and event.type() == QEvent.Type.LayoutRequest:
            self._arrange()
        elif event.type() == QEvent.Type.FocusIn and isinstance(watched, QPushButton):
            self.area.ensureWidgetVisible(watched, 0, 0)
        elif (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and (watched is self.delete or watched in self.digits.values())
        ):
            # Enter means "check my PIN" wherever the focus is on the keypad; it never
            # types the focused digit by accident.
            self.submit()
            return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._arrange()
        self.dots.setFocus(Qt.FocusReason.OtherFocusReason)
        # Locked already? Say for how long before anyone types (a database that cannot
        # open is explained when a PIN is entered).
        self.ops.run(lambda: self.gate().state(), self._lock_known, lambda _exc: None)

    def _lock_known(self, state: LockState) -> None:
        if not self.busy and state.locked:
            self._say_lock(state.for_good, state.until)

    def _say_lock(self, for_good: bool, until: datetime | None) -> None:
        if for_good or until is None:
            self._say(self.t.t("pin.locked_for_good"), "error")
            return
        secs = (until - self.gate().db.clock.now()).total_seconds()
        self._say(self.t.t("pin.locked", minutes=max(1, math.ceil(secs / 60))), "error")

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("pin.title"))
        self.subtitle.setText(t("pin.subtitle"))
        self._arrange()
        for d, b in self.digits.items():
            b.setAccessibleName(d)
            b.setAccessibleDescription(t("pin.digit_desc", digit=d))
        retext(self.delete, t("pin.delete"), t("pin.delete_desc"))
        retext(self.ok, t("pin.ok"), t("pin.ok_desc"))
        retext(self.cancel, t("pin.cancel"), t("pin.cancel_desc"))
        self._show_dots()

    def _show_dots(self) -> None:
        self.dots.setText("●" * len(self.pin) + "○" * max(0, 4 - len(self.pin)))
        self.dots.setAccessibleName(self.t.t("pin.entered", count=len(self.pin)))
        self.dots.setAccessibleDescription(self.t.t("pin.field_desc"))

    def press(self, digit: str) -> None:
        if self.busy or len(self.pin) >= PIN_MAX:
            return
        self.pin += digit
        self._show_dots()

    def backspace(self) -> None:
        self.pin = self.pin[:-1]
        self._show_dots()

    def submit(self) -> None:
        if self.busy or not self.pin:
            return
        self.busy = True
        pin, self.pin = self.pin, ""
        self._show_dots()
        self._say(self.t.t("pin.checking"), "")
        self.ops.run(lambda: self.gate().check(pin), self._checked, self._failed)

    def _checked(self, result: PinResult) -> None:
        self.busy = False
        if result.ok:
            self.message.setVisible(False)
            self.accepted.emit(result.volunteer)
            return
        if result.locked:
            self._say_lock(result.locked_for_good, result.locked_until)
        else:
            self._say(self.t.t("pin.wrong", tries=result.tries_left), "warning")

    def _failed(self, exc: Exception) -> None:
        # Most likely the database could not be opened (a PostgreSQL server that is down,
        # a wrong storage.database_url): say so plainly; the guides keep working.
        self.busy = False
        self._say(self.t.t("pin.db_error", error=str(exc).splitlines()[0][:200]), "error")

    def _say(self, text: str, role: str) -> None:
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(True)

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def reset(self) -> None:
        self.pin = ""
        self.message.setVisible(False)
        self._show_dots()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if text.isdigit():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pin:
            self.submit()
        else:
            super().keyPressEvent(event)
