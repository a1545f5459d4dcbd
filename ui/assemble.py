"""The whole app's wiring, in one place: the shell, then each part with the links it
needs passed in explicitly. No part reaches another through the shell.

::

    shell ── guides ───────────────┐
      ├──── queue (guides' tiles) ─┤
      ├──── slips (queue, guides) ─┘
      ├──── export
      └──── help (guides)

The home screen needs only the shell and the guides. Started as the kiosk starts
(``home_first``), the other parts are built by :meth:`App.build_rest` right after the
home screen's first paint, in the same turn of the event loop, before any tap is handled:
their code is not even imported while the citizen waits for the first screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.app_context import AppContext
from ui.guides import GuidesPart
from ui.shell import Shell

if TYPE_CHECKING:
    from ui.coordinator import ExportPart
    from ui.help import HelpPart
    from ui.queue import QueuePart
    from ui.slips import SlipsPart


class App(Shell):
    """The kiosk: the shell and its typed parts."""

    guides: GuidesPart
    queue: QueuePart
    slips: SlipsPart
    export: ExportPart
    help: HelpPart

    def __init__(
        self, ctx: AppContext, *, fullscreen: bool | None = None, home_first: bool = False
    ) -> None:
        super().__init__(ctx, fullscreen=fullscreen, watch_input=not home_first)
        self.guides = GuidesPart(self, home_first=home_first)
        self._complete = False
        if not home_first:
            self.build_rest()
        self.ready()

    def build_rest(self) -> None:
        """The parts the home screen does not show, and the idle reset's watch on input
        (once; later calls do nothing)."""
        if self._complete:
            return
        from ui.coordinator import ExportPart
        from ui.help import HelpPart
        from ui.queue import QueuePart
        from ui.slips import SlipsPart

        self.guides.finish()
        self.queue = QueuePart(self, library=self.guides.library)
        self.slips = SlipsPart(self, queue=self.queue, guides=self.guides)
        self.export = ExportPart(self)
        self.help = HelpPart(self, guides=self.guides)
        self.watch_input()
        self._complete = True

    def shutdown(self) -> None:
        """Stop every part's timers, then the shell's (and wait for both lanes)."""
        if self._complete:
            self.queue.stop()
            self.export.stop()
        super().shutdown()


def build_kiosk(
    ctx: AppContext, *, fullscreen: bool | None = None, home_first: bool = False
) -> App:
    """Assemble the app on ``ctx`` (settings, database, clock). With ``home_first``, only
    what the home screen needs: call :meth:`App.build_rest` once it has been painted."""
    return App(ctx, fullscreen=fullscreen, home_first=home_first)
