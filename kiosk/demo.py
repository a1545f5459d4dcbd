"""Sample data so a newcomer sees a lived-in kiosk: volunteers and a morning's queue
(a few people helped already, with what they achieved; one at desk 1; others waiting).

The demo is a kiosk of its own (``kiosk.paths.use_demo``: its own data folder and
settings). Its kiosk id starts with ``demo-``, and no bundle is ever made from, or
accepted from, such a kiosk, so sample visits cannot pass for real ones.
"""

from __future__ import annotations

import contextlib
import dataclasses
import random
from datetime import datetime, timedelta

from kiosk.clock import Clock
from kiosk.queue.tickets import issue_ticket
from kiosk.security import PinError, add_volunteer, list_volunteers
from kiosk.storage import Database

DEMO_KIOSK_ID = "demo-kiosk"
DEMO_PREFIX = "demo-"


def is_demo_kiosk(kiosk_id: str) -> bool:
    return str(kiosk_id).startswith(DEMO_PREFIX)


DEMO_VOLUNTEERS = (
    ("Lan", "2468", "volunteer"),
    ("Hùng", "3579", "volunteer"),
    ("Minh (điều phối)", "1357", "coordinator"),
)

DEMO_DONE = (
    (["vneid"], "elderly", "60-74", ["app_installed", "level2_activated"]),
    (["etax"], None, "40-59", ["fee_paid_online"]),
    (["pension"], "poor_household", "75+", ["bank_linked"]),
    (["public-service"], None, "18-39", ["account_registered", "dossier_submitted"]),
)

DEMO_QUEUE = (
    (["vneid"], "elderly", "75+"),
    (["public-service"], None, "40-59"),
    (["pension"], "elderly", "60-74"),
    (["scam-safety"], None, "60-74"),
    (["etax", "payments"], None, "18-39"),
    (["vneid"], "disability", "40-59"),
    (["ihanoi"], None, "18-39"),
)


class _Replay:
    """A clock that runs behind the real one, moved on by hand."""

    def __init__(self, clock: Clock, minutes_ago: float) -> None:
        self.clock, self.offset = clock, timedelta(minutes=minutes_ago)

    def advance(self, minutes: float) -> None:
        self.offset -= timedelta(minutes=minutes)

    def now(self) -> datetime:
        return self.clock.now() - self.offset

    def monotonic(self) -> float:
        return self.clock.monotonic()


def retire_demo_volunteers(db: Database) -> list[str]:
    """Switch off the sample volunteers an earlier version's demo left in a real kiosk's
    database (same name and the published demo PIN, so anyone could open it). Only exact
    matches are touched; each is recorded in the audit trail. Returns their names."""
    from sqlalchemy import select

    from kiosk.security import audit, verify_pin
    from kiosk.storage.models import Volunteer

    pins = {name: pin for name, pin, _role in DEMO_VOLUNTEERS}
    retired: list[tuple[int, str]] = []
    with db.session() as s:
        for v in s.scalars(
            select(Volunteer).where(Volunteer.active, Volunteer.name.in_(list(pins)))
        ):
            if verify_pin(pins[v.name], v.pin_hash):
                v.active = False
                retired.append((v.id, v.name))
    for vid, name in retired:
        audit(db, "demo_volunteer_retired", f"{vid} {name}")
    return [name for _vid, name in retired]


def fill_demo(db: Database, seed: int = 7) -> None:
    """Add the demo volunteers (once) and, if today's queue is empty, a queue."""
    have = {v.name for v in list_volunteers(db)}
    for name, pin, role in DEMO_VOLUNTEERS:
        if name not in have:
            # A real volunteer may already use this PIN; leave theirs alone.
            with contextlib.suppress(PinError):
                add_volunteer(db, name, pin, role)
    from sqlalchemy import func, select

    from kiosk.queue.tickets import local_day
    from kiosk.storage.models import Visit

    with db.session() as s:
        today = s.scalar(select(func.count()).select_from(Visit).where(Visit.day == local_day(db)))
    if today:
        return
    rng = random.Random(seed)
    from kiosk.queue.service import QueueService
    from kiosk.settings import Settings

    helper = next((v.id for v in list_volunteers(db) if v.name == "Lan"), None)
    # The morning so far, replayed on a clock that starts 50 minutes ago: two desks,
    # each helping one person after another.
    past = _Replay(db.clock, minutes_ago=50)
    earlier = QueueService(dataclasses.replace(db, clock=past), Settings())
    done = []
    for services, priority, age, outcome in DEMO_DONE:
        done.append(
            (earlier.issue(services, priority=priority, age_band=age, rng=rng).visit_id, outcome)
        )
        past.advance(2)
    steps = (
        (0, "call", 0),
        (2, "call", 1),
        (11, "finish", 0),
        (0, "call", 2),
        (3, "finish", 1),
        (0, "call", 3),
        (12, "finish", 2),
        (5, "finish", 3),
    )
    for minutes, what, i in steps:
        past.advance(minutes)
        vid, outcome = done[i]
        if what == "call":
            earlier.call(vid, 1 + i % 2, helper)
            earlier.start(vid, helper)
        else:
            earlier.finish(vid, outcome, "", helper)
    queue = QueueService(db, Settings())
    for services, priority, age in DEMO_QUEUE:
        issue_ticket(db, services, priority=priority, age_band=age, rng=rng)
    first = queue.call_next(1, helper)
    if first is not None:
        queue.start(first.visit_id, helper)
