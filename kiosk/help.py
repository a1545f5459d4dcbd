""" "Ask a volunteer": a citizen's request for help, from the guide's last step to the
volunteers, until one of them has seen it.

A request carries which guide, which step, in which language and when: never who. Its life
is a small state machine::

    asked ──acknowledge──▶ seen

Separately from that, the citizen's side can be *cleared* (the idle reset, or the next
citizen): the citizen's screen forgets it, but the volunteers still see that help was
asked until one acknowledges it. Each request and each acknowledgement is written to the
audit trail (``help_asked``, ``help_seen``) by :func:`record`.

Plain Python with an injected clock; the screens listen to :attr:`HelpDesk.changed`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.changes import Kind
from kiosk.clock import Clock
from kiosk.events import Event

if TYPE_CHECKING:
    from kiosk.storage import Database


class HelpState(StrEnum):
    ASKED = "asked"
    SEEN = "seen"


class HelpError(Exception):
    """An acknowledgement that cannot be made (already seen, or no such request)."""


@dataclass(frozen=True)
class HelpRequest:
    id: int
    guide_id: str
    step: int  # 1-based, as the citizen saw it
    language: str
    asked_at: datetime
    state: HelpState = HelpState.ASKED
    seen_at: datetime | None = None
    seen_by: int | None = None  # the volunteer's id (staff, not the citizen)
    citizen_here: bool = True  # False once the citizen's side was cleared

    @property
    def open(self) -> bool:
        return self.state is HelpState.ASKED

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset({Kind.HELP})

    def minutes_waiting(self, now: datetime) -> int:
        return max(0, int((now - self.asked_at).total_seconds() // 60))

    def audit_detail(self) -> str:
        """What the audit trail keeps: no personal data, only what was asked and when."""
        return json.dumps(
            {
                "request": self.id,
                "guide": self.guide_id,
                "step": self.step,
                "language": self.language,
                "asked_at": self.asked_at.isoformat(),
            },
            sort_keys=True,
        )


@dataclass(frozen=True)
class HelpChange:
    """What one help action changed (for the change broadcast)."""

    action: str  # "asked", "again", "seen" or "cleared"
    request: HelpRequest

    @property
    def kinds(self) -> frozenset[Kind]:
        if self.action in ("asked", "seen"):
            return frozenset({Kind.HELP, Kind.AUDIT})
        return frozenset()


class HelpDesk:
    """The requests of this kiosk, in the order they were made."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.changed: Event[HelpChange] = Event()
        self._requests: dict[int, HelpRequest] = {}
        self._next_id = 1

    def ask(self, guide_id: str, step: int, language: str) -> HelpChange:
        """The citizen asks for a volunteer. Asking again while the same request is open
        does not make a second one."""
        for r in self._requests.values():
            if r.open and r.citizen_here:
                return HelpChange("again", r)  # nothing new to tell or record
        req = HelpRequest(self._next_id, guide_id, step, language, self.clock.now())
        self._next_id += 1
        self._requests[req.id] = req
        return self._tell(HelpChange("asked", req))

    def acknowledge(self, request_id: int, volunteer_id: int | None) -> HelpChange:
        """A volunteer has seen the request and is on the way."""
        req = self._requests.get(request_id)
        if req is None:
            raise HelpError(f"no help request {request_id}")
        if not req.open:
            raise HelpError(f"help request {request_id} was already seen")
        seen = replace(req, state=HelpState.SEEN, seen_at=self.clock.now(), seen_by=volunteer_id)
        self._requests[request_id] = seen
        return self._tell(HelpChange("seen", seen))

    def clear_citizen(self) -> HelpChange | None:
        """The citizen has gone (idle reset): their screen forgets the request; the
        volunteers still see it until one acknowledges it."""
        last = None
        for r in list(self._requests.values()):
            if r.citizen_here:
                cleared = replace(r, citizen_here=False)
                self._requests[r.id] = cleared
                last = self._tell(HelpChange("cleared", cleared))
        return last

    def open_requests(self) -> list[HelpRequest]:
        """Requests no volunteer has seen yet, oldest first."""
        return [r for r in self._requests.values() if r.open]

    def citizens_request(self) -> HelpRequest | None:
        """The request of the citizen now at the kiosk, if they made one."""
        mine = [r for r in self._requests.values() if r.citizen_here]
        return mine[-1] if mine else None

    def get(self, request_id: int) -> HelpRequest | None:
        return self._requests.get(request_id)

    def _tell(self, change: HelpChange) -> HelpChange:
        self.changed.emit(change)
        return change


def record(db: Database, change: HelpChange) -> HelpChange:
    """Write a request or its acknowledgement to the audit trail (one short session)."""
    from kiosk.security import audit

    if change.action in ("asked", "seen"):
        audit(db, f"help_{change.action}", change.request.audit_detail(), change.request.seen_by)
    return change
