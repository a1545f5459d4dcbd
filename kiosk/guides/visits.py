"""Which guides and steps a citizen looked at, for the visit's session log.

Only the guide id, the step number (0 = the guide's overview), the language and the time
are kept: nothing about the person. Views made before the citizen has a visit (before they
take a number) wait in a :class:`ViewLog` and are attached when a visit appears; at idle
reset the log is cleared, so the next citizen's visit never gets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the database code is imported when a view is first written
    from kiosk.storage import Database


@dataclass(frozen=True)
class View:
    guide_id: str
    step: int
    language: str
    viewed_at: datetime


def record_view(
    db: Database,
    visit_id: int,
    guide_id: str,
    step: int,
    lang: str,
    viewed_at: datetime | None = None,
) -> int:
    """Add one viewed step to a visit; returns the new record's id."""
    return record_views(db, visit_id, [View(guide_id, step, lang, viewed_at or db.clock.now())])[0]


def record_views(db: Database, visit_id: int, views: list[View]) -> list[int]:
    """Add several viewed steps to a visit in one transaction; returns their ids.

    Plain inserts, without loading the visit and its other views: this runs beside the
    screens on every step, so it must stay small however long the visit grows."""
    from sqlalchemy import CursorResult, insert, select

    from kiosk.storage.models import GuideView, Visit

    with db.session() as s:
        if s.scalar(select(Visit.id).where(Visit.id == visit_id)) is None:
            raise LookupError(f"there is no visit {visit_id}")
        ids: list[int] = []
        for v in views:
            result = s.execute(
                insert(GuideView).values(
                    visit_id=visit_id,
                    guide_id=v.guide_id,
                    step=v.step,
                    language=v.language,
                    viewed_at=v.viewed_at,
                )
            )
            assert isinstance(result, CursorResult), "an INSERT statement gives a cursor result"
            key = result.inserted_primary_key
            assert key is not None, "a single-row INSERT knows the row's key"
            ids.append(key[0])
        return ids


def views_of(db: Database, visit_id: int) -> list[View]:
    from sqlalchemy import select

    from kiosk.storage.models import GuideView

    with db.session() as s:
        rows = s.scalars(
            select(GuideView).where(GuideView.visit_id == visit_id).order_by(GuideView.id)
        )
        return [View(r.guide_id, r.step, r.language, r.viewed_at) for r in rows]


class ViewLog:
    """The views of the citizen at the screen now, until their visit exists.

    ``viewed`` returns what must be written now (``(visit_id, views)``) or ``None`` while
    there is no visit; the caller writes it with :func:`record_views`, off the screen's
    thread. The log itself touches no database, so it is easy to test and cheap to call.
    """

    def __init__(self) -> None:
        self.pending: list[View] = []

    def viewed(self, visit_id: int | None, view: View) -> tuple[int, list[View]] | None:
        self.pending.append(view)
        return self.flush(visit_id)

    def flush(self, visit_id: int | None) -> tuple[int, list[View]] | None:
        """The waiting views for ``visit_id`` (and forget them), or None."""
        if visit_id is None or not self.pending:
            return None
        views, self.pending = self.pending, []
        return visit_id, views

    def take(self) -> list[View]:
        """The waiting views (and forget them), for a visit about to be made."""
        views, self.pending = self.pending, []
        return views

    def clear(self) -> None:
        self.pending = []
