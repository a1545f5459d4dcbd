"""One volunteer's desk: who is there now, and the actions on them, one tap each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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
    """``call_next`` while someone is still at the desk first asks what to do with them:
    ``finish_then_call`` or ``hold_then_call`` (with that person's visit id)."""

    # action, visit id (0 for call_next), target desk (transfer, resume) or 0
    requested = Signal(str, int, int)
    change_desk = Signal()  # the volunteer wants to choose another desk

    def __init__(self, translator: Translator, desks: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = translator
        self.desk: int | None = None
        self.view: DeskView | None = None  # the person the buttons act on
        self.main: DeskView | None = None  # the desk as read, with anyone else there
        self.desks = desks
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        lay.addWidget(self.title)
        # Who is at the desk and how far along, on one row: the number for the volunteer
        # (the call screen shows it large for the public), the state beside it.
        head = QHBoxLayout()
        self.current = label(role="desk_ticket", wrap=False)
        self.current.setObjectName("desk_current")
        self.state = label()
        head.addWidget(self.current)
        head.addWidget(self.state, 1)
        lay.addLayout(head)
        self.wide = False
        # Anyone else still at this desk: named, one tap shows them and their buttons.
        self.also_label = label()
        self.also_label.setObjectName("desk_also")
        lay.addWidget(self.also_label)
        self.also_row = QVBoxLayout()
        lay.addLayout(self.also_row)
        self.also_buttons: list[QPushButton] = []
        self.chosen: int | None = None
        # The question when Call next is tapped with someone still here.
        self.ask_box = QFrame()
        self.ask_box.setObjectName("desk_ask")
        self.ask_box.setProperty("role", "card")
        ask = QVBoxLayout(self.ask_box)
        self.ask_text = label(role="title")
        self.ask_text.setObjectName("desk_ask_text")
        ask.addWidget(self.ask_text)
        self.ask_finish = WrapButton(role="accent")
        self.ask_finish.setObjectName("desk_ask_finish")
        self.ask_hold = WrapButton()
        self.ask_hold.setObjectName("desk_ask_hold")
        self.ask_back = button("", object_name="desk_ask_back")
        self.ask_finish.clicked.connect(lambda: self._answer("finish_then_call"))
        self.ask_hold.clicked.connect(lambda: self._answer("hold_then_call"))
        self.ask_back.clicked.connect(self._close_question)
        for answer in (self.ask_finish, self.ask_hold, self.ask_back):
            ask.addWidget(answer)
        self.ask_box.setVisible(False)
        self.asking: int | None = None
        lay.addWidget(self.ask_box)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key in ACTIONS:
            if key == "call_next":
                b: QPushButton = accent_button("desk_call_next")
            else:
                b = WrapButton()
                b.setObjectName(f"desk_{key}")
            b.clicked.connect(lambda _=False, k=key: self._pressed(k))
            self.buttons[key] = b
        # Across the whole console the desk's choice gives way once made; this brings it
        # back (in the last cell of the actions).
        self.change = WrapButton()
        self.change.setObjectName("desk_change")
        self.change.clicked.connect(self.change_desk.emit)
        self.change.setVisible(False)
        self.grid = grid
        self._place_buttons()
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

    def set_wide(self, wide: bool) -> None:
        """Across the whole console (large text): the actions four a row, and no heading
        once a desk is chosen (the part's button names the desk)."""
        if wide == self.wide:
            return
        self.wide = wide
        self._place_buttons()
        self._show_wide()

    def _show_wide(self) -> None:
        chosen = self.wide and self.desk is not None
        self.title.setVisible(not chosen)
        self.change.setVisible(chosen)

    def _place_buttons(self) -> None:
        cols = 4 if self.wide else 3
        for i, b in enumerate([*self.buttons.values(), self.change]):
            self.grid.removeWidget(b)
            self.grid.addWidget(b, i // cols, i % cols)

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(
            t("queue.desk_title", desk=self.desk) if self.desk else t("queue.desk_pick_first")
        )
        retext(self.change, t("queue.change_desk"), t("queue.change_desk_desc"))
        self._show_wide()
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
        self.chosen = None
        self._close_question()
        self.retranslate()

    def here(self) -> list[DeskView]:
        """Everyone at the desk: the latest called first."""
        v = self.main
        if v is None or v.visit_id is None:
            return []
        return [v, *v.others]

    def show_state(
        self, view: DeskView | None, held: list[tuple[int, str]], missed: list[tuple[int, str]]
    ) -> None:
        self.main = view
        here = self.here()
        chosen = [v for v in here if v.visit_id == self.chosen]
        self.view = chosen[0] if chosen else (here[0] if here else view)
        if self.asking is not None and self.asking not in [v.visit_id for v in here]:
            self._close_question()  # that person left the desk meanwhile
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
        self._show_also()
        self._ask_texts()

    def _show_also(self) -> None:
        t = self.t.t
        for b in self.also_buttons:
            b.setParent(None)
            b.deleteLater()
        self.also_buttons = []
        current = self.view.visit_id if self.view else None
        also = [v for v in self.here() if v.visit_id != current]
        self.also_label.setText(t("queue.also_at_desk"))
        self.also_label.setVisible(bool(also))
        for v in also:
            state = t(f"queue.state_{v.state}")
            b = button(
                t("queue.also_person", ticket=v.ticket, state=state),
                t("queue.also_person_desc", ticket=v.ticket),
                object_name=f"desk_show_{v.ticket}",
            )
            b.clicked.connect(lambda _=False, vid=v.visit_id: self._choose(vid))
            self.also_row.addWidget(b)
            self.also_buttons.append(b)

    def _choose(self, visit_id: int | None) -> None:
        self.chosen = visit_id
        self._close_question()
        self.show_state(self.main, self._held, self._missed)

    # -- the question before calling the next person --------------------------------------
    def _ask_texts(self) -> None:
        t = self.t.t
        ticket = next((v.ticket for v in self.here() if v.visit_id == self.asking), "")
        self.ask_text.setText(t("queue.ask_busy", ticket=ticket))
        retext(
            self.ask_finish,
            t("queue.ask_finish", ticket=ticket),
            t("queue.ask_finish_desc", ticket=ticket),
        )
        retext(
            self.ask_hold,
            t("queue.ask_hold", ticket=ticket),
            t("queue.ask_hold_desc", ticket=ticket),
        )
        retext(self.ask_back, t("queue.ask_back"), t("queue.ask_back_desc", ticket=ticket))

    def ask_about(self, visit_id: int) -> None:
        """Ask what to do with ``visit_id`` (still at the desk) before calling the next."""
        self.asking = visit_id
        self._ask_texts()
        self.ask_box.setVisible(True)
        for b in self.buttons.values():
            b.setVisible(False)
        self.ask_finish.setFocus()

    def _close_question(self) -> None:
        self.asking = None
        self.ask_box.setVisible(False)
        for b in self.buttons.values():
            b.setVisible(True)

    def _answer(self, action: str) -> None:
        vid = self.asking
        self._close_question()
        if vid is not None:
            self.requested.emit(action, vid, self.desk or 0)

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
        if key == "call_next" and vid:
            # Someone is still here: calling the next person must not hide them.
            self.ask_about(vid)
            return
        if key == "transfer":
            self.transfer_box.setVisible(not self.transfer_box.isVisible())
            return
        self.requested.emit(key, vid, self.desk or 0)

    def _transfer(self, desk: int) -> None:
        self.transfer_box.setVisible(False)
        if self.view and self.view.visit_id:
            self.requested.emit("transfer", self.view.visit_id, desk)
