"""The summary table (:class:`~kiosk.collector.models.SummaryCount`): counting a bundle's
new visits into it inside the import's transaction, and reading it for the dashboard.

Every count is kept for all services together (``service='*'``) and once more for each
service of the visit, so a page filtered by service reads as few rows as one that is not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Connection, delete, func, select

from kiosk.collector.models import CollectedVisit, SummaryCount, SummaryTotal, VisitItem

ALL = "*"
# Hanoi keeps UTC+7 all year: the hour a ticket was taken, as the point saw it.
LOCAL_OFFSET = timedelta(hours=7)
MAX_WAIT_MINUTES = 600
Key = tuple[str, str, date, str, str, str, str]


@dataclass(frozen=True)
class Filters:
    """What a dashboard page is narrowed to; empty means everything."""

    day_from: date | None = None
    day_to: date | None = None
    point: str = ""
    ward: str = ""
    service: str = ""


def visit_counts(
    visit: dict[str, Any], services: Sequence[str], outcomes: Sequence[str]
) -> Iterable[tuple[str, str]]:
    """The (kind, value) pairs one visit adds one to."""
    yield "visits", ""
    for o in outcomes:
        yield "outcome", o
    if outcomes:
        yield "with_outcome", ""
    yield "priority", visit["priority"] or "none"
    yield "age_band", visit["age_band"] or "unknown"
    yield "language", visit["language"] or "unknown"
    created = visit["created_at"]
    if isinstance(created, str):
        created = datetime.fromisoformat(created.replace("Z", "+00:00"))
    if created is not None:
        yield "hour", f"{(created + LOCAL_OFFSET).hour:02d}"
    for s in services:
        yield "service", s
    guides = visit["guides"]
    if isinstance(guides, str):
        guides = orjson.loads(guides)
    seen: set[str] = set()
    steps: set[str] = set()
    for g in guides or ():
        gid, step = str(g[0]), int(g[1])
        seen.add(gid)
        steps.add(f"{gid}#{step}")
    for gid in seen:
        yield "guide", gid
    for st in steps:
        yield "step", st


def count_visits(
    rows: Iterable[tuple[dict[str, Any], Sequence[str], Sequence[str]]],
) -> Counter[Key]:
    """The summary rows a number of visits add, each visit with its services and outcomes."""
    out: Counter[Key] = Counter()
    for visit, services, outcomes in rows:
        day = visit["day"]
        if isinstance(day, str):
            day = date.fromisoformat(day)
        where = (visit["kiosk_id"], visit["point_name"] or "", visit["ward"] or "")
        pairs = list(visit_counts(visit, services, outcomes))
        wait = visit["wait_seconds"]
        for svc in (ALL, *dict.fromkeys(services)):
            for kind, value in pairs:
                out[(svc, kind, day, *where, value)] += 1
            if wait is not None:
                minutes = str(min(int(wait) // 60, MAX_WAIT_MINUTES))
                out[(svc, "wait", day, *where, minutes)] += 1
                out[(svc, "wait_total", day, *where, "")] += int(wait)
    return out


DAY_COLUMNS = ("service", "kind", "day", "kiosk_id", "point_name", "ward", "value")
TOTAL_COLUMNS = ("service", "kind", "kiosk_id", "point_name", "ward", "value")


def over_all_days(counts: Counter[Key]) -> Counter[tuple[str, ...]]:
    """The counts added up over their days (the rows of :class:`SummaryTotal`)."""
    out: Counter[tuple[str, ...]] = Counter()
    for (svc, kind, _day, *rest), n in counts.items():
        out[(svc, kind, *rest)] += n
    return out


def add_counts(conn: Connection, counts: Counter[Key]) -> None:
    """Add ``counts`` to the summary tables (in the caller's transaction). Rows are written
    in one order, so two imports adding to the same rows wait for each other rather than
    deadlock."""
    if not counts:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]  # same upsert API
    for table, cols, rows_of in (
        (SummaryCount, DAY_COLUMNS, counts),
        (SummaryTotal, TOTAL_COLUMNS, over_all_days(counts)),
    ):
        rows = [dict(zip(cols, k, strict=True), n=n) for k, n in sorted(rows_of.items())]
        stmt = insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=list(cols), set_={"n": table.n + stmt.excluded.n}
        )
        for i in range(0, len(rows), 5000):
            conn.execute(stmt, rows[i : i + 5000])


_VISIT_FIELDS = (
    "kiosk_id",
    "visit_id",
    "point_name",
    "ward",
    "day",
    "language",
    "priority",
    "age_band",
    "created_at",
    "wait_seconds",
    "guides",
)


def _visits_with_items(
    conn: Connection, *where: Any
) -> Iterable[tuple[dict[str, Any], list[str], list[str]]]:
    v = CollectedVisit
    items: dict[tuple[str, int], tuple[list[str], list[str]]] = {}
    q = (
        select(VisitItem.kiosk_id, VisitItem.visit_id, VisitItem.kind, VisitItem.value)
        .select_from(v)
        .join(VisitItem, (VisitItem.kiosk_id == v.kiosk_id) & (VisitItem.visit_id == v.visit_id))
        .where(*where)
    )
    for k, vid, kind, value in conn.execute(q):
        pair = items.setdefault((k, vid), ([], []))
        (pair[0] if kind == "service" else pair[1]).append(value)
    cols = [getattr(v, f) for f in _VISIT_FIELDS]
    for row in conn.execute(select(*cols).where(*where)):
        visit = dict(zip(_VISIT_FIELDS, row, strict=True))
        services, outcomes = items.get((visit["kiosk_id"], visit["visit_id"]), ([], []))
        yield visit, services, outcomes


def add_bundle(conn: Connection, bundle_id: str) -> None:
    """Count the visits a bundle has just added (in the import's transaction)."""
    add_counts(conn, count_visits(_visits_with_items(conn, CollectedVisit.bundle_id == bundle_id)))


def rebuild_summaries(conn: Connection) -> None:
    """Count every stored visit afresh (for a database made before the summary table)."""
    conn.execute(delete(SummaryCount))
    conn.execute(delete(SummaryTotal))
    kiosks = list(conn.scalars(select(CollectedVisit.kiosk_id).distinct()))
    for k in kiosks:
        add_counts(conn, count_visits(_visits_with_items(conn, CollectedVisit.kiosk_id == k)))


# -- reading -------------------------------------------------------------------------
def _table(f: Filters, by: tuple[str, ...]) -> type[SummaryCount] | type[SummaryTotal]:
    """The all-days table when neither the filters nor the grouping need days."""
    if f.day_from is None and f.day_to is None and "day" not in by:
        return SummaryTotal
    return SummaryCount


def _where(s: Any, f: Filters, kind: str) -> list[Any]:
    conds = [s.service == (f.service or ALL), s.kind == kind]
    if f.day_from is not None:
        conds.append(s.day >= f.day_from)
    if f.day_to is not None:
        conds.append(s.day <= f.day_to)
    if f.point:
        conds.append(s.point_name == f.point)
    if f.ward:
        conds.append(s.ward == f.ward)
    return conds


def grouped(conn: Connection, kind: str, f: Filters, *by: str) -> list[tuple[Any, ...]]:
    """Sums of ``kind`` grouped by summary columns (e.g. ``"value"``, ``"day"``)."""
    s = _table(f, by)
    cols = [getattr(s, b) for b in by]
    total = func.sum(s.n)
    q = select(*cols, total).where(*_where(s, f, kind))
    if cols:
        q = q.group_by(*cols).order_by(*cols)
    return [(*r[:-1], int(r[-1] or 0)) for r in conn.execute(q)]


def total(conn: Connection, kind: str, f: Filters) -> int:
    return int(grouped(conn, kind, f)[0][0])


def percentile(histogram: dict[int, int], q: float) -> int | None:
    """The ``q`` quantile (0-1) of a minutes histogram, in minutes."""
    n = sum(histogram.values())
    if not n:
        return None
    rank, seen = q * (n - 1), 0
    for minute in sorted(histogram):
        seen += histogram[minute]
        if seen > rank:
            return minute
    return max(histogram)
