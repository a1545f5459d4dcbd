"""The PIN screen with a keyboard, and a keypad that stays put after a wrong PIN."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.security import add_volunteer


def open_pin(  # type: ignore[no-untyped-def]
    shell, qtbot, lang: str = "vi", scale: int = 100, screen: tuple[int, int] = (1366, 768)
):
    shell.window.setFixedSize(*screen)
    shell.t.set_language(lang)
    shell.session.set_text_scale(scale)
    shell.window.activateWindow()
    qtbot.waitActive(shell.window)
    # As a keyboard user would: Tab to the volunteer button on the bar, then Enter.
    shell.top_bar.staff.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(shell.top_bar.staff, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window.current == "pin" and shell.pin.isVisible())
    return shell.pin


def key_places(pin, window) -> dict[str, QRect]:  # type: ignore[no-untyped-def]
    keypad = [*pin.digits.values(), pin.delete, pin.ok, pin.cancel]
    return {b.objectName(): QRect(b.mapTo(window, QPoint(0, 0)), b.size()) for b in keypad}


# Screens and sizes where the message used to push the keypad about (it flipped between
# under the text and beside it), and the common laptop.
CASES = [
    ((1366, 768), "vi", 100),
    ((1366, 768), "ar", 200),
    ((1280, 1024), "vi", 150),
    ((1280, 1024), "ar", 150),
    ((1920, 1080), "ar", 150),
    ((1920, 1080), "en", 100),
    ((1024, 768), "vi", 200),
]


def settle() -> None:
    """Let the posted layout requests run, so the keys stand where they will stay."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


@pytest.mark.parametrize(
    "screen,lang,scale", CASES, ids=[f"{w}x{h}-{lang}-{s}" for (w, h), lang, s in CASES]
)
def test_a_wrong_pin_does_not_move_the_keypad(
    shell, qtbot, db, lang: str, scale: int, screen: tuple[int, int]
) -> None:
    add_volunteer(db, "Lan", "2468")
    pin = open_pin(shell, qtbot, lang, scale, screen)
    settle()
    before = key_places(pin, shell.window)
    for d in "9999":
        qtbot.mouseClick(pin.digits[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pin.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not pin.busy, timeout=10000)
    assert pin.message.isVisible()
    assert pin.message.text() == shell.t.t("pin.wrong", tries=4)
    settle()
    assert key_places(pin, shell.window) == before
    # Nor when the message goes again.
    pin.reset()
    settle()
    assert key_places(pin, shell.window) == before


def test_the_keyboard_alone_unlocks_with_the_right_pin(shell, qtbot, db) -> None:
    add_volunteer(db, "Lan", "2468")
    pin = open_pin(shell, qtbot)
    field = QApplication.focusWidget()
    assert field is pin.dots, f"focus is on {field.objectName()!r}, not the PIN field"
    QTest.keyClicks(field, "1357")
    assert pin.pin == "1357"
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClicks(QApplication.focusWidget(), "2468")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window.current == "staff", timeout=10000)
    assert shell.modes.is_staff


def test_enter_on_a_focused_digit_checks_the_pin_and_types_nothing(shell, qtbot, db) -> None:
    add_volunteer(db, "Lan", "2468")
    pin = open_pin(shell, qtbot)
    QTest.keyClicks(QApplication.focusWidget(), "246")
    pin.digits["8"].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(pin.digits["8"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not pin.busy, timeout=10000)
    # "246" was checked (and is wrong); the focused 8 was not added.
    assert shell.window.current == "pin"
    assert pin.message.text() == shell.t.t("pin.wrong", tries=4)
    # Space still presses the focused key, as on every other button.
    QTest.keyClicks(pin.digits["8"], "246")
    QTest.keyClick(pin.digits["8"], Qt.Key.Key_Space)
    assert pin.pin == "2468"
    QTest.keyClick(pin.digits["8"], Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: shell.window.current == "staff", timeout=10000)
