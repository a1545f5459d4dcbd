"""The collector's store: registered kiosks, imported bundles, visits, and their totals.

Stateless: everything lives in the database (SQLite by default, PostgreSQL with one
setting), so several collector processes can share one database. Each bundle is imported
in one transaction, which commits only once the whole bundle is checked (signature,
checksums, counts, every record): all of it or nothing. A bundle seen before is a
duplicate and changes nothing; a visit already known (same kiosk, same visit number) is
never counted twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import operator
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import orjson
from sqlalchemy import Engine, case, func, insert, select, text
from sqlalchemy.orm import sessionmaker

from kiosk.clock import Clock, SystemClock
from kiosk.collector.models import (
    ITEM_COLUMNS,
    VISIT_COLUMNS,
    CollectedVisit,
    ImportedBundle,
    RegisteredKiosk,
    VisitItem,
    migrate,
)
from kiosk.export import schema
from kiosk.export.bundle import (
    BundleError,
    CheckedBundle,
    VerifiedBundle,
    open_bundle,
    paused_gc,
    verify_bundle,
)
from kiosk.export.keys import BadKey, verify_key
from kiosk.export.schema import plain_items, plain_steps
from kiosk.storage.database import make_engine

DIMENSIONS = ("point", "kiosk", "day", "service", "outcome", "priority", "age_band", "language")


def default_url() -> str:
    import os

    from kiosk.paths import data_dir

    return (
        os.environ.get("KIOSK_COLLECTOR_DATABASE")
        or f"sqlite:///{data_dir() / 'collector.sqlite3'}"
    )


@dataclass(frozen=True)
class ImportResult:
    bundle_id: str
    kiosk_id: str
    status: str  # "imported" or "duplicate"
    visits: int  # in the bundle
    new_visits: int  # not seen before

    def as_dict(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "kiosk_id": self.kiosk_id,
            "status": self.status,
            "visits": self.visits,
            "new_visits": self.new_visits,
        }


def _t(v: str | None) -> datetime | None:
    return None if v is None else datetime.fromisoformat(v.replace("Z", "+00:00"))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Collector:
    def __init__(
        self, url: str | None = None, *, clock: Clock | None = None, engine: Engine | None = None
    ) -> None:
        self.url = url or default_url()
        self.engine = engine or make_engine(self.url)
        self.clock = clock or SystemClock()
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def dispose(self) -> None:
        self.engine.dispose()

    # -- kiosks -------------------------------------------------------------------------
    def register_kiosk(
        self, kiosk_id: str, public_key: str, label: str = "", with_token: bool = True
    ) -> str:
        """Register (or re-key) a kiosk; return its new upload token (shown once)."""
        kiosk_id = kiosk_id.strip()
        if not kiosk_id or len(kiosk_id) > 64:
            raise ValueError("a kiosk id is 1 to 64 characters")
        try:
            verify_key(public_key)
        except BadKey as exc:
            raise ValueError(f"not a kiosk public key: {exc}") from exc
        token = secrets.token_urlsafe(32) if with_token else ""
        with self.sessions() as s, s.begin():
            row = s.get(RegisteredKiosk, kiosk_id)
            if row is None:
                row = RegisteredKiosk(kiosk_id=kiosk_id, registered_at=self.clock.now())
                s.add(row)
            row.public_key = public_key.strip()
            row.label = label
            row.token_sha256 = hash_token(token) if token else row.token_sha256
        return token

    def kiosk_for_token(self, token: str) -> str | None:
        if not token:
            return None
        with self.sessions() as s:
            return s.scalar(
                select(RegisteredKiosk.kiosk_id).where(
                    RegisteredKiosk.token_sha256 == hash_token(token)
                )
            )

    def registered_key(self, kiosk_id: str) -> str | None:
        with self.sessions() as s:
            return s.scalar(
                select(RegisteredKiosk.public_key).where(RegisteredKiosk.kiosk_id == kiosk_id)
            )

    def kiosks(self) -> list[tuple[str, str, str]]:
        with self.sessions() as s:
            return [
                (k.kiosk_id, k.label, k.public_key)
                for k in s.scalars(select(RegisteredKiosk).order_by(RegisteredKiosk.kiosk_id))
            ]

    # -- importing ----------------------------------------------------------------------
    def check(self, data: bytes) -> CheckedBundle:
        """Check a bundle completely (signature, checksums, schema) without importing."""
        return open_bundle(data, self.registered_key)

    def import_bundle(
        self, data: bytes, *, source: str = "usb", expect_kiosk: str | None = None
    ) -> ImportResult:
        """Check and import one bundle in one transaction; raise :class:`BundleError`.

        On PostgreSQL the records are checked one by one as they are copied into the
        tables; the first one at fault stops the copy and the transaction is rolled back,
        so nothing of the bundle is stored. Elsewhere the whole bundle is checked first."""
        bundle: CheckedBundle | VerifiedBundle = (
            verify_bundle(data, self.registered_key) if self.is_postgres else self.check(data)
        )
        with paused_gc():
            return self._import_retrying(bundle, source, expect_kiosk)

    def _import_retrying(
        self, bundle: CheckedBundle | VerifiedBundle, source: str, expect_kiosk: str | None
    ) -> ImportResult:
        for attempt in range(3):
            try:
                return self._import_checked(bundle, source, expect_kiosk)
            except Exception as exc:  # a unique key taken by a collector alongside
                if attempt == 2 or not _is_unique_violation(exc):
                    raise
        raise AssertionError("unreachable")

    def _import_checked(
        self, bundle: CheckedBundle | VerifiedBundle, source: str, expect_kiosk: str | None
    ) -> ImportResult:
        if expect_kiosk is not None and bundle.kiosk_id != expect_kiosk:
            raise BundleError(
                "wrong_kiosk",
                f"This token belongs to kiosk {expect_kiosk!r}, "
                f"but the bundle comes from {bundle.kiosk_id!r}.",
            )
        m = bundle.manifest
        point = m.get("point") if isinstance(m.get("point"), dict) else {}
        point_name = str(point.get("name") or "")[:120]
        ward = str(point.get("ward") or "")[:120]
        with self.engine.begin() as conn:
            exists = conn.scalar(
                select(ImportedBundle.bundle_id).where(ImportedBundle.bundle_id == bundle.bundle_id)
            )
            if exists:
                if isinstance(bundle, VerifiedBundle):
                    for _ in bundle.records():  # a bad bundle is refused all the same
                        pass
                return ImportResult(
                    bundle.bundle_id, bundle.kiosk_id, "duplicate", bundle.visit_count, 0
                )
            conn.execute(
                insert(ImportedBundle).values(
                    bundle_id=bundle.bundle_id,
                    kiosk_id=bundle.kiosk_id,
                    point_name=point_name,
                    ward=ward,
                    sequence=int(m.get("sequence") or 0),
                    created_at=_t(m.get("created_at"))
                    if isinstance(m.get("created_at"), str)
                    else None,
                    received_at=self.clock.now(),
                    visits=bundle.visit_count,
                    new_visits=0,
                    sha256=bundle.sha256,
                    source=source,
                )
            )
            if isinstance(bundle, VerifiedBundle):
                new = self._copy_visits(conn, bundle, point_name, ward)
            else:
                new = self._insert_visits(conn, bundle, point_name, ward)
            conn.execute(
                ImportedBundle.__table__.update()
                .where(ImportedBundle.bundle_id == bundle.bundle_id)
                .values(new_visits=new)
            )
        return ImportResult(bundle.bundle_id, bundle.kiosk_id, "imported", bundle.visit_count, new)

    @staticmethod
    def _rows(
        records: Iterable[dict[str, Any]],
        bundle_id: str,
        point_name: str,
        ward: str,
    ) -> Iterator[tuple[tuple[Any, ...], list[tuple[str, int, str, str]]]]:
        """Each record as a visit row and its item rows (services and outcomes, each once)."""
        dumps = orjson.dumps
        for r in records:
            k, v, guides = r["kiosk_id"], r["visit_id"], r["guides"]
            yield (
                (
                    k,
                    v,
                    bundle_id,
                    point_name,
                    ward,
                    r["day"],
                    r["ticket"],
                    r["follow_up_code"],
                    r["language"],
                    r["state"],
                    r["priority"],
                    r["age_band"],
                    r["desk"],
                    r["volunteer_id"],
                    r["created_at"],
                    r["called_at"],
                    r["serving_at"],
                    r["finished_at"],
                    r["wait_seconds"],
                    r["service_seconds"],
                    len(guides),
                    dumps(guides).decode(),
                    r["previous_visit_id"],
                    r["personal"],
                ),
                [(k, v, "service", x) for x in dict.fromkeys(r["services"])]
                + [(k, v, "outcome", x) for x in dict.fromkeys(r["outcome"])],
            )

    def _copy_visits(self, conn: Any, bundle: VerifiedBundle, point_name: str, ward: str) -> int:
        """PostgreSQL: COPY the visits not known yet, and their items, straight into the
        tables, each record checked just before it is written. The visits stream to the
        server from a thread of its own while the next records are checked, up to
        :data:`_CHUNK` records at a time; their items follow in one COPY per chunk, while
        the next records are checked. A record at fault raises and the caller's
        transaction is rolled back. A visit stored by another collector in between makes
        the COPY fail on the unique key; the import is then rolled back and tried again."""
        from psycopg.copy import QueuedLibpqWriter

        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            cur.execute(
                "SELECT visit_id FROM collector_visit WHERE kiosk_id = %s", (bundle.kiosk_id,)
            )
            text = _CopyText(bundle, {vid for (vid,) in cur.fetchall()}, point_name, ward)
            visits_sql = f"COPY collector_visit ({', '.join(COPY_COLUMNS)}) FROM STDIN"
            items_sql = f"COPY collector_visit_item ({', '.join(ITEM_COLUMNS)}) FROM STDIN"
            while True:
                with cur.copy(visits_sql, writer=QueuedLibpqWriter(cur)) as cp:
                    for _ in range(_CHUNK // _BATCH):
                        if lines := text.take_visits():
                            cp.write(lines)
                        if text.done:
                            break
                        text.make(_BATCH)
                    if lines := text.take_visits():
                        cp.write(lines)
                if items := text.take_items():
                    with cur.copy(items_sql, writer=QueuedLibpqWriter(cur)) as cp:
                        cp.write(items)
                        text.make(_BATCH)  # the next chunk's first records, meanwhile
                if text.done and not text.visits:
                    return text.new

    def _insert_visits(self, conn: Any, checked: CheckedBundle, point_name: str, ward: str) -> int:
        """SQLite (writes are serialised): skip known visits, insert the rest."""
        visits, items = [], []
        for visit, its in self._rows(checked.records, checked.bundle_id, point_name, ward):
            visits.append(visit)
            items += its
        kiosk_id = checked.kiosk_id
        known = set(
            conn.scalars(select(CollectedVisit.visit_id).where(CollectedVisit.kiosk_id == kiosk_id))
        )
        fresh = [
            dict(zip(VISIT_COLUMNS, row, strict=True)) for row in visits if row[1] not in known
        ]
        for row in fresh:
            row["day"] = date.fromisoformat(row["day"])
            for f in ("created_at", "called_at", "serving_at", "finished_at"):
                row[f] = _t(row[f])
        fresh_ids = {row["visit_id"] for row in fresh}
        if fresh:
            conn.execute(insert(CollectedVisit), fresh)
            new_items = [
                dict(zip(ITEM_COLUMNS, i, strict=True)) for i in items if i[1] in fresh_ids
            ]
            if new_items:
                conn.execute(insert(VisitItem), new_items)
        return len(fresh)

    # -- reading ------------------------------------------------------------------------
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
        v = CollectedVisit
        conds = []
        if day_from is not None:
            conds.append(v.day >= day_from)
        if day_to is not None:
            conds.append(v.day <= day_to)
        if point:
            conds.append(v.point_name == point)
        n = func.count().label("n")
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

    def summary(self, **filters: Any) -> dict[str, Any]:
        """Every grouping at once, with overall numbers (what the screen and the PDF show)."""
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
        from kiosk.export.schema import safe_cell

        w.writerows([safe_cell(k), n] for k, n in self.totals(by, **filters))
        return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")

    def visits_csv(self, batch: int = 5000) -> Iterator[bytes]:
        """All visits as CSV (no personal fields), in pieces for streaming."""
        from kiosk.export.schema import safe_cell

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
                    [_cell(x, safe_cell) for x in row]
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

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(text("SELECT 1")) == 1


# COPY's text format: a backslash, a tab, a line feed or a carriage return in a value is
# written as an escape.
_COPY_TEXT = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_BATCH = 2048
_CHUNK = 16 * _BATCH


class _CopyText:
    """A bundle's checked records not stored yet (``known`` are), as lines of COPY text
    for the visit and item tables, made a number of records at a time (:meth:`make`)
    and taken as they are (:meth:`take_visits`, :meth:`take_items`)."""

    def __init__(self, bundle: VerifiedBundle, known: set[int], point_name: str, ward: str) -> None:
        self._rows = bundle.rows(null=_N)
        self._known = known
        self._head = "\t".join(_copy_text(x) for x in (bundle.bundle_id, point_name, ward))
        # The item lines of each combination of services and outcomes, without the
        # kiosk and visit they begin with (few combinations recur).
        self._combos: dict[tuple[Any, Any], list[str]] = {}
        self.visits: list[str] = []
        self.items: list[str] = []
        self.new = 0
        self.done = False

    def take_visits(self) -> str:
        """The visit lines made since last time."""
        text = "".join(self.visits)
        self.visits.clear()
        return text

    def take_items(self) -> str:
        """The item lines made since last time."""
        text = "".join(self.items)
        self.items.clear()
        return text

    def make(self, count: int) -> None:
        """Check and write out up to ``count`` more records (all there are, at the end,
        when :attr:`done` is set: the bundle's last checks have then passed too)."""
        if self.done:
            return
        known, head = self._known, self._head
        tail = f"\t{head}\t"
        visits, items = self.visits, self.items
        seen = 0
        for plain, values in itertools.islice(self._rows, count):
            seen += 1
            if plain:  # texts as written; none holds a tab, a line break or a backslash
                vid, kiosk = values[0], values[1]
                if known and int(vid) in known:
                    continue
                visits.append(
                    "\t".join(_plain_cells(values)) + tail + str(plain_steps(values[18])) + "\n"
                )
                lines = self._item_lines(values[17], values[19], True)
            else:
                vid, kiosk = values[0], values[1]
                if vid in known:
                    continue
                visits.append(_copy_row(values, head))
                kiosk = _copy_text(kiosk)
                lines = self._item_lines(values[17], values[19], False)
            self.new += 1
            if lines:
                start = f"{kiosk}\t{vid}\t"
                items.append(start + f"\n{start}".join(lines) + "\n")
        if seen < count:
            self.done = True

    def _item_lines(self, services: Any, outcome: Any, plain: bool) -> list[str]:
        """The item lines of a visit's services and outcomes (each once), without the
        kiosk and visit they begin with; few combinations recur, so they are kept."""
        key = (services, outcome) if plain else (tuple(services), tuple(outcome))
        lines = self._combos.get(key)
        if lines is None:
            if plain:
                services, outcome = plain_items(services), plain_items(outcome)
            lines = self._combos[key] = [
                f"service\t{_copy_text(x)}" for x in dict.fromkeys(services)
            ] + [f"outcome\t{_copy_text(x)}" for x in dict.fromkeys(outcome)]
        return lines


_N = "\\N"


def _copy_text(value: str) -> str:
    return value.translate(_COPY_TEXT)


# The visit table's columns in the order COPY is given them: a record's fields in schema
# order (without the services and outcome, which go to the item table), then what the
# collector adds.
_RECORD_CELLS = (*range(17), 18, 20, 21)
COPY_COLUMNS = (
    *(schema.FIELD_NAMES[i] for i in _RECORD_CELLS),
    "bundle_id",
    "point_name",
    "ward",
    "guide_steps",
)
assert sorted(COPY_COLUMNS) == sorted(VISIT_COLUMNS)
_plain_cells = operator.itemgetter(*_RECORD_CELLS)


def _copy_row(values: tuple[Any, ...], head: str) -> str:
    """One checked record as a line of COPY text in :data:`COPY_COLUMNS` order
    (``head``: bundle id, point and ward)."""

    def cell(x: Any) -> str:
        if x is None:
            return "\\N"
        if isinstance(x, str):
            return _copy_text(x)
        if isinstance(x, list):
            return _copy_text(orjson.dumps(x).decode())
        return str(x)

    return "\t".join([*map(cell, _plain_cells(values)), head, str(len(values[18]))]) + "\n"


def _is_unique_violation(exc: BaseException) -> bool:
    from sqlalchemy.exc import IntegrityError

    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc, "sqlstate", None) == "23505"


def _cell(x: Any, safe: Any) -> str:
    if isinstance(x, datetime):
        return x.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(x, date):
        return x.isoformat()
    return safe(x)
