"""Retention: a consented name or phone is erased from the kiosk after the set number of
days (``privacy.retention_days``). Run at start and once a day; returns how many visits
were cleaned. The visit itself (codes, counts, categories) stays."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import CursorResult, and_, func, or_, update

from kiosk.storage import Database
from kiosk.storage.models import Visit


def purge_personal_data(db: Database, retention_days: int) -> int:
    """Erase names and phones recorded more than ``retention_days`` days ago."""
    if retention_days < 0:
        raise ValueError("retention_days must not be negative")
    cutoff = db.clock.now() - timedelta(days=retention_days)
    has_personal = or_(Visit.name.is_not(None), Visit.phone.is_not(None))
    recorded = func.coalesce(Visit.consent_at, Visit.created_at)
    with db.session() as s:
        result = s.execute(
            update(Visit)
            .where(and_(has_personal, recorded < cutoff))
            .values(name=None, phone=None)
            .execution_options(synchronize_session=False)
        )
        assert isinstance(result, CursorResult), "an UPDATE statement gives a cursor result"
        return int(result.rowcount or 0)
