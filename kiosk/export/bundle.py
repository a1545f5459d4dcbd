"""The session-log bundle: one self-describing, signed ZIP file per export.

Inside:

- ``manifest.json``: what the bundle is (format, schema version and fields, bundle id,
  kiosk and point, time range, record counts) and the SHA-256 and size of every part;
- ``manifest.sig``: the kiosk's Ed25519 signature of ``manifest.json`` (base64);
- ``visits.jsonl``: one visit per line (what a collector imports);
- ``visits.csv``: the same visits for a spreadsheet.

Checking a bundle (:func:`open_bundle`) verifies the signature with the key registered for
the kiosk, then every checksum, then every record against the schema; the first problem
found is raised as a :class:`BundleError` with a code and a plain reason.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import re
import uuid
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey
from sqlalchemy import select

from kiosk.export import schema
from kiosk.export.keys import BadKey, b64, fingerprint, public_key_b64, seal, unb64, verify_key
from kiosk.storage import Database
from kiosk.storage.models import Kiosk, Point
from kiosk.tickets import HANOI, local_day

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
JSONL, CSV = "visits.jsonl", "visits.csv"
PARTS = (JSONL, CSV)
MEMBERS = frozenset({MANIFEST, SIGNATURE, *PARTS})
# Ticket states after which a visit no longer changes (others wait for the day to end).
CLOSED_STATES = ("done", "finished", "no_show", "cancelled", "left")

Progress = Callable[[float], None]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while many small objects are made (records hold no
    cycles): otherwise it walks the growing heap again and again, doubling the time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# -- names -----------------------------------------------------------------------------
_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def bundle_file_name(kiosk_id: str, when: datetime, sequence: int) -> str:
    """``LOG_<kiosk>_<yyyymmdd-hhmmss>_<seq>.zip``: valid on FAT32, exFAT, NTFS and ext4
    (ASCII letters, digits, ``-`` and ``_`` only; short; no reserved names)."""
    kiosk = _UNSAFE.sub("-", kiosk_id).strip("-")[:40] or "kiosk"
    stamp = when.astimezone(HANOI).strftime("%Y%m%d-%H%M%S")
    return f"LOG_{kiosk}_{stamp}_{sequence:04d}.zip"


# -- reading visits --------------------------------------------------------------------
def _iso(v: Any) -> str | None:
    """A stored time as ISO 8601 UTC with a Z; SQLite hands back text, others datetimes."""
    if v is None:
        return None
    if isinstance(v, str):
        return f"{v[:10]}T{v[11:19]}Z"
    if v.tzinfo is None:
        v = v.replace(tzinfo=UTC)
    return v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _secs(a: str | None, b: str | None) -> int | None:
    if a is None or b is None:
        return None
    ta = datetime.fromisoformat(a.replace("Z", "+00:00"))
    tb = datetime.fromisoformat(b.replace("Z", "+00:00"))
    return max(0, int((tb - ta).total_seconds()))


_VISIT_COLUMNS = ("id, kiosk_id, day, ticket, follow_up_code, language, state, priority, "
                  "age_band, desk, volunteer_id, created_at, called_at, serving_at, "
                  "finished_at, outcome, previous_visit_id, consent_at, name, phone")
# SQLite keeps times as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC: let it reshape them and work
# out the durations itself, which is several times faster than doing it row by row here.
def _sqlite_time(col: str) -> str:
    return f"substr({col}, 1, 10) || 'T' || substr({col}, 12, 8) || 'Z'"


def _sqlite_secs(start: str, end: str) -> str:
    return (f"CAST(MAX(0, ROUND((julianday({end}) - julianday({start})) * 86400)) "
            "AS INTEGER)")


_SQLITE_COLUMNS = (
    "id, kiosk_id, day, ticket, follow_up_code, language, state, priority, age_band, desk, "
    "volunteer_id, " + ", ".join(_sqlite_time(c) for c in ("created_at", "called_at",
                                                            "serving_at", "finished_at"))
    + ", " + _sqlite_secs("created_at", "called_at") + ", "
    + _sqlite_secs("serving_at", "finished_at")
    + ", outcome, previous_visit_id, consent_at, name, phone")


def _where(mode: str, mark: str) -> str:
    closed = (f"(finished_at IS NOT NULL OR day < {mark} OR state IN ("
              + ", ".join(f"'{s}'" for s in CLOSED_STATES) + "))")
    base = f"kiosk_id = {mark} AND {closed}"
    return base if mode == "full" else base + " AND exported_at IS NULL"


def _query(cur: Any, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    cur.execute(sql, params)
    return cur.fetchall()


def collect_records(db: Database, mode: str = "incremental", *,
                    coordinator_key: str = "", exclude: set[int] | frozenset[int] = frozenset(),
                    ) -> list[dict[str, Any]]:
    """This kiosk's closed visits as schema records: all of them (``full``) or those not yet
    exported (``incremental``), minus ``exclude``. A visit still waiting or being served
    today is left for a later export, so it is never sent half-finished."""
    if mode not in ("full", "incremental"):
        raise ValueError(f"unknown export mode {mode!r}")
    with paused_gc():
        return _collect(db, mode, coordinator_key, exclude)


def _collect(db: Database, mode: str, coordinator_key: str,
             exclude: set[int] | frozenset[int]) -> list[dict[str, Any]]:
    today = local_day(db)
    with db.session() as s:
        conn = s.connection()
        sqlite = conn.dialect.name == "sqlite"
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        where = _where(mode, mark)
        # kiosk id, then the day, in the order the marks appear in ``where``.
        params = (db.kiosk_id, today.isoformat() if sqlite else today)
        cur = conn.connection.driver_connection.cursor()
        try:
            columns = _SQLITE_COLUMNS if sqlite else _VISIT_COLUMNS
            rows = _query(cur, f"SELECT {columns} FROM visit WHERE {where} ORDER BY id",
                          params)
            # Services and guide steps of the visits from the first one exported on (an
            # index range), kept below only for the visits in this export.
            first = (rows[0][0],) if rows else (0,)
            service_rows = _query(cur, "SELECT visit_id, service_id FROM visit_service "
                                       f"WHERE visit_id >= {mark} "
                                       "ORDER BY visit_id, service_id", first)
            guide_time = _sqlite_time("viewed_at") if sqlite else "viewed_at"
            guide_rows = _query(cur, f"SELECT visit_id, guide_id, step, language, {guide_time} "
                                     f"FROM guide_view WHERE visit_id >= {mark} "
                                     "ORDER BY visit_id, id", first)
        finally:
            cur.close()
    wanted = {row[0] for row in rows}.difference(exclude)
    services: dict[int, list[str]] = {}
    for vid, sid in service_rows:
        if vid in wanted:
            services.setdefault(vid, []).append(sid)
    guides: dict[int, list[list[Any]]] = {}
    for vid, gid, step, lang, at in guide_rows:
        if vid in wanted:
            guides.setdefault(vid, []).append([gid, step, lang, at if sqlite else _iso(at)])
    records = []
    loads = orjson.loads
    for row in rows:
        if sqlite:
            (vid, kiosk, day, ticket, code, lang, state, prio, age, desk, vol, created, called,
             serving, finished, wait, service, outcome, prev, consent, name, phone) = row
        else:
            (vid, kiosk, day, ticket, code, lang, state, prio, age, desk, vol, created, called,
             serving, finished, outcome, prev, consent, name, phone) = row
            created, called, serving, finished = (_iso(created), _iso(called),
                                                  _iso(serving), _iso(finished))
            wait, service = _secs(created, called), _secs(serving, finished)
            day = day.isoformat()
        if vid in exclude:
            continue
        personal = None
        if consent is not None and (name or phone) and coordinator_key:
            payload = json.dumps({"name": name, "phone": phone, "consent_at": _iso(consent)},
                                 ensure_ascii=False).encode("utf-8")
            personal = seal(coordinator_key, payload)
        if outcome.__class__ is str:
            outcome = loads(outcome)
        records.append({
            "visit_id": vid, "kiosk_id": kiosk, "day": day, "ticket": ticket,
            "follow_up_code": code, "language": lang, "state": state, "priority": prio,
            "age_band": age, "desk": desk, "volunteer_id": vol, "created_at": created,
            "called_at": called, "serving_at": serving, "finished_at": finished,
            "wait_seconds": wait, "service_seconds": service,
            "services": services.get(vid, []), "guides": guides.get(vid, []),
            "outcome": [str(x) for x in outcome or ()], "previous_visit_id": prev,
            "personal": personal,
        })
    return records


# -- writing ---------------------------------------------------------------------------
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
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      ).encode("utf-8")


def _point(db: Database) -> dict[str, Any]:
    with db.session() as s:
        kiosk = s.get(Kiosk, db.kiosk_id)
        point = s.get(Point, kiosk.point_id) if kiosk else s.scalars(select(Point)).first()
        if point is None:
            return {"id": None, "name": "", "ward": ""}
        return {"id": point.id, "name": point.name, "ward": point.ward}


def build_bundle(db: Database, records: Sequence[dict[str, Any]], signing_key: SigningKey,
                 *, sequence: int, mode: str = "incremental", coordinator_key: str = "",
                 progress: Progress | None = None) -> Bundle:
    """Make the signed bundle for ``records`` (from :func:`collect_records`)."""
    def step(x: float) -> None:
        if progress is not None:
            progress(x)

    now = db.clock.now()
    jsonl = b"".join([orjson.dumps(r) + b"\n" for r in records])
    step(0.35)
    csv_data = schema.csv_bytes(records)
    step(0.6)
    times = [r["created_at"] for r in records]
    bundle_id = str(uuid.uuid4())
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
        "time_range": {"from": min(times) if times else None,
                       "to": max(times) if times else None},
        "counts": {"visits": len(records),
                   "guide_views": sum(len(r["guides"]) for r in records),
                   "with_personal": sum(1 for r in records if r["personal"])},
        "personal_data": ({"sealed_for": fingerprint(coordinator_key)} if coordinator_key
                          else None),
        "parts": {name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                  for name, data in ((JSONL, jsonl), (CSV, csv_data))},
    }
    manifest_bytes = canonical_json(manifest)
    signature = b64(signing_key.sign(manifest_bytes).signature)
    step(0.7)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        stamp = now.astimezone(HANOI).timetuple()[:6]
        for name, data in ((MANIFEST, manifest_bytes), (SIGNATURE, signature.encode()),
                           (JSONL, jsonl), (CSV, csv_data)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=1)
    step(1.0)
    return Bundle(bundle_id, bundle_file_name(db.kiosk_id, now, sequence), buf.getvalue(),
                  manifest, [r["visit_id"] for r in records])


# -- reading and checking --------------------------------------------------------------
class BundleError(ValueError):
    """A bundle that must not be imported. ``code`` is stable (for screens and APIs);
    the message says what is wrong in plain words."""

    def __init__(self, code: str, message: str, **info: Any) -> None:
        super().__init__(message)
        self.code = code
        self.info = info


@dataclass
class CheckedBundle:
    manifest: dict[str, Any]
    records: list[dict[str, Any]]
    sha256: str
    jsonl: bytes = b""

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def kiosk_id(self) -> str:
        return str(self.manifest["kiosk_id"])

    @property
    def visit_count(self) -> int:
        return int(self.manifest["counts"]["visits"])


MAX_UNPACKED = 2_000_000_000


def read_manifest(data: bytes) -> tuple[zipfile.ZipFile, dict[str, Any], bytes]:
    """Open the ZIP and parse its manifest (not yet trusted)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BundleError("not_a_bundle", "This file is not a session-log bundle "
                          "(not a readable ZIP file).") from exc
    if names != MEMBERS:
        raise BundleError("not_a_bundle", "This file is not a session-log bundle (its parts "
                          f"are {sorted(names)}, expected {sorted(MEMBERS)}).")
    if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED:
        raise BundleError("too_large", "The bundle unpacks to more than the allowed size.")
    raw = z.read(MANIFEST)
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError("bad_manifest", "The manifest is not valid JSON.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != schema.FORMAT:
        raise BundleError("bad_manifest", "The manifest does not describe a session log.")
    if manifest.get("schema_version") != schema.SCHEMA_VERSION:
        raise BundleError("unsupported_schema", "The bundle uses schema version "
                          f"{manifest.get('schema_version')!r}; this collector reads version "
                          f"{schema.SCHEMA_VERSION}. Update the collector.")
    for key in ("bundle_id", "kiosk_id", "kiosk_public_key", "parts", "counts"):
        if key not in manifest:
            raise BundleError("bad_manifest", f"The manifest has no {key!r}.")
    try:
        uuid.UUID(str(manifest["bundle_id"]))
    except ValueError as exc:
        raise BundleError("bad_manifest", "The manifest's bundle id is not valid.") from exc
    return z, manifest, raw


def open_bundle(data: bytes, registered_key: Callable[[str], str | None], *,
                parse: bool = True) -> CheckedBundle:
    """Check a bundle completely and return its records; raise :class:`BundleError`.

    ``registered_key(kiosk_id)`` gives the public key registered for a kiosk, or None.
    With ``parse=False`` the signature, checksums and counts are checked but the records
    are left as JSON lines (``jsonl``) for a database that checks them itself (the
    collector's PostgreSQL import); ``records`` is then empty.
    """
    with paused_gc():
        return _open_bundle(data, registered_key, parse)


def _open_bundle(data: bytes, registered_key: Callable[[str], str | None],
                 parse: bool) -> CheckedBundle:
    z, manifest, raw = read_manifest(data)
    kiosk_id = str(manifest["kiosk_id"])
    claimed = str(manifest["kiosk_public_key"])
    try:
        signature = unb64(z.read(SIGNATURE).decode("ascii", "replace"), 64, "signature")
    except BadKey as exc:
        raise BundleError("bad_signature", "The bundle's signature is damaged.") from exc
    known = registered_key(kiosk_id)
    key_text = known or claimed
    try:
        verify_key(key_text).verify(raw, signature)
    except (BadSignatureError, BadKey) as exc:
        why = ("was not made by the kiosk registered as" if known
               else "does not match its own key; it claims to come from")
        raise BundleError("bad_signature", f"The bundle's signature {why} {kiosk_id!r}: "
                          "it was changed or forged. Nothing was imported.") from exc
    if known is None:
        raise BundleError("unknown_kiosk", f"The kiosk {kiosk_id!r} is not registered with "
                          "this collector. Check its key fingerprint "
                          f"{fingerprint(claimed)} and register it first.",
                          kiosk_id=kiosk_id, public_key=claimed,
                          fingerprint=fingerprint(claimed))
    parts: dict[str, bytes] = {}
    for name in PARTS:
        info = manifest["parts"].get(name) if isinstance(manifest["parts"], dict) else None
        body = z.read(name)
        if (not isinstance(info, dict) or info.get("bytes") != len(body)
                or info.get("sha256") != hashlib.sha256(body).hexdigest()):
            raise BundleError("checksum_mismatch", f"The part {name} does not match its "
                              "checksum in the manifest: it was changed or damaged. "
                              "Nothing was imported.", part=name)
        parts[name] = body
    records = []
    counts = manifest["counts"]
    expected = counts.get("visits") if isinstance(counts, dict) else None
    if not isinstance(expected, int) or isinstance(expected, bool):
        raise BundleError("bad_manifest", "The manifest has no visit count.")
    if schema.count_csv_rows(parts[CSV]) != expected:
        raise BundleError("count_mismatch", "The CSV holds a different number of visits "
                          "from the manifest's count.")
    if not parse:
        jsonl = parts[JSONL]
        lines_in = jsonl.count(b"\n") + (1 if jsonl and not jsonl.endswith(b"\n") else 0)
        if lines_in != expected:
            raise BundleError("count_mismatch", "The number of visits differs from the "
                              "manifest's count.")
        return CheckedBundle(manifest, [], hashlib.sha256(data).hexdigest(), jsonl=jsonl)
    loads = orjson.loads
    lines = parts[JSONL].split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, line in enumerate(lines, 1):
        try:
            rec = loads(line)
        except orjson.JSONDecodeError as exc:
            raise BundleError("schema_error", f"{JSONL} line {n} is not valid JSON.") from exc
        try:
            schema.check_record(rec, n)
        except schema.SchemaError as exc:
            raise BundleError("schema_error", f"{JSONL} {exc}.") from exc
        if rec["kiosk_id"] != kiosk_id:
            raise BundleError("schema_error", f"{JSONL} line {n} belongs to another kiosk.")
        records.append(rec)
    if expected != len(records):
        raise BundleError("count_mismatch", "The number of visits differs from the "
                          "manifest's count.")
    if len({r["visit_id"] for r in records}) != len(records):
        raise BundleError("schema_error", "The same visit appears twice in the bundle.")
    return CheckedBundle(manifest, records, hashlib.sha256(data).hexdigest())

