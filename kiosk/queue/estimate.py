"""How long until a citizen is called, learned from recent services, shown as a range.

The average service time of each service is learned from the last
:data:`RECENT_SERVICES` services finished in the past :data:`RECENT_HOURS` hours (the
time from the citizen reaching the desk to the volunteer tapping *Finish*). Before there
is any history, ``queue.default_service_minutes`` from the settings is used. The wait is
the work ahead (the people ahead, and what is left of the services under way) shared
among the desks that are active, shown as a range rounded to five minutes.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

RECENT_SERVICES = 30
RECENT_HOURS = 4
ACTIVE_DESK_MINUTES = 30


@dataclass(frozen=True)
class Served:
    """One finished service: what it was about and how long it took."""

    services: tuple[str, ...]
    minutes: float
    finished_at: datetime


@dataclass(frozen=True)
class WaitRange:
    low: int
    high: int
    learned: bool  # False while the default is used (no recent history)

    def text(self, t: Callable[..., str]) -> str:
        """The range in words, through a translator's ``t``."""
        if self.high <= 0:
            return t("queue.estimate_now")
        if self.low <= 0:
            return t("queue.estimate_under", high=self.high)
        return t("queue.estimate_range", low=self.low, high=self.high)


class ServiceTimes:
    """Average minutes per service, learned from recent services (newest first)."""

    def __init__(
        self, recent: Iterable[Served], default_minutes: float, window: int = RECENT_SERVICES
    ) -> None:
        self.default = float(default_minutes)
        recent = sorted(recent, key=lambda r: r.finished_at, reverse=True)
        self.overall = [r.minutes for r in recent[:window]]
        per: dict[str, list[float]] = {}
        for r in recent:
            for sid in r.services:
                lst = per.setdefault(sid, [])
                if len(lst) < window:
                    lst.append(r.minutes)
        self.per_service = per

    @property
    def learned(self) -> bool:
        return bool(self.overall)

    def minutes_for(self, services: Sequence[str]) -> float:
        """Expected minutes for a visit about ``services`` (the longest of them)."""
        known = [sum(v) / len(v) for sid in services if (v := self.per_service.get(sid))]
        if known:
            return max(known)
        if self.overall:
            return sum(self.overall) / len(self.overall)
        return self.default


def round_range(minutes: float) -> tuple[int, int]:
    """A point estimate as a five-minute range that holds most real waits."""
    if minutes < 2.5:
        return 0, 0 if minutes < 0.5 else 5
    low = 5 * math.floor(minutes * 0.75 / 5)
    high = 5 * math.ceil(max(minutes * 1.3, low + 5) / 5)
    return low, high


def estimate(
    *,
    ahead: Sequence[Sequence[str]],
    in_service: Sequence[tuple[Sequence[str], float]],
    desks: int,
    times: ServiceTimes,
) -> WaitRange:
    """Wait for someone with ``ahead`` people before them (each given by their services),
    while ``in_service`` visits (services, minutes since they started) are under way and
    ``desks`` desks are active.

    Each desk becomes free when its current service is expected to end; the people ahead
    are handed, in order, to whichever desk frees first; the citizen's wait is when the
    next desk frees after that."""
    desks = max(1, desks, len(in_service))
    free_at = sorted(max(0.5, times.minutes_for(s) - elapsed) for s, elapsed in in_service)
    free_at += [0.0] * (desks - len(free_at))
    heapq.heapify(free_at)
    for services in ahead:
        heapq.heapreplace(free_at, free_at[0] + times.minutes_for(services))
    low, high = round_range(free_at[0])
    return WaitRange(low, high, times.learned)
