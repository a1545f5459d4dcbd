"""QR follow-up slips in the shell: the print hook, the citizen's "your turn is safe"
screen, and the volunteers' reprint and preview screens.

After ``install(shell)``:

- ``shell.print_slip(visit_id)`` prints the slip of a saved visit, off the GUI thread;
- ``shell.slips`` is the :class:`~ui.slips.controller.SlipController`, whose signals
  ``started(int)``, ``printed(PrintOutcome)``, ``failed(PrintOutcome)`` and
  ``finished(PrintOutcome)`` tell other screens what happened;
- ``shell.slips.service.guides`` may be set to any ``(guide_id, language) -> SlipGuide``
  function (it reads the guide packs on disk by default).
"""

from __future__ import annotations

from typing import Any


def install(shell: Any) -> None:
    from kiosk.lazy import Deferred
    from ui.slips.controller import SlipController
    from ui.slips.hooks import connect_console, connect_guides, connect_ticket_screen

    ctx = shell.ctx

    # The printing code (ReportLab, Qt's print support) loads with the first slip.
    def make_service() -> Any:
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

    slips = SlipController(Deferred(make_service), shell.ops, parent=shell)
    shell.slips = slips
    shell.print_slip = slips.print_slip

    # The screens are built the first time they are shown.
    def make_failed() -> Any:
        from ui.slips.failed_screen import SlipFailedScreen

        failed = SlipFailedScreen(shell.t)
        failed.done.connect(shell.go_home)
        return failed

    def make_reprint() -> Any:
        from ui.slips.reprint_screen import SlipReprintScreen

        reprint = SlipReprintScreen(shell.t)
        reprint.reprint_requested.connect(lambda vid: slips.print_slip(vid, show_failure=False))
        reprint.preview_requested.connect(slips.preview)
        reprint.preview_latest.connect(preview_latest)
        reprint.back.connect(lambda: shell.show("staff"))
        return reprint

    def make_preview() -> Any:
        from ui.slips.preview_screen import SlipPreviewScreen

        preview = SlipPreviewScreen(shell.t)
        preview.back.connect(open_list)
        return preview

    shell.add_lazy_screen("slip_failed", make_failed)
    shell.add_lazy_screen("slips", make_reprint)
    shell.add_lazy_screen("slip_preview", make_preview)

    def citizen_sees_ticket(outcome: Any) -> None:
        shell.screen("slip_failed").show_outcome(outcome)
        shell.show("slip_failed")

    def open_list() -> None:
        reprint = shell.screen("slips")
        reprint.show_message("")
        shell.show("slips")
        slips.load_failed(reprint.show_failed)

    def reprinted(outcome: Any) -> None:
        if shell.window.current == "slips":
            shell.screen("slips").show_result(outcome)

    def show_preview(visit_id: int, pngs: list[bytes]) -> None:
        reprint = shell.screen("slips")
        ticket = next((f.ticket for f in reprint.failed if f.visit_id == visit_id), "")
        if not ticket and slips.last is not None and slips.last.visit_id == visit_id:
            ticket = slips.last.ticket
        shell.screen("slip_preview").show_pages(ticket or str(visit_id), pngs)
        shell.show("slip_preview")

    def preview_latest() -> None:
        def got(visit_id: int | None) -> None:
            if visit_id is None:
                shell.screen("slips").show_message(shell.t.t("slips.ui.no_visit"))
            else:
                slips.preview(visit_id)

        slips.latest_visit(got)

    slips.failed.connect(citizen_sees_ticket)
    slips.finished.connect(reprinted)
    slips.preview_ready.connect(show_preview)
    shell.staff.add_action("slips", "slips.ui.staff_tile", "slips.ui.staff_tile_desc", open_list)
    connect_ticket_screen(shell, slips)
    connect_guides(shell, slips)
    connect_console(shell, slips)
