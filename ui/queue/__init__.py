"""The walk-in queue's screens, plugged into the shell: the volunteer console (staff tile
*Queue*), *Take a number* for citizens, and the call screen (staff tile *Call screen*)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.lazy import Deferred
from kiosk.paths import data_dir
from kiosk.queue import Change, WaitRange
from ui.queue.announcer import Announcer
from ui.queue.controller import QueueController
from ui.queue.display import CallDisplay
from ui.queue.take_number import TakeNumberScreen, TicketScreen

if TYPE_CHECKING:
    from kiosk.queue.service import QueueService
    from ui.queue.call_screen import CallScreen
    from ui.queue.console import QueueConsole
    from ui.queue.display import _Window


def install(shell) -> None:  # type: ignore[no-untyped-def]
    ctx = shell.ctx

    def build() -> QueueService:
        from kiosk.queue.service import QueueService

        return QueueService(lambda: ctx.db, ctx.settings)

    # The database code is imported on first use, not while the home screen is drawn.
    service: QueueService = Deferred(build)  # type: ignore[assignment]
    ctl = QueueController(service, shell.ops, ctx.clock, shell.t, shell, settings=ctx.settings)
    services = list(shell.home.services)

    def volunteer() -> int | None:
        return shell.modes.volunteer.id if shell.modes.volunteer else None

    dpi = lambda: shell.theme.dpi  # noqa: E731
    contrast = lambda: shell.session.high_contrast  # noqa: E731

    # The screens are built the first time they are needed, not at start.
    def make_console() -> QueueConsole:
        from ui.queue.console import QueueConsole

        return QueueConsole(shell.t, ctl, services, volunteer)

    def make_take() -> TakeNumberScreen:
        take = TakeNumberScreen(shell.t, ctl, services)
        take.issued.connect(issued)
        take.cancelled.connect(shell.go_home)
        return take

    def make_ticket() -> TicketScreen:
        ticket = TicketScreen(shell.t)
        ticket.finished.connect(lambda: shell.show("home"))
        return ticket

    def make_call() -> CallScreen:
        from ui.queue.call_screen import CallScreen

        return CallScreen(shell.t, ctl, dpi, contrast)

    for name, make, attr in (
        ("queue_console", make_console, "queue_console"),
        ("queue_take", make_take, "queue_take_screen"),
        ("queue_ticket", make_ticket, "queue_ticket_screen"),
        ("queue_display", make_call, "queue_call_screen"),
    ):
        shell.add_lazy_screen(name, make, attr)

    def take_number() -> None:
        shell.queue_take_screen.start()
        shell.show("queue_take")

    def issued(change: Change, wait: WaitRange | None) -> None:
        shell.session.visit_id = change.visit_id  # guides opened now attach to this visit
        shell.queue_ticket_screen.show_ticket(change, wait)
        shell.show("queue_ticket")

    shell.home.take_number.connect(take_number)

    def open_console() -> None:
        shell.show("queue_console")
        shell.queue_console.refresh()

    def make_window() -> _Window:
        from ui.queue.display import _Window

        return _Window(shell.t, ctl, dpi, contrast)

    display = CallDisplay(shell, make_window)
    shell.staff.add_action(
        "queue", "queue.staff_queue", "queue.staff_queue_desc", open_console, role="accent"
    )
    shell.staff.add_action("call_screen", "queue.staff_call", "queue.staff_call_desc", display.open)
    announcer = Announcer(
        shell.speaker,
        list(ctx.settings["queue.announce_languages"]),
        data_dir() / "sounds" / "chime.wav",
        shell,
    )
    ctl.changed.connect(announcer.announce)

    shell.queue = service
    shell.queue_controller = ctl
    shell.queue_display = display
    shell.queue_announcer = announcer
