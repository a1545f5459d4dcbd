"""The whole app's wiring, in one place: the shell, then each part with the links it
needs passed in explicitly. No part reaches another through the shell.

::

    shell ── guides ───────────────┐
      ├──── queue (guides' tiles) ─┤
      ├──── slips (queue, guides) ─┘
      ├──── export
      └──── help (guides)
"""

from __future__ import annotations

from kiosk.app_context import AppContext
from ui.coordinator import ExportPart
from ui.guides import GuidesPart
from ui.help import HelpPart
from ui.queue import QueuePart
from ui.shell import Shell
from ui.slips import SlipsPart


class App(Shell):
    """The kiosk: the shell and its typed parts."""

    guides: GuidesPart
    queue: QueuePart
    slips: SlipsPart
    export: ExportPart
    help: HelpPart

    def __init__(self, ctx: AppContext, *, fullscreen: bool | None = None) -> None:
        super().__init__(ctx, fullscreen=fullscreen)
        self.guides = GuidesPart(self)
        self.queue = QueuePart(self, library=self.guides.library)
        self.slips = SlipsPart(self, queue=self.queue, guides=self.guides)
        self.export = ExportPart(self)
        self.help = HelpPart(self, guides=self.guides)
        self.ready()

    def shutdown(self) -> None:
        """Stop every part's timers, then the shell's (and wait for both lanes)."""
        self.queue.stop()
        self.export.stop()
        super().shutdown()


def build_kiosk(ctx: AppContext, *, fullscreen: bool | None = None) -> App:
    """Assemble the app on ``ctx`` (settings, database, clock)."""
    return App(ctx, fullscreen=fullscreen)
