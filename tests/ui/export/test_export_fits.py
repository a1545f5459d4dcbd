"""The USB export and the coordinator's screen at 200% text on a 1366x768 laptop: *Save
now* and *Save a PDF report* are on screen without scrolling, and the totals' tabs show
their words whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.modes import Mode
from kiosk.security import add_volunteer

SCREEN = QRect(0, 0, 1366, 768)


def whole(w: QWidget, window: QWidget) -> bool:
    if not w.isVisible() or not SCREEN.contains(QRect(w.mapTo(window, QPoint(0, 0)), w.size())):
        return False
    parent = w.parentWidget()
    while parent is not None and parent is not window:
        if not parent.rect().contains(QRect(w.mapTo(parent, QPoint(0, 0)), w.size())):
            return False
        parent = parent.parentWidget()
    return True


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_save_buttons_are_in_view_at_200_percent(shell, qtbot, db, lang: str) -> None:  # type: ignore[no-untyped-def]
    who = add_volunteer(db, "Minh", "1357", "coordinator")
    shell.modes.enter(Mode.VOLUNTEER, who)
    shell.modes.enter(Mode.COORDINATOR, who)
    shell.t.set_language(lang)
    shell.session.set_text_scale(200)
    shell.window.setFixedSize(SCREEN.size())
    shell.export.open_usb()
    qtbot.waitUntil(lambda: shell.ops.pending == 0)
    settle()
    usb = shell.export.usb
    assert whole(usb.start, shell.window)
    assert whole(usb.mode_new, shell.window) and whole(usb.mode_all, shell.window)
    shell.export.open_coordinator()
    qtbot.waitUntil(lambda: shell.ops.pending == 0)
    settle()
    coord = shell.export.coordinator
    assert whole(coord.report, shell.window)
    for b in coord.totals.buttons.values():
        assert b.fontMetrics().horizontalAdvance(b.text()) <= b.contentsRect().width(), b.text()
