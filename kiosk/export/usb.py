"""USB export: write a bundle to a stick (or any folder) and, only once it reads back whole,
mark its visits exported, in the same transaction that confirms the export batch.

The batch, with its sequence number, is recorded ("writing") before the file is written:
an export killed between writing and marking leaves that row behind, so the next export
takes the next number and two different files never carry the same one. Its visits are
not marked, so they go out again in the next bundle (the collector counts each once)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from nacl.signing import SigningKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.changes import Kind
from kiosk.export.bundle import Bundle, build_bundle, collect_records
from kiosk.export.safe_write import WriteError, write_verified
from kiosk.storage import Database
from kiosk.storage.models import ExportBatch, Visit

__all__ = [
    "ExportResult",
    "WriteError",
    "export_to_folder",
    "mark_exported",
    "next_sequence",
    "set_exported",
]


@dataclass(frozen=True)
class ExportResult:
    """What an export did: the file written (None when there was nothing new) and how many
    visits it holds."""

    path: Path | None
    visits: int
    bundle_id: str | None
    mode: str

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset({Kind.EXPORT}) if self.path is not None else frozenset()


def next_sequence(db: Database) -> int:
    with db.session() as s:
        last = s.execute(select(func.coalesce(func.max(ExportBatch.sequence), 0))).scalar_one()
        return int(last) + 1


def _runs(visit_ids: list[int]) -> list[tuple[int, int]]:
    """The ids as runs of consecutive numbers, (first, last) each."""
    runs: list[tuple[int, int]] = []
    ids = sorted(set(visit_ids))
    if not ids:
        return runs
    start = prev = ids[0]
    for vid in ids[1:]:
        if vid != prev + 1:
            runs.append((start, prev))
            start = vid
        prev = vid
    runs.append((start, prev))
    return runs


def set_exported(s: Session, visit_ids: list[int], when: datetime) -> None:
    """Mark visits exported (those not marked before), inside the caller's transaction."""
    conn = s.connection()
    column = Visit.__table__.c.exported_at
    process = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    value = process(when) if process else when
    if conn.dialect.name == "sqlite":
        # An export is mostly runs of consecutive visits: one range each is far quicker
        # than looking every visit up.
        runs = _runs(visit_ids)
        if len(runs) < len(visit_ids):
            conn.exec_driver_sql(
                "UPDATE visit SET exported_at = ? WHERE id BETWEEN ? AND ? AND exported_at IS NULL",
                [(value, first, last) for first, last in runs],
            )
        else:
            conn.exec_driver_sql(
                "UPDATE visit SET exported_at = ? WHERE exported_at IS NULL "
                "AND id IN (SELECT value FROM json_each(?))",
                (value, json.dumps(list(visit_ids))),
            )
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "UPDATE visit SET exported_at = %s WHERE exported_at IS NULL AND id = ANY(%s)",
            (value, list(visit_ids)),
        )
    else:
        table = Visit.__table__
        for i in range(0, len(visit_ids), 500):
            conn.execute(
                table.update()
                .where(table.c.id.in_(visit_ids[i : i + 500]), table.c.exported_at.is_(None))
                .values(exported_at=when)
            )


def mark_exported(
    db: Database, bundle: Bundle, *, kind: str, mode: str, target: str, batch_id: int | None = None
) -> None:
    """Record the confirmed batch and mark its visits exported, all in one transaction."""
    now = db.clock.now()
    with db.session() as s:
        if batch_id is None:
            s.add(_batch(bundle, kind=kind, mode=mode, target=target, now=now, confirmed=True))
        else:
            batch = s.get(ExportBatch, batch_id)
            assert batch is not None
            batch.status, batch.confirmed_at, batch.visit_ids = "confirmed", now, []
            batch.next_attempt_at, batch.last_error = None, ""
        set_exported(s, bundle.visit_ids, now)


def _batch(
    bundle: Bundle, *, kind: str, mode: str, target: str, now: datetime, confirmed: bool
) -> ExportBatch:
    """The batch row for ``bundle``: confirmed at once, or reserved while it is written."""
    return ExportBatch(
        bundle_id=bundle.bundle_id,
        kind=kind,
        mode=mode,
        status="confirmed" if confirmed else "writing",
        sequence=bundle.manifest["sequence"],
        file_name=bundle.file_name,
        target=target,
        sha256=bundle.sha256,
        visit_count=len(bundle.visit_ids),
        visit_ids=[],
        created_at=now,
        confirmed_at=now if confirmed else None,
        attempts=1,
        last_error="",
    )


