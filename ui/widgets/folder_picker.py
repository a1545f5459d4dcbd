"""A large, translated folder chooser for touch screens: the folders where one is, one tap
to go into a folder, *Up*, *Choose this folder* and *Cancel*. It replaces Qt's small
desktop dialog, which is in English and made for a mouse."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Translator
from kiosk.theme import MIN_TARGET_MM
from ui.qt_events import listen
from ui.widgets.common import button, label, name, retext

MAX_SHOWN = 500  # a folder with thousands of sub-folders is not browsed by finger


def subfolders(folder: Path) -> list[Path]:
    """The folders in ``folder`` a person would look for: not hidden, readable, by name."""
    try:
        found = [
            p
            for p in folder.iterdir()
            if not p.name.startswith(".") and p.is_dir() and _readable(p)
        ]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name.casefold())[:MAX_SHOWN]


def _readable(p: Path) -> bool:
    try:
        next(iter(p.iterdir()), None)
    except OSError:
        return False
    return True


class FolderPicker(QWidget):
    chosen = Signal(object)  # Path
    cancelled = Signal()

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folder_picker")
        self.t = translator
        self.folder = Path.home()
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        self.here = label()
        self.here.setObjectName("folder_here")
        self.list = QListWidget()
        self.list.setObjectName("folder_list")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._open_item)
        self.list.itemClicked.connect(self._open_item)
        self.empty = label(role="muted")
        self.empty.setObjectName("folder_empty")
        row = QHBoxLayout()
        self.up = button("", object_name="folder_up")
        self.up.clicked.connect(self.go_up)
        self.cancel = button("", object_name="folder_cancel")
        self.cancel.clicked.connect(self.cancelled)
        self.choose = button("", role="accent", object_name="folder_choose")
        self.choose.clicked.connect(lambda: self.chosen.emit(self.folder))
        for b in (self.up, self.cancel, self.choose):
            row.addWidget(b)
        for w in (self.title, self.here):
            lay.addWidget(w)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty)
        lay.addLayout(row)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def open_at(self, folder: Path) -> None:
        """Show the folders in ``folder`` (or the nearest existing folder above it)."""
        folder = Path(folder).absolute()
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent
        self.folder = folder
        self.list.clear()
        row_px = max(
            round(self.logicalDpiY() * MIN_TARGET_MM / 25.4), self.fontMetrics().height() * 2
        )
        for sub in subfolders(folder):
            item = QListWidgetItem("📁 " + sub.name)
            item.setData(Qt.ItemDataRole.UserRole, str(sub))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, sub.name)
            item.setSizeHint(QSize(0, row_px))
            self.list.addItem(item)
        self.up.setEnabled(folder != folder.parent)
        self.retranslate()
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def folders(self) -> list[str]:
        """The names listed now (what a person sees)."""
        return [
            Path(self.list.item(i).data(Qt.ItemDataRole.UserRole)).name
            for i in range(self.list.count())
        ]

    def go_into(self, name: str) -> None:
        self.open_at(self.folder / name)

    def go_up(self) -> None:
        self.open_at(self.folder.parent)

    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_at(Path(item.data(Qt.ItemDataRole.UserRole)))

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("export.picker_title"))
        self.here.setText(t("export.picker_here", path=str(self.folder)))
        name(self.list, t("export.picker_list"), t("export.picker_list_desc"))
        self.empty.setText(t("export.picker_empty"))
        self.empty.setVisible(self.list.count() == 0)
        retext(self.up, t("export.picker_up"), t("export.picker_up_desc"))
        retext(self.cancel, t("export.picker_cancel"), t("export.picker_cancel_desc"))
        retext(self.choose, t("export.picker_choose"), t("export.picker_choose_desc"))
