from __future__ import annotations

import json

from kiosk.demo import fill_demo
from kiosk.queue import QueueService
from kiosk.queue.log import FIELDS, session_log
from kiosk.queue.tickets import local_day


def test_the_session_log_has_everything_but_names_and_phones(
    queue: QueueService, lan: int, db, clock
) -> None:  # type: ignore[no-untyped-def]
    first = queue.issue(
        ["vneid", "etax"],
        priority="elderly",
        age_band="75+",
        consent=True,
        name="Trần Văn Bình",
        phone="0987654321",
    )
    clock.advance(420)
    queue.call_next(2, lan)
    clock.advance(60)
    queue.start(first.visit_id, lan)
    clock.advance(720)
    queue.finish(first.visit_id, ["app_installed"], "", lan)
    queue.issue(["vneid"], previous_visit_id=first.visit_id)
    rows = session_log(db, local_day(db))
    text = json.dumps(rows, ensure_ascii=False)
    assert "Bình" not in text and "0987654321" not in text
    assert set(rows[0]) == set(FIELDS)
    r = rows[0]
    assert (r["priority"], r["age_band"], r["services"], r["desk"], r["volunteer_id"]) == (
        "elderly",
        "75+",
        ["etax", "vneid"],
        2,
        lan,
    )
    assert (r["wait_minutes"], r["service_minutes"], r["outcome"]) == (7.0, 12.0, ["app_installed"])
    assert r["created_at"] and r["called_at"] and r["serving_at"] and r["finished_at"]
    assert rows[1]["previous_follow_up_code"] == first.follow_up_code
    assert rows[1]["state"] == "waiting" and rows[1]["wait_minutes"] is None


def test_the_demo_shows_a_lived_in_queue(db, settings) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    queue = QueueService(db, settings)
    rows = session_log(db, local_day(db))
    done = [r for r in rows if r["state"] == "done"]
    assert len(done) >= 3 and all(r["outcome"] for r in done)
    assert queue.at_desk(1).state == "serving"
    assert len(queue.waiting()) >= 3
    assert queue.estimate_new().learned
    fill_demo(db)  # a second start adds nothing
    assert len(session_log(db, local_day(db))) == len(rows)


def test_demo_volunteers_left_in_a_real_kiosk_are_switched_off(db) -> None:  # type: ignore[no-untyped-def]
    from kiosk.demo import retire_demo_volunteers
    from kiosk.security import PinGate, add_volunteer, list_volunteers

    # As an older version's demo left them in the real database, next to a real volunteer
    # who happens to share a name but not the PIN.
    add_volunteer(db, "Minh (điều phối)", "1357", "coordinator")
    add_volunteer(db, "Lan", "2468")
    real = add_volunteer(db, "Hùng", "8642")
    assert sorted(retire_demo_volunteers(db)) == ["Lan", "Minh (điều phối)"]
    assert list_volunteers(db) == [real]
    assert not PinGate(db).check("1357").ok
    assert retire_demo_volunteers(db) == []  # nothing left to do at the next start
