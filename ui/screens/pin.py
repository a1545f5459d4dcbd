"""PIN entry for volunteers and coordinators: a big keypad, dots, a calm message."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from kiosk.security import PIN_MAX, PinGate, PinResult
from ui.ops import Operations
from ui.widgets.common import button, label, retext


class PinScreen(QWidget):
    accepted = Signal(object)   # VolunteerInfo
    cancelled = Signal()

    def __init__(self, translator: Translator, gate: Callable[[], PinGate], ops: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pin")
        self.t, self.gate, self.ops = translator, gate, ops
        self.pin = ""
        self.busy = False
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        self.subtitle = label()
        self.dots = label(role="title", wrap=False)
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = label()
        self.message.setVisible(False)
        for w in (self.title, self.subtitle, self.dots, self.message):
            lay.addWidget(w)
        grid = QGridLayout()
        self.digits = {}
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
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(grid, 3)
        row.addStretch(1)
        lay.addLayout(row, 1)
        self.cancel = button("", object_name="pin_cancel")
        self.cancel.clicked.connect(self._cancel)
        lay.addWidget(self.cancel)
        translator.subscribe(lambda _l: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("pin.title"))
        self.subtitle.setText(t("pin.subtitle"))
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
        if result.locked_until is not None:
            secs = (result.locked_until - self.gate().db.clock.now()).total_seconds()
            self._say(self.t.t("pin.locked", minutes=max(1, math.ceil(secs / 60))), "error")
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


