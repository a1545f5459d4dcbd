"""The slip of a citizen who went through a guide alone, as one core call."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.guides.visits import View, views_of
from kiosk.queue import QueueService
from kiosk.settings import Settings
from kiosk.slips import SlipService
from kiosk.slips.printing import NoPrinter


def test_the_visit_the_steps_read_and_the_slip_attempt_are_kept_together(db, guides) -> None:  # type: ignore[no-untyped-def]
    queue = QueueService(db, Settings())
    svc = SlipService(db, Settings(), guides=guides, printer=NoPrinter())
    at = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    read = [View("vneid-activate", 1, "vi", at), View("vneid-activate", 2, "vi", at)]
    outcome = svc.print_self_guided(queue, ["vneid"], language="vi", views=read)
    assert not outcome.ok and outcome.error_kind == "no_printer"  # recorded, not raised
    assert queue.waiting() == []  # never a place in the line
    visit = queue.get(outcome.visit_id)
    assert visit is not None and visit.ticket == outcome.ticket and outcome.follow_up_code
    assert [(v.guide_id, v.step) for v in views_of(db, outcome.visit_id)] == [
        ("vneid-activate", 1),
        ("vneid-activate", 2),
    ]
    assert [ok for _at, ok, _p, _e in svc.attempts(outcome.visit_id)] == [False]
