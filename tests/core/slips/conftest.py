"""Fixtures for slip tests: saved visits and sample guides (``require`` is the root's)."""

from __future__ import annotations

import pytest
from slip_helpers import guide_source

from kiosk.queue.tickets import issue_ticket
from kiosk.storage import Database
from kiosk.storage.models import GuideView, Visit


@pytest.fixture
def guides():  # type: ignore[no-untyped-def]
    return guide_source


@pytest.fixture
def make_visit(db: Database):  # type: ignore[no-untyped-def]
    """A saved visit: ticket issued, guides viewed, outcome recorded."""

    def make(
        lang: str = "vi",
        services: tuple[str, ...] = ("vneid",),
        guide_ids: tuple[str, ...] = ("vneid-level2",),
        outcome: tuple[str, ...] = ("app_installed", "level2_activated"),
    ) -> int:
        issued = issue_ticket(db, services, language=lang)
        with db.session() as s:
            visit = s.get(Visit, issued.visit_id)
            assert visit is not None
            visit.outcome = list(outcome)
            for step, gid in enumerate(guide_ids):
                for n in (1, 2):
                    s.add(
                        GuideView(
                            visit_id=visit.id,
                            guide_id=gid,
                            step=n + step,
                            language=lang,
                            viewed_at=db.clock.now(),
                        )
                    )
        return issued.visit_id

    return make
