from __future__ import annotations

from datetime import UTC, datetime

from kiosk.i18n import translate
from kiosk.queue import QueueService
from kiosk.queue.estimate import Served, ServiceTimes, estimate, round_range

T0 = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def test_default_before_history_then_learned_per_service() -> None:
    times = ServiceTimes([], default_minutes=10)
    assert not times.learned and times.minutes_for(["vneid"]) == 10
    times = ServiceTimes([Served(("vneid",), 20, T0), Served(("etax",), 6, T0)], 10)
    assert times.learned
    assert times.minutes_for(["vneid"]) == 20 and times.minutes_for(["etax"]) == 6
    assert times.minutes_for(["pension"]) == 13  # unknown service: the overall average


def test_the_wait_is_shared_among_active_desks() -> None:
    times = ServiceTimes([], default_minutes=10)
    four_ahead = [("vneid",)] * 4
    one = estimate(ahead=four_ahead, in_service=[], desks=1, times=times)
    two = estimate(ahead=four_ahead, in_service=[], desks=2, times=times)
    assert (one.low, one.high) == round_range(40) and (two.low, two.high) == round_range(20)
    free = estimate(ahead=[], in_service=[(("vneid",), 3.0)], desks=2, times=times)
    assert (free.low, free.high) == (0, 0)


def test_range_text_in_each_language() -> None:
    assert round_range(20) == (15, 30)
    from kiosk.queue import WaitRange

    assert (
        WaitRange(10, 15, True).text(lambda k, **kw: translate(k, "en", **kw))
        == "about 10-15 minutes"
    )
    assert "10" in WaitRange(10, 15, True).text(lambda k, **kw: translate(k, "vi", **kw))
    assert (
        WaitRange(0, 0, True).text(lambda k, **kw: translate(k, "en", **kw)) != "queue.estimate_now"
    )


def test_service_learns_from_the_days_finished_visits(queue: QueueService, clock) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        v = queue.issue(["etax"])
        queue.call_next(1)
        queue.start(v.visit_id)
        clock.advance(4 * 60)
        queue.finish(v.visit_id)
    times = queue.service_times()
    assert times.learned and times.minutes_for(["etax"]) == 4
    for _ in range(6):
        queue.issue(["etax"])
    est = queue.estimate_new()
    # 6 people x 4 minutes at the one desk that has been working: 24 minutes
    assert est.learned and (est.low, est.high) == round_range(24)
