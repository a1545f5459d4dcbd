"""The summary table the dashboard reads: kept up to date by each import (in its
transaction), equal to counting the visits themselves, never counting a visit twice, and
filled in once for a database made before it existed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select

from kiosk.collector.dashboard import views
from kiosk.collector.demo import load_demo
from kiosk.collector.models import CollectorMeta, SummaryCount, SummaryTotal, migrate
from kiosk.collector.store import Collector
from kiosk.collector.summary import Filters, over_all_days, percentile
from kiosk.export.bundle import build_bundle, collect_records


def _summary(c: Collector) -> dict[tuple, int]:
    s = SummaryCount
    with c.read_sessions() as session:
        rows = session.execute(
            select(s.service, s.kind, s.day, s.kiosk_id, s.point_name, s.ward, s.value, s.n)
        ).all()
        t = SummaryTotal
        totals = session.execute(
            select(t.service, t.kind, t.kiosk_id, t.point_name, t.ward, t.value, t.n)
        ).all()
    by_day = {tuple(r[:-1]): r[-1] for r in rows}
    # The all-days table always holds the per-day counts added up.
    assert {tuple(r[:-1]): r[-1] for r in totals} == over_all_days(by_day)  # type: ignore[arg-type]
    return by_day


def test_each_import_adds_its_new_visits_and_a_repeated_visit_adds_nothing(
    db, make_visits, kiosk_key, collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(4)
    first = collect_records(db, "full")
    collector.import_bundle(build_bundle(db, first, kiosk_key, sequence=1).data)
    with collector.read_sessions() as s:
        f = Filters()
        assert views.overview(s.connection(), f).cards[0] == ("card_visits", 4)
    make_visits(2)
    again = collect_records(db, "full")  # the first four again, and two new ones
    collector.import_bundle(build_bundle(db, again, kiosk_key, sequence=2, mode="full").data)
    with collector.read_sessions() as s:
        conn = s.connection()
        page = views.overview(conn, Filters())
        assert page.cards[0] == ("card_visits", 6)
        per_point = views.points(conn, Filters()).tables[0].rows
        assert [r[2] for r in per_point] == [6]
        # Filtered by service: make_visits gives every second visit eTax as well.
        etax = views.overview(conn, Filters(service="etax"))
        assert etax.cards[0] == ("card_visits", 3)
        today = page.tables[0].rows[-1][0]
        dated = views.overview(conn, Filters(service="etax", day_from=today, day_to=today))
        assert dated.cards[0] == ("card_visits", 3)  # read from the per-day table
        assert views.overview(conn, Filters(day_to=date(2000, 1, 1))).cards[0][1] == 0
        guides = dict(views.points(conn, Filters()).tables[3].rows)
        assert guides == {"vneid-activate": 6}
    assert collector.summary()["visits"] == 6


def test_rebuilding_from_the_visits_gives_the_same_counts_as_the_imports(tmp_path) -> None:
    c = Collector(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    imported = load_demo(c, today=date(2026, 11, 20), days=8)
    assert imported > 100
    kept = _summary(c)
    visits = sum(n for k, n in kept.items() if k[0] == "*" and k[1] == "visits")
    assert visits == imported == c.visit_count()
    # A database from before the summary table: no counts, no note that they were made.
    with c.engine.begin() as conn:
        conn.execute(delete(SummaryCount))
        conn.execute(delete(SummaryTotal))
        conn.execute(delete(CollectorMeta).where(CollectorMeta.key == "summaries_filled"))
    migrate(c.engine)
    assert _summary(c) == kept
    migrate(c.engine)  # once only
    assert _summary(c) == kept
    with c.read_sessions() as s:
        health = views.health(s.connection(), datetime(2026, 11, 20, 12, tzinfo=UTC))
    rows = {r[0]: r for r in health.tables[0].rows}
    assert rows["k-demo-hoankiem"][4] == "3"  # its third file never arrived
    assert rows["k-demo-bode0001"][-1] == "yes"  # silent for two days
    assert rows["k-demo-langha01"][-1] == ""
    assert rows["k-demo-langha01"][6] == "0.1.0"
    c.dispose()


def test_quantiles_of_a_minutes_histogram() -> None:
    assert percentile({}, 0.5) is None
    assert percentile({3: 1}, 0.9) == 3
    hist = {1: 5, 4: 3, 20: 2}
    assert percentile(hist, 0.5) == 1
    assert percentile(hist, 0.9) == 20


def test_saving_targets_records_each_change_in_the_audit_table(tmp_path) -> None:
    c = Collector(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    changed = views.save_campaign(
        c.engine,
        {"name": "45 ngày chuyển đổi số", "start": "2026-11-01"},
        {("", "visits"): 5000, ("Điểm Láng Hạ", "visits"): 1200},
        who="read token",
        address="127.0.0.1",
        now=now,
    )
    assert changed == 4
    again = views.save_campaign(
        c.engine,
        {"name": "45 ngày chuyển đổi số", "start": "2026-11-02"},
        {("", "visits"): 5000, ("Điểm Láng Hạ", "visits"): None},
        who="read token",
        address="127.0.0.1",
        now=now,
    )
    assert again == 2
    with c.read_sessions() as s:
        conn = s.connection()
        log = views.audit(conn).rows
        assert views.targets(conn) == {("", "visits"): 5000}
        assert views.settings(conn)["start"] == "2026-11-02"
        assert conn.scalar(select(func.count()).select_from(SummaryCount)) == 0
    assert len(log) == 6
    assert log[0][3:] == ["target visits / Điểm Láng Hạ", "1200", ""]
    c.dispose()


def test_numbers_are_grouped_as_each_language_writes_them() -> None:
    from kiosk.collector.dashboard.render import Text, number

    assert number(Text("vi"), 1250) == "1.250"
    assert number(Text("vi"), 57.8) == "57,8 %"
    assert number(Text("en"), 1250) == "1,250"
    assert number(Text("ar"), 1234567) == "1,234,567"
