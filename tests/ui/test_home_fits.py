"""The home screen on the kiosk's 1366x768 screen at 200% text: it never needs more
height than the display has, *Take a number* is in view, and every tile is reached by
turning pages with large buttons (nothing scrolls, and nothing hidden takes keyboard focus)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

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
    assert home.findChildren(QScrollArea) == []
    # Every tile is shown whole on some page, reached with More services.
    screen = QRect(0, 0, SCREEN_W, SCREEN_H)
    seen: set[str] = set()
    for _ in range(len(home.tiles)):
        QTest.qWait(0)
        for key, tile in home.tiles.items():
            if tile.isVisible():
                where = QRect(tile.mapTo(shell.window, tile.rect().topLeft()), tile.size())
                assert screen.contains(where), key
                assert tile.height() >= tile.layout().totalMinimumSize().height(), key
                seen.add(key)
        if not home.pager.more.isVisible() or not home.pager.more.isEnabled():
            break
        more = home.pager.more
        assert more.height() / shell.theme.dpi * 25.4 >= MIN_TARGET_MM
        assert screen.contains(QRect(more.mapTo(shell.window, more.rect().topLeft()), more.size()))
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert seen == set(home.tiles)


def test_home_pages_its_tiles_at_200_percent(shell, qtbot) -> None:  # type: ignore[no-untyped-def]
    shell.session.translator.set_language("vi")
    shell.session.set_text_scale(200)
    shell.show("home")
    shell.window.setFixedSize(SCREEN_W, SCREEN_H)
    home = shell.home
    # Laid out in the new size: the title has grown, and the tiles are paged.
    qtbot.waitUntil(lambda: home.title.height() >= shell.theme.metrics.title_px, timeout=5000)
    qtbot.waitUntil(lambda: home.pager.isVisible(), timeout=5000)
    for _ in range(3):
        QApplication.processEvents()
    assert home.pager.where.text() == f"Trang 1/{home.pager.pages}"
    first = {k for k, t in home.tiles.items() if t.isVisible()}
    qtbot.mouseClick(home.pager.more, Qt.MouseButton.LeftButton)
    second = {k for k, t in home.tiles.items() if t.isVisible()}
    assert first and second and not first & second
    assert home.pager.where.text() == f"Trang 2/{home.pager.pages}"
    qtbot.mouseClick(home.pager.previous, Qt.MouseButton.LeftButton)
    assert {k for k, t in home.tiles.items() if t.isVisible()} == first
