"""A day at a point, simulated: arrivals in bursts, a mix of priority citizens, several
desks, service times that vary. It runs the same calling policy and waiting estimate as
the kiosk, with its own clock (minutes since opening) and a seeded random generator, so
fairness and the estimate's accuracy can be measured and tested.

    python -m kiosk.queue.simulation          # prints the figures for 30 simulated days
"""

from __future__ import annotations

import heapq
import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from kiosk.queue.estimate import RECENT_HOURS, RECENT_SERVICES, Served, ServiceTimes, estimate
from kiosk.queue.policy import Candidate, Policy, call_order, choose

# Mean minutes per service at a desk (the kind of help each needs), and how often asked.
SERVICE_MINUTES = {
    "vneid": 12.0,
    "public-service": 14.0,
    "payments": 9.0,
    "mps": 12.0,
    "ihanoi": 8.0,
    "etax": 10.0,
    "pension": 9.0,
    "scam-safety": 6.0,
}
SERVICE_WEIGHTS = {
    "vneid": 30,
    "public-service": 15,
    "payments": 8,
    "mps": 8,
    "ihanoi": 10,
    "etax": 9,
    "pension": 12,
    "scam-safety": 8,
}
OPENING = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 08:00 in Hanoi


@dataclass(frozen=True)
class DayPlan:
    desks: int = 3
    hours: float = 8.0
    priority_share: float = 0.4
    load: float = 0.8  # average arrivals as a share of what the desks can serve
    bursts: tuple[tuple[float, float, float], ...] = ((0.0, 1.0, 1.5), (5.0, 5.75, 1.5))
    # (from hour, to hour, arrival rate multiplier): the opening rush, after lunch
    service_spread: float = 0.45  # log-normal sigma of service times


@dataclass
class _Ticket:
    id: int
    queued_at: datetime
    priority: str | None
    services: tuple[str, ...]
    minutes: float
    desk: int | None = None
    called: datetime | None = None
    est_low: int = 0
    est_high: int = 0


@dataclass
class DayResult:
    normal_waits: list[float] = field(default_factory=list)
    priority_waits: list[float] = field(default_factory=list)
    estimates: list[tuple[float, int, int]] = field(default_factory=list)  # (wait, lo, hi)

    @property
    def worst_normal(self) -> float:
        return max(self.normal_waits, default=0.0)

    @property
    def mean_normal(self) -> float:
        return statistics.fmean(self.normal_waits) if self.normal_waits else 0.0

    @property
    def mean_priority(self) -> float:
        return statistics.fmean(self.priority_waits) if self.priority_waits else 0.0


def _arrivals(plan: DayPlan, rng: random.Random) -> list[float]:
    mean_service = sum(SERVICE_MINUTES[s] * w for s, w in SERVICE_WEIGHTS.items()) / sum(
        SERVICE_WEIGHTS.values()
    )
    base_rate = plan.load * plan.desks / mean_service  # per minute
    # Keep the day's average at ``load``: the bursts borrow from the quieter hours.
    extra = sum((b - a) * (m - 1) for a, b, m in plan.bursts)
    quiet = max(0.2, (plan.hours - extra) / plan.hours)
    times: list[float] = []
    t, end = 0.0, plan.hours * 60
    peak = base_rate * max([m for _a, _b, m in plan.bursts] + [1.0])
    while True:  # thinning: a non-homogeneous Poisson process
        t += rng.expovariate(peak)
        if t >= end:
            return times
        mult = next((m for a, b, m in plan.bursts if a * 60 <= t < b * 60), quiet)
        if rng.random() < base_rate * mult / peak:
            times.append(t)


