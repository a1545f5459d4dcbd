"""The queue's plain values: what an action changed, what the call screen and the console
show, the errors, and the fixed lists. Light to import (no database code), so the screens
can be built before the database has opened."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.changes import Kind
from kiosk.queue.estimate import WaitRange
from kiosk.queue.states import Action

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
AGE_BANDS = ("under-18", "18-39", "40-59", "60-74", "75+")
UNDO_SECONDS = 10
OUTCOMES = (
    "app_installed",
    "account_registered",
    "level2_activated",
    "dossier_submitted",
    "fee_paid_online",
    "bank_linked",
    "other",
)


class QueueError(Exception):
    """An action that cannot be done; nothing was changed. The message says why."""


class UndoError(QueueError):
    """Too late to undo, or the ticket has moved on since."""


@dataclass(frozen=True)
class Change:
    """What one action changed."""

    action: str
    visit_id: int
    ticket: str
    before: str | None
    after: str
    desk: int | None
    at: datetime
    volunteer_id: int | None
    event_id: int
    snapshot: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    follow_up_code: str = ""
    reason: str = ""  # why call_next chose this ticket

    @property
    def is_call(self) -> bool:
        """A call to announce: the ticket is (again) asked to come to ``desk``."""
        return self.action in (Action.CALL, Action.RECALL)

    @property
    def undo_until(self) -> datetime:
        return self.at + timedelta(seconds=UNDO_SECONDS)

    @property
    def kinds(self) -> frozenset[Kind]:
        """For the change broadcast: the line and the visit record both changed."""
        return frozenset({Kind.QUEUE, Kind.VISITS})


@dataclass(frozen=True)
class Issued:
    """A new ticket and the wait the citizen can expect (None: no estimate yet)."""

    change: Change
    wait: WaitRange | None

    @property
    def kinds(self) -> frozenset[Kind]:
        return self.change.kinds


@dataclass(frozen=True)
class WaitingItem:
    visit_id: int
    ticket: str
    priority: str | None
    services: tuple[str, ...]
    waited_minutes: int
    transferred_to: int | None
    follow_up_code: str


@dataclass(frozen=True)
class DeskView:
    desk: int
    visit_id: int | None
    ticket: str | None
    state: str | None
    priority: str | None = None
    services: tuple[str, ...] = ()
    # Anyone else still at this desk (called or being served), newest first: a desk that
    # somehow has two people shows both, never only the latest.
    others: tuple[DeskView, ...] = ()


@dataclass(frozen=True)
class ConsoleView:
    """What the volunteer console shows, read in one go."""

    line: list[WaitingItem]
    desk: DeskView | None
    on_hold: list[tuple[int, str]]
    no_shows: list[tuple[int, str]]
    estimate: WaitRange


@dataclass(frozen=True)
class Board:
    """What the call screen shows."""

    desks: tuple[DeskView, ...]
    newest_call: tuple[str, int] | None  # (ticket, desk)
    next_waiting: tuple[str, ...]
    waiting_count: int
    estimate: WaitRange


class ConsentError(ValueError):
    """A name or phone was given without the citizen's recorded consent."""
