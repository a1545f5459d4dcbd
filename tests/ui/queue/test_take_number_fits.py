"""*Take a number* at 200% text on the kiosk's 1366x768 screen: on every question each
answer is shown whole on some page (reached with More), with Back in view, and nothing
scrolls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from ui.widgets.tiles import TilePages

SCREEN = QRect(0, 0, 1366, 768)


def whole(w: QWidget, window: QWidget) -> bool:
    """Inside the screen and inside every parent (not cut off by the page it is on)."""
    if not w.isVisible() or not SCREEN.contains(QRect(w.mapTo(window, QPoint(0, 0)), w.size())):
        return False
    parent = w.parentWidget()
    while parent is not None and parent is not window:
        if not parent.rect().contains(QRect(w.mapTo(parent, QPoint(0, 0)), w.size())):
            return False
        parent = parent.parentWidget()
    return True


@pytest.mark.parametrize("lang", ["vi", "ar"])
def test_every_answer_fits_at_200_percent(shell, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    shell.t.set_language(lang)
    shell.session.set_text_scale(200)
    shell.window.setFixedSize(SCREEN.size())
    shell.window.activateWindow()
    qtbot.mouseClick(shell.home.number, Qt.MouseButton.LeftButton)
    take = shell.queue.take_screen
    window = shell.window
    assert take.findChildren(QScrollArea) == []
    for question in range(take.pages.count()):
        take.pages.setCurrentIndex(question)
        for _ in range(4):
            QApplication.processEvents()
        answers = take.pages.currentWidget().findChild(TilePages)
        seen = set()
        for _ in range(len(answers.tiles)):
            assert whole(take.back, window)
            for tile in answers.shown():
                assert whole(tile, window), tile.objectName()
                seen.add(tile.objectName())
            if not answers.pager.isVisible() or not answers.pager.more.isEnabled():
                break
            assert whole(answers.pager.more, window)
            qtbot.mouseClick(answers.pager.more, Qt.MouseButton.LeftButton)
            QApplication.processEvents()
        assert seen == {t.objectName() for t in answers.tiles}
