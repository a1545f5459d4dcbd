"""Who is called next: priority that cannot starve anyone.

Three rules, in order (parameters in the settings file, ``[queue]``):

1. A ticket transferred to this desk goes first.
2. **Maximum wait**: whoever has waited ``max_wait_minutes`` or longer is called next,
   priority or not (the longest wait first).
3. **Capped priority**: priority tickets (elderly, disability, ...) go before the others,
   but after ``max_priority_in_a_row`` priority calls in a row the oldest ordinary ticket
   is called, if one waits.

Within each group the line is first come, first served. Only the heads of the line are
needed, so the choice costs the same with ten or ten thousand tickets waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar


class SettingsReader(Protocol):
    """Settings read by name (``kiosk.settings.Settings`` is one), as the queue reads them."""

    def __getitem__(self, name: str, /) -> Any: ...


@dataclass(frozen=True)
class Policy:
    max_priority_in_a_row: int = 3
    max_wait_minutes: int = 30

    @classmethod
    def from_settings(cls, settings: SettingsReader) -> Policy:
        return cls(settings["queue.max_priority_in_a_row"], settings["queue.max_wait_minutes"])


@dataclass(frozen=True)
class Candidate:
    """A waiting ticket at the head of its line."""

    visit_id: int
    queued_at: datetime
    priority: bool


@dataclass(frozen=True)
class Choice:
    candidate: Candidate
    reason: str  # "transfer", "max_wait", "priority", "in_turn"


def choose(
    *,
    now: datetime,
    policy: Policy,
    oldest_priority: Candidate | None,
    oldest_normal: Candidate | None,
    priority_streak: int,
    transferred: Candidate | None = None,
) -> Choice | None:
    """The next ticket to call, given the heads of the priority and ordinary lines and how
    many priority tickets were called in a row just before."""
    if transferred is not None:
        return Choice(transferred, "transfer")
    heads = [c for c in (oldest_priority, oldest_normal) if c is not None]
    if not heads:
        return None
    limit = timedelta(minutes=policy.max_wait_minutes)
    overdue = [c for c in heads if now - c.queued_at >= limit]
    if overdue:
        return Choice(min(overdue, key=lambda c: (c.queued_at, c.visit_id)), "max_wait")
    if oldest_priority is not None and (
        oldest_normal is None or priority_streak < policy.max_priority_in_a_row
    ):
        return Choice(oldest_priority, "priority")
    assert oldest_normal is not None
    return Choice(oldest_normal, "in_turn")


class Waiting(Protocol):
    """A ticket in the line, as :func:`call_order` reads it (a stored visit or a simulated
    one). ``queued_at`` is only empty for visits that never wait (self-guided ones)."""

    @property
    def id(self) -> int: ...
    @property
    def queued_at(self) -> datetime | None: ...
    @property
    def priority(self) -> str | None: ...
    @property
    def desk(self) -> int | None: ...


W = TypeVar("W", bound=Waiting)


def call_order(line: Sequence[W], now: datetime, policy: Policy, streak: int) -> list[W]:
    """The waiting tickets (oldest first) in the order a free desk would call them:
    tickets transferred to a desk first, then as :func:`choose` picks them."""
    pri = [v for v in line if v.priority is not None and v.desk is None]
    nor = [v for v in line if v.priority is None and v.desk is None]
    out = [v for v in line if v.desk is not None]
    by_id = {v.id: v for v in line}
    pi = ni = 0
    while pi < len(pri) or ni < len(nor):
        ch = choose(
            now=now,
            policy=policy,
            priority_streak=streak,
            oldest_priority=_candidate(pri[pi], True) if pi < len(pri) else None,
            oldest_normal=_candidate(nor[ni], False) if ni < len(nor) else None,
        )
        assert ch is not None
        if ch.candidate.priority:
            pi, streak = pi + 1, streak + 1
        else:
            ni, streak = ni + 1, 0
        out.append(by_id[ch.candidate.visit_id])
    return out


def _candidate(v: Waiting, priority: bool) -> Candidate:
    assert v.queued_at is not None, "a ticket in the line has a time it joined it"
    return Candidate(v.id, v.queued_at, priority)
