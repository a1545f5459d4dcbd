"""The walk-in queue's screens, plugged into the shell: the volunteer console (staff tile
*Queue*), *Take a number* for citizens, and the call screen (staff tile *Call screen*)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.events import Event
from kiosk.lazy import Deferred
from kiosk.paths import data_dir
from kiosk.queue import Change, WaitRange
from ui.queue.announcer import Announcer
from ui.queue.call_screen import CallScreen
from ui.queue.console import QueueConsole
from ui.queue.controller import QueueController
from ui.queue.display import CallDisplay, _Window
from ui.queue.take_number import TakeNumberScreen, TicketScreen

if TYPE_CHECKING:
    from kiosk.queue.service import QueueService


def install(shell) -> None:  # type: ignore[no-untyped-def]
    ctx = shell.ctx
    def build() -> QueueService:
        from kiosk.queue.service import QueueService

        return QueueService(lambda: ctx.db, ctx.settings, changed=changed)

    # The database code is imported on first use, not while the home screen is drawn.
    changed: Event[Change] = Event()
    service: QueueService = Deferred(build)  # type: ignore[assignment]
    ctl = QueueController(service, shell.ops, ctx.clock, shell.t, shell, changed=changed,
                          settings=ctx.settings)
    services = list(shell.home.services)

    def volunteer() -> int | None:
        return shell.modes.volunteer.id if shell.modes.volunteer else None

    console = QueueConsole(shell.t, ctl, services, volunteer)
    take = TakeNumberScreen(shell.t, ctl, services)
    ticket = TicketScreen(shell.t)
    dpi = lambda: shell.theme.dpi  # noqa: E731
    contrast = lambda: shell.session.high_contrast  # noqa: E731
    call = CallScreen(shell.t, ctl, dpi, contrast)
    for name, w in (("queue_console", console), ("queue_take", take),
                    ("queue_ticket", ticket), ("queue_display", call)):
        shell.add_screen(name, w)

    def take_number() -> None:
        take.start()
        shell.show("queue_take")

    def issued(change: Change, wait: WaitRange | None) -> None:
        shell.session.visit_id = change.visit_id  # guides opened now attach to this visit
        ticket.show_ticket(change, wait)
        shell.show("queue_ticket")

    shell.home.take_number.connect(take_number)
    take.issued.connect(issued)
    take.cancelled.connect(shell.go_home)
    ticket.finished.connect(lambda: shell.show("home"))

    def open_console() -> None:
        shell.show("queue_console")
        console.refresh()

    display = CallDisplay(shell, lambda: _Window(shell.t, ctl, dpi, contrast), call)
    shell.staff.add_action("queue", "queue.staff_queue", "queue.staff_queue_desc", open_console,
                           role="accent")
    shell.staff.add_action("call_screen", "queue.staff_call", "queue.staff_call_desc",
                           display.open)
    announcer = Announcer(shell.speaker, list(ctx.settings["queue.announce_languages"]),
                          data_dir() / "sounds" / "chime.wav", shell)
    ctl.changed.connect(announcer.announce)

    shell.queue = service
    shell.queue_controller = ctl
    shell.queue_console = console
    shell.queue_take_screen = take
    shell.queue_ticket_screen = ticket
    shell.queue_call_screen = call
    shell.queue_display = display
    shell.queue_announcer = announcer
