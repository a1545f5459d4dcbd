"""The home screen on the kiosk's 1366x768 screen at 200% text: it never needs more
height than the display has, and *Take a number* and every tile can be reached."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtTest import QTest

from kiosk.theme import MIN_TARGET_MM

SCREEN_W, SCREEN_H = 1366, 768


@pytest.mark.parametrize(
    "lang,contrast", [("vi", False), ("ar", False), ("ar", True), ("en", True)]
)
def test_home_fits_the_screen_at_200_percent(
    shell,
    qtbot,
    lang: str,  # type: ignore[no-untyped-def]
    contrast: bool,
) -> None:
    shell.session.translator.set_language(lang)
    shell.session.set_text_scale(200)
    shell.session.set_high_contrast(contrast)
    shell.show("home")
    assert shell.window.minimumSizeHint().height() <= SCREEN_H
    shell.window.setFixedSize(SCREEN_W, SCREEN_H)
    shell.window.activateWindow()
    qtbot.waitActive(shell.window)
    home = shell.home
    number = home.number

    def number_on_screen() -> bool:
        top_left = number.mapTo(shell.window, number.rect().topLeft())
        return QRect(0, 0, SCREEN_W, SCREEN_H).contains(QRect(top_left, number.size()))

    qtbot.waitUntil(number_on_screen, timeout=5000)  # once the new text size is laid out
    mm = number.height() / shell.theme.dpi * 25.4
    assert mm >= MIN_TARGET_MM
    # Every tile can be brought into view, as keyboard focus does.
    for tile in home.tiles.values():
        home.body.ensureWidgetVisible(tile)
        QTest.qWait(0)
        seen = QRect(tile.mapTo(home.body.viewport(), tile.rect().topLeft()), tile.size())
        assert home.body.viewport().rect().intersects(seen), tile.objectName()
