"""The summary table on PostgreSQL, filled inside the COPY import's transaction: equal to
what the SQLite path keeps for the same bundles."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from kiosk.collector.dashboard import views
from kiosk.collector.demo import load_demo
from kiosk.collector.models import SummaryCount
from kiosk.collector.store import Collector
from kiosk.collector.summary import Filters

pytestmark = pytest.mark.e2e


def _counts(c: Collector) -> dict[tuple, int]:
    s = SummaryCount
    with c.read_sessions() as session:
        rows = session.execute(
            select(s.service, s.kind, s.day, s.kiosk_id, s.point_name, s.ward, s.value, s.n)
        ).all()
    return {tuple(r[:-1]): r[-1] for r in rows}


def test_postgresql_keeps_the_same_summary_as_sqlite(postgres_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pg = Collector(postgres_url)
    lite = Collector(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    assert pg.is_postgres
    day = date(2026, 11, 20)
    assert load_demo(pg, today=day, days=8) == load_demo(lite, today=day, days=8) > 100
    assert _counts(pg) == _counts(lite)
    with pg.read_sessions() as s:
        page = views.points(s.connection(), Filters(point="Điểm Láng Hạ"))
    assert [r[0] for r in page.tables[0].rows] == ["Điểm Láng Hạ"]
    assert page.tables[0].rows[0][2] == sum(
        n for k, n in _counts(pg).items() if k[:2] == ("*", "visits") and k[4] == "Điểm Láng Hạ"
    )
    pg.dispose()
    lite.dispose()
