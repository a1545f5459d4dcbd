"""Writing a bundle: the signed manifest over the records' packed parts, put together
as one ZIP file (see :mod:`kiosk.export.parts` for what it holds)."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nacl.signing import SigningKey
from sqlalchemy import select

from kiosk.export import packing, schema
from kiosk.export.keys import b64, fingerprint, public_key_b64
from kiosk.export.parts import (
    CSV,
    DEMO_REFUSED,
    JSONL,
    MANIFEST,
    PARTS,
    SIGNATURE,
    BundleError,
)
from kiosk.export.records import Records, _iso
from kiosk.queue.model import HANOI
from kiosk.storage import Database
from kiosk.storage.models import Kiosk, Point
from kiosk.version import version

Progress = Callable[[float], None]

_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def bundle_file_name(kiosk_id: str, when: datetime, sequence: int) -> str:
    """``LOG_<kiosk>_<yyyymmdd-hhmmss>_<seq>.zip``: valid on FAT32, exFAT, NTFS and ext4
    (ASCII letters, digits, ``-`` and ``_`` only; short; no reserved names)."""
    kiosk = _UNSAFE.sub("-", kiosk_id).strip("-")[:40] or "kiosk"
    stamp = when.astimezone(HANOI).strftime("%Y%m%d-%H%M%S")
    return f"LOG_{kiosk}_{stamp}_{sequence:04d}.zip"


@dataclass(frozen=True)
class Bundle:
    bundle_id: str
    file_name: str
    data: bytes
    manifest: dict[str, Any]
    visit_ids: list[int]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def canonical_json(obj: Any) -> bytes:
    return json.dumps(
        obj,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


def _point(db: Database) -> dict[str, Any]:
    with db.session() as s:
        kiosk = s.get(Kiosk, db.kiosk_id)
        point = s.get(Point, kiosk.point_id) if kiosk else s.scalars(select(Point)).first()
        if point is None:
            return {"id": None, "name": "", "ward": ""}
        return {"id": point.id, "name": point.name, "ward": point.ward}


def build_bundle(
    db: Database,
    records: Sequence[dict[str, Any]],
    signing_key: SigningKey,
    *,
    sequence: int,
    mode: str = "incremental",
    coordinator_key: str = "",
    progress: Progress | None = None,
    guide_packs: Mapping[str, str] | None = None,
) -> Bundle:
    """Make the signed bundle for ``records`` (from :func:`collect_records`). The demo
    kiosk's sample visits are never bundled (:class:`BundleError` ``demo``).

    The manifest tells the collector which software made it: the app's version and
    each guide pack's (``guide_packs``; by default the packs in the guides folder)."""
    from kiosk.demo import is_demo_kiosk
    from kiosk.guides.loader import pack_versions

    if is_demo_kiosk(db.kiosk_id):
        raise BundleError("demo", DEMO_REFUSED)

    def step(x: float) -> None:
        if progress is not None:
            progress(x)

    now = db.clock.now()
    if not isinstance(records, Records):
        records = Records.from_dicts(records)
    bundle_id = str(uuid.uuid4())
    packed = records.packer.result()
    step(0.6)
    manifest = {
        "format": schema.FORMAT,
        "schema_version": schema.SCHEMA_VERSION,
        "fields": [{"name": n, "type": t, "meaning": m} for n, t, m in schema.FIELDS],
        "bundle_id": bundle_id,
        "kiosk_id": db.kiosk_id,
        "kiosk_public_key": public_key_b64(signing_key),
        "point": _point(db),
        "created_at": _iso(now),
        "sequence": sequence,
        "mode": mode,
        "software": {
            "app": version(),
            "guide_packs": dict(pack_versions() if guide_packs is None else guide_packs),
        },
        "time_range": {"from": records.time_range[0], "to": records.time_range[1]},
        "counts": {
            "visits": len(records),
            "guide_views": records.guide_views,
            "with_personal": records.with_personal,
        },
        "personal_data": (
            {"sealed_for": fingerprint(coordinator_key)} if coordinator_key else None
        ),
        "parts": {
            name: {"sha256": packed[name].sha256, "bytes": packed[name].size} for name in PARTS
        },
    }
    manifest_bytes = canonical_json(manifest)
    signature = b64(signing_key.sign(manifest_bytes).signature)
    step(0.7)
    # The parts first, then the manifest that holds their checksums, and its signature.
    data = packing.zip_file(
        [
            (JSONL, packed[JSONL]),
            (CSV, packed[CSV]),
            (MANIFEST, packing.pack(manifest_bytes)),
            (SIGNATURE, packing.pack(signature.encode())),
        ],
        now.astimezone(HANOI).timetuple()[:6],
    )
    step(1.0)
    return Bundle(
        bundle_id,
        bundle_file_name(db.kiosk_id, now, sequence),
        data,
        manifest,
        list(records.visit_ids),
    )
