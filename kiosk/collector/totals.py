"""Totals over the collected visits: per point, kiosk, day, service, outcome, priority,
age band and language, the overall summary, and the CSV downloads.

Only reads: on SQLite they run beside an import (WAL) and never wait for it. Totals and
the summary are worked out once per state of the data (the imported bundles, a cheap
query away) and kept: many coordinators asking at once cost one computation, and each
import that commits makes the next request work them out afresh."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Hashable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import orjson
from sqlalchemy import case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from kiosk.collector.models import VISIT_COLUMNS, CollectedVisit, ImportedBundle, VisitItem
from kiosk.export.schema import safe_cell

DIMENSIONS = ("point", "kiosk", "day", "service", "outcome", "priority", "age_band", "language")


class Totals:
    """What the collected visits add up to, read from the collector's database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self._lock = threading.Lock()
        self._kept: dict[Hashable, tuple[tuple[int, int], Any]] = {}
        self._working: dict[Hashable, threading.Event] = {}

    def data_version(self) -> tuple[int, int]:
        """What grows with every import that adds something: the number of bundles
        imported and of visits they added."""
        b = ImportedBundle
        with self.sessions() as s:
            n, visits = s.execute(
                select(func.count(), func.coalesce(func.sum(b.new_visits), 0))
            ).one()
        return int(n), int(visits)

    def _kept_or_made(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """``make()`` for the data as it is now, worked out by one caller however many
        ask at once, and kept until the data changes. While one caller works out the
        value for newer data, the others get the last one at once (at most one
        computation old) rather than wait; with nothing kept yet, they wait for it."""
        version = self.data_version()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept[0] >= version:
                return kept[1]
            working = self._working.get(key)
            if working is not None and kept is not None:
                return kept[1]
            mine = working is None
            if mine:
                working = self._working[key] = threading.Event()
        assert working is not None
        if not mine:
            working.wait()
            with self._lock:
                kept = self._kept.get(key)
            if kept is not None:
                return kept[1]
            return make()  # the one working it out failed: try here
        try:
            value = make()
            with self._lock:
                kept = self._kept.get(key)
                if kept is None or kept[0] <= version:
                    self._kept[key] = (version, value)
            return value
        finally:
            with self._lock:
                self._working.pop(key, None)
            working.set()

    def totals(
        self,
        by: str,
        *,
        day_from: date | None = None,
        day_to: date | None = None,
        point: str | None = None,
    ) -> list[tuple[str, int]]:
        """Visits per ``by`` (one of :data:`DIMENSIONS`), biggest first."""
        if by not in DIMENSIONS:
            raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(DIMENSIONS)}")
        key = ("totals", by, day_from, day_to, point)
        rows = self._kept_or_made(
            key,
            lambda: tuple(self._totals_now(by, day_from=day_from, day_to=day_to, point=point)),
        )
        return list(rows)

    def summary_json(
        self,
        *,
        day_from: date | None = None,
        day_to: date | None = None,
        point: str | None = None,
    ) -> bytes:
        """:meth:`summary` as JSON, as the web API serves it."""
        filters = {"day_from": day_from, "day_to": day_to, "point": point}
        key = ("summary", day_from, day_to, point)
        made: bytes = self._kept_or_made(key, lambda: orjson.dumps(self._summary_now(**filters)))
        return made

    def summary(self, **filters: Any) -> dict[str, Any]:
        """Every grouping at once, with overall numbers (what the screen and the PDF show)."""
        data: dict[str, Any] = orjson.loads(self.summary_json(**filters))
        return data

    def _totals_now(
        self,
        by: str,
        *,
        day_from: date | None = None,
        day_to: date | None = None,
        point: str | None = None,
    ) -> list[tuple[str, int]]:
        """Visits per ``by`` (one of :data:`DIMENSIONS`), biggest first."""
        if by not in DIMENSIONS:
            raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(DIMENSIONS)}")
        v = CollectedVisit
        conds = []
        if day_from is not None:
            conds.append(v.day >= day_from)
        if day_to is not None:
            conds.append(v.day <= day_to)
        if point:
            conds.append(v.point_name == point)
        n = func.count().label("n")
        key: InstrumentedAttribute[Any]
        if by in ("service", "outcome"):
            key = VisitItem.value
            q = (
                select(key, n)
                .select_from(v)
                .join(
                    VisitItem,
                    (VisitItem.kiosk_id == v.kiosk_id)
                    & (VisitItem.visit_id == v.visit_id)
                    & (VisitItem.kind == by),
                )
            )
        else:
            col = {
                "point": v.point_name,
                "kiosk": v.kiosk_id,
                "day": v.day,
                "priority": v.priority,
                "age_band": v.age_band,
                "language": v.language,
            }[by]
            key = col
            q = select(col, n)
        q = q.where(*conds).group_by(key).order_by(n.desc(), key)
        with self.sessions() as s:
            rows = s.execute(q).all()
        out = []
        for k, count in rows:
            if k is None:
                k = "none" if by == "priority" else "unknown"
            out.append((k.isoformat() if isinstance(k, date) else str(k), int(count)))
        if by == "day":
            out.sort()
        return out

    def _summary_now(self, **filters: Any) -> dict[str, Any]:
        v = CollectedVisit
        with self.sessions() as s:
            total, waited, served, first, last = s.execute(
                select(
                    func.count(),
                    func.avg(v.wait_seconds),
                    func.avg(v.service_seconds),
                    func.min(v.day),
                    func.max(v.day),
                )
            ).one()
            with_outcome = s.scalar(
                select(
                    func.count(
                        func.distinct(
                            case((VisitItem.kind == "outcome", VisitItem.visit_id), else_=None)
                        )
                    )
                )
            )
            bundles = s.scalar(select(func.count()).select_from(ImportedBundle))
            kiosks = s.scalar(select(func.count(func.distinct(v.kiosk_id))))
        return {
            "visits": int(total or 0),
            "bundles": int(bundles or 0),
            "kiosks": int(kiosks or 0),
            "first_day": str(first) if first else None,
            "last_day": str(last) if last else None,
            "average_wait_seconds": round(float(waited)) if waited is not None else None,
            "average_service_seconds": round(float(served)) if served is not None else None,
            "visits_with_outcome": int(with_outcome or 0),
            "by": {
                d: [{"key": k, "visits": n} for k, n in self.totals(d, **filters)]
                for d in DIMENSIONS
            },
        }

    def totals_csv(self, by: str, **filters: Any) -> bytes:
        buf = io.StringIO(newline="")
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow([by, "visits"])

        w.writerows([safe_cell(k), n] for k, n in self.totals(by, **filters))
        return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")

    def visits_csv(self, batch: int = 5000) -> Iterator[bytes]:
        """All visits as CSV (no personal fields), in pieces for streaming."""

        cols = [c for c in VISIT_COLUMNS if c not in ("personal", "guides")]
        yield b"\xef\xbb\xbf" + (",".join([*cols, "services", "outcome"]) + "\r\n").encode()
        items: dict[tuple[str, int], dict[str, list[str]]] = {}
        with self.sessions() as s:
            for k, vid, kind, value in s.execute(
                select(VisitItem.kiosk_id, VisitItem.visit_id, VisitItem.kind, VisitItem.value)
            ):
                items.setdefault((k, vid), {}).setdefault(kind, []).append(value)
            result = s.execute(
                select(*[getattr(CollectedVisit, c) for c in cols]).order_by(
                    CollectedVisit.kiosk_id, CollectedVisit.visit_id
                )
            ).yield_per(batch)
            buf = io.StringIO(newline="")
            w = csv.writer(buf, lineterminator="\r\n")
            for n, row in enumerate(result, 1):
                extra = items.get((row[0], row[1]), {})
                w.writerow(
                    [_cell(x) for x in row]
                    + [
                        safe_cell("; ".join(sorted(extra.get("service", [])))),
                        safe_cell("; ".join(extra.get("outcome", []))),
                    ]
                )
                if n % batch == 0:
                    yield buf.getvalue().encode("utf-8")
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue().encode("utf-8")

    def bundle_count(self) -> int:
        with self.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(ImportedBundle)) or 0)

    def visit_count(self) -> int:
        with self.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(CollectedVisit)) or 0)


def _cell(x: Any) -> str:
    if isinstance(x, datetime):
        return x.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(x, date):
        return x.isoformat()
    return safe_cell(x)
