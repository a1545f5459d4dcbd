"""The main window on a 1366x768 laptop screen keeps the screen's size once every screen
has been built: a page the citizen or volunteer is not looking at (the call screen in
Arabic, the coordinator's) never makes it taller than the display."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.modes import Mode
from kiosk.security import add_volunteer
from kiosk.settings import Settings

SCREEN_W, SCREEN_H = 1366, 768


@pytest.mark.parametrize("lang,scale", [("ar", 100), ("ar", 200), ("vi", 200)])
def test_building_the_call_and_coordinator_screens_never_grows_the_window(
    make_shell,
    db,
    qtbot,
    tmp_path,  # type: ignore[no-untyped-def]
    lang: str,
    scale: int,
) -> None:
    settings = Settings(path=tmp_path / "settings.toml").replace(
        display__screen_dpi=96, queue__desks=3
    )
    shell = make_shell(settings)
    coordinator = add_volunteer(db, "Hoa", "1357", role="coordinator")
    for i in range(9):
        shell.queue.service.issue(["vneid", "etax"][: 1 + i % 2], priority=("elderly", None)[i % 2])
    for desk in (1, 2):
        shell.queue.service.call_next(desk, coordinator.id)
    shell.t.set_language(lang)
    shell.session.set_text_scale(scale)
    shell.modes.enter(Mode.VOLUNTEER, coordinator)
    shell.modes.enter(Mode.COORDINATOR, coordinator)
    shell.export.open_coordinator()
    call = shell.queue.call_screen  # built, as when the calls were shown once
    call.refresh()
    qtbot.waitUntil(lambda: call.board is not None and len(call.board.next_waiting) >= 3)
    names = ("queue_display", "coordinator_reports", "queue_console", "usb_export", "staff")
    for name in names:
        shell.show(name)
        for _ in range(3):  # the layout requests it posted run (no waiting on time)
            QApplication.processEvents()
        assert shell.window.height() == SCREEN_H, name
        assert shell.window.width() == SCREEN_W, name
        assert shell.window.minimumSizeHint().height() <= SCREEN_H, name
    staff = shell.staff
    assert staff.mapTo(shell.window, staff.rect().bottomLeft()).y() < SCREEN_H
