"""Daily numbers, the fair calling order through the database, codes and consent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.queue import ConsentError, QueueService
from kiosk.settings import Settings


def test_numbers_restart_at_midnight_hanoi_time_not_utc(queue: QueueService, clock) -> None:  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 11, 28, 16, 50, tzinfo=UTC))  # 23:50 in Hanoi
    assert [queue.issue(["vneid"]).ticket for _ in range(3)] == ["A001", "A002", "A003"]
    clock.set(datetime(2026, 11, 28, 17, 5, tzinfo=UTC))  # 00:05 next day in Hanoi
    assert queue.issue(["vneid"]).ticket == "A001"
    clock.set(datetime(2026, 11, 29, 16, 59, tzinfo=UTC))  # 23:59 that day, still
    assert queue.issue(["vneid"]).ticket == "A002"


def test_yesterdays_waiting_tickets_are_not_called_today(queue: QueueService, clock) -> None:  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 11, 28, 10, 0, tzinfo=UTC))
    queue.issue(["vneid"])
    clock.set(datetime(2026, 11, 29, 2, 0, tzinfo=UTC))
    assert queue.call_next(1) is None
    today = queue.issue(["vneid"])
    assert queue.call_next(1).visit_id == today.visit_id


def test_priority_goes_first_but_at_most_three_in_a_row(queue: QueueService, clock) -> None:  # type: ignore[no-untyped-def]
    normal = [queue.issue(["vneid"]).ticket for _ in range(2)]
    clock.advance(60)
    pri = [queue.issue(["vneid"], priority="elderly").ticket for _ in range(5)]
    order = [queue.call_next(1).ticket for _ in range(7)]
    assert order == pri[:3] + normal[:1] + pri[3:5] + normal[1:]


def test_anyone_waiting_past_the_maximum_is_called_next(db, clock) -> None:  # type: ignore[no-untyped-def]
    queue = QueueService(db, Settings().replace(queue__max_wait_minutes=20))
    old = queue.issue(["vneid"]).ticket
    clock.advance(19 * 60)
    pri = queue.issue(["vneid"], priority="disability").ticket
    assert queue.call_next(1).ticket == pri  # 19 minutes: priority still first
    queue.issue(["vneid"], priority="pregnant")
    clock.advance(60)
    change = queue.call_next(1)
    assert change.ticket == old and change.reason == "max_wait"


def test_the_waiting_list_shows_the_calling_order(queue: QueueService, clock) -> None:  # type: ignore[no-untyped-def]
    a = queue.issue(["vneid"]).ticket
    clock.advance(120)
    b = queue.issue(["etax"], priority="small_child").ticket
    line = queue.waiting()
    assert [w.ticket for w in line] == [b, a]
    assert line[0].priority == "small_child" and line[1].waited_minutes == 2


def test_name_and_phone_only_with_consent(queue: QueueService, clock) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConsentError):
        queue.issue(["vneid"], name="Bà Hoa", phone="0912345678")
    v = queue.get(queue.issue(["vneid"], consent=True, name="Bà Hoa").visit_id)
    assert v.name == "Bà Hoa" and v.consent_at == clock.now() and v.phone is None
    plain = queue.get(queue.issue(["vneid"], consent=True).visit_id)
    assert plain.consent_at is None and plain.name is None


def test_a_follow_up_code_opens_all_visits_of_that_person(queue: QueueService, clock) -> None:  # type: ignore[no-untyped-def]
    first = queue.issue(["vneid"])
    queue.call_next(1)
    queue.finish(first.visit_id, ["app_installed"])
    clock.advance(3 * 86400)
    again = queue.issue(["vneid"], previous_visit_id=first.visit_id)
    code = first.follow_up_code
    assert len(code) == 6 and not set(code) & set("01OI")
    for typed in (code.lower(), f" {code[:3]}-{code[3:]} ", again.follow_up_code):
        visits = queue.history(typed)
        assert [v.id for v in visits] == [again.visit_id, first.visit_id]
    assert visits[1].outcome == ["app_installed"]
    assert queue.history("ZZZZZZ") == []


def test_an_unknown_service_is_an_error_not_a_retry(queue: QueueService) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        queue.issue(["no-such-service"])
    assert queue.issue(["vneid"]).ticket == "A001"  # the failed try used no number


def test_a_taken_follow_up_code_is_replaced_by_another(queue: QueueService, db) -> None:  # type: ignore[no-untyped-def]
    import random

    from kiosk.queue.tickets import issue_ticket

    first = issue_ticket(db, ["vneid"], rng=random.Random(5))
    again = issue_ticket(db, ["vneid"], rng=random.Random(5))  # same first draw
    assert again.follow_up_code != first.follow_up_code and again.number == 2


def test_an_undone_call_does_not_count_towards_the_priority_cap(queue: QueueService, clock) -> None:  # type: ignore[no-untyped-def]
    normal = queue.issue(["vneid"]).ticket
    clock.advance(60)
    pri = [queue.issue(["vneid"], priority="elderly").ticket for _ in range(4)]
    first = queue.call_next(1)
    queue.call_next(1)
    queue.undo(queue.call_next(1))  # a mistaken tap, taken back at once
    assert first.ticket == pri[0]
    assert queue.call_next(1).ticket == pri[2]  # still only the third in a row
    assert queue.call_next(1).ticket == normal
