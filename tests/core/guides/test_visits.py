"""Viewed steps go into the citizen's visit, and wait for it when there is none yet."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.guides.visits import View, ViewLog, record_view, record_views, views_of
from kiosk.storage.models import GuideView, Visit


def make_visit(db, number: int = 1) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        v = Visit(
            kiosk_id=db.kiosk_id,
            day=db.clock.now().date(),
            ticket_number=number,
            ticket=f"A{number:03d}",
            follow_up_code=f"FU{number:04d}",
            created_at=db.clock.now(),
        )
        s.add(v)
        s.flush()
        return v.id


def test_record_view_stores_the_step_with_the_clock_time(db, clock) -> None:  # type: ignore[no-untyped-def]
    visit = make_visit(db)
    clock.advance(90)
    record_view(db, visit, "vneid-level1", 3, "vi")
    assert views_of(db, visit) == [View("vneid-level1", 3, "vi", clock.now())]
    with db.session() as s:
        row = s.get(Visit, visit)
        assert [(g.guide_id, g.step) for g in row.guide_views] == [("vneid-level1", 3)]


def test_record_view_for_a_missing_visit_fails_plainly(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LookupError, match="no visit 42"):
        record_view(db, 42, "ihanoi", 1, "en")


def test_views_before_a_visit_wait_and_are_attached_in_order(db, clock) -> None:  # type: ignore[no-untyped-def]
    log = ViewLog()
    t0 = clock.now()
    assert log.viewed(None, View("ihanoi", 0, "vi", t0)) is None
    assert log.viewed(None, View("ihanoi", 1, "vi", t0 + timedelta(seconds=5))) is None
    assert log.flush(None) is None
    visit = make_visit(db)
    batch = log.viewed(visit, View("ihanoi", 2, "en", t0 + timedelta(seconds=9)))
    assert batch is not None and batch[0] == visit
    record_views(db, *batch)
    assert [(v.step, v.language) for v in views_of(db, visit)] == [(0, "vi"), (1, "vi"), (2, "en")]
    assert log.pending == [] and log.flush(visit) is None


def test_clear_forgets_views_of_a_citizen_who_left(db, clock) -> None:  # type: ignore[no-untyped-def]
    log = ViewLog()
    log.viewed(None, View("scam-safety", 1, "vi", clock.now()))
    log.clear()
    assert log.flush(make_visit(db)) is None
    with db.session() as s:
        assert s.query(GuideView).count() == 0
