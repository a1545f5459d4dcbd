"""Finishing a visit: what was achieved (a checklist) and an optional note."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from kiosk.queue import OUTCOMES
from ui.qt_events import listen
from ui.widgets.common import button, label, name, retext


class FinishPanel(QWidget):
    confirmed = Signal(int, list, str)  # visit id, outcomes, note
    cancelled = Signal()

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = translator
        self.visit_id = 0
        self.ticket = ""
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        lay.addWidget(self.title)
        self.boxes: dict[str, QCheckBox] = {}
        for key in OUTCOMES:
            box = QCheckBox()
            box.setObjectName(f"outcome_{key}")
            self.boxes[key] = box
            lay.addWidget(box)
        # Shown once a slip printer part is plugged in (see ``offer_slip``).
        self.slip = QCheckBox()
        self.slip.setObjectName("finish_print_slip")
        self.slip.setChecked(True)
        self.slip.hide()
        self.note = QLineEdit()
        self.note.setObjectName("finish_note")
        self.note.setMaxLength(500)
        lay.addWidget(self.note)
        lay.addWidget(self.slip)
        row = QHBoxLayout()
        self.ok = button("", role="accent", object_name="finish_ok")
        self.back = button("", object_name="finish_back")
        self.ok.clicked.connect(self._confirm)
        self.back.clicked.connect(self.cancelled)
        row.addWidget(self.back)
        row.addWidget(self.ok)
        lay.addLayout(row)
        lay.addStretch(1)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("queue.finish_title", ticket=self.ticket))
        for key, box in self.boxes.items():
            box.setText(t(f"queue.outcome_{key}"))
            name(box, t(f"queue.outcome_{key}"), t("queue.outcome_desc"))
        self.note.setPlaceholderText(t("queue.note"))
        name(self.note, t("queue.note"), t("queue.note_desc"))
        self.slip.setText(t("queue.finish_slip"))
        name(self.slip, t("queue.finish_slip"), t("queue.finish_slip_desc"))
        retext(self.ok, t("queue.finish_ok"), t("queue.finish_ok_desc"))
        retext(self.back, t("queue.back"), t("queue.back_desc"))

    def ask(self, visit_id: int, ticket: str) -> None:
        self.visit_id, self.ticket = visit_id, ticket
        for box in self.boxes.values():
            box.setChecked(False)
        self.note.clear()
        self.slip.setChecked(True)
        self.retranslate()
        self.boxes[OUTCOMES[0]].setFocus()

    def offer_slip(self) -> None:
        """Show "Print the follow-up slip" (ticked by default)."""
        self.slip.show()

    @property
    def slip_wanted(self) -> bool:
        return self.slip.isVisibleTo(self) and self.slip.isChecked()

    def _confirm(self) -> None:
        chosen = [k for k, b in self.boxes.items() if b.isChecked()]
        self.confirmed.emit(self.visit_id, chosen, self.note.text().strip())
