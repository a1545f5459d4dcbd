"""Issuing tickets: daily numbers that are never lost or reused, and follow-up codes.

The day's counter is bumped in the same transaction as the visit it numbers, under an
immediate write lock, so two desks cannot take the same number and a crash half-way
leaves neither a gap nor a duplicate.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kiosk.storage import Database
from kiosk.storage.models import TicketCounter, Visit, VisitService

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# No 0/O, 1/I or similar pairs, so a code read aloud or typed is not misread.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 6
AGE_BANDS = ("under-18", "18-39", "40-59", "60-74", "75+")


def local_day(db: Database) -> date:
    """The point's calendar day (Hanoi time): tickets restart at 1 each day."""
    return db.clock.now().astimezone(HANOI).date()


def new_follow_up_code(rng: random.Random) -> str:
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A typed or scanned code, tidied: upper case, without spaces or dashes."""
    return text.strip().upper().replace(" ", "").replace("-", "")


def ticket_label(number: int, prefix: str = "A") -> str:
    return f"{prefix}{number:03d}"


@dataclass(frozen=True)
class IssuedTicket:
    visit_id: int
    number: int
    ticket: str
    follow_up_code: str


def issue_ticket(db: Database, services: Iterable[str], *, priority: str | None = None,
                 age_band: str | None = None, language: str = "vi",
                 rng: random.Random | None = None) -> IssuedTicket:
    """Create a waiting visit with the next number of the day; return its ticket."""
    rng = rng or random.SystemRandom()
    if age_band is not None and age_band not in AGE_BANDS:
        raise ValueError(f"unknown age band {age_band!r}")
    services = list(dict.fromkeys(services))
    for _attempt in range(5):
        code = new_follow_up_code(rng)
        try:
            with db.session() as s:
                day = local_day(db)
                counter = s.get(TicketCounter, (db.kiosk_id, day))
                if counter is None:
                    counter = TicketCounter(kiosk_id=db.kiosk_id, day=day, last_number=0)
                    s.add(counter)
                counter.last_number += 1
                number = counter.last_number
                visit = Visit(kiosk_id=db.kiosk_id, day=day, ticket_number=number,
                              ticket=ticket_label(number), follow_up_code=code,
                              language=language, state="waiting", priority=priority,
                              age_band=age_band, created_at=db.clock.now(), outcome=[],
                              note="")
                visit.services = [VisitService(service_id=sid) for sid in services]
                s.add(visit)
                s.flush()
                return IssuedTicket(visit.id, number, visit.ticket, code)
        except IntegrityError:
            # Only a follow-up code collision can get here; try another code.
            continue
    raise RuntimeError("could not make a unique follow-up code")


def find_by_code(db: Database, code: str) -> list[Visit]:
    """Visits with this follow-up code and the ones chained to it, newest first."""
    code = normalise_code(code)
    with db.session() as s:
        first = s.scalars(select(Visit).where(Visit.follow_up_code == code)).first()
        if first is None:
            return []
        chain = [first]
        while chain[-1].previous_visit_id is not None:
            prev = s.get(Visit, chain[-1].previous_visit_id)
            if prev is None:
                break
            chain.append(prev)
        return chain
