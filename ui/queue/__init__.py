"""The walk-in queue's screens: the volunteer console (staff tile *Queue*), *Take a
number* for citizens, and the call screen (staff tile *Call screen*).

:class:`QueuePart` is built by :func:`ui.assemble.build_kiosk`; other parts get it from
there, never through the shell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject

from kiosk.lazy import Deferred
from kiosk.paths import data_dir
from kiosk.queue import Change, WaitRange
from ui.queue.announcer import Announcer
from ui.queue.controller import QueueController
from ui.queue.display import CallDisplay
from ui.queue.take_number import TakeNumberScreen, TicketScreen

if TYPE_CHECKING:
    from kiosk.guides import Library
    from kiosk.queue.service import QueueService
    from ui.queue.call_screen import CallScreen
    from ui.queue.console import QueueConsole
    from ui.queue.display import _Window
    from ui.shell import Shell


class QueuePart(QObject):
    """The queue's service (opened on first use), its controller, the call display and
    the announcer; its screens are built the first time they are needed."""

    def __init__(self, shell: Shell, library: Library | None = None) -> None:
        super().__init__(shell)
        self.shell = shell
        self.library = library  # the guides, so *Take a number* shows the home tiles
        ctx = shell.ctx

        def build() -> QueueService:
            from kiosk.queue.service import QueueService

            return QueueService(lambda: ctx.db, ctx.settings)

        # The database code is imported on first use, not while the home screen is drawn.
        self.service: QueueService = cast("QueueService", Deferred(build))
        self.controller = QueueController(
            self.service, shell.ops, ctx.clock, shell.t, shell, settings=ctx.settings
        )
        self.services = list(shell.home.services)
        for name, make in (
            ("queue_console", self._make_console),
            ("queue_take", self._make_take),
            ("queue_ticket", self._make_ticket),
            ("queue_display", self._make_call),
        ):
            shell.add_lazy_screen(name, make)
        shell.home.take_number.connect(self.take_number)
        self.display = CallDisplay(shell, self._make_window)
        shell.staff.add_action(
            "queue", "queue.staff_queue", "queue.staff_queue_desc", self.open_console, role="accent"
        )
        shell.staff.add_action(
            "call_screen", "queue.staff_call", "queue.staff_call_desc", self.display.open
        )
        self.announcer = Announcer(
            shell.speaker,
            list(ctx.settings["queue.announce_languages"]),
            data_dir() / "sounds" / "chime.wav",
            shell,
        )
        self.controller.changed.connect(self.announcer.announce)

    # -- the screens, built on first use ------------------------------------------------
    @property
    def console(self) -> QueueConsole:
        return cast("QueueConsole", self.shell.screen("queue_console"))

    @property
    def take_screen(self) -> TakeNumberScreen:
        return cast(TakeNumberScreen, self.shell.screen("queue_take"))

    @property
    def ticket_screen(self) -> TicketScreen:
        return cast(TicketScreen, self.shell.screen("queue_ticket"))

    @property
    def call_screen(self) -> CallScreen:
        return cast("CallScreen", self.shell.screen("queue_display"))

    def _volunteer(self) -> int | None:
        vol = self.shell.modes.volunteer
        return vol.id if vol else None

    def _dpi(self) -> float:
        return self.shell.theme.dpi

    def _contrast(self) -> bool:
        return self.shell.session.high_contrast

    def _make_console(self) -> QueueConsole:
        from ui.queue.console import QueueConsole

        return QueueConsole(self.shell.t, self.controller, self.services, self._volunteer)

    def _make_take(self) -> TakeNumberScreen:
        from kiosk.services import service_tiles

        guides = self.library.guides if self.library is not None else ()
        tiles = service_tiles(guides, self.services)
        take = TakeNumberScreen(self.shell.t, self.controller, self.services, tiles=tiles)
        take.issued.connect(self.issued)
        take.cancelled.connect(self.shell.go_home)
        return take

    def _make_ticket(self) -> TicketScreen:
        ticket = TicketScreen(self.shell.t)
        ticket.finished.connect(lambda: self.shell.show("home"))
        return ticket

    def _make_call(self) -> CallScreen:
        from ui.queue.call_screen import CallScreen

        return CallScreen(self.shell.t, self.controller, self._dpi, self._contrast)

    def _make_window(self) -> _Window:
        from ui.queue.display import _Window

        return _Window(self.shell.t, self.controller, self._dpi, self._contrast)

    # -- navigation ---------------------------------------------------------------------
    def take_number(self) -> None:
        self.take_screen.start()
        self.shell.show("queue_take")

    def issued(self, change: Change, wait: WaitRange | None) -> None:
        self.shell.session.visit_id = change.visit_id  # guides opened now attach to it
        self.ticket_screen.show_ticket(change, wait)
        self.shell.show("queue_ticket")

    def stop(self) -> None:
        """Quitting: the undo offer's timer stops."""
        self.controller.forget()

    def open_console(self) -> None:
        self.shell.show("queue_console")
        self.console.refresh()
