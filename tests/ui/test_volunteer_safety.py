"""A volunteer's controls that must not trip anyone up: closing the kiosk asks first and
sits away from the everyday tiles; the full-screen tile says what it does."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from kiosk.security import add_volunteer


def sign_in(shell, qtbot, db, pin: str = "2468") -> None:  # type: ignore[no-untyped-def]
    add_volunteer(db, "Lan", pin)
    shell.open_pin()
    for d in pin:
        qtbot.mouseClick(shell.pin.digits[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.pin.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window.current == "staff", timeout=10000)


def test_one_tap_on_quit_only_asks_and_keep_open_keeps_it(shell, qtbot, db) -> None:
    sign_in(shell, qtbot, db)
    qtbot.mouseClick(shell.staff.buttons["quit"], Qt.MouseButton.LeftButton)
    shell.ops.wait()
    QApplication.processEvents()  # a close posted by a wrong tap would run here
    assert shell.window.isVisible()
    assert shell.confirm.isVisible()
    assert shell.confirm.title.text() == "Tắt ứng dụng kiosk?"
    # The question covers the whole window and the safe answer has the focus.
    assert shell.confirm.geometry() == shell.window.centralWidget().rect()
    assert shell.confirm.no.hasFocus() or shell.confirm.focusWidget() is shell.confirm.no
    qtbot.mouseClick(shell.confirm.no, Qt.MouseButton.LeftButton)
    shell.ops.wait()
    assert not shell.confirm.isVisible()
    assert shell.window.isVisible() and shell.window.current == "staff"


def test_confirming_closes_the_kiosk(shell, qtbot, db) -> None:
    shell.t.set_language("en")
    sign_in(shell, qtbot, db)
    qtbot.mouseClick(shell.staff.buttons["quit"], Qt.MouseButton.LeftButton)
    assert shell.confirm.title.text() == "Close the kiosk?"
    assert shell.confirm.yes.text() == "Close" and shell.confirm.no.text() == "Keep open"
    qtbot.mouseClick(shell.confirm.yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shell.window.isVisible(), timeout=5000)


def test_quit_sits_below_and_apart_from_the_everyday_tiles(shell, qtbot, db) -> None:
    sign_in(shell, qtbot, db)
    staff = shell.staff
    quit_b = staff.buttons["quit"]
    everyday = [
        b for k, b in staff.buttons.items() if b.isVisible() and k not in ("quit", "windowed")
    ]
    assert everyday, "no everyday tiles shown"
    quit_top = quit_b.mapTo(staff, QPoint(0, 0)).y()
    for b in everyday:
        assert staff.grid.indexOf(b) >= 0
        bottom = b.mapTo(staff, QPoint(0, b.height())).y()
        assert quit_top - bottom >= 16, f"{b.objectName()} is right next to quit"
    assert staff.grid.indexOf(quit_b) < 0
    assert quit_b.property("role") == "danger"


def test_the_full_screen_tile_says_what_it_does(shell, qtbot, db) -> None:
    sign_in(shell, qtbot, db)
    tile = shell.staff.buttons["windowed"]
    # The test kiosk runs in a window: the tile offers full screen, not "minimise".
    assert tile.accessibleName() == "Toàn màn hình"
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window.isFullScreen())
    assert tile.accessibleName() == "Thoát toàn màn hình"
    assert "Thu nhỏ" not in tile.accessibleName()
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shell.window.isFullScreen())
    assert tile.accessibleName() == "Toàn màn hình"
