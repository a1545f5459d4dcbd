"""One volunteer's desk: who is there now, and the actions on them, one tap each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from kiosk.queue import DeskView
from ui.qt_events import listen
from ui.queue.pictograms import accent_button
from ui.widgets.common import WrapButton, button, label, name, retext

# action key -> states of the ticket at the desk in which the button works
ACTIONS = {
    "call_next": None,
    "recall": {"called"},
    "start": {"called"},
    "hold": {"called", "serving"},
    "transfer": {"called", "serving"},
    "no_show": {"called"},
    "finish": {"called", "serving"},
}


class DeskPanel(QWidget):
    # action, visit id (0 for call_next), target desk (transfer, resume) or 0
    requested = Signal(str, int, int)

    def __init__(self, translator: Translator, desks: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = translator
        self.desk: int | None = None
        self.view: DeskView | None = None
        self.desks = desks
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        self.current = label(role="ticket")
        self.current.setObjectName("desk_current")
        self.state = label()
        for w in (self.title, self.current, self.state):
            lay.addWidget(w)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(ACTIONS):
            if key == "call_next":
                b: QPushButton = accent_button("desk_call_next")
            else:
                b = WrapButton()
                b.setObjectName(f"desk_{key}")
            b.clicked.connect(lambda _=False, k=key: self._pressed(k))
            self.buttons[key] = b
            grid.addWidget(b, i // 3, i % 3)
        lay.addLayout(grid)
        self.transfer_row = QHBoxLayout()
        self.transfer_label = label()
        self.transfer_buttons: dict[int, QPushButton] = {}
        self.transfer_row.addWidget(self.transfer_label)
        for d in range(1, desks + 1):
            b = button("", object_name=f"transfer_to_{d}")
            b.clicked.connect(lambda _=False, d=d: self._transfer(d))
            self.transfer_buttons[d] = b
            self.transfer_row.addWidget(b)
        self.transfer_box = QWidget()
        self.transfer_box.setLayout(self.transfer_row)
        self.transfer_box.setVisible(False)
        lay.addWidget(self.transfer_box)
        self.others_label = label()
        lay.addWidget(self.others_label)
        self.others = QVBoxLayout()
        lay.addLayout(self.others)
        self.other_buttons: list[QPushButton] = []
        lay.addStretch(1)
        self._held: list[tuple[int, str]] = []
        self._missed: list[tuple[int, str]] = []
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(
            t("queue.desk_title", desk=self.desk) if self.desk else t("queue.desk_pick_first")
        )
        for key, b in self.buttons.items():
            retext(b, t(f"queue.do_{key}"), t(f"queue.do_{key}_desc"))
        self.transfer_label.setText(t("queue.transfer_to"))
        for d, b in self.transfer_buttons.items():
            retext(b, t("queue.desk_n", desk=d), t("queue.transfer_desc", desk=d))
        self.others_label.setText(t("queue.held_and_missed"))
        self._show_view()
        self._show_others()

    def set_desk(self, desk: int | None) -> None:
        self.desk = desk
        self.transfer_box.setVisible(False)
        self.retranslate()

    def show_state(
        self, view: DeskView | None, held: list[tuple[int, str]], missed: list[tuple[int, str]]
    ) -> None:
        self.view = view
        self._held, self._missed = held, missed
        self.transfer_box.setVisible(False)
        self._show_view()
        self._show_others()

    def _show_view(self) -> None:
        t = self.t.t
        v = self.view if self.view is not None and self.view.visit_id is not None else None
        self.current.setText((v.ticket or "") if v is not None else "—")
        text = t(f"queue.state_{v.state}") if v is not None else t("queue.desk_free")
        self.state.setText(text)
        name(self.current, (v.ticket or "") if v is not None else t("queue.desk_free"), text)
        for key, states in ACTIONS.items():
            ok = self.desk is not None and (states is None or (v is not None and v.state in states))
            self.buttons[key].setEnabled(ok)
        for d, b in self.transfer_buttons.items():
            b.setVisible(d != self.desk)

    def _show_others(self) -> None:
        t = self.t.t
        for b in self.other_buttons:
            b.setParent(None)
            b.deleteLater()
        self.other_buttons = []
        items = [("resume", vid, tk) for vid, tk in self._held] + [
            ("rejoin", vid, tk) for vid, tk in self._missed
        ]
        for action, vid, ticket in items:
            b = button(
                t(f"queue.do_{action}", ticket=ticket),
                t(f"queue.do_{action}_desc", ticket=ticket),
                object_name=f"desk_{action}_{ticket}",
            )
            b.setEnabled(self.desk is not None or action == "rejoin")
            b.clicked.connect(
                lambda _=False, a=action, v=vid: self.requested.emit(a, v, self.desk or 0)
            )
            self.others.addWidget(b)
            self.other_buttons.append(b)
        self.others_label.setVisible(bool(items))

    def _pressed(self, key: str) -> None:
        vid = self.view.visit_id if self.view and self.view.visit_id else 0
        if key == "transfer":
            self.transfer_box.setVisible(not self.transfer_box.isVisible())
            return
        self.requested.emit(key, vid, self.desk or 0)

    def _transfer(self, desk: int) -> None:
        self.transfer_box.setVisible(False)
        if self.view and self.view.visit_id:
            self.requested.emit("transfer", self.view.visit_id, desk)
