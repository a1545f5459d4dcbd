"""Shared helpers for the export tests (core, ui and e2e): closed visits made through
the real ticket path, the kiosk's signing key, a coordinator key pair, a collector."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from nacl.signing import SigningKey

from kiosk.export.keys import CoordinatorKeys, load_or_create_signing_key, make_coordinator_keys
from kiosk.queue.tickets import issue_ticket
from kiosk.storage import Database
from kiosk.storage.models import GuideView, Visit
from tests.conftest import require  # noqa: F401  (re-exported for the export tests)


@pytest.fixture
def make_visits(db: Database) -> Callable[..., list[int]]:
    """``make_visits(n, consent=False, closed=True)``: n served visits, with guide steps and
    an outcome; with ``consent`` a name and phone are recorded."""
    rng = random.Random(3)

    def make(
        n: int,
        *,
        consent: bool = False,
        closed: bool = True,
        name: str = "Nguyễn Thị Hoà",
        outcome: list[str] | None = None,
    ) -> list[int]:
        ids = []
        for i in range(n):
            t = issue_ticket(
                db,
                ["vneid", "etax"][: 1 + i % 2],
                priority=("elderly", None)[i % 2],
                age_band=("75+", "40-59", "18-39")[i % 3],
                rng=rng,
            )
            now = db.clock.now()
            with db.session() as s:
                v = s.get(Visit, t.visit_id)
                v.called_at = now + timedelta(minutes=4)
                v.serving_at = now + timedelta(minutes=5)
                v.desk, v.volunteer_id = 1 + i % 2, None
                if closed:
                    v.finished_at = now + timedelta(minutes=17)
                    v.state = "done"
                    v.outcome = list(outcome if outcome is not None else ["vneid_activated"])
                else:
                    v.state = "serving"
                if consent:
                    v.consent_at, v.name, v.phone = now, name, "0912345678"
                s.add(
                    GuideView(
                        visit_id=t.visit_id,
                        guide_id="vneid-activate",
                        step=1,
                        language="vi",
                        viewed_at=now,
                    )
                )
                s.add(
                    GuideView(
                        visit_id=t.visit_id,
                        guide_id="vneid-activate",
                        step=2,
                        language="vi",
                        viewed_at=now + timedelta(seconds=40),
                    )
                )
            ids.append(t.visit_id)
        return ids

    return make


@pytest.fixture
def kiosk_key(tmp_path: Path) -> SigningKey:
    return load_or_create_signing_key(tmp_path / "keys")


@pytest.fixture
def coordinator() -> CoordinatorKeys:
    return make_coordinator_keys()


@pytest.fixture
def collector(tmp_path: Path, clock, db: Database, kiosk_key: SigningKey):  # type: ignore[no-untyped-def]
    """A collector on its own SQLite file, with this test kiosk registered."""
    from kiosk.collector.store import Collector
    from kiosk.export.keys import public_key_b64

    c = Collector(f"sqlite:///{tmp_path / 'collector.sqlite3'}", clock=clock)
    c.token = c.register_kiosk(db.kiosk_id, public_key_b64(kiosk_key), "test point")
    yield c
    c.dispose()


def rebuild(
    data: bytes,
    change: Callable[[dict[str, bytes]], None],
    key: SigningKey | None = None,
    fix_hashes: bool = False,
) -> bytes:
    """A copy of a bundle with its parts changed by ``change``; with ``fix_hashes`` the
    manifest's checksums are recomputed, and with ``key`` it is signed again by that key."""
    import hashlib
    import io
    import json
    import zipfile

    from kiosk.export.bundle import canonical_json
    from kiosk.export.keys import b64, public_key_b64

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    change(parts)
    if fix_hashes or key is not None:
        manifest = json.loads(parts["manifest.json"])
        if fix_hashes:
            for name in ("visits.jsonl", "visits.csv"):
                manifest["parts"][name] = {
                    "sha256": hashlib.sha256(parts[name]).hexdigest(),
                    "bytes": len(parts[name]),
                }
        if key is not None:
            manifest["kiosk_public_key"] = public_key_b64(key)
        parts["manifest.json"] = canonical_json(manifest)
        if key is not None:
            parts["manifest.sig"] = b64(key.sign(parts["manifest.json"]).signature).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, body in parts.items():
            z.writestr(n, body)
    return out.getvalue()


