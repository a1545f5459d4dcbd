"""The day's visits as session-log records: times, desk, volunteer, services, priority
category, age band and what was achieved. No name or phone ever goes in (those stay on
the kiosk, with consent, and are erased after the retention period); the follow-up code
stands for the person."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from kiosk.storage import Database
from kiosk.storage.models import Visit

FIELDS = (
    "follow_up_code",
    "ticket",
    "day",
    "language",
    "state",
    "priority",
    "age_band",
    "services",
    "desk",
    "volunteer_id",
    "created_at",
    "called_at",
    "serving_at",
    "finished_at",
    "wait_minutes",
    "service_minutes",
    "recalls",
    "outcome",
    "note",
    "previous_follow_up_code",
)


def _minutes(a: Any, b: Any) -> float | None:
    return round((b - a).total_seconds() / 60, 1) if a and b else None


def session_log(db: Database, day: date) -> list[dict[str, Any]]:
    """One record per visit of ``day`` (times as ISO strings in UTC)."""
    with db.session() as s:
        visits = s.scalars(select(Visit).where(Visit.day == day).order_by(Visit.id)).all()
        prev = {
            v.id: v.follow_up_code
            for v in s.scalars(
                select(Visit).where(
                    Visit.id.in_([v.previous_visit_id for v in visits if v.previous_visit_id])
                )
            )
        }
    out = []
    for v in visits:
        out.append(
            {
                "follow_up_code": v.follow_up_code,
                "ticket": v.ticket,
                "day": v.day.isoformat(),
                "language": v.language,
                "state": v.state,
                "priority": v.priority,
                "age_band": v.age_band,
                "services": sorted(x.service_id for x in v.services),
                "desk": v.desk,
                "volunteer_id": v.volunteer_id,
                **{
                    k: (getattr(v, k).isoformat() if getattr(v, k) else None)
                    for k in ("created_at", "called_at", "serving_at", "finished_at")
                },
                "wait_minutes": _minutes(v.created_at, v.called_at),
                "service_minutes": _minutes(v.serving_at or v.called_at, v.finished_at),
                "recalls": v.recalls,
                "outcome": list(v.outcome or []),
                "note": v.note,
                "previous_follow_up_code": prev.get(v.previous_visit_id or 0),
            }
        )
    return out
