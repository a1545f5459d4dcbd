"""The PIN screen says calmly how long the lock lasts, and who can lift the last one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.security import add_volunteer, unlock_pins


def _tap(qtbot, shell, pin: str) -> None:
    for d in pin:
        qtbot.mouseClick(shell.pin.digits[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.pin.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shell.pin.busy, timeout=10000)


def test_the_screen_names_each_longer_lock_then_the_coordinator(shell, qtbot, db, clock) -> None:
    add_volunteer(db, "Lan", "2468")
    add_volunteer(db, "Minh", "1357", role="coordinator")
    shell.open_pin()
    for minutes in (5, 15, 60):
        for _ in range(5):
            _tap(qtbot, shell, "9999")
        assert f"sau {minutes} phút" in shell.pin.message.text()
        clock.advance(minutes * 60 - 90)
        _tap(qtbot, shell, "2468")  # refused, and the time left is counted down
        assert "sau 2 phút" in shell.pin.message.text()
        assert shell.window.current == "pin"
        clock.advance(90)
    for _ in range(5):
        _tap(qtbot, shell, "9999")
    text = shell.pin.message.text()
    assert "Điều phối viên" in text and "literacy-kiosk volunteer unlock" in text
    clock.advance(7 * 24 * 3600)
    _tap(qtbot, shell, "1357")
    assert shell.window.current == "pin"
    unlock_pins(db, "1357")
    _tap(qtbot, shell, "2468")
    assert shell.window.current == "staff"


def test_a_locked_door_says_so_as_soon_as_the_pin_screen_opens(shell, qtbot, db, clock) -> None:
    add_volunteer(db, "Lan", "2468")
    shell.open_pin()
    for _ in range(5):
        _tap(qtbot, shell, "9999")
    shell.pin._cancel()  # someone walks away; the next person opens the PIN screen
    assert not shell.pin.message.isVisible()
    clock.advance(60)
    shell.open_pin()
    qtbot.waitUntil(lambda: shell.pin.message.isVisible(), timeout=10000)
    assert "sau 4 phút" in shell.pin.message.text()
    clock.advance(240)
    shell.pin._cancel()
    shell.open_pin()
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=10000)
    assert not shell.pin.message.isVisible()  # the lock is over: nothing to say
