"""A self-guided visit: a citizen who went through a guide alone and asked for the slip.

It gets a number of the day and a follow-up code like any ticket, but it is already over
(state done) and never stands in the waiting line, on the call screen or in the estimate;
the day's log and history still count it like any other visit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.queue import Change, QueueError, QueueService
from kiosk.queue.log import FIELDS, session_log
from kiosk.queue.states import IllegalTransition, State
from kiosk.queue.tickets import CODE_ALPHABET, CODE_LENGTH, local_day
from kiosk.storage.models import AuditEvent, QueueEvent, Visit


def test_a_self_guided_visit_has_a_number_and_a_follow_up_code(
    queue: QueueService, db, clock
) -> None:  # type: ignore[no-untyped-def]
    seen: list[Change] = []
    queue.changed.subscribe(seen.append)
    change = queue.self_guided(["ihanoi"], language="en")
    assert change.ticket == "A001"
    assert (change.action, change.after, change.desk, change.volunteer_id) == (
        "self_guided",
        State.DONE,
        None,
        None,
    )
    code = change.follow_up_code
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert seen == [change]  # screens hear of it like of any other change
    with db.session() as s:
        v = s.get(Visit, change.visit_id)
        assert (v.ticket, v.follow_up_code, v.state, v.language) == ("A001", code, "done", "en")
        assert [x.service_id for x in v.services] == ["ihanoi"]
        assert v.queued_at is None and v.desk is None and v.volunteer_id is None
        assert v.created_at == v.finished_at == clock.now()
        events = s.scalars(select(QueueEvent).where(QueueEvent.visit_id == v.id)).all()
        assert [(e.action, e.from_state, e.to_state) for e in events] == [
            ("self_guided", None, "done")
        ]
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "self_guided")).all()
        assert [a.detail for a in audit] == [f"A001 #{v.id}"]
    # The code finds the visit again next time.
    assert [x.id for x in queue.history(code.lower())] == [change.visit_id]


def test_it_shares_the_days_numbers_with_the_line(queue: QueueService) -> None:
    first = queue.issue(["vneid"])
    alone = queue.self_guided(["etax"])
    after = queue.issue(["vneid"])
    assert [first.ticket, alone.ticket, after.ticket] == ["A001", "A002", "A003"]
    codes = {first.follow_up_code, alone.follow_up_code, after.follow_up_code}
    assert len(codes) == 3


def test_it_never_joins_the_waiting_line_or_the_call_screen(queue: QueueService, lan: int) -> None:
    before = queue.estimate_new()
    alone = queue.self_guided(["vneid"])
    assert queue.waiting() == []
    assert queue.call_next(1, lan) is None  # nobody to call: the line is empty
    board = queue.board()
    assert board.next_waiting == () and board.waiting_count == 0 and board.newest_call is None
    assert all(d.visit_id is None for d in board.desks)
    assert queue.estimate_new() == before  # it took no desk time

    a = queue.issue(["vneid"])
    b = queue.issue(["etax"], priority="elderly")
    assert [w.ticket for w in queue.waiting()] == [b.ticket, a.ticket]
    assert alone.ticket not in queue.board().next_waiting
    assert queue.call_next(1, lan).visit_id == b.visit_id
    assert queue.call_next(2, lan).visit_id == a.visit_id
    assert queue.call_next(3, lan) is None
    assert queue.get(alone.visit_id).state == "done"


def test_a_desk_cannot_call_it(queue: QueueService, lan: int) -> None:
    alone = queue.self_guided(["vneid"])
    with pytest.raises(IllegalTransition) as exc:
        queue.call(alone.visit_id, 1, lan)
    assert exc.value.state == "done"
    assert queue.get(alone.visit_id).state == "done"


def test_it_needs_a_service(queue: QueueService, db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueueError):
        queue.self_guided([])
    with db.session() as s:
        assert s.scalars(select(Visit)).all() == []


def test_it_is_in_the_days_log_like_any_visit(queue: QueueService, lan: int, db, clock) -> None:  # type: ignore[no-untyped-def]
    served = queue.issue(["vneid"])
    clock.advance(120)
    alone = queue.self_guided(["ihanoi", "ihanoi"], language="ar")
    queue.call_next(1, lan)
    clock.advance(300)
    queue.finish(served.visit_id, ["app_installed"], "", lan)
    queue.issue(["etax"], previous_visit_id=alone.visit_id)

    rows = session_log(db, local_day(db))
    assert [r["ticket"] for r in rows] == ["A001", "A002", "A003"]
    assert [r["state"] for r in rows] == ["done", "done", "waiting"]
    assert len([r for r in rows if r["state"] == "done"]) == 2  # both count as done
    r = rows[1]
    assert set(r) == set(FIELDS)
    assert (r["follow_up_code"], r["language"], r["services"]) == (
        alone.follow_up_code,
        "ar",
        ["ihanoi"],
    )
    assert (r["desk"], r["volunteer_id"], r["priority"], r["outcome"]) == (None, None, None, [])
    assert r["created_at"] == r["finished_at"] and r["finished_at"] is not None
    assert r["called_at"] is None and r["serving_at"] is None
    assert r["wait_minutes"] is None and r["service_minutes"] is None
    # A later visit carries on from the self-guided one's code.
    assert rows[2]["previous_follow_up_code"] == alone.follow_up_code
