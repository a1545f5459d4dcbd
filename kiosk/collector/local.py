"""The coordinator's collector inside the kiosk app: an SQLite file in the data folder,
fed from USB sticks. One function per coordinator action, each returning what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.clock import Clock
from kiosk.collector.store import Collector, CollectorBusy
from kiosk.export.parts import BundleError

if TYPE_CHECKING:
    from kiosk.storage import Database

LOCAL_FILE = "collector.sqlite3"


def open_local(
    data_folder: Path | None = None,
    *,
    clock: Clock | None = None,
    own_kiosk: tuple[str, str] | None = None,
) -> Collector:
    """The local collector; ``own_kiosk`` (id, public key) is registered so this kiosk's
    own sticks are read without a question."""
    if data_folder is None:
        from kiosk.paths import data_dir

        data_folder = data_dir()
    c = Collector(f"sqlite:///{Path(data_folder) / LOCAL_FILE}", clock=clock)
    if own_kiosk is not None and c.registered_key(own_kiosk[0]) != own_kiosk[1]:
        c.register_kiosk(own_kiosk[0], own_kiosk[1], "this kiosk", with_token=False)
    return c


@dataclass(frozen=True)
class Unknown:
    file: str
    kiosk_id: str
    public_key: str
    fingerprint: str


@dataclass
class FolderImport:
    """What reading a folder of bundles did."""

    folder: Path
    files: int = 0
    new_visits: int = 0
    duplicate_visits: int = 0
    refused: list[tuple[str, str, str]] = field(default_factory=list)  # file, code, message
    unknown: list[Unknown] = field(default_factory=list)
    # Each file's result, in the order read: (file, "imported", "duplicate" or the code
    # it was refused with).
    results: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.new_visits > 0


def bundle_files(folder: Path) -> list[Path]:
    """Session-log files in ``folder`` (and one level down), oldest name first."""
    folder = Path(folder)
    found = list(folder.glob("LOG_*.zip")) + list(folder.glob("*/LOG_*.zip"))
    return sorted(set(found), key=lambda p: p.name)


def import_folder(collector: Collector, folder: Path) -> FolderImport:
    """Import every bundle in ``folder``; each one all-or-nothing, duplicates skipped."""
    result = FolderImport(Path(folder))
    for path in bundle_files(folder):
        result.files += 1
        try:
            data = path.read_bytes()
        except OSError as exc:
            result.refused.append((path.name, "unreadable", str(exc)))
            result.results.append((path.name, "unreadable"))
            continue
        try:
            done = collector.import_bundle(data, source="usb")
        except CollectorBusy as exc:
            result.refused.append((path.name, exc.code, str(exc)))
            result.results.append((path.name, exc.code))
            continue
        except BundleError as exc:
            result.results.append((path.name, exc.code))
            if exc.code == "unknown_kiosk":
                result.unknown.append(
                    Unknown(
                        path.name,
                        exc.info["kiosk_id"],
                        exc.info["public_key"],
                        exc.info["fingerprint"],
                    )
                )
            else:
                result.refused.append((path.name, exc.code, str(exc)))
            continue
        result.results.append((path.name, done.status))
        result.new_visits += done.new_visits
        result.duplicate_visits += done.visits - done.new_visits
    return result


def trust_kiosk(collector: Collector, unknown: Unknown) -> None:
    """Register a kiosk the coordinator checked by its fingerprint (no upload token)."""
    collector.register_kiosk(
        unknown.kiosk_id, unknown.public_key, "trusted from a USB stick", with_token=False
    )


def take_in_own(collector: Collector, db: Database) -> int:
    """This kiosk's own closed visits that the collector does not hold yet, counted in as
    if they had come on a stick (each visit once: a stick of this kiosk brought in later
    adds nothing twice). The coordinator's totals then count the visits this laptop has
    seen without a detour through a USB stick, the demo's included. Returns how many
    visits were added."""
    import uuid

    from sqlalchemy import select

    from kiosk.collector.models import CollectedVisit
    from kiosk.export.bundle_read import CheckedBundle
    from kiosk.export.records import collect_records
    from kiosk.storage.models import Kiosk, Point
    from kiosk.version import version

    with collector.sessions() as s:
        known = set(
            s.scalars(select(CollectedVisit.visit_id).where(CollectedVisit.kiosk_id == db.kiosk_id))
        )
    records = list(collect_records(db, "full", exclude=known))
    if not records:
        return 0
    with db.session() as s:
        kiosk = s.get(Kiosk, db.kiosk_id)
        point = s.get(Point, kiosk.point_id) if kiosk else s.scalars(select(Point)).first()
        where = {"name": point.name if point else "", "ward": point.ward if point else ""}
    now = db.clock.now()
    manifest = {
        "bundle_id": f"own-{uuid.uuid4()}",
        "kiosk_id": db.kiosk_id,
        "point": where,
        "sequence": 0,
        "created_at": now.isoformat(),
        "software": {"app": version()},
        "counts": {"visits": len(records)},
    }
    done = collector.importer.take_in(CheckedBundle(manifest, records, ""), "this kiosk")
    return done.new_visits
