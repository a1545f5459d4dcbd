"""*Another folder…* on the USB export screen: the kiosk's own large folder chooser."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from kiosk.modes import Mode
from kiosk.security import add_volunteer
from kiosk.theme import MIN_TARGET_MM


@pytest.fixture(autouse=True)
def _no_desktop_dialog(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Qt's dialog would block the test; record that it was asked for instead."""
    opened: list[str] = []

    def dialog(*_a, **_k) -> str:  # type: ignore[no-untyped-def]
        opened.append("QFileDialog")
        return ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", dialog)
    return opened


def open_export(shell, db, tapper):  # type: ignore[no-untyped-def]
    shell.modes.enter(Mode.VOLUNTEER, add_volunteer(db, "Lan", "2468"))
    tap = tapper(shell)
    tap(shell.staff.buttons["usb_export"])
    return shell.export.usb, tap


def test_another_folder_lists_navigates_and_returns_the_choice(
    shell, db, tapper, tmp_path: Path, _no_desktop_dialog
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "disk"
    (root / "Ảnh").mkdir(parents=True)
    (root / "Nhật ký" / "2026").mkdir(parents=True)
    (root / ".ẩn").mkdir()
    (root / "một tệp.txt").write_text("x")
    shell.t.set_language("en")
    usb, tap = open_export(shell, db, tapper)
    usb.browse_from = root
    usb.folder = None

    tap(usb.folder_button)
    assert _no_desktop_dialog == []
    picker = usb.picker
    assert picker.isVisible() and not usb.start.isVisible()
    assert picker.title.text() == "Choose a folder to save in"
    assert picker.choose.text() == "Choose this folder" and picker.up.text() == "Up one level"
    # Folders only, no hidden ones, by name; each row big enough for a finger.
    assert picker.folders() == ["Nhật ký", "Ảnh"]
    min_px = MIN_TARGET_MM * picker.logicalDpiY() / 25.4
    rows = [picker.list.visualItemRect(picker.list.item(i)) for i in range(2)]
    assert all(r.height() >= min_px - 1 for r in rows)

    # Into a folder with one tap, then up again.
    tap.qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rows[0].center())
    assert picker.folder == root / "Nhật ký" and picker.folders() == ["2026"]
    assert str(root / "Nhật ký") in picker.here.text()
    tap(picker.up)
    assert picker.folder == root and picker.folders() == ["Nhật ký", "Ảnh"]

    # Cancel: back to the export screen, nothing chosen.
    tap(picker.cancel)
    assert not picker.isVisible() and usb.start.isVisible() and usb.folder is None

    # Choose: the export screen has the folder and says so.
    tap(usb.folder_button)
    picker.go_into("Ảnh")
    tap(picker.choose)
    assert usb.folder == root / "Ảnh"
    assert usb.start.isVisible() and str(root / "Ảnh") in usb.chosen.text()
    assert usb.findChildren(QDialog) == [] and shell.window.findChildren(QFileDialog) == []


def test_the_export_screen_has_no_desktop_file_dialog() -> None:
    from ui.coordinator import usb_screen

    assert "QFileDialog" not in inspect.getsource(usb_screen)


def test_the_picker_speaks_vietnamese_and_arabic(shell, db, tapper, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    usb, tap = open_export(shell, db, tapper)
    empty = tmp_path / "trống"
    empty.mkdir()
    usb.browse_from = empty
    tap(usb.folder_button)
    assert usb.picker.choose.text() == "Chọn thư mục này"
    assert usb.picker.empty.isVisible()
    assert usb.picker.empty.text() == "Không có thư mục con nào ở đây."
    shell.t.set_language("ar")
    assert usb.picker.choose.text() == "اختر هذا المجلد"
