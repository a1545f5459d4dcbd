"""The PIN screen on the kiosk's 1366x768 screen at 200% text: every key can be reached."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.theme import MIN_TARGET_MM

SCREEN_W, SCREEN_H = 1366, 768
LONG_MESSAGE = (
    "The database could not be opened: storage.database_url is not right. "
    "Please ask the coordinator; the guides keep working meanwhile. "
) * 3


def open_pin_at_200(shell, qtbot, lang: str, contrast: bool):  # type: ignore[no-untyped-def]
    # A full-screen window on a 1366x768 screen cannot grow past it.
    shell.window.setFixedSize(SCREEN_W, SCREEN_H)
    shell.session.translator.set_language(lang)
    shell.session.set_text_scale(200)
    shell.session.set_high_contrast(contrast)
    shell.open_pin()
    shell.window.activateWindow()
    qtbot.waitActive(shell.window)
    pin = shell.pin
    qtbot.waitUntil(lambda: pin.isVisible())
    return pin


def on_screen(b: QPushButton, window) -> bool:  # type: ignore[no-untyped-def]
    """Fully visible: inside the window, and inside every scrolling viewport around it."""
    top_left = b.mapTo(window, b.rect().topLeft())
    if not QRect(0, 0, SCREEN_W, SCREEN_H).contains(QRect(top_left, b.size())):
        return False
    parent = b.parentWidget()
    while parent is not None and parent is not window:
        seen = QRect(b.mapTo(parent, b.rect().topLeft()), b.size())
        if not parent.rect().contains(seen):
            return False
        parent = parent.parentWidget()
    return True


def expected_names(shell) -> dict[str, str]:  # type: ignore[no-untyped-def]
    t = shell.t.t
    names = {f"pin_{d}": d for d in "0123456789"}
    names.update(pin_delete=t("pin.delete"), pin_ok=t("pin.ok"), pin_cancel=t("pin.cancel"))
    return names


CASES = pytest.mark.parametrize(
    "lang,contrast",
    [("vi", False), ("vi", True), ("ar", False), ("ar", True), ("en", False)],
    ids=["vi", "vi-high-contrast", "ar", "ar-high-contrast", "en"],
)


@CASES
def test_every_key_is_visible_big_and_named_at_200_percent(
    shell,
    qtbot,
    clipped,  # type: ignore[no-untyped-def]
    lang: str,
    contrast: bool,
) -> None:
    pin = open_pin_at_200(shell, qtbot, lang, contrast)
    assert shell.window.height() == SCREEN_H
    assert pin.minimumSizeHint().height() <= SCREEN_H - shell.top_bar.height()
    keys = pin.findChildren(QPushButton)
    names = expected_names(shell)
    assert sorted(b.objectName() for b in keys) == sorted(names)
    min_px = MIN_TARGET_MM * shell.theme.dpi / 25.4
    qtbot.waitUntil(lambda: all(on_screen(b, shell.window) for b in keys), timeout=3000)
    for b in keys:
        assert b.width() >= min_px and b.height() >= min_px, b.objectName()
        assert b.width() >= b.sizeHint().width(), f"{b.objectName()} {b.text()!r} is cut off"
        assert b.accessibleName() == names[b.objectName()]
        assert b.accessibleDescription().strip()
    assert clipped(pin) == []


@CASES
def test_a_long_message_leaves_the_keypad_in_view(
    shell,
    qtbot,  # type: ignore[no-untyped-def]
    lang: str,
    contrast: bool,
) -> None:
    pin = open_pin_at_200(shell, qtbot, lang, contrast)
    pin.message.setText(LONG_MESSAGE)
    pin.message.setVisible(True)
    qtbot.waitUntil(lambda: pin.area.verticalScrollBar().maximum() > 0, timeout=3000)
    assert all(on_screen(b, shell.window) for b in pin.findChildren(QPushButton))
    assert_focus_reaches_every_key(shell, qtbot, pin)


@CASES
def test_keyboard_focus_scrolls_every_key_into_view(
    shell,
    qtbot,  # type: ignore[no-untyped-def]
    lang: str,
    contrast: bool,
) -> None:
    pin = open_pin_at_200(shell, qtbot, lang, contrast)
    # Less height than the keypad needs, as when a panel takes part of the screen.
    shell.window.setFixedSize(SCREEN_W, SCREEN_H - 220)
    qtbot.waitUntil(lambda: pin.area.verticalScrollBar().maximum() > 0, timeout=3000)
    assert not on_screen(pin.cancel, shell.window)
    assert_focus_reaches_every_key(shell, qtbot, pin)
    assert pin.area.verticalScrollBar().value() > 0


def assert_focus_reaches_every_key(shell, qtbot, pin) -> None:  # type: ignore[no-untyped-def]
    """Tab from the first key: each key, once focused, is scrolled fully into view."""
    keys = set(pin.findChildren(QPushButton))
    seen: set[QPushButton] = set()
    pin.digits["1"].setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(4 * len(keys)):
        focused = QApplication.focusWidget()
        if focused in keys:
            seen.add(focused)
            qtbot.waitUntil(lambda f=focused: on_screen(f, shell.window), timeout=2000)
        if seen == keys:
            break
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert seen == keys


def test_the_keypad_still_enters_a_pin_at_200_percent(shell, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from kiosk.security import add_volunteer

    add_volunteer(db, "Lan", "2468")
    pin = open_pin_at_200(shell, qtbot, "ar", True)
    for d in "2468":
        qtbot.mouseClick(pin.digits[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pin.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window.current == "staff", timeout=10000)


@pytest.mark.parametrize("lang", ["vi", "ar"])
def test_every_key_is_in_view_on_a_1280x720_screen(shell, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The smaller laptop screen at 200%: the keys give up a little height above 16 mm,
    and nothing of the keypad needs scrolling."""
    pin = open_pin_at_200(shell, qtbot, lang, False)
    shell.window.setFixedSize(1280, 720)
    keys = pin.findChildren(QPushButton)
    qtbot.waitUntil(lambda: all(on_screen(b, shell.window) for b in keys), timeout=3000)
    min_px = MIN_TARGET_MM * shell.theme.dpi / 25.4
    assert all(b.height() >= min_px for b in keys)
