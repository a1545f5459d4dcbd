"""The queue console's one-of-several choices (the desk, the walk-in's service and
priority): each answer is a Tab stop, and Space chooses it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_choice_groups import tab_chain


def test_walk_in_priorities_and_desks_are_each_a_tab_stop(vshell, qtbot) -> None:  # type: ignore[no-untyped-def]
    vshell.window.activateWindow()
    vshell.queue.open_console()
    console = vshell.queue.console
    qtbot.waitUntil(lambda: vshell.ops.pending == 0)
    desks = list(console.desk_buttons.values())
    chain = tab_chain(desks[0])
    assert all(d in chain for d in desks)
    walk = console.walk_in
    # The priority is the form's second step: a service first turns to it.
    QTest.keyClick(next(iter(walk.service_buttons.values())), Qt.Key.Key_Space)
    shown = [b for b in walk.priority_buttons.values() if b.isVisible()]
    assert len(shown) >= 2
    chain = tab_chain(shown[0])
    assert all(b in chain for b in shown), [b.objectName() for b in shown if b not in chain]
    QTest.keyClick(shown[1], Qt.Key.Key_Space)
    assert [b for b in walk.priority_buttons.values() if b.isChecked()] == [shown[1]]
