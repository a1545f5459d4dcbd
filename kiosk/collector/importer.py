"""Importing bundles into the collector's database: each in one transaction that commits
only once the whole bundle is checked (signature, checksums, counts, every record): all
of it or nothing. A bundle seen before is a duplicate and changes nothing; a visit
already known (same kiosk, same visit number) is never counted twice.

On SQLite one import writes at a time (a lock per collector, and SQLite's own lock
between processes, waited for and tried again); reads go on beside it. On PostgreSQL
imports run side by side, each copying its checked records straight into the tables."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from kiosk.clock import Clock
from kiosk.collector.models import (
    ITEM_COLUMNS,
    VISIT_COLUMNS,
    CollectedVisit,
    ImportedBundle,
    VisitItem,
)
from kiosk.collector.pg_copy import copy_visits
from kiosk.collector.registry import Registry
from kiosk.collector.summary import add_bundle
from kiosk.export.bundle_read import CheckedBundle, VerifiedBundle, open_bundle, verify_bundle
from kiosk.export.parts import BundleError, paused_gc
from kiosk.export.schema import neutral_text

# A write that finds the database busy (another process writing) is tried again this
# many times, after SQLite's own wait (busy_timeout) each time.
BUSY_TRIES = 4


class CollectorBusy(RuntimeError):
    """The database stayed busy (another program kept writing): nothing was imported;
    try the same file again later."""

    code = "busy"


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


def _software(manifest: dict[str, Any], part: str) -> str:
    """A version the kiosk reported in its manifest (``software``), or ``''``."""
    software = manifest.get("software")
    value = software.get(part) if isinstance(software, dict) else None
    return neutral_text(value)[:40] if isinstance(value, str) else ""


MAX_GUIDE_PACKS = 200  # as many as a kiosk reads from its guides folder
GUIDE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # as guide packs name themselves


def _guide_packs(manifest: dict[str, Any]) -> str:
    """The guide packs the kiosk reported (``software.guide_packs``: guide id to version)
    as JSON sorted by id, or ``''`` when it reported none (kiosks before version 3 of the
    collector's schema). Ids that are not guide ids are left out; versions are cut to 40
    characters of safe text."""
    software = manifest.get("software")
    packs = software.get("guide_packs") if isinstance(software, dict) else None
    if not isinstance(packs, dict) or not packs:
        return ""
    kept = {
        gid: neutral_text(v, 40) if isinstance(v, str) else ""
        for gid, v in list(packs.items())[:MAX_GUIDE_PACKS]
        if isinstance(gid, str) and len(gid) <= 64 and GUIDE_ID.match(gid)
    }
    return orjson.dumps(dict(sorted(kept.items()))).decode() if kept else ""


def _is_unique_violation(exc: BaseException) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc, "sqlstate", None) == "23505"


def _is_busy(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, OperationalError) and ("locked" in text or "busy" in text)


class Importer:
    """Checks and imports bundles into the collector's database."""

    def __init__(self, engine: Engine, registry: Registry, clock: Clock) -> None:
        self.engine = engine
        self.registry = registry
        self.clock = clock
        self.is_postgres = engine.dialect.name == "postgresql"
        self._write = threading.Lock()

    def check(self, data: bytes) -> CheckedBundle:
        """Check a bundle completely (signature, checksums, schema) without importing."""
        return open_bundle(data, self.registry.registered_key)

    def import_bundle(
        self, data: bytes, *, source: str = "usb", expect_kiosk: str | None = None
    ) -> ImportResult:
        """Check and import one bundle in one transaction; raise :class:`BundleError`
        (the file is at fault) or :class:`CollectorBusy` (try again later).

        On PostgreSQL the records are checked one by one as they are copied into the
        tables; the first one at fault stops the copy and the transaction is rolled back,
        so nothing of the bundle is stored. Elsewhere the whole bundle is checked first,
        outside the write lock."""
        if self.is_postgres:
            bundle: CheckedBundle | VerifiedBundle = verify_bundle(
                data, self.registry.registered_key
            )
        else:
            bundle = self.check(data)
        if expect_kiosk is not None and bundle.kiosk_id != expect_kiosk:
            raise BundleError(
                "wrong_kiosk",
                f"This token belongs to kiosk {expect_kiosk!r}, "
                f"but the bundle comes from {bundle.kiosk_id!r}.",
            )
        with paused_gc():
            if self.is_postgres:
                return self._retrying(bundle, source)
            with self._write:
                return self._retrying(bundle, source)

    def take_in(self, bundle: CheckedBundle, source: str) -> ImportResult:
        """Store records this process made itself (the kiosk's own visits): no file, so no
        signature or checksum to check; otherwise exactly as :meth:`import_bundle`."""
        with paused_gc(), self._write:
            return self._retrying(bundle, source)

    def _retrying(self, bundle: CheckedBundle | VerifiedBundle, source: str) -> ImportResult:
        for attempt in range(BUSY_TRIES):
            last = attempt == BUSY_TRIES - 1
            try:
                return self._import_checked(bundle, source)
            except Exception as exc:
                if _is_unique_violation(exc) and not last:
                    continue  # a unique key taken by a collector alongside
                if _is_busy(exc):
                    if last:
                        raise CollectorBusy(
                            "The collector's database is busy; try again later."
                        ) from exc
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise
        raise AssertionError("unreachable")

    def _import_checked(self, bundle: CheckedBundle | VerifiedBundle, source: str) -> ImportResult:
        m = bundle.manifest
        point = given if isinstance(given := m.get("point"), dict) else {}
        point_name = neutral_text(point.get("name"))
        ward = neutral_text(point.get("ward"))
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
                    sequence=m["sequence"],
                    created_at=_t(m["created_at"]),
                    received_at=self.clock.now(),
                    visits=bundle.visit_count,
                    new_visits=0,
                    sha256=bundle.sha256,
                    source=source,
                    app_version=_software(m, "app"),
                    guides_version=_software(m, "guides"),
                    guide_packs=_guide_packs(m),
                )
            )
            if isinstance(bundle, VerifiedBundle):
                new = copy_visits(conn, bundle, point_name, ward)
            else:
                new = self._insert_visits(conn, bundle, point_name, ward)
            if new:
                add_bundle(conn, bundle.bundle_id)
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