def simulate_day(
    plan: DayPlan, policy: Policy, seed: int, default_minutes: float = 10.0
) -> DayResult:
    """One day: every ticket's wait (minutes from taking a number to being called) and,
    for each, the range the kiosk showed when the number was taken."""
    rng = random.Random(seed)
    services, weights = zip(*SERVICE_WEIGHTS.items(), strict=True)
    tickets: list[_Ticket] = []
    for i, arrived in enumerate(_arrivals(plan, rng)):
        sid = rng.choices(services, weights)[0]
        mean = SERVICE_MINUTES[sid]
        minutes = (
            rng.lognormvariate(0, plan.service_spread)
            * mean
            / (2.718281828 ** (plan.service_spread**2 / 2))
        )
        tickets.append(
            _Ticket(
                i + 1,
                OPENING + timedelta(minutes=arrived),
                "elderly" if rng.random() < plan.priority_share else None,
                (sid,),
                max(1.0, minutes),
            )
        )
    result = DayResult()
    waiting: list[_Ticket] = []
    busy: dict[int, tuple[datetime, _Ticket]] = {}  # desk -> (free at, ticket)
    served: list[Served] = []
    streak = 0
    events: list[tuple[datetime, int, int]] = [(t.queued_at, 0, t.id) for t in tickets]
    heapq.heapify(events)
    by_id = {t.id: t for t in tickets}

    def times(now: datetime) -> ServiceTimes:
        since = now - timedelta(hours=RECENT_HOURS)
        recent = [s for s in served[-RECENT_SERVICES * 4 :] if s.finished_at >= since]
        return ServiceTimes(recent, default_minutes)

    def call_free_desks(now: datetime) -> None:
        nonlocal streak
        for desk in range(1, plan.desks + 1):
            if desk in busy or not waiting:
                continue
            pri = next((w for w in waiting if w.priority), None)
            nor = next((w for w in waiting if not w.priority), None)
            ch = choose(
                now=now,
                policy=policy,
                priority_streak=streak,
                oldest_priority=Candidate(pri.id, pri.queued_at, True) if pri else None,
                oldest_normal=Candidate(nor.id, nor.queued_at, False) if nor else None,
            )
            assert ch is not None
            t = by_id[ch.candidate.visit_id]
            waiting.remove(t)
            streak = streak + 1 if t.priority else 0
            t.called, t.desk = now, desk
            end = now + timedelta(minutes=t.minutes)
            busy[desk] = (end, t)
            heapq.heappush(events, (end, 1, desk))

    while events:
        now, kind, ref = heapq.heappop(events)
        if kind == 0:
            t = by_id[ref]
            waiting.append(t)
            order = call_order(waiting, now, policy, streak)
            ahead = [w.services for w in order[: order.index(t)]]
            in_service = [
                (b.services, (now - b.called).total_seconds() / 60)
                for _e, b in busy.values()
                if b.called
            ]
            est = estimate(ahead=ahead, in_service=in_service, desks=plan.desks, times=times(now))
            t.est_low, t.est_high = est.low, est.high
        else:
            _end, t = busy.pop(ref)
            served.append(Served(t.services, t.minutes, now))
        call_free_desks(now)
    for t in tickets:
        assert t.called is not None
        wait = (t.called - t.queued_at).total_seconds() / 60
        (result.priority_waits if t.priority else result.normal_waits).append(wait)
        result.estimates.append((wait, t.est_low, t.est_high))
    return result


@dataclass(frozen=True)
class Summary:
    days: int
    tickets: int
    worst_normal: float
    mean_normal: float
    mean_priority: float
    within_range: float  # share of waits inside the range shown
    within_5: float  # share inside the range widened by 5 minutes each side
    median_error: float  # minutes between the wait and the middle of the range


def summarise(results: list[DayResult]) -> Summary:
    normal = [w for r in results for w in r.normal_waits]
    pri = [w for r in results for w in r.priority_waits]
    est = [e for r in results for e in r.estimates]
    inside = sum(lo <= w <= hi for w, lo, hi in est)
    near = sum(lo - 5 <= w <= hi + 5 for w, lo, hi in est)
    err = [abs(w - (lo + hi) / 2) for w, lo, hi in est]
    return Summary(
        len(results),
        len(est),
        max(normal, default=0.0),
        statistics.fmean(normal) if normal else 0.0,
        statistics.fmean(pri) if pri else 0.0,
        inside / len(est) if est else 0.0,
        near / len(est) if est else 0.0,
        statistics.median(err) if err else 0.0,
    )


def run(plan: DayPlan, policy: Policy, days: int, first_seed: int = 1) -> Summary:
    return summarise(
        [simulate_day(plan, policy, seed) for seed in range(first_seed, first_seed + days)]
    )


def main() -> None:
    plan = DayPlan()
    fair = run(plan, Policy(), 30)
    strict = run(plan, Policy(max_priority_in_a_row=10_000, max_wait_minutes=10_000), 30)
    for label, s in (
        ("fair policy (3 in a row, 30 min max)", fair),
        ("strict priority (for comparison)", strict),
    ):
        print(
            f"{label}: {s.days} days, {s.tickets} tickets; worst ordinary wait "
            f"{s.worst_normal:.0f} min; mean wait ordinary {s.mean_normal:.1f} min, "
            f"priority {s.mean_priority:.1f} min"
        )
    print(
        f"estimate: {fair.within_range:.0%} of waits inside the range shown, "
        f"{fair.within_5:.0%} within 5 minutes of it; median error "
        f"{fair.median_error:.1f} min"
    )


if __name__ == "__main__":
    main()
