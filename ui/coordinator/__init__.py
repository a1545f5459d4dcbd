"""Session-log export in the app: the USB export screen (volunteers and coordinators),
the coordinator's screen (collection, totals, report), sending through the outbox on a
timer, and the daily erasing of old names and phones.

``install(shell)`` is called by the shell once its base screens exist.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from kiosk.export.drives import removable_drives
from kiosk.lazy import Deferred
from kiosk.modes import Mode
from kiosk.paths import data_dir
from ui.coordinator.sync import NetworkSync

if TYPE_CHECKING:
    from nacl.signing import SigningKey

    from kiosk.collector.desk import CoordinatorDesk
    from kiosk.export.bundle import Bundle
    from kiosk.export.outbox import Outbox
    from kiosk.export.usb import ExportResult
    from kiosk.storage import Database
    from ui.coordinator.coordinator_screen import CoordinatorScreen
    from ui.coordinator.usb_screen import UsbExportScreen

log = logging.getLogger(__name__)

DAY_MS = 24 * 3600 * 1000
# Sending and erasing begin once the kiosk has settled, not while the home screen is drawn.
SETTLE_MS = 5000


def _report_folder() -> Path:
    """Reports go to the first writable USB stick, else to the data folder."""
    for d in removable_drives():
        if not d.read_only:
            return d.path
    return data_dir() / "reports"


class UsbExporter:
    """The USB export's steps (see :class:`ui.coordinator.usb_screen.Exporter`)."""

    def __init__(
        self,
        db: Callable[[], Database],
        key: Callable[[], SigningKey],
        settings: Callable[[], Any],
    ) -> None:
        self.db, self.key, self.settings = db, key, settings

    def prepare(self, mode: str, progress: Callable[[float], None]) -> Bundle | None:
        from kiosk.export import service
        from kiosk.export.usb import prepare_export

        return prepare_export(
            self.db(),
            self.key(),
            mode=mode,
            coordinator_key=service.coordinator_key(self.settings()),
            progress=progress,
        )

    def write(self, folder: Path, bundle: Bundle, progress: Callable[[float], None]) -> Path:
        from kiosk.export.usb import write_export

        return write_export(folder, bundle, progress)

    def finish(self, folder: Path, path: Path, bundle: Bundle, mode: str) -> ExportResult:
        from kiosk.export.usb import finish_export

        return finish_export(self.db(), folder, path, bundle, mode)


def install(shell: Any) -> None:
    ctx = shell.ctx
    folder = data_dir()

    # The crypto, bundle and collector code is imported on first use (Deferred).
    def make_key() -> SigningKey:
        from kiosk.export import service

        return service.signing_key(folder)  # made at first use, kept 0600

    key: Callable[[], SigningKey] = Deferred(make_key)._deferred_get

    def make_outbox() -> Outbox:
        from kiosk.export import service

        return service.make_outbox(lambda: ctx.db, ctx.settings, folder=folder, key=key())

    def make_desk() -> CoordinatorDesk:
        from kiosk.collector.desk import CoordinatorDesk
        from kiosk.export.keys import public_key_b64

        return CoordinatorDesk(lambda: ctx.db, public_key=public_key_b64(key()), data_folder=folder)

    outbox: Outbox = Deferred(make_outbox)  # type: ignore[assignment]
    desk: CoordinatorDesk = Deferred(make_desk)  # type: ignore[assignment]
    sync = NetworkSync(outbox, shell.ops, shell)

    exporter = UsbExporter(lambda: ctx.db, key, lambda: ctx.settings)

    # The screens are built the first time they are opened.
    def make_usb() -> UsbExportScreen:
        from ui.coordinator.usb_screen import UsbExportScreen

        usb = UsbExportScreen(shell.t, shell.ops, exporter, removable_drives)
        usb.exported.connect(lambda _r: sync.refresh())
        return usb

    def make_coordinator() -> CoordinatorScreen:
        from ui.coordinator.coordinator_screen import CoordinatorScreen

        return CoordinatorScreen(shell.t, shell.ops, desk, sync, removable_drives, _report_folder)

    shell.add_lazy_screen("usb_export", make_usb)
    shell.add_lazy_screen("coordinator_reports", make_coordinator)

    def open_usb() -> None:
        shell.screen("usb_export").refresh()
        shell.show("usb_export")

    def open_coordinator() -> None:
        shell.screen("coordinator_reports").refresh()
        shell.show("coordinator_reports")

    shell.staff.add_action("usb_export", "export.usb_tile", "export.usb_tile_desc", open_usb)
    shell.staff.add_action(
        "coordinator_reports",
        "export.coord_tile",
        "export.coord_tile_desc",
        open_coordinator,
        modes=(Mode.COORDINATOR,),
    )

    days = ctx.settings["privacy.retention_days"]

    def purge() -> None:
        def run() -> None:
            from kiosk.export.retention import purge_personal_data

            purge_personal_data(ctx.db, days)

        shell.ops.run(run, on_error=lambda exc: log.error("old personal data not erased: %s", exc))

    def settle() -> None:
        purge()  # once the kiosk has settled...
        retention.start()  # ...and once a day
        sync.start()

    retention = QTimer(shell)
    retention.setInterval(DAY_MS)
    retention.timeout.connect(purge)
    QTimer.singleShot(SETTLE_MS, shell, settle)
    shell.export = ExportParts(
        shell,
        {
            "sync": sync,
            "desk": desk,
            "outbox": outbox,
            "retention_timer": retention,
            "settle": settle,
        },
    )


class ExportParts(dict):  # type: ignore[type-arg]
    """``shell.export``: the export screens (built when first asked for) and parts."""

    SCREENS = {"usb": "usb_export", "coordinator": "coordinator_reports"}

    def __init__(self, shell: Any, parts: dict[str, Any]) -> None:
        super().__init__(parts)
        self.shell = shell

    def __missing__(self, key: str) -> Any:
        if key in self.SCREENS:
            return self.shell.screen(self.SCREENS[key])
        raise KeyError(key)
