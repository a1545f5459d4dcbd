"""Saving the visit log to a USB stick (volunteer and coordinator modes): pick a stick
or a folder, new visits or all, and save, with a progress bar and a plain message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk.export.drives import Drive
from kiosk.export.safe_write import WriteError
from kiosk.i18n import Translator
from ui.main_window import ScreenStack
from ui.ops import Lane, Operations
from ui.qt_events import listen
from ui.widgets.choices import ChoiceGroup
from ui.widgets.common import button, label, name, retext, scroll
from ui.widgets.folder_picker import FolderPicker

if TYPE_CHECKING:
    from kiosk.export.usb import ExportResult, PreparedExport

Progress = Callable[[float], None]


class Exporter(Protocol):
    """The steps of a USB export: database, stick, database (or, when the stick failed,
    forgetting the reserved batch)."""

    def prepare(self, folder: Path, mode: str, progress: Progress) -> PreparedExport | None: ...

    def write(self, folder: Path, prepared: PreparedExport, progress: Progress) -> Path: ...

    def finish(
        self, folder: Path, path: Path, prepared: PreparedExport, mode: str
    ) -> ExportResult: ...

    def abandon(self, prepared: PreparedExport) -> None: ...


class ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread."""

    moved = Signal(float)


def say(widget: QWidget, text: str, role: str = "") -> None:
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.setText(text)  # type: ignore[attr-defined]
    widget.setVisible(bool(text))


