""" "Ask a volunteer" in the core: the request's life, the citizen's side, the audit trail."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from kiosk.changes import Kind
from kiosk.clock import FakeClock
from kiosk.help import HelpDesk, HelpError, HelpState, record
from kiosk.storage.models import AuditEvent


def test_a_request_is_open_until_a_volunteer_sees_it(clock: FakeClock) -> None:
    desk = HelpDesk(clock)
    heard: list[str] = []
    desk.changed.subscribe(lambda c: heard.append(c.action))
    asked = desk.ask("vneid-activate", 4, "en").request
    assert desk.open_requests() == [asked] and asked.state is HelpState.ASKED
    assert desk.ask("vneid-activate", 4, "en").action == "again"  # no second request
    clock.advance(150)
    assert asked.minutes_waiting(clock.now()) == 2
    seen = desk.acknowledge(asked.id, volunteer_id=7).request
    assert seen.state is HelpState.SEEN and seen.seen_by == 7
    assert desk.open_requests() == [] and desk.citizens_request() == seen
    with pytest.raises(HelpError):
        desk.acknowledge(asked.id, volunteer_id=8)  # the second volunteer is told, nothing changes
    assert heard == ["asked", "seen"]


def test_the_idle_reset_clears_the_citizens_side_only(clock: FakeClock) -> None:
    desk = HelpDesk(clock)
    asked = desk.ask("etax-pay", 2, "vi").request
    change = desk.clear_citizen()
    assert change is not None and change.kinds == frozenset()
    assert desk.citizens_request() is None  # the next citizen sees nothing of it
    assert [r.id for r in desk.open_requests()] == [asked.id]  # the volunteers still do
    assert desk.ask("etax-pay", 2, "vi").request.id != asked.id  # a new citizen, a new one


def test_the_audit_trail_keeps_what_was_asked_and_nothing_personal(db, clock) -> None:  # type: ignore[no-untyped-def]
    desk = HelpDesk(clock)
    asked = desk.ask("scam-safety", 3, "ar")
    assert asked.kinds == {Kind.HELP, Kind.AUDIT}
    record(db, asked)
    record(db, desk.acknowledge(asked.request.id, volunteer_id=None))
    with db.session() as s:
        rows = [(e.action, json.loads(e.detail)) for e in s.scalars(select(AuditEvent))]
    assert [a for a, _ in rows] == ["help_asked", "help_seen"]
    assert set(rows[0][1]) == {"request", "guide", "step", "language", "asked_at"}
    assert rows[0][1]["guide"] == "scam-safety" and rows[0][1]["step"] == 3
