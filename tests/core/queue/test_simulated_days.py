"""Fairness and the waiting estimate, measured on simulated days (seeded, no clock).

Stated bounds, over 20 days for each mix (2-4 desks, 30-50% priority, 80% load with an
opening rush and an after-lunch rush at 1.5 times the average):

- the worst ordinary wait with the fair policy is no more than 10% (+5 min) above
  first-come-first-served, and at least 15% below strict priority;
- priority citizens wait on average at most 70% of what ordinary citizens wait;
- at least 70% of waits fall inside the range shown, 85% within 5 minutes of it, and the
  median distance to the middle of the range is at most 3 minutes.
"""

from __future__ import annotations

import pytest

from kiosk.queue.policy import Policy
from kiosk.queue.simulation import DayPlan, run

FAIR = Policy(max_priority_in_a_row=3, max_wait_minutes=30)
STRICT = Policy(max_priority_in_a_row=10_000, max_wait_minutes=10_000)
FIFO = Policy(max_priority_in_a_row=3, max_wait_minutes=0)
MIXES = [(2, 0.3), (3, 0.4), (4, 0.5), (3, 0.5)]


@pytest.mark.parametrize(("desks", "share"), MIXES)
def test_priority_first_on_average_and_no_one_starves(desks: int, share: float) -> None:
    plan = DayPlan(desks=desks, priority_share=share)
    fair, strict, fifo = (run(plan, p, 20) for p in (FAIR, STRICT, FIFO))
    assert fair.worst_normal <= fifo.worst_normal * 1.1 + 5
    assert fair.worst_normal <= strict.worst_normal * 0.85
    assert fair.mean_priority <= fair.mean_normal * 0.7


@pytest.mark.parametrize(("desks", "share"), MIXES)
def test_the_estimate_holds_most_real_waits(desks: int, share: float) -> None:
    s = run(DayPlan(desks=desks, priority_share=share), FAIR, 20)
    assert s.within_range >= 0.70
    assert s.within_5 >= 0.85
    assert s.median_error <= 3.0


def test_a_strict_policy_would_starve_ordinary_citizens() -> None:
    """The check above can fail: strict priority breaks the bound it states."""
    plan = DayPlan(desks=3, priority_share=0.5)
    strict, fifo = run(plan, STRICT, 20), run(plan, FIFO, 20)
    assert strict.worst_normal > fifo.worst_normal * 1.1 + 5
