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
    from kiosk.slips import SlipService
    from kiosk.slips.guides import pack_source
    from kiosk.slips.printing import make_printer
    from ui.slips.controller import SlipController
    from ui.slips.failed_screen import SlipFailedScreen
    from ui.slips.hooks import connect_console, connect_guides, connect_ticket_screen
    from ui.slips.preview_screen import SlipPreviewScreen
    from ui.slips.reprint_screen import SlipReprintScreen
    from ui.slips.spooler import QtSpoolerPrinter

    ctx = shell.ctx
    service = SlipService(lambda: ctx.db, ctx.settings, guides=pack_source(),
                          printer=make_printer(ctx.settings, system=QtSpoolerPrinter))
    slips = SlipController(service, shell.ops, parent=shell)
    shell.slips = slips
    shell.print_slip = slips.print_slip

    failed = SlipFailedScreen(shell.t)
    reprint = SlipReprintScreen(shell.t)
    preview = SlipPreviewScreen(shell.t)
    shell.add_screen("slip_failed", failed)
    shell.add_screen("slips", reprint)
    shell.add_screen("slip_preview", preview)

    def citizen_sees_ticket(outcome: Any) -> None:
        failed.show_outcome(outcome)
        shell.show("slip_failed")

    def open_list() -> None:
        reprint.show_message("")
        shell.show("slips")
        slips.load_failed(reprint.show_failed)

    def reprinted(outcome: Any) -> None:
        if shell.window.current == "slips":
            reprint.show_result(outcome)

    def show_preview(visit_id: int, pngs: list[bytes]) -> None:
        ticket = next((f.ticket for f in reprint.failed if f.visit_id == visit_id), "")
        if not ticket and slips.last is not None and slips.last.visit_id == visit_id:
            ticket = slips.last.ticket
        preview.show_pages(ticket or str(visit_id), pngs)
        shell.show("slip_preview")

    def preview_latest() -> None:
        def got(visit_id: int | None) -> None:
            if visit_id is None:
                reprint.show_message(shell.t.t("slips.ui.no_visit"))
            else:
                slips.preview(visit_id)

        slips.latest_visit(got)

    slips.failed.connect(citizen_sees_ticket)
    slips.finished.connect(reprinted)
    slips.preview_ready.connect(show_preview)
    failed.done.connect(shell.go_home)
    reprint.reprint_requested.connect(lambda vid: slips.print_slip(vid, show_failure=False))
    reprint.preview_requested.connect(slips.preview)
    reprint.preview_latest.connect(preview_latest)
    reprint.back.connect(lambda: shell.show("staff"))
    preview.back.connect(open_list)
    shell.staff.add_action("slips", "slips.ui.staff_tile", "slips.ui.staff_tile_desc", open_list)
    connect_ticket_screen(shell, slips)
    connect_guides(shell, slips)
    connect_console(shell, slips)
