"""Session-log export in the app: the USB export screen (volunteers and coordinators),
the coordinator's screen (collection, totals, report), sending through the outbox on a
timer, and the daily erasing of old names and phones.

``install(shell)`` is called by the shell once its base screens exist.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer

from kiosk.collector.desk import CoordinatorDesk
from kiosk.export import service
from kiosk.export.drives import removable_drives
from kiosk.export.keys import public_key_b64
from kiosk.export.retention import purge_personal_data
from kiosk.export.usb import ExportResult, export_to_folder
from kiosk.modes import Mode
from kiosk.paths import data_dir
from ui.coordinator.coordinator_screen import CoordinatorScreen
from ui.coordinator.sync import NetworkSync
from ui.coordinator.usb_screen import UsbExportScreen

DAY_MS = 24 * 3600 * 1000


def _report_folder() -> Path:
    """Reports go to the first writable USB stick, else to the data folder."""
    for d in removable_drives():
        if not d.read_only:
            return d.path
    return data_dir() / "reports"


def install(shell: Any) -> None:
    ctx = shell.ctx
    folder = data_dir()
    key = service.signing_key(folder)          # made here at first start, kept 0600
    coordinator_key = service.coordinator_key(ctx.settings)
    outbox = service.make_outbox(lambda: ctx.db, ctx.settings, folder=folder, key=key)
    sync = NetworkSync(outbox, shell.ops, shell)
    desk = CoordinatorDesk(lambda: ctx.db, public_key=public_key_b64(key), data_folder=folder)

    def exporter(target: Path, mode: str, progress: Callable[[float], None]) -> ExportResult:
        return export_to_folder(ctx.db, target, key, mode=mode,
                                coordinator_key=coordinator_key, progress=progress)

    usb = UsbExportScreen(shell.t, shell.ops, exporter, removable_drives)
    coordinator = CoordinatorScreen(shell.t, shell.ops, desk, sync, removable_drives,
                                    _report_folder)
    shell.add_screen("usb_export", usb)
    shell.add_screen("coordinator_reports", coordinator)

    def open_usb() -> None:
        usb.refresh()
        shell.show("usb_export")

    def open_coordinator() -> None:
        coordinator.refresh()
        shell.show("coordinator_reports")

    shell.staff.add_action("usb_export", "export.usb_tile", "export.usb_tile_desc", open_usb)
    shell.staff.add_action("coordinator_reports", "export.coord_tile",
                           "export.coord_tile_desc", open_coordinator,
                           modes=(Mode.COORDINATOR,))
    usb.exported.connect(lambda _r: sync.refresh())

    days = ctx.settings["privacy.retention_days"]

    def purge() -> None:
        shell.ops.run(lambda: purge_personal_data(ctx.db, days))

    purge()                                     # at start...
    retention = QTimer(shell)                   # ...and once a day
    retention.setInterval(DAY_MS)
    retention.timeout.connect(purge)
    retention.start()
    sync.start()
    shell.export = {"usb": usb, "coordinator": coordinator, "sync": sync, "desk": desk,
                    "outbox": outbox, "retention_timer": retention}
