"""The call screen with a busy line on the kiosk's own 1366x768 screen (display mode):
every desk, the next numbers, the wait and the exit button fit without growing the
window past the display."""

from __future__ import annotations

from PySide6.QtCore import QRect

from kiosk.modes import Mode

SCREEN_W, SCREEN_H = 1366, 768


def test_a_busy_call_screen_fits_the_laptop_screen(
    make_shell,
    queue_settings,
    lan,  # type: ignore[no-untyped-def]
    qtbot,
) -> None:
    # A laptop's 96 dpi (the offscreen test screen reports less, and smaller text).
    shell = make_shell(queue_settings.replace(display__screen_dpi=96, queue__desks=2))
    for i in range(9):
        shell.queue.service.issue(["vneid", "etax"][: 1 + i % 2], priority=("elderly", None)[i % 2])
    for desk in (1, 2):
        shell.queue.service.call_next(desk, lan.id)
    shell.modes.enter(Mode.VOLUNTEER, lan)
    shell.queue.display.open()  # one screen: display mode
    screen = shell.queue.call_screen
    screen.refresh()
    qtbot.waitUntil(lambda: screen.board is not None and len(screen.board.next_waiting) >= 3)
    shell.window.setFixedSize(SCREEN_W, SCREEN_H)  # full screen on the laptop
    qtbot.waitUntil(lambda: screen.height() > SCREEN_H // 2)  # laid out, fonts sized

    def inside(w) -> bool:  # type: ignore[no-untyped-def]
        top_left = w.mapTo(shell.window, w.rect().topLeft())
        return QRect(0, 0, SCREEN_W, SCREEN_H).contains(QRect(top_left, w.size()))

    qtbot.waitUntil(
        lambda: all(inside(w) for w in (screen.exit, screen.estimate, screen.next_line)),
        timeout=3000,
    )
    assert screen.minimumSizeHint().height() <= SCREEN_H
    assert all(c.number.text().startswith("A") for c in screen.columns)