def _reserve(db: Database, bundle: Bundle, *, mode: str, target: str) -> int:
    """Record the batch about to be written, taking its sequence number for good."""
    now = db.clock.now()
    with db.session() as s:
        batch = _batch(bundle, kind="usb", mode=mode, target=target, now=now, confirmed=False)
        s.add(batch)
        s.flush()
        return batch.id


def _release(db: Database, batch_id: int) -> None:
    """Forget a batch whose file could not be written (nothing carries its number)."""
    with db.session() as s:
        batch = s.get(ExportBatch, batch_id)
        if batch is not None:
            s.delete(batch)


@dataclass(frozen=True)
class PreparedExport:
    """A bundle ready to write, with the batch reserved for it (its sequence taken)."""

    bundle: Bundle
    batch_id: int


def prepare_export(
    db: Database,
    signing_key: SigningKey,
    target: Path,
    *,
    mode: str = "incremental",
    coordinator_key: str = "",
    progress: Callable[[float], None] | None = None,
) -> PreparedExport | None:
    """Database step of an export: the signed bundle of what is to be saved, its batch
    reserved (None when there is nothing new). Nothing is marked exported yet."""
    records = collect_records(db, mode, coordinator_key=coordinator_key)
    if progress:
        progress(0.3)
    if not records:
        return None
    bundle = build_bundle(
        db,
        records,
        signing_key,
        sequence=next_sequence(db),
        mode=mode,
        coordinator_key=coordinator_key,
        progress=(lambda x: progress(0.3 + 0.7 * x)) if progress else None,
    )
    return PreparedExport(bundle, _reserve(db, bundle, mode=mode, target=str(target)))


def write_export(
    folder: Path, prepared: PreparedExport, progress: Callable[[float], None] | None = None
) -> Path:
    """Device step: write and verify the bundle on the stick. Touches no database; raises
    :class:`WriteError` when the stick is full, read-only or gone."""
    bundle = prepared.bundle
    return write_verified(Path(folder), bundle.file_name, bundle.data, progress)


def finish_export(
    db: Database, folder: Path, path: Path, prepared: PreparedExport, mode: str
) -> ExportResult:
    """Database step: the bundle is safely on the stick, so its visits count as exported."""
    bundle = prepared.bundle
    mark_exported(db, bundle, kind="usb", mode=mode, target=str(folder), batch_id=prepared.batch_id)
    return ExportResult(path, len(bundle.visit_ids), bundle.bundle_id, mode)


def abandon_export(db: Database, prepared: PreparedExport) -> None:
    """Database step after a failed write: the reserved batch is forgotten."""
    _release(db, prepared.batch_id)


def export_to_folder(
    db: Database,
    folder: Path,
    signing_key: SigningKey,
    *,
    mode: str = "incremental",
    coordinator_key: str = "",
    progress: Callable[[float], None] | None = None,
) -> ExportResult:
    """Export to ``folder``: everything not yet exported (``incremental``) or every closed
    visit (``full``). Raises :class:`WriteError` (full, read-only, gone...) and then marks
    nothing."""

    def part(lo: float, hi: float) -> Callable[[float], None]:
        return lambda x: progress(lo + (hi - lo) * x) if progress else None

    records = collect_records(db, mode, coordinator_key=coordinator_key)
    part(0, 1)(0.15)
    if not records:
        part(0, 1)(1.0)
        return ExportResult(None, 0, None, mode)
    bundle = build_bundle(
        db,
        records,
        signing_key,
        sequence=next_sequence(db),
        mode=mode,
        coordinator_key=coordinator_key,
        progress=part(0.15, 0.5),
    )
    batch_id = _reserve(db, bundle, mode=mode, target=str(folder))
    try:
        path = write_verified(Path(folder), bundle.file_name, bundle.data, part(0.5, 0.97))
    except WriteError:
        _release(db, batch_id)
        raise
    mark_exported(db, bundle, kind="usb", mode=mode, target=str(folder), batch_id=batch_id)
    part(0, 1)(1.0)
    return ExportResult(path, len(records), bundle.bundle_id, mode)
