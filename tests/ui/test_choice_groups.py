"""One-of-several choices (the export's "new visits / all visits", the coordinator's
totals, the walk-in's service and priority, the volunteer's desk): every answer is a Tab
stop a keyboard or switch user reaches, Enter or Space chooses it, and exactly one stays
chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.modes import Mode
from kiosk.security import add_volunteer


def tab_chain(start: QWidget, presses: int = 60) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _ in range(presses):
        w = QApplication.focusWidget()
        if w is None or w in seen:
            break
        seen.append(w)
        QTest.keyClick(w, Qt.Key.Key_Tab)
    return seen


def test_tab_reaches_every_export_choice_and_space_chooses(shell, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    who = add_volunteer(db, "Minh", "1357", "coordinator")
    shell.modes.enter(Mode.VOLUNTEER, who)
    shell.modes.enter(Mode.COORDINATOR, who)
    shell.window.activateWindow()
    shell.export.open_usb()
    qtbot.waitUntil(lambda: shell.ops.pending == 0)
    usb = shell.export.usb
    assert usb.mode_new.isChecked()
    chain = tab_chain(usb.mode_new)
    assert usb.mode_all in chain  # not skipped because it is not the chosen one
    usb.mode_all.setFocus()
    QTest.keyClick(usb.mode_all, Qt.Key.Key_Space)
    assert usb.mode_all.isChecked() and not usb.mode_new.isChecked()
    assert usb.mode == "full"
    # Tapping the chosen answer again leaves it chosen (there is always one).
    qtbot.mouseClick(usb.mode_all, Qt.MouseButton.LeftButton)
    assert usb.mode_all.isChecked() and not usb.mode_new.isChecked()


def test_tab_reaches_every_totals_tab(shell, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    who = add_volunteer(db, "Minh", "1357", "coordinator")
    shell.modes.enter(Mode.VOLUNTEER, who)
    shell.modes.enter(Mode.COORDINATOR, who)
    shell.window.activateWindow()
    shell.export.open_coordinator()
    qtbot.waitUntil(lambda: shell.ops.pending == 0)
    totals = shell.export.coordinator.findChild(QWidget, "totals_service").parentWidget()
    buttons = [b for b in totals.findChildren(QWidget) if b.objectName().startswith("totals_")]
    buttons = [b for b in buttons if b.objectName() not in ("totals_headline", "totals_numbers")]
    chain = tab_chain(buttons[0])
    assert all(b in chain for b in buttons), [b.objectName() for b in buttons if b not in chain]
    QTest.keyClick(buttons[-1], Qt.Key.Key_Return)
    assert [b.isChecked() for b in buttons] == [False] * (len(buttons) - 1) + [True]
