"""Sample data so a newcomer sees a lived-in kiosk: volunteers and a morning's queue."""

from __future__ import annotations

import contextlib
import random

from kiosk.security import PinError, add_volunteer, list_volunteers
from kiosk.storage import Database
from kiosk.tickets import issue_ticket

DEMO_VOLUNTEERS = (("Lan", "2468", "volunteer"), ("Hùng", "3579", "volunteer"),
                   ("Minh (điều phối)", "1357", "coordinator"))

DEMO_QUEUE = (
    (["vneid"], "elderly", "75+"),
    (["public-service"], None, "40-59"),
    (["pension"], "elderly", "60-74"),
    (["scam-safety"], None, "60-74"),
    (["etax", "payments"], None, "18-39"),
    (["vneid"], "disability", "40-59"),
    (["ihanoi"], None, "18-39"),
)


def fill_demo(db: Database, seed: int = 7) -> None:
    """Add the demo volunteers (once) and, if today's queue is empty, a queue."""
    have = {v.name for v in list_volunteers(db)}
    for name, pin, role in DEMO_VOLUNTEERS:
        if name not in have:
            # A real volunteer may already use this PIN; leave theirs alone.
            with contextlib.suppress(PinError):
                add_volunteer(db, name, pin, role)
    from sqlalchemy import func, select

    from kiosk.storage.models import Visit
    from kiosk.tickets import local_day

    with db.session() as s:
        today = s.scalar(select(func.count()).select_from(Visit)
                         .where(Visit.day == local_day(db)))
    if today:
        return
    rng = random.Random(seed)
    for services, priority, age in DEMO_QUEUE:
        issue_ticket(db, services, priority=priority, age_band=age, rng=rng)
