"""Every transition of a ticket's life, legal and illegal, through the real database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.queue import Action, IllegalTransition, QueueError, QueueService, State
from kiosk.queue.states import TRANSITIONS
from kiosk.storage.models import AuditEvent, QueueEvent


def _state(queue: QueueService, vid: int) -> str:
    v = queue.get(vid)
    assert v is not None
    return v.state


def _to(queue: QueueService, state: State, vol: int) -> int:
    """A fresh ticket brought to ``state`` by the usual path."""
    vid = queue.issue(["vneid"]).visit_id
    if state is State.WAITING:
        return vid
    queue.call(vid, 1, vol)
    paths = {
        State.CALLED: [],
        State.SERVING: [queue.start],
        State.ON_HOLD: [queue.hold],
        State.NO_SHOW: [queue.no_show],
        State.DONE: [queue.finish],
        State.CANCELLED: [queue.cancel],
    }
    for step in paths[state]:
        step(vid, volunteer_id=vol)
    assert _state(queue, vid) == state
    return vid


def _do(queue: QueueService, action: Action, vid: int, vol: int):  # type: ignore[no-untyped-def]
    calls = {
        Action.CALL: lambda: queue.call(vid, 2, vol),
        Action.RECALL: lambda: queue.recall(vid, vol),
        Action.START: lambda: queue.start(vid, vol),
        Action.HOLD: lambda: queue.hold(vid, vol),
        Action.RESUME: lambda: queue.resume(vid, 2, vol),
        Action.TRANSFER: lambda: queue.transfer(vid, 3, vol),
        Action.NO_SHOW: lambda: queue.no_show(vid, vol),
        Action.REJOIN: lambda: queue.rejoin(vid, vol),
        Action.FINISH: lambda: queue.finish(vid, ["app_installed"], "", vol),
        Action.CANCEL: lambda: queue.cancel(vid, vol),
    }
    return calls[action]()


CASES = [(state, action) for state in State for action in TRANSITIONS]


@pytest.mark.parametrize(("state", "action"), CASES, ids=[f"{s.value}-{a.value}" for s, a in CASES])
def test_every_action_from_every_state(
    queue: QueueService, lan: int, state: State, action: Action
) -> None:
    vid = _to(queue, state, lan)
    before = queue.get(vid)
    sources, target = TRANSITIONS[action]
    if state in sources:
        change = _do(queue, action, vid, lan)
        assert (change.before, change.after) == (state, target)
        assert _state(queue, vid) == target
    else:
        with pytest.raises(IllegalTransition, match=f"cannot {action.value}"):
            _do(queue, action, vid, lan)
        after = queue.get(vid)
        assert (after.state, after.desk, after.called_at, after.finished_at, after.recalls) == (
            before.state,
            before.desk,
            before.called_at,
            before.finished_at,
            before.recalls,
        )


def test_a_full_life_is_recorded_with_times_desk_and_volunteer(
    queue: QueueService, lan: int, db, clock
) -> None:  # type: ignore[no-untyped-def]
    t = queue.issue(["vneid", "etax"], priority="elderly", age_band="60-74")
    clock.advance(600)
    call = queue.call_next(2, lan)
    assert call is not None and call.ticket == t.ticket and call.desk == 2
    clock.advance(30)
    queue.recall(t.visit_id, lan)
    clock.advance(60)
    queue.start(t.visit_id, lan)
    clock.advance(900)
    queue.finish(t.visit_id, ["app_installed", "level2_activated"], "came with daughter", lan)
    v = queue.get(t.visit_id)
    assert v.state == "done" and v.desk == 2 and v.volunteer_id == lan
    assert (v.called_at - v.created_at).total_seconds() == 600
    assert (v.finished_at - v.serving_at).total_seconds() == 900
    assert v.outcome == ["app_installed", "level2_activated"] and v.recalls == 1
    assert v.priority == "elderly" and v.age_band == "60-74"
    with db.session() as s:
        steps = [
            e.action
            for e in s.scalars(
                select(QueueEvent).where(QueueEvent.visit_id == t.visit_id).order_by(QueueEvent.id)
            )
        ]
        audit = s.scalars(
            select(AuditEvent).where(AuditEvent.action.like("queue_%")).order_by(AuditEvent.id)
        ).all()
    assert steps == ["issue", "call", "recall", "start", "finish"]
    assert [a.action for a in audit] == [
        "queue_issue",
        "queue_call",
        "queue_recall",
        "queue_start",
        "queue_finish",
    ]
    assert all(a.volunteer_id == lan for a in audit[1:])
    assert "A001" in audit[1].detail and "desk 2" in audit[1].detail


def test_no_show_rejoins_with_the_same_number_at_the_back(
    queue: QueueService, lan: int, clock
) -> None:  # type: ignore[no-untyped-def]
    first = queue.issue(["vneid"])
    clock.advance(60)
    second = queue.issue(["etax"])
    queue.call_next(1, lan)
    queue.no_show(first.visit_id, lan)
    clock.advance(60)
    back = queue.rejoin(first.visit_id, lan)
    assert back.ticket == "A001"
    assert [w.ticket for w in queue.waiting()] == [second.ticket, "A001"]


def test_transfer_puts_the_ticket_first_at_the_other_desk(queue: QueueService, lan: int) -> None:
    a = queue.issue(["vneid"])
    b = queue.issue(["etax"])
    queue.call_next(1, lan)
    queue.transfer(a.visit_id, 3, lan)
    assert queue.call_next(2, lan).ticket == b.ticket  # desk 2 does not take desk 3's
    third = queue.call_next(3, lan)
    assert third.ticket == a.ticket and third.reason == "transfer"


def test_hold_frees_the_desk_and_resume_brings_the_ticket_back(
    queue: QueueService, lan: int
) -> None:
    a = queue.issue(["vneid"])
    b = queue.issue(["etax"])
    queue.call_next(1, lan)
    queue.hold(a.visit_id, lan)
    assert queue.at_desk(1).ticket is None
    assert queue.call_next(1, lan).ticket == b.ticket
    queue.finish(b.visit_id, [], "", lan)
    queue.resume(a.visit_id, 1, lan)
    assert queue.at_desk(1).ticket == a.ticket and queue.at_desk(1).state == "serving"


def test_bad_input_is_refused_plainly(queue: QueueService, lan: int) -> None:
    with pytest.raises(QueueError, match="no desk 9"):
        queue.call_next(9, lan)
    with pytest.raises(QueueError, match="at least one service"):
        queue.issue([])
    with pytest.raises(QueueError, match="unknown priority"):
        queue.issue(["vneid"], priority="vip")
    vid = queue.issue(["vneid"]).visit_id
    queue.call(vid, 1, lan)
    with pytest.raises(QueueError, match="unknown outcome"):
        queue.finish(vid, ["password_saved"], "", lan)
    assert _state(queue, vid) == "called"
    assert queue.call_next(1, lan) is None  # nobody else waits


def test_undo_within_ten_seconds_and_not_after(queue: QueueService, lan: int, clock) -> None:  # type: ignore[no-untyped-def]
    a = queue.issue(["vneid"])
    call = queue.call_next(1, lan)
    clock.advance(9)
    queue.undo(call, lan)
    assert _state(queue, a.visit_id) == "waiting" and queue.at_desk(1).ticket is None
    call = queue.call_next(1, lan)
    finish = queue.finish(a.visit_id, ["other"], "", lan)
    clock.advance(11)
    with pytest.raises(QueueError, match="10 seconds"):
        queue.undo(finish, lan)
    assert _state(queue, a.visit_id) == "done"
    with pytest.raises(QueueError, match="changed since"):
        clock.advance(-11)
        queue.undo(call, lan)  # the finish came after this call


def test_undoing_a_new_ticket_cancels_it_and_never_reuses_the_number(
    queue: QueueService, lan: int
) -> None:
    a = queue.issue(["vneid"], volunteer_id=lan)
    queue.undo(a, lan)
    assert _state(queue, a.visit_id) == "cancelled"
    assert queue.issue(["vneid"]).ticket == "A002"
