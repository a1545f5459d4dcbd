"""Where a slip can be asked for: the ticket screen, a guide's last step and the console's
Finish. Each place tells the citizen (or the volunteer) in its own words what happened;
a slip that does not print brings up the "your turn is safe" screen for the citizen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ui.qt_events import listen
from ui.slips.controller import SlipController
from ui.widgets.common import button, retext

if TYPE_CHECKING:
    from kiosk.queue.service import QueueService
    from ui.guides import GuidesPart
    from ui.guides.step import StepScreen
    from ui.queue.console import QueueConsole
    from ui.queue.take_number import TicketScreen
    from ui.shell import Shell

log = logging.getLogger(__name__)


def connect_ticket_screen(shell: Shell, slips: SlipController) -> None:
    """A *Print my slip* button beside *Done* on the citizen's ticket screen (added when
    that screen is first built)."""
    shell.when_built("queue_ticket", lambda ticket: _ticket_button(shell, slips, ticket))


def _ticket_button(shell: Shell, slips: SlipController, ticket: TicketScreen) -> None:
    t = shell.t
    slip = button("", object_name="ticket_print_slip")
    ticket.add_action(slip)
    state = {"visit": 0, "status": ""}

    def retranslate() -> None:
        status = state["status"]
        retext(
            slip,
            t.t(f"slips.ui.{status}") if status else t.t("slips.ui.print_button"),
            t.t("slips.ui.print_button_desc"),
        )

    def press() -> None:
        if ticket.visit_id:
            state["visit"] = ticket.visit_id
            slips.print_slip(ticket.visit_id)

    def started(visit_id: int) -> None:
        if visit_id == state["visit"]:
            state["status"] = "printing"
            slip.setEnabled(False)
            retranslate()

    def finished(outcome: Any) -> None:
        if outcome.visit_id == state["visit"]:
            state["status"] = "printed" if outcome.ok else ""
            slip.setEnabled(True)
            retranslate()

    def fresh() -> None:
        state["visit"], state["status"] = 0, ""
        slip.setEnabled(True)
        retranslate()

    slip.clicked.connect(press)
    slips.started.connect(started)
    slips.finished.connect(finished)
    shell.window.screen_changed.connect(
        lambda name: fresh() if name != "queue_ticket" and name != "slip_failed" else None
    )
    listen(slip, t.changed, lambda _lang: retranslate())
    shell.resetters.append(fresh)
    retranslate()


def connect_guides(
    shell: Shell, slips: SlipController, guides: GuidesPart, queue: QueueService
) -> None:
    """*Print my slip* on a guide's last step. A citizen who has a number gets the slip of
    that visit; one who went through the guide alone gets a visit recorded for it (a
    number and a follow-up code, never a place in the line) and its slip."""
    shell.when_built("guide_step", lambda step: _guide_step(shell, slips, guides, queue, step))


def _guide_step(
    shell: Shell, slips: SlipController, guides: GuidesPart, queue: QueueService, step: StepScreen
) -> None:
    t = shell.t
    asked = {"visit": 0}

    def note(key: str) -> None:
        if shell.window.current == "guide_step":
            step.note(t.t(key))

    def print_for(visit_id: int) -> None:
        asked["visit"] = visit_id
        slips.print_slip(visit_id)

    def requested(guide_id: str) -> None:
        note("slips.ui.printing")
        step.slip.setEnabled(False)
        visit_id = shell.session.visit_id
        if visit_id:
            print_for(visit_id)
            return
        guide = guides.library.get(guide_id)
        if guide is None:
            step.slip.setEnabled(True)
            note("guides.no_printer")
            return

        def recorded(visit_id: int) -> None:
            shell.session.visit_id = visit_id  # guides opened now attach to this visit
            asked["visit"] = visit_id

        def failed(exc: Exception) -> None:
            log.error("no visit recorded for the guide's slip: %s", exc)
            step.slip.setEnabled(True)
            note("guides.no_printer")

        # One database action records the visit with the steps just read; then it prints.
        slips.print_self_guided(
            queue, [guide.service], t.lang, guides.views.take(), recorded, failed
        )

    def finished(outcome: Any) -> None:
        if outcome.visit_id != asked["visit"]:
            return
        asked["visit"] = 0
        step.slip.setEnabled(True)
        if outcome.ok:
            note("slips.ui.printed")

    def fresh() -> None:
        # A slip that could not even be made (an error, logged by the controller) sends
        # no outcome; the next citizen must not find the button still disabled.
        asked["visit"] = 0
        step.slip.setEnabled(True)

    step.print_slip.connect(requested)
    slips.finished.connect(finished)
    shell.resetters.append(fresh)


def connect_console(shell: Shell, slips: SlipController) -> None:
    """The console's Finish offers *Print the follow-up slip*; the result is said in the
    console's message line, and the volunteer can reprint from *Slips* if it failed."""
    shell.when_built("queue_console", lambda console: _console_finish(shell, slips, console))


def _console_finish(shell: Shell, slips: SlipController, console: QueueConsole) -> None:
    console.finish.offer_slip()
    mine: set[int] = set()

    def finished_visit(visit_id: int, wanted: bool) -> None:
        if wanted:
            mine.add(visit_id)
            slips.print_slip(visit_id, show_failure=False)

    def finished(outcome: Any) -> None:
        if outcome.visit_id not in mine:
            return
        mine.discard(outcome.visit_id)
        t = shell.t.t
        if outcome.ok:
            console.say(t("slips.ui.reprint_ok", ticket=outcome.ticket))
        else:
            console.say(
                t(
                    "slips.ui.reprint_failed",
                    ticket=outcome.ticket,
                    error=outcome.message(shell.t.lang),
                ),
                "error",
            )

    console.visit_finished.connect(finished_visit)
    slips.finished.connect(finished)
