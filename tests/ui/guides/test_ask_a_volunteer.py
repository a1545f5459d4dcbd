""" "Ask a volunteer", from the citizen's tap to a volunteer's "I'm on my way"."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from kiosk.modes import Mode
from kiosk.security import add_volunteer
from kiosk.storage.models import AuditEvent


def _ask(shell, qtbot, steps: int = 2):  # type: ignore[no-untyped-def]
    QTest.mouseClick(shell.home.tiles["demo-guide"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(shell.guides.overview.nav.next, Qt.MouseButton.LeftButton)
    step = shell.guides.step
    for _ in range(steps):
        QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    for _ in range(5 - 1 - steps):
        QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    QTest.mouseClick(step.volunteer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=5000)
    return step


def _find(shell, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    w = shell.window.findChild(QWidget, name)
    assert w is not None, name
    return w


def _audit(db) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action.like("help_%")))
        return [(e.action, json.loads(e.detail)) for e in rows]


def test_a_request_made_before_anyone_signed_in_shows_when_a_volunteer_does(
    gshell, qtbot, db, clock
) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    step = _ask(gshell, qtbot)
    assert "Your request has reached the volunteers" in step.last_note.text()
    assert _audit(db)[0][1]["guide"] == "demo-guide" and _audit(db)[0][1]["step"] == 5
    assert not gshell.help.staff_alert.isVisible()  # nobody is signed in to see it yet

    clock.advance(3 * 60)
    lan = add_volunteer(db, "Lan", "2468")
    with qtbot.waitSignal(gshell.help.chimed, timeout=5000):  # a soft chime when one enters
        gshell.modes.enter(Mode.VOLUNTEER, lan)
    alert = gshell.help.staff_alert
    assert gshell.window.current == "staff" and alert.isVisible()
    line = _find(gshell, "help_request_1").text()
    assert line.startswith("3 min ago: guide") and "step 5" in line and "English" in line


def test_a_request_reaches_the_console_is_acknowledged_and_the_citizen_is_told(
    gshell, qtbot, db
) -> None:  # type: ignore[no-untyped-def]
    step = _ask(gshell, qtbot)
    lan = add_volunteer(db, "Lan", "2468")
    gshell.modes.enter(Mode.VOLUNTEER, lan)
    qtbot.mouseClick(gshell.staff.buttons["queue"], Qt.MouseButton.LeftButton)
    assert gshell.window.current == "queue_console"
    alert = gshell.help.console_alert
    assert alert is not None and alert.isVisible()
    assert "Vừa xong" in alert.findChild(QWidget, "help_request_1").text()

    qtbot.mouseClick(alert.findChild(QWidget, "help_ack_1"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not alert.isVisible(), timeout=5000)
    assert not gshell.help.staff_alert.isVisible()  # every alert refreshed from the change
    assert step.last_note.text().startswith("Một tình nguyện viên đã thấy lời nhờ")
    qtbot.waitUntil(lambda: gshell.ops.pending == 0, timeout=5000)  # the audit line follows
    assert [a for a, _ in _audit(db)] == ["help_asked", "help_seen"]
    with db.session() as s:
        seen = s.scalars(select(AuditEvent).where(AuditEvent.action == "help_seen")).one()
        assert seen.volunteer_id == lan.id


def test_the_idle_reset_clears_the_citizens_side_but_volunteers_still_see_it(
    gshell, qtbot, db
) -> None:  # type: ignore[no-untyped-def]
    step = _ask(gshell, qtbot)
    gshell.reset_citizen()  # the citizen walked away
    assert gshell.help.desk.citizens_request() is None and not step.last_note.isVisible()
    lan = add_volunteer(db, "Lan", "2468")
    gshell.modes.enter(Mode.VOLUNTEER, lan)
    assert gshell.help.staff_alert.isVisible()
    assert len(gshell.help.desk.open_requests()) == 1
