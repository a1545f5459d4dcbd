"""The volunteer's queue console: add a walk-in, see the line, run one's desk.

Left: adding a walk-in. Middle: the waiting line (in calling order, with each person's
wait and a priority marker) and the follow-up code box (typed, or a USB scanner typing
the code and Enter). Right: the volunteer's desk, chosen once per session.

At large text (or on a small screen) three columns leave each too narrow for its words:
the parts then take the whole width one at a time, chosen by a row of three buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontInfo, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Translator
from kiosk.queue import HANOI, Change, ConsoleView
from kiosk.queue.states import AT_DESK
from ui.qt_events import listen
from ui.queue.controller import QueueController
from ui.queue.desk import DeskPanel
from ui.queue.finish import FinishPanel
from ui.queue.walk_in import WalkInPanel
from ui.widgets.choices import ChoiceGroup
from ui.widgets.common import KeepsWords, button, label, name, retext, scroll

if TYPE_CHECKING:
    from kiosk.queue.service import QueueService


# Side by side the console needs room for about this many letters of its text across
# (the walk-in column gets three tenths of it); narrower, the parts come one at a time.
SIDE_BY_SIDE_EM = 48
WALK_IN, LINE, DESK = 0, 1, 2


class QueueConsole(KeepsWords):
    visit_finished = Signal(int, bool)  # visit id, whether the volunteer wants the slip

    def __init__(
        self,
        translator: Translator,
        controller: QueueController,
        services: list[str],
        volunteer: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queue_console")
        self.t, self.ctl, self.volunteer = translator, controller, volunteer
        self.service: QueueService = controller.service
        self.desk: int | None = None
        self.history_visit = 0
        self.waiting: int | None = None  # people in the line, once read
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = label(role="title", wrap=False)
        top.addWidget(self.title)
        self.message = label()
        self.message.setObjectName("queue_message")
        self.message.setVisible(False)  # shown with something to say
        top.addWidget(self.message, 1)
        self.undo = button("", role="accent", object_name="queue_undo")
        self.undo.clicked.connect(lambda: self.ctl.undo(self.volunteer()))
        self.undo.setVisible(False)
        top.addWidget(self.undo)
        self.top = top
        # The volunteer's desk: top right beside the columns, above the desk part when
        # the parts come one at a time.
        self.desk_row = QWidget()
        desk_row = QHBoxLayout(self.desk_row)
        desk_row.setContentsMargins(0, 0, 0, 0)
        self.desk_label = label(wrap=False)
        desk_row.addWidget(self.desk_label)
        self.desk_group = ChoiceGroup(self)
        self.desk_buttons: dict[int, QPushButton] = {}
        for d in range(1, self.ctl.desks + 1):
            b = button("", object_name=f"my_desk_{d}")
            b.setProperty("compact", True)  # as tall as its words, never under 16 mm
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, d=d: self.pick_desk(d))
            self.desk_group.addButton(b)
            self.desk_buttons[d] = b
            desk_row.addWidget(b)
        desk_row.addStretch(1)
        top.insertStretch(1, 0)  # the desk stays at the end when there is no message
        top.addWidget(self.desk_row)
        outer.addLayout(top)
        self.banners = QVBoxLayout()
        outer.addLayout(self.banners)
        # The parts, one at a time (shown only when the columns do not fit side by side).
        self.part_bar = QWidget()
        bar = QHBoxLayout(self.part_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.part_group = ChoiceGroup(self)
        self.part_buttons: list[QPushButton] = []
        for i, key in enumerate(("walk_in", "line", "desk")):
            b = button("", object_name=f"console_part_{key}")
            b.setProperty("compact", True)
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, i=i: self.show_part(i))
            self.part_group.addButton(b)
            self.part_buttons.append(b)
            bar.addWidget(b, 1)
        self.part_buttons[WALK_IN].setChecked(True)
        self.part_bar.setVisible(False)
        self.paged = False
        outer.addWidget(self.part_bar)

        cols = QHBoxLayout()
        self.walk_in = WalkInPanel(translator, services, self.ctl.categories)
        self.walk_in.submitted.connect(self._add)
        self.walk_in.needs_service.connect(
            lambda: self.say(self.t.t("queue.walkin_pick_service"), "warning")
        )
        # The form is in short steps that fit the column: nothing in it scrolls.
        cols.addWidget(self.walk_in, 3)
        middle = QWidget()
        mid = QVBoxLayout(middle)
        self.line_label = label(role="title")
        self.estimate = label()
        self.estimate.setObjectName("queue_estimate")
        self.line = QListWidget()
        self.line.setObjectName("queue_line")
        self.line.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("queue_code")
        self.code.setMaxLength(20)
        self.code.returnPressed.connect(self.look_up)
        self.history = label()
        self.history.setObjectName("queue_history")
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.new_for = button("", object_name="queue_history_new")
        self.new_for.clicked.connect(self._new_for_history)
        self.new_for.setVisible(False)
        for w in (self.line_label, self.estimate):
            mid.addWidget(w)
        mid.addWidget(self.line, 1)
        for field in (self.code, self.history, self.new_for):
            mid.addWidget(field)
        self.line.setMinimumHeight(120)
        self.middle = scroll(middle)
        cols.addWidget(self.middle, 3)
        self.right = QStackedWidget()
        self.desk_panel = DeskPanel(translator, self.ctl.desks)
        self.desk_panel.requested.connect(self._desk_action)
        self.choosing_desk = False  # paged, the desk's choice is shown again to change it
        self.desk_panel.change_desk.connect(self._change_desk)
        self.finish = FinishPanel(translator)
        self.finish.confirmed.connect(self._finish)
        self.finish.cancelled.connect(self._finish_cancelled)
        self.call_after_finish = False
        self.right.addWidget(scroll(self.desk_panel))
        self.right.addWidget(scroll(self.finish))
        self.desk_part = QWidget()
        self.desk_part_lay = QVBoxLayout(self.desk_part)
        self.desk_part_lay.setContentsMargins(0, 0, 0, 0)
        self.desk_part_lay.addWidget(self.right, 1)
        cols.addWidget(self.desk_part, 4)
        outer.addLayout(cols, 1)
        self.parts: list[QWidget] = [self.walk_in, self.middle, self.desk_part]

        controller.changed.connect(self._changed)
        controller.failed.connect(lambda text: self.say(text, "error"))
        controller.undo_changed.connect(self._undo_offer)
        listen(self, translator.changed, lambda _l: self._language_changed())
        self.retranslate()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """A scanner types like a keyboard: letters and digits typed while no text box
        has focus go to the follow-up code box, so a code can be scanned at any time."""
        text = event.text()
        if text and text.isalnum() and not isinstance(QApplication.focusWidget(), QLineEdit):
            self.show_part(LINE)
            self.code.setFocus()
            self.code.insert(text.upper())
            event.accept()
            return
        super().keyPressEvent(event)

    # -- columns or parts -------------------------------------------------------------
    def keep_words(self) -> None:
        """Columns side by side while the console has room for them at this text size,
        else one part at a time across the full width."""
        width = self.width()
        if width <= 0:
            return
        paged = width < SIDE_BY_SIDE_EM * QFontInfo(self.font()).pixelSize()
        if paged == self.paged:
            return
        self.paged = paged
        # Paged, the part's button says where the volunteer is: no title above it.
        self.title.setVisible(not paged)
        self.line_label.setVisible(not paged)  # the part's button says how many wait
        if paged:
            self.desk_part_lay.insertWidget(0, self.desk_row)
        else:
            self.top.addWidget(self.desk_row)
        self._show_desk_row()
        self.part_bar.setVisible(paged)
        self.walk_in.set_wide(paged)
        self.desk_panel.set_wide(paged)
        self.show_part(self.part() if paged else WALK_IN)

    def part(self) -> int:
        """The part shown when the parts come one at a time."""
        checked = self.part_group.checkedButton()
        shown = [i for i, b in enumerate(self.part_buttons) if b is checked]
        return shown[0] if shown else WALK_IN

    def show_part(self, index: int) -> None:
        """Bring part ``index`` into view: the only one shown when paged (all three are
        shown side by side otherwise)."""
        self.part_buttons[index].setChecked(True)
        for i, w in enumerate(self.parts):
            w.setVisible(not self.paged or i == index)

    def _show_desk_row(self) -> None:
        """Beside the columns the desk's choice is always there; paged, it gives way to
        the desk's actions once made, until *Change desk* brings it back alone."""
        self.desk_row.setVisible(not self.paged or self.desk is None or self.choosing_desk)
        # Changing desk, the choice is all the part shows (tapping the same desk keeps it).
        self.right.setVisible(not (self.paged and self.choosing_desk))

    def _change_desk(self) -> None:
        self.choosing_desk = True
        self._show_desk_row()
        chosen = self.desk_buttons.get(self.desk or 0)
        if chosen is not None:
            chosen.setFocus()

    def _new_for_history(self) -> None:
        self.walk_in.link(self.history_visit)
        self.show_part(WALK_IN)

    # -- text -----------------------------------------------------------------------
    def _language_changed(self) -> None:
        self.retranslate()
        if self.isVisible():
            self.refresh()  # the line and the estimate are written in the language too

    def retranslate(self) -> None:
        t = self.t.t
        retext(self.part_buttons[WALK_IN], t("queue.walkin_title"), t("queue.part_desc"))
        retext(self.part_buttons[DESK], self._desk_part_name(), t("queue.part_desc"))
        self.title.setText(t("queue.console_title"))
        self.desk_label.setText(t("queue.my_desk"))
        for d, b in self.desk_buttons.items():
            retext(b, t("queue.desk_n", desk=d), t("queue.my_desk_desc", desk=d))
        retext(self.undo, t("queue.undo"), t("queue.undo_desc"))
        waiting = (
            t("queue.line_count", count=self.waiting)
            if self.waiting is not None
            else t("queue.line_title")
        )
        self.line_label.setText(waiting)
        retext(self.part_buttons[LINE], waiting, t("queue.part_desc"))
        name(self.line, t("queue.line_title"), t("queue.line_desc"))
        self.code.setPlaceholderText(t("queue.code"))
        name(self.code, t("queue.code"), t("queue.code_desc"))
        retext(self.new_for, t("queue.history_new"), t("queue.history_new_desc"))

    def add_banner(self, widget: QWidget) -> None:
        """Another part's notice under the title row (help asked for, say)."""
        self.banners.addWidget(widget)

    def say(self, text: str, role: str = "") -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # -- desk -----------------------------------------------------------------------
    def pick_desk(self, desk: int) -> None:
        """The volunteer's desk, kept until they leave volunteer mode."""
        self.desk = desk
        self.choosing_desk = False
        self._show_desk_row()
        self.desk_buttons[desk].setChecked(True)
        self.desk_panel.set_desk(desk)
        retext(self.part_buttons[DESK], self._desk_part_name(), self.t.t("queue.part_desc"))
        self.show_part(DESK)
        self.refresh()

    def _desk_part_name(self) -> str:
        t = self.t.t
        return t("queue.desk_title", desk=self.desk) if self.desk else t("queue.desk_part")

    def _desk_action(self, action: str, visit_id: int, desk: int) -> None:
        vol = self.volunteer()
        if action in ("finish", "finish_then_call"):
            # The next person is called once this one is finished (not if the checklist
            # is left with Back).
            self.call_after_finish = action == "finish_then_call"
            ticket = next((v.ticket for v in self.desk_panel.here() if v.visit_id == visit_id), "")
            self.finish.ask(visit_id, ticket or "")
            self.right.setCurrentIndex(1)
            return
        if action == "hold_then_call":
            self.ctl.act(action, visit_id, desk, vol, self._held_then_called)
            return
        self.ctl.act(action, visit_id, desk, vol, lambda r: self._done(action, r))

    def _held_then_called(self, result: Change | None) -> None:
        # Nobody was waiting: the hold is what happened (and what Undo takes back).
        if result is not None and result.action == "hold":
            self.say(self.t.t("queue.done_hold", ticket=result.ticket, desk=result.desk))
            return
        self._done("call_next", result)

    def _finish_cancelled(self) -> None:
        self.call_after_finish = False
        self.right.setCurrentIndex(0)

    def _finish(self, visit_id: int, outcome: list, note: str) -> None:
        self.right.setCurrentIndex(0)
        slip = self.finish.slip_wanted
        call_next, self.call_after_finish = self.call_after_finish, False

        def done(r: Change | None) -> None:
            self._done("finish", r)
            if r is not None:
                self.visit_finished.emit(r.visit_id, slip)
                if call_next and self.desk is not None:
                    self.ctl.act(
                        "call_next",
                        0,
                        self.desk,
                        self.volunteer(),
                        lambda c: self._done("call_next", c),
                    )

        self.ctl.run(lambda: self.service.finish(visit_id, outcome, note, self.volunteer()), done)

    def _add(
        self,
        services: list,
        priority: str | None,
        consent: bool,
        who: str,
        phone: str,
        previous: int,
    ) -> None:
        vol = self.volunteer()
        self.ctl.run(
            lambda: self.service.issue(
                services,
                priority=priority,
                consent=consent,
                name=who or None,
                phone=phone or None,
                previous_visit_id=previous or None,
                volunteer_id=vol,
                language=self.t.lang,
            ),
            lambda r: self._done("add", r),
        )

    def _done(self, action: str, result: Change | None) -> None:
        if result is None:
            self.say(self.t.t("queue.nobody_waiting"))
            return
        self.say(self.t.t(f"queue.done_{action}", ticket=result.ticket, desk=result.desk))

    def _undo_offer(self, change: Change | None) -> None:
        self.undo.setVisible(change is not None)
        if change is None and self.message.text().startswith(self.t.t("queue.undone")):
            return
        if change is not None:
            retext(
                self.undo,
                self.t.t("queue.undo_what", ticket=change.ticket),
                self.t.t("queue.undo_desc"),
            )

    def _changed(self, change: Change) -> None:
        if change.action == "undo":
            self.say(self.t.t("queue.undone", ticket=change.ticket))
        if (
            self.right.currentIndex() == 1
            and change.visit_id == self.finish.visit_id
            and change.after not in AT_DESK
        ):
            # The ticket being finished left the desk (its call was undone): nothing to
            # finish any more, so the checklist goes rather than offer a Finish that fails.
            self.right.setCurrentIndex(0)
        self.refresh()

    # -- reading --------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctl.read_console(self.desk, self._show)

    def _show(self, data: ConsoleView) -> None:
        line, view, held, missed, est = (
            data.line,
            data.desk,
            data.on_hold,
            data.no_shows,
            data.estimate,
        )
        t = self.t.t
        self.line.clear()
        for w in line:
            marker = "★ " + t(f"queue.priority_{w.priority}") if w.priority else ""
            where = t("queue.for_desk", desk=w.transferred_to) if w.transferred_to else ""
            parts = [
                w.ticket,
                t("queue.waited", minutes=w.waited_minutes),
                ", ".join(t(f"service.{x}") for x in w.services),
                marker,
                where,
            ]
            self.line.addItem(" · ".join(p for p in parts if p))
        if not line:
            self.line.addItem(t("queue.line_empty"))
        self.waiting = len(line)
        self.line_label.setText(t("queue.line_count", count=len(line)))
        retext(self.part_buttons[LINE], self.line_label.text(), t("queue.part_desc"))
        self.estimate.setText(t("queue.estimate_new", range=est.text(t)))
        self.desk_panel.show_state(view, held, missed)

    def look_up(self) -> None:
        code = self.code.text()
        self.code.clear()
        if not code.strip():
            return
        self.ctl.run(lambda: self.service.history(code), self._show_history, undoable=False)

    def _show_history(self, visits: list) -> None:
        t = self.t.t
        if not visits:
            self.history.setText(t("queue.history_none"))
            self.history_visit = 0
            self.new_for.setVisible(False)
            return
        lines = []
        for v in visits:
            when = v.created_at.astimezone(HANOI).strftime("%d/%m/%Y")
            done = ", ".join(t(f"queue.outcome_{o}") for o in v.outcome) or "—"
            services = ", ".join(t(f"service.{x.service_id}") for x in v.services)
            lines.append(
                t(
                    "queue.history_line",
                    date=when,
                    ticket=v.ticket,
                    services=services,
                    state=t(f"queue.state_{v.state}"),
                    outcome=done,
                )
            )
        self.history.setText("\n".join([t("queue.history_title", count=len(visits)), *lines]))
        self.history_visit = visits[0].id
        self.new_for.setVisible(True)

    def reset(self) -> None:
        """Leaving volunteer mode: forget the desk, the lookup and the undo offer."""
        self.desk = None
        self.desk_group.setExclusive(False)
        for b in self.desk_buttons.values():
            b.setChecked(False)
        self.desk_group.setExclusive(True)
        self.choosing_desk = False
        self._show_desk_row()
        self.desk_panel.set_desk(None)
        retext(self.part_buttons[DESK], self._desk_part_name(), self.t.t("queue.part_desc"))
        self.show_part(WALK_IN)
        self.history.clear()
        self.history_visit = 0
        self.new_for.setVisible(False)
        self.walk_in.clear()
        self.call_after_finish = False
        self.right.setCurrentIndex(0)
        self.say("")
        self.ctl.forget()
