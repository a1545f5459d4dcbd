"""Session-log export in the app: the USB export screen (volunteers and coordinators),
the coordinator's screen (collection, totals, report), sending through the outbox on a
timer, and the daily erasing of old names and phones.

:class:`ExportPart` is built by :func:`ui.assemble.build_kiosk`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, QTimer

from kiosk.export.drives import removable_drives
from kiosk.lazy import Deferred
from kiosk.modes import Mode
from kiosk.paths import data_dir
from ui.coordinator.sync import NetworkSync

if TYPE_CHECKING:
    from nacl.signing import SigningKey

    from kiosk.collector.desk import CoordinatorDesk
    from kiosk.export.outbox import Outbox
    from kiosk.export.usb import ExportResult, PreparedExport
    from kiosk.storage import Database
    from ui.coordinator.coordinator_screen import CoordinatorScreen
    from ui.coordinator.usb_screen import UsbExportScreen
    from ui.shell import Shell

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

    def prepare(
        self, folder: Path, mode: str, progress: Callable[[float], None]
    ) -> PreparedExport | None:
        from kiosk.export import service
        from kiosk.export.usb import prepare_export

        return prepare_export(
            self.db(),
            self.key(),
            folder,
            mode=mode,
            coordinator_key=service.coordinator_key(self.settings()),
            progress=progress,
        )

    def write(
        self, folder: Path, prepared: PreparedExport, progress: Callable[[float], None]
    ) -> Path:
        from kiosk.export.usb import write_export

        return write_export(folder, prepared, progress)

    def finish(self, folder: Path, path: Path, prepared: PreparedExport, mode: str) -> ExportResult:
        from kiosk.export.usb import finish_export

        return finish_export(self.db(), folder, path, prepared, mode)

    def abandon(self, prepared: PreparedExport) -> None:
        from kiosk.export.usb import abandon_export

        abandon_export(self.db(), prepared)


class ExportPart(QObject):
    """USB export, the coordinator's screen, network sending and the daily erasing."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.shell = shell
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

            return CoordinatorDesk(
                lambda: ctx.db, public_key=public_key_b64(key()), data_folder=folder
            )

        self.outbox: Outbox = cast("Outbox", Deferred(make_outbox))
        self.desk: CoordinatorDesk = cast("CoordinatorDesk", Deferred(make_desk))
        self.sync = NetworkSync(self.outbox, shell.ops, shell)
        self.exporter = UsbExporter(lambda: ctx.db, key, lambda: ctx.settings)
        shell.add_lazy_screen("usb_export", self._make_usb)
        shell.add_lazy_screen("coordinator_reports", self._make_coordinator)
        shell.staff.add_action(
            "usb_export", "export.usb_tile", "export.usb_tile_desc", self.open_usb
        )
        shell.staff.add_action(
            "coordinator_reports",
            "export.coord_tile",
            "export.coord_tile_desc",
            self.open_coordinator,
            modes=(Mode.COORDINATOR,),
        )
        self.retention_days = ctx.settings["privacy.retention_days"]
        self.retention_timer = QTimer(self)
        self.retention_timer.setInterval(DAY_MS)
        self.retention_timer.timeout.connect(self.purge)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self.settle)
        self.settle_timer.start()

    # -- the screens, built the first time they are opened ------------------------------
    @property
    def usb(self) -> UsbExportScreen:
        return cast("UsbExportScreen", self.shell.screen("usb_export"))

    @property
    def coordinator(self) -> CoordinatorScreen:
        return cast("CoordinatorScreen", self.shell.screen("coordinator_reports"))

    def _make_usb(self) -> UsbExportScreen:
        from ui.coordinator.usb_screen import UsbExportScreen

        usb = UsbExportScreen(self.shell.t, self.shell.ops, self.exporter, removable_drives)
        usb.exported.connect(lambda _r: self.sync.refresh())
        return usb

    def _make_coordinator(self) -> CoordinatorScreen:
        from ui.coordinator.coordinator_screen import CoordinatorScreen

        return CoordinatorScreen(
            self.shell.t, self.shell.ops, self.desk, self.sync, removable_drives, _report_folder
        )

    def open_usb(self) -> None:
        self.usb.refresh()
        self.shell.show("usb_export")

    def open_coordinator(self) -> None:
        self.coordinator.refresh()
        self.shell.show("coordinator_reports")

    # -- background work ----------------------------------------------------------------
    def purge(self) -> None:
        ctx, days = self.shell.ctx, self.retention_days

        def run() -> None:
            from kiosk.export.retention import purge_personal_data

            purge_personal_data(ctx.db, days)  # the database may still be opening

        self.shell.ops.run(
            run, on_error=lambda exc: log.error("old personal data not erased: %s", exc)
        )

    def settle(self) -> None:
        self.purge()  # once the kiosk has settled...
        self.retention_timer.start()  # ...and once a day
        self.sync.start()

    def stop(self) -> None:
        """Quitting: no more sending or erasing rounds."""
        self.settle_timer.stop()
        self.retention_timer.stop()
        self.sync.stop()
