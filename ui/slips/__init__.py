"""QR follow-up slips: the print hook, the citizen's "your turn is safe" screen, and the
volunteers' reprint and preview screens.

:class:`SlipsPart` is built by :func:`ui.assemble.build_kiosk` with the parts it links to
(the queue, for the ticket screen, the console and self-guided visits; the guides, for a
guide's last step). ``part.controller`` is the
:class:`~ui.slips.controller.SlipController`: ``print_slip(visit_id)`` prints the slip of
a saved visit off the GUI thread; its signals ``started(int)``, ``printed``, ``failed``
and ``finished`` (each a ``PrintOutcome``) tell other screens what happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject

from kiosk.lazy import Deferred
from ui.slips.controller import SlipController
from ui.slips.hooks import connect_console, connect_guides, connect_ticket_screen

if TYPE_CHECKING:
    from kiosk.slips import PrintOutcome, SlipService
    from ui.guides import GuidesPart
    from ui.queue import QueuePart
    from ui.shell import Shell
    from ui.slips.failed_screen import SlipFailedScreen
    from ui.slips.preview_screen import SlipPreviewScreen
    from ui.slips.reprint_screen import SlipReprintScreen


class SlipsPart(QObject):
    def __init__(self, shell: Shell, *, queue: QueuePart, guides: GuidesPart) -> None:
        super().__init__(shell)
        self.shell = shell
        ctx = shell.ctx

        # The printing code (ReportLab, Qt's print support) loads with the first slip.
        def make_service() -> SlipService:
            from kiosk.slips import SlipService
            from kiosk.slips.guides import pack_source
            from kiosk.slips.printing import make_printer
            from ui.slips.spooler import QtSpoolerPrinter

            return SlipService(
                lambda: ctx.db,
                ctx.settings,
                guides=pack_source(),
                printer=make_printer(ctx.settings, system=QtSpoolerPrinter),
            )

        self.controller = SlipController(
            cast("SlipService", Deferred(make_service)), shell.ops, parent=shell
        )
        slips = self.controller
        shell.add_lazy_screen("slip_failed", self._make_failed)
        shell.add_lazy_screen("slips", self._make_reprint)
        shell.add_lazy_screen("slip_preview", self._make_preview)
        slips.failed.connect(self._citizen_sees_ticket)
        slips.finished.connect(self._reprinted)
        slips.preview_ready.connect(self._show_preview)
        shell.staff.add_action(
            "slips", "slips.ui.staff_tile", "slips.ui.staff_tile_desc", self.open_list
        )
        connect_ticket_screen(shell, slips)
        connect_guides(shell, slips, guides, queue.service)
        connect_console(shell, slips)

    # -- the screens, built the first time they are shown ------------------------------
    @property
    def failed_screen(self) -> SlipFailedScreen:
        return cast("SlipFailedScreen", self.shell.screen("slip_failed"))

    @property
    def reprint_screen(self) -> SlipReprintScreen:
        return cast("SlipReprintScreen", self.shell.screen("slips"))

    @property
    def preview_screen(self) -> SlipPreviewScreen:
        return cast("SlipPreviewScreen", self.shell.screen("slip_preview"))

    def _make_failed(self) -> SlipFailedScreen:
        from ui.slips.failed_screen import SlipFailedScreen

        failed = SlipFailedScreen(self.shell.t)
        failed.done.connect(self.shell.go_home)
        return failed

    def _make_reprint(self) -> SlipReprintScreen:
        from ui.slips.reprint_screen import SlipReprintScreen

        slips = self.controller
        reprint = SlipReprintScreen(self.shell.t)
        reprint.reprint_requested.connect(lambda vid: slips.print_slip(vid, show_failure=False))
        reprint.preview_requested.connect(slips.preview)
        reprint.preview_latest.connect(self._preview_latest)
        reprint.back.connect(lambda: self.shell.show("staff"))
        return reprint

    def _make_preview(self) -> SlipPreviewScreen:
        from ui.slips.preview_screen import SlipPreviewScreen

        preview = SlipPreviewScreen(self.shell.t)
        preview.back.connect(self.open_list)
        return preview

    # -- what happens -------------------------------------------------------------------
    def _citizen_sees_ticket(self, outcome: PrintOutcome) -> None:
        self.failed_screen.show_outcome(outcome)
        self.shell.show("slip_failed")

    def open_list(self) -> None:
        reprint = self.reprint_screen
        reprint.show_message("")
        self.shell.show("slips")
        self.controller.load_failed(reprint.show_failed)

    def _reprinted(self, outcome: PrintOutcome) -> None:
        if self.shell.window.current == "slips":
            self.reprint_screen.show_result(outcome)

    def _show_preview(self, visit_id: int, pngs: list[bytes]) -> None:
        reprint, last = self.reprint_screen, self.controller.last
        ticket = next((f.ticket for f in reprint.failed if f.visit_id == visit_id), "")
        if not ticket and last is not None and last.visit_id == visit_id:
            ticket = last.ticket
        self.preview_screen.show_pages(ticket or str(visit_id), pngs)
        self.shell.show("slip_preview")

    def _preview_latest(self) -> None:
        def got(visit_id: int | None) -> None:
            if visit_id is None:
                self.reprint_screen.show_message(self.shell.t.t("slips.ui.no_visit"))
            else:
                self.controller.preview(visit_id)

        self.controller.latest_visit(got)


__all__ = ["SlipsPart"]
