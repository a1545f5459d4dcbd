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

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from kiosk.queue.model import AGE_BANDS, HANOI, ConsentError  # noqa: F401
from kiosk.storage import Database
from kiosk.storage.models import AuditEvent, QueueEvent, TicketCounter, Visit, VisitService

# No 0/O, 1/I or similar pairs, so a code read aloud or typed is not misread.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 6


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
    event_id: int = 0  # its first step in the ticket's history


# Built once: issuing runs for every ticket and must stay well under 5 ms.
_BUMP = (
    update(TicketCounter)
    .where(TicketCounter.kiosk_id == bindparam("k"), TicketCounter.day == bindparam("d"))
    .values(last_number=TicketCounter.last_number + 1)
    .returning(TicketCounter.last_number)
)
_NEW_COUNTER = insert(TicketCounter)
_NEW_VISIT = insert(Visit).returning(Visit.id)
_NEW_SERVICE = insert(VisitService)
_NEW_EVENT = insert(QueueEvent).returning(QueueEvent.id)
_NEW_AUDIT = insert(AuditEvent)


def issue_ticket(
    db: Database,
    services: Iterable[str],
    *,
    priority: str | None = None,
    age_band: str | None = None,
    language: str = "vi",
    rng: random.Random | None = None,
    consent: bool = False,
    name: str | None = None,
    phone: str | None = None,
    previous_visit_id: int | None = None,
    volunteer_id: int | None = None,
    self_guided: bool = False,
) -> IssuedTicket:
    """Create a waiting visit with the next number of the day; return its ticket.

    ``self_guided`` records instead a visit already over: a citizen who went through a
    guide on their own and wants the follow-up slip. It never joins the line.

    The number, the visit, its first history step and the audit line are written in one
    transaction, so a crash leaves either all of them or none."""
    rng = rng or random.SystemRandom()
    if age_band is not None and age_band not in AGE_BANDS:
        raise ValueError(f"unknown age band {age_band!r}")
    name = (name or "").strip() or None
    phone = (phone or "").strip() or None
    if (name or phone) and not consent:
        raise ConsentError("a name or phone is kept only when the citizen agrees")
    services = list(dict.fromkeys(services))
    state = "done" if self_guided else "waiting"
    for _attempt in range(5):
        code = new_follow_up_code(rng)
        try:
            with db.session() as session:
                s = session.connection()
                now = db.clock.now()
                day = local_day(db)
                number = s.execute(_BUMP, {"k": db.kiosk_id, "d": day}).scalar()
                if number is None:
                    number = 1
                    s.execute(_NEW_COUNTER, {"kiosk_id": db.kiosk_id, "day": day, "last_number": 1})
                ticket = ticket_label(number)
                kept = consent and bool(name or phone)
                visit_id = s.execute(
                    _NEW_VISIT,
                    {
                        "kiosk_id": db.kiosk_id,
                        "day": day,
                        "ticket_number": number,
                        "ticket": ticket,
                        "follow_up_code": code,
                        "language": language,
                        "state": state,
                        "priority": priority,
                        "age_band": age_band,
                        "created_at": now,
                        "queued_at": None if self_guided else now,
                        "finished_at": now if self_guided else None,
                        "recalls": 0,
                        "outcome": [],
                        "note": "",
                        "previous_visit_id": previous_visit_id,
                        "consent_at": now if kept else None,
                        "name": name if kept else None,
                        "phone": phone if kept else None,
                    },
                ).scalar_one()
                if services:
                    s.execute(
                        _NEW_SERVICE,
                        [{"visit_id": visit_id, "service_id": sid} for sid in services],
                    )
                event_id = s.execute(
                    _NEW_EVENT,
                    {
                        "visit_id": visit_id,
                        "at": now,
                        "action": "self_guided" if self_guided else "issue",
                        "from_state": None,
                        "to_state": state,
                        "desk": None,
                        "priority": priority is not None,
                        "volunteer_id": volunteer_id,
                    },
                ).scalar_one()
                s.execute(
                    _NEW_AUDIT,
                    {
                        "at": now,
                        "kiosk_id": db.kiosk_id,
                        "volunteer_id": volunteer_id,
                        "action": "self_guided" if self_guided else "queue_issue",
                        "detail": f"{ticket} #{visit_id}",
                    },
                )
            return IssuedTicket(visit_id, number, ticket, code, event_id)
        except IntegrityError as exc:
            if "follow_up_code" not in str(exc.orig):
                raise  # e.g. an unknown service: not something another try would mend
            continue  # the random follow-up code was taken: try another
    raise RuntimeError("could not make a unique follow-up code")


def find_by_code(db: Database, code: str) -> list[Visit]:
    """All visits of the person with this follow-up code, newest first: the visit with the
    code, the earlier ones it links to, and later ones that link back to it."""
    code = normalise_code(code)
    with db.session() as s:
        first = s.scalars(select(Visit).where(Visit.follow_up_code == code)).first()
        if first is None:
            return []
        chain = [first]
        seen = {first.id}
        while chain[-1].previous_visit_id is not None:
            prev = s.get(Visit, chain[-1].previous_visit_id)
            if prev is None or prev.id in seen:
                break
            seen.add(prev.id)
            chain.append(prev)
        later = first
        while True:
            nxt = s.scalars(
                select(Visit).where(Visit.previous_visit_id == later.id).order_by(Visit.id)
            ).first()
            if nxt is None or nxt.id in seen:
                break
            seen.add(nxt.id)
            chain.insert(0, nxt)
            later = nxt
        return chain