def bulk_visits(db: Database, n: int, *, day_offset: int = 0) -> None:
    """Add ``n`` closed visits in one transaction (for exports big enough to need several
    writes); numbers and codes continue after what the day already has."""
    from sqlalchemy import func, insert, select

    from kiosk.queue.tickets import local_day, ticket_label
    from kiosk.storage.models import VisitService

    day = local_day(db) - timedelta(days=day_offset)
    now = db.clock.now() - timedelta(days=day_offset)
    with db.session() as s:
        start = (
            s.scalar(
                select(func.coalesce(func.max(Visit.ticket_number), 0)).where(Visit.day == day)
            )
            or 0
        )
        first_id = (s.scalar(select(func.coalesce(func.max(Visit.id), 0))) or 0) + 1
        visits, services, views = [], [], []
        for k, i in enumerate(range(start + 1, start + n + 1)):
            vid = first_id + k
            visits.append(
                dict(
                    id=vid,
                    kiosk_id=db.kiosk_id,
                    day=day,
                    ticket_number=i,
                    ticket=ticket_label(i),
                    follow_up_code=f"B{day_offset:02d}{i:06d}",
                    language="vi",
                    state="done",
                    priority=("elderly", None, "disability")[i % 3],
                    age_band=("75+", "60-74", "40-59", "18-39")[i % 4],
                    desk=1 + i % 2,
                    volunteer_id=None,
                    created_at=now,
                    called_at=now + timedelta(minutes=3),
                    serving_at=now + timedelta(minutes=4),
                    finished_at=now + timedelta(minutes=15),
                    outcome=["vneid_activated"] if i % 2 else ["dossier_submitted"],
                    note="",
                    consent_at=None,
                    name=None,
                    phone=None,
                    previous_visit_id=None,
                    exported_at=None,
                )
            )
            services.append(
                dict(visit_id=vid, service_id=("vneid", "public-service", "etax")[i % 3])
            )
            views.extend(
                dict(
                    visit_id=vid,
                    guide_id="vneid-activate",
                    step=st,
                    language="vi",
                    viewed_at=now + timedelta(seconds=30 * st),
                )
                for st in (1, 2, 3)
            )
        conn = s.connection()
        conn.execute(insert(Visit.__table__), visits)
        conn.execute(insert(VisitService.__table__), services)
        conn.execute(insert(GuideView.__table__), views)


def loopback_socket():  # type: ignore[no-untyped-def]
    """A socket bound to a free loopback port and not yet listening: connecting to it is
    refused, like a collector that is down, until it listens."""
    import socket

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def forge(
    data: bytes,
    key: SigningKey,
    *,
    parts: dict[str, Iterable[bytes]] | None = None,
    manifest: Callable[[dict[str, Any]], None] | None = None,
) -> bytes:
    """A bundle signed by ``key`` (a kiosk's real key: what a stolen or buggy kiosk could
    send) made from ``data``: its parts replaced by ``parts`` (pieces, packed as they
    come, so a huge part is never held whole), its manifest changed by ``manifest``,
    sizes and checksums made to match."""
    import io
    import json
    import zipfile

    from kiosk.export import packing
    from kiosk.export.bundle import canonical_json
    from kiosk.export.keys import b64

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        original = {n: z.read(n) for n in ("visits.jsonl", "visits.csv", "manifest.json")}
    packer = packing.Packer(("visits.jsonl", "visits.csv"))
    for name in ("visits.jsonl", "visits.csv"):
        for piece in (parts or {}).get(name, [original[name]]):
            packer.add(name, piece)
    packed = packer.result()
    m = json.loads(original["manifest.json"])
    for name, p in packed.items():
        m["parts"][name] = {"sha256": p.sha256, "bytes": p.size}
    if manifest is not None:
        manifest(m)
    raw = canonical_json(m)
    signature = b64(key.sign(raw).signature).encode()
    return packing.zip_file(
        [
            ("visits.jsonl", packed["visits.jsonl"]),
            ("visits.csv", packed["visits.csv"]),
            ("manifest.json", packing.pack(raw)),
            ("manifest.sig", packing.pack(signature)),
        ],
        (2026, 11, 28, 9, 0, 0),
    )


def with_record(data: bytes, key: SigningKey, change: Callable[[dict[str, Any]], None]) -> bytes:
    """The bundle with its first record changed by ``change`` (in both parts), signed
    again by the kiosk's key."""
    import io
    import json
    import zipfile

    from kiosk.export import schema

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        lines = z.read("visits.jsonl").splitlines(keepends=True)
    records = [json.loads(line) for line in lines]
    change(records[0])
    # The standard library's JSON writes numbers of any size (orjson stops at 64 bits).
    jsonl = b"".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for r in records
    )
    return forge(
        data, key, parts={"visits.jsonl": [jsonl], "visits.csv": [schema.csv_bytes(records)]}
    )