class UsbExportScreen(QWidget):
    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        translator: Translator,
        ops: Operations,
        exporter: Exporter,
        list_drives: Callable[[], list[Drive]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("usb_export")
        self.t, self.ops, self.exporter, self.list_drives = (translator, ops, exporter, list_drives)
        self.drives: list[Drive] = []
        self.folder: Path | None = None
        self.mode = "incremental"
        self.busy = False
        self.relay = ProgressRelay(self)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.title = label(role="title")
        self.intro = label()
        self.where = label()
        lay.addWidget(self.title)
        lay.addWidget(self.intro)
        lay.addWidget(self.where)
        self.drive_grid = QGridLayout()
        lay.addLayout(self.drive_grid)
        self.drive_group = ChoiceGroup(self)
        self.drive_buttons: list = []
        self.no_drives = label()
        lay.addWidget(self.no_drives)
        row = QHBoxLayout()
        self.refresh_button = button("", object_name="usb_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button = button("", object_name="usb_other_folder")
        self.folder_button.clicked.connect(self.choose_folder)
        row.addWidget(self.refresh_button)
        row.addWidget(self.folder_button)
        lay.addLayout(row)
        self.chosen = label()
        lay.addWidget(self.chosen)
        modes = QHBoxLayout()
        self.mode_group = ChoiceGroup(self)
        self.mode_new = button("", object_name="usb_mode_new")
        self.mode_all = button("", object_name="usb_mode_all")
        for b, mode in ((self.mode_new, "incremental"), (self.mode_all, "full")):
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, m=mode: self._set_mode(m))
            self.mode_group.addButton(b)
            modes.addWidget(b)
        self.mode_new.setChecked(True)
        lay.addStretch(1)
        # What to save, Save now, the progress and what happened: under the part that
        # may scroll (where to save, at 200%), always in view.
        page = QWidget()
        footer = QVBoxLayout(page)
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(scroll(body), 1)
        footer.addLayout(modes)
        self.start = button("", role="accent", object_name="usb_start")
        self.start.clicked.connect(self.export)
        footer.addWidget(self.start)
        self.progress = QProgressBar()
        self.progress.setObjectName("usb_progress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        footer.addWidget(self.progress)
        self.message = label()
        self.message.setObjectName("usb_message")
        self.message.setVisible(False)
        footer.addWidget(self.message)
        # *Another folder…* opens the kiosk's own large folder chooser in place of the
        # screen, and comes back to it with the folder chosen (or none, on Cancel).
        self.browse_from = Path.home()
        self.picker = FolderPicker(translator)
        self.picker.chosen.connect(self._picked)
        self.picker.cancelled.connect(self._close_picker)
        # Only the page on show asks for room: the folder chooser's buttons at 200% in
        # Arabic would otherwise make the screen taller than the display while hidden.
        self.pages = ScreenStack()
        self.pages.addWidget(page)
        self.pages.addWidget(self.picker)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.relay.moved.connect(lambda x: self.progress.setValue(round(x * 100)))
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    # -- choosing where -----------------------------------------------------------------
    def refresh(self) -> None:
        self.ops.run(self.list_drives, self._show_drives, lambda exc: None, lane=Lane.IO)

    def _show_drives(self, drives: list[Drive]) -> None:
        for b in self.drive_buttons:
            self.drive_group.removeButton(b)
            b.setParent(None)
            b.deleteLater()
        self.drive_buttons = []
        self.drives = [d for d in drives if not d.read_only] + [d for d in drives if d.read_only]
        for i, d in enumerate(self.drives):
            b = button(d.label, object_name=f"usb_drive_{i}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, d=d: self._choose(d.path))
            self.drive_group.addButton(b)
            self.drive_grid.addWidget(b, i // 3, i % 3)
            self.drive_buttons.append(b)
        if self.folder is None and self.drives:
            self._choose(self.drives[0].path)
            self.drive_buttons[0].setChecked(True)
        self.retranslate()

    def choose_folder(self) -> None:
        start = self.folder if self.folder is not None else self.browse_from
        self.picker.open_at(start)
        self.pages.setCurrentWidget(self.picker)
        self.picker.list.setFocus()

    def _picked(self, folder: Path) -> None:
        self._close_picker()
        self.drive_group.setExclusive(False)
        for b in self.drive_buttons:
            b.setChecked(False)
        self.drive_group.setExclusive(True)
        self._choose(folder)

    def _close_picker(self) -> None:
        self.pages.setCurrentIndex(0)
        self.folder_button.setFocus()

    def _choose(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.retranslate()

    def _set_mode(self, mode: str) -> None:
        self.mode = mode

    # -- saving -------------------------------------------------------------------------
    def export(self) -> None:
        if self.busy:
            return
        if self.folder is None:
            say(self.message, self.t.t("export.choose_first"), "warning")
            return
        self.busy = True
        self.start.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        say(self.message, self.t.t("export.working"), "")
        folder, mode, emit = self.folder, self.mode, self.relay.moved.emit
        ex = self.exporter

        # The bundle is made and recorded on the database lane; the slow part, writing
        # to the stick, on the I/O lane, so a slow stick delays no queue action.
        def prepared(made: PreparedExport | None) -> None:
            if made is None:
                self._done(None)
                return

            def not_written(exc: Exception) -> None:
                # Nothing carries the reserved number: forget it, then say what happened.
                self.ops.run(lambda: ex.abandon(made), lambda _r: self._failed(exc), self._failed)

            self.ops.run(
                lambda: ex.write(folder, made, lambda x: emit(0.15 + 0.8 * x)),
                lambda path: self.ops.run(
                    lambda: ex.finish(folder, path, made, mode), self._done, self._failed
                ),
                not_written,
                lane=Lane.IO,
            )

        self.ops.run(
            lambda: ex.prepare(folder, mode, lambda x: emit(0.15 * x)), prepared, self._failed
        )

    def _done(self, result: ExportResult | None) -> None:
        self._idle()
        self.progress.setValue(100)
        if result is None or result.path is None:
            say(self.message, self.t.t("export.nothing_new"), "")
        else:
            say(
                self.message,
                self.t.t("export.done", count=result.visits, file=result.path.name),
                "",
            )
        self.exported.emit(result)

    def _failed(self, exc: Exception) -> None:
        self._idle()
        self.progress.setVisible(False)
        if getattr(exc, "code", "") == "demo":  # the demo kiosk's samples stay in the demo
            say(self.message, self.t.t("export.demo_refused"), "warning")
            return
        kind = exc.kind if isinstance(exc, WriteError) else "failed"
        detail = exc.detail if isinstance(exc, WriteError) else str(exc)
        say(self.message, self.t.t(f"export.error_{kind}", detail=detail), "error")

    def _idle(self) -> None:
        self.busy = False
        self.start.setEnabled(True)

    # -- text ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("export.usb_title"))
        self.intro.setText(t("export.usb_intro"))
        self.where.setText(t("export.drives_label"))
        self.no_drives.setText(t("export.no_drives"))
        self.no_drives.setVisible(not self.drives)
        for b, d in zip(self.drive_buttons, self.drives, strict=True):
            name(
                b, d.label, t("export.drive_desc", name=d.label, free=d.free_bytes // (1024 * 1024))
            )
        retext(self.refresh_button, t("export.refresh"), t("export.refresh_desc"))
        retext(self.folder_button, t("export.other_folder"), t("export.other_folder_desc"))
        self.chosen.setText(t("export.folder_chosen", path=str(self.folder)) if self.folder else "")
        self.chosen.setVisible(self.folder is not None)
        retext(self.mode_new, t("export.mode_new"), t("export.mode_new_desc"))
        retext(self.mode_all, t("export.mode_all"), t("export.mode_all_desc"))
        retext(self.start, t("export.start"), t("export.start_desc"))
        name(self.progress, t("export.progress_desc"))

    def reset(self) -> None:
        """Leaving volunteer mode: forget the message (the chosen stick may stay)."""
        self.pages.setCurrentIndex(0)
        if not self.busy:
            self.message.setVisible(False)
            self.progress.setVisible(False)
            self.mode = "incremental"
            self.mode_new.setChecked(True)
