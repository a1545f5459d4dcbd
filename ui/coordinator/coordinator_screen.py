"""The coordinator's screen: sending to the collector, bringing in logs from USB sticks,
the totals with charts, and the one-page PDF report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.export.drives import Drive
from kiosk.i18n import Translator
from kiosk.queue import HANOI
from ui.coordinator.sync import NetworkSync
from ui.coordinator.totals_view import TotalsView
from ui.coordinator.usb_screen import say
from ui.ops import Lane, Operations
from ui.qt_events import listen
from ui.widgets.common import button, label, name, retext, scroll

if TYPE_CHECKING:
    from kiosk.collector.desk import CoordinatorDesk
    from kiosk.collector.local import FolderImport, Unknown
    from kiosk.export.outbox import OutboxStatus


class CoordinatorScreen(QWidget):
    def __init__(
        self,
        translator: Translator,
        ops: Operations,
        desk: CoordinatorDesk,
        sync: NetworkSync,
        list_drives: Callable[[], list[Drive]],
        report_folder: Callable[[], Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coordinator")
        self.t, self.ops, self.desk, self.sync = translator, ops, desk, sync
        self.list_drives, self.report_folder = list_drives, report_folder
        self.drives: list[Drive] = []
        self.pending: tuple[Unknown, Path] | None = None
        self.last_import: FolderImport | None = None
        body = QWidget()
        page = QVBoxLayout(body)
        self.title = label(role="title")
        page.addWidget(self.title)
        columns = QHBoxLayout()
        page.addLayout(columns, 1)
        lay = QVBoxLayout()  # left: sending, bringing in, the report
        right = QVBoxLayout()  # right: the totals
        columns.addLayout(lay, 1)
        columns.addSpacing(24)
        columns.addLayout(right, 1)
        # Sending.
        self.net_title = label(role="title")
        self.net_status = label()
        self.net_status.setObjectName("net_status")
        self.send = button("", object_name="coord_send_now")
        self.send.clicked.connect(self.send_now)
        for w in (self.net_title, self.net_status, self.send):
            lay.addWidget(w)
        # Importing.
        self.import_title = label(role="title")
        self.import_intro = label()
        lay.addWidget(self.import_title)
        lay.addWidget(self.import_intro)
        self.drive_grid = QGridLayout()
        lay.addLayout(self.drive_grid)
        self.drive_buttons: list = []
        self.import_other = button("", object_name="coord_import_folder")
        self.import_other.clicked.connect(self.choose_folder)
        lay.addWidget(self.import_other)
        self.message = label()
        self.message.setObjectName("coord_message")
        self.message.setVisible(False)
        lay.addWidget(self.message)
        trust_row = QHBoxLayout()
        self.trust = button("", role="accent", object_name="coord_trust")
        self.dont_trust = button("", object_name="coord_dont_trust")
        self.trust.clicked.connect(self.trust_pending)
        self.dont_trust.clicked.connect(self.drop_pending)
        trust_row.addWidget(self.trust)
        trust_row.addWidget(self.dont_trust)
        lay.addLayout(trust_row)
        self.report = button("", role="accent", object_name="coord_report")
        self.report.clicked.connect(self.save_report)
        lay.addStretch(1)
        self.totals = TotalsView(translator)
        right.addWidget(self.totals)
        right.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll(body), 1)
        outer.addWidget(self.report)  # the screen's main action: never scrolled away
        sync.status_changed.connect(self.show_status)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    # -- opening ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fresh totals, drives and sending status (when the screen is opened)."""
        self.ops.run(self.desk.summary, self.totals.set_summary, self._failed)
        self.ops.run(self.list_drives, self._show_drives, lambda _e: None, lane=Lane.IO)
        self.sync.refresh()

    def _show_drives(self, drives: list[Drive]) -> None:
        for b in self.drive_buttons:
            b.setParent(None)
            b.deleteLater()
        self.drives, self.drive_buttons = drives, []
        for i, d in enumerate(drives):
            b = button("", object_name=f"coord_drive_{i}")
            b.clicked.connect(lambda _=False, d=d: self.import_from(d.path))
            self.drive_grid.addWidget(b, i // 3, i % 3)
            self.drive_buttons.append(b)
        self.retranslate()

    # -- sending ------------------------------------------------------------------------
    def send_now(self) -> None:
        self.net_status.setText(self.t.t("export.sending"))
        self.sync.tick()

    def show_status(self, status: OutboxStatus) -> None:
        t = self.t.t
        if not status.configured:
            lines = [t("export.net_not_set")]
        else:
            lines = [t("export.net_status", queued=status.queued, visits=status.queued_visits)]
            if status.last_success is not None:
                when = status.last_success.astimezone(HANOI).strftime("%Y-%m-%d %H:%M")
                lines.append(t("export.net_last_ok", time=when))
            else:
                lines.append(t("export.net_never"))
        if status.last_error:
            lines.append(t("export.net_last_error", error=status.last_error))
        self.net_status.setText("\n".join(lines))
        self.send.setEnabled(status.configured)

    # -- importing ----------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.t.t("export.import_folder"))
        if folder:
            self.import_from(Path(folder))

    def import_from(self, folder: Path) -> None:
        say(self.message, self.t.t("export.importing"), "")
        self.ops.run(
            lambda: self.desk.import_folder(folder), lambda r: self._imported(r), self._failed
        )

    def trust_pending(self) -> None:
        if self.pending is None:
            return
        unknown, folder = self.pending
        self.pending = None
        self._show_trust(False)
        say(self.message, self.t.t("export.importing"), "")
        self.ops.run(
            lambda: self.desk.trust_and_import(unknown, folder), self._imported, self._failed
        )

    def drop_pending(self) -> None:
        self.pending = None
        self._show_trust(False)
        self.message.setVisible(False)

    def _imported(self, result: FolderImport) -> None:
        self.last_import = result
        t = self.t.t
        if result.files == 0:
            say(self.message, t("export.no_files", path=str(result.folder)), "warning")
            return
        bad = len(result.refused) + len(result.unknown)
        lines = [
            t(
                "export.imported",
                files=result.files,
                new=result.new_visits,
                dup=result.duplicate_visits,
                bad=bad,
            )
        ]
        for file, status in result.results:  # each file's result, in the order read
            if status in ("imported", "duplicate"):
                lines.append(t(f"export.file_{status}", file=file))
            elif status != "unknown_kiosk":  # those are asked about below
                lines.append(t("export.refused", file=file, reason=t(f"export.reason_{status}")))
        if result.unknown:
            u = result.unknown[0]
            lines.append(
                t("export.unknown_kiosk", file=u.file, kiosk=u.kiosk_id, fingerprint=u.fingerprint)
            )
            self.pending = (u, result.folder)
        say(self.message, "\n".join(lines), "warning" if bad else "")
        self._show_trust(self.pending is not None)
        self.ops.run(self.desk.summary, self.totals.set_summary, self._failed)

    def _show_trust(self, on: bool) -> None:
        self.trust.setVisible(on)
        self.dont_trust.setVisible(on)

    # -- the report ---------------------------------------------------------------------
    def save_report(self) -> None:
        lang = self.t.lang
        folder = self.report_folder()
        self.ops.run(lambda: self.desk.save_report(folder, lang), self._report_saved, self._failed)

    def _report_saved(self, path: Path | None) -> None:
        if path is None:  # nothing to report: said plainly, and no page of zeros written
            say(self.message, self.t.t("export.report_empty"), "warning")
        else:
            say(self.message, self.t.t("export.report_saved", path=str(path)), "")

    def _failed(self, exc: Exception) -> None:
        say(self.message, str(exc), "error")

    # -- text ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("export.coord_title"))
        self.net_title.setText(t("export.net_title"))
        retext(self.send, t("export.send_now"), t("export.send_now_desc"))
        self.import_title.setText(t("export.import_title"))
        self.import_intro.setText(t("export.import_intro"))
        for b, d in zip(self.drive_buttons, self.drives, strict=True):
            retext(b, t("export.import_from", name=d.label), t("export.import_desc", name=d.label))
        retext(self.import_other, t("export.import_folder"), t("export.import_folder_desc"))
        retext(self.trust, t("export.trust"), t("export.trust_desc"))
        retext(self.dont_trust, t("export.dont_trust"), t("export.dont_trust_desc"))
        self._show_trust(self.pending is not None)
        retext(self.report, t("export.report"), t("export.report_desc"))
        name(self.message, self.message.text() or t("export.coord_title"))
        if self.sync.status is not None:
            self.show_status(self.sync.status)

    def reset(self) -> None:
        self.pending = None
        self.message.setVisible(False)
        self._show_trust(False)

    def summary(self) -> dict[str, Any]:
        return self.totals.summary
