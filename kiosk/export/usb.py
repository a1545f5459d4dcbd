"""USB export: write a bundle to a stick (or any folder) and, only once it reads back whole,
mark its visits exported, in the same transaction that records the export batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from nacl.signing import SigningKey
from sqlalchemy import func, select, update

from kiosk.export.bundle import Bundle, build_bundle, collect_records
from kiosk.export.safe_write import WriteError, write_verified
from kiosk.storage import Database
from kiosk.storage.models import ExportBatch, Visit

__all__ = ["ExportResult", "WriteError", "export_to_folder", "mark_exported", "next_sequence"]


@dataclass(frozen=True)
class ExportResult:
    """What an export did: the file written (None when there was nothing new) and how many
    visits it holds."""

    path: Path | None
    visits: int
    bundle_id: str | None
    mode: str


def next_sequence(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.coalesce(func.max(ExportBatch.sequence), 0)))) + 1


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def mark_exported(db: Database, bundle: Bundle, *, kind: str, mode: str, target: str,
                  batch_id: int | None = None) -> None:
    """Record the confirmed batch and mark its visits exported, all in one transaction."""
    now = db.clock.now()
    with db.session() as s:
        if batch_id is None:
            s.add(ExportBatch(bundle_id=bundle.bundle_id, kind=kind, mode=mode,
                              status="confirmed", sequence=bundle.manifest["sequence"],
                              file_name=bundle.file_name, target=target, sha256=bundle.sha256,
                              visit_count=len(bundle.visit_ids), visit_ids=[],
                              created_at=now, confirmed_at=now, attempts=1, last_error=""))
        else:
            batch = s.get(ExportBatch, batch_id)
            assert batch is not None
            batch.status, batch.confirmed_at, batch.visit_ids = "confirmed", now, []
            batch.next_attempt_at, batch.last_error = None, ""
        for chunk in _chunks(bundle.visit_ids):
            s.execute(update(Visit).where(Visit.id.in_(chunk), Visit.exported_at.is_(None))
                      .values(exported_at=now))


def export_to_folder(db: Database, folder: Path, signing_key: SigningKey, *,
                     mode: str = "incremental", coordinator_key: str = "",
                     progress: Callable[[float], None] | None = None) -> ExportResult:
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
    bundle = build_bundle(db, records, signing_key, sequence=next_sequence(db), mode=mode,
                          coordinator_key=coordinator_key, progress=part(0.15, 0.5))
    path = write_verified(Path(folder), bundle.file_name, bundle.data, part(0.5, 0.97))
    mark_exported(db, bundle, kind="usb", mode=mode, target=str(folder))
    part(0, 1)(1.0)
    return ExportResult(path, len(records), bundle.bundle_id, mode)
