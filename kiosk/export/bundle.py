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
import itertools
import json
import operator
import re
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn, overload

import orjson
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey
from sqlalchemy import select

from kiosk.export import packing, schema
from kiosk.export.keys import BadKey, b64, fingerprint, public_key_b64, seal, unb64, verify_key
from kiosk.queue.tickets import HANOI, local_day
from kiosk.storage import Database
from kiosk.storage.models import Kiosk, Point

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


_NL = orjson.OPT_APPEND_NEWLINE


class Records(Sequence[dict[str, Any]]):
    """The visits of one export, held as the bundle's two parts are made of them: JSON
    lines and CSV text, each in pieces of up to :data:`CHUNK` visits, made once in one
    pass and deflated for the bundle as they come (:attr:`packer`). A record is read back
    from its line when asked for."""

    def __init__(
        self,
        pieces: _Pieces,
        visit_ids: list[int],
        time_range: tuple[str | None, str | None],
        guide_views: int,
        with_personal: int,
    ) -> None:
        self.jsonl_pieces, self.csv_pieces, self.packer = pieces.done()
        self.visit_ids = visit_ids
        self.time_range = time_range
        self.guide_views = guide_views
        self.with_personal = with_personal
        self._lines: list[bytes] | None = None

    @classmethod
    def from_dicts(cls, records: Sequence[dict[str, Any]]) -> Records:
        pieces = _Pieces()
        with pieces:
            for r in records:
                pieces.add(orjson.dumps(r, option=_NL), schema.csv_row(r))
        times = [r["created_at"] for r in records]
        return cls(
            pieces,
            [r["visit_id"] for r in records],
            (min(times, default=None), max(times, default=None)),
            sum(len(r["guides"]) for r in records),
            sum(1 for r in records if r["personal"]),
        )

    @property
    def lines(self) -> list[bytes]:
        if self._lines is None:
            self._lines = [
                line + b"\n" for piece in self.jsonl_pieces for line in piece.split(b"\n")[:-1]
            ]
        return self._lines

    def __len__(self) -> int:
        return len(self.visit_ids)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [orjson.loads(line) for line in self.lines[i]]
        return dict(orjson.loads(self.lines[i]))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(orjson.loads, self.lines)

    def jsonl(self) -> bytes:
        return b"".join(self.jsonl_pieces)

    def csv(self) -> bytes:
        return b"".join(self.csv_pieces)


CHUNK = 1024


class _Pieces:
    """Gathers JSON lines and CSV rows into pieces of :data:`CHUNK` visits, each handed
    to a :class:`packing.Packer` as it is made. Rows come either as tuples (``rows``,
    written with the csv module) or as CSV lines already written (``text``), which are
    kept if the whole piece turns out to need no quoting and no formula guard; else the
    piece's rows are made again from its JSON lines and written with the csv module.
    Used as a context, it lets the packer go if making the records fails."""

    def __init__(self) -> None:
        self.lines: list[bytes] = []
        self.rows: list[tuple[Any, ...]] = []
        self.text: list[str] = []
        self.jsonl: list[bytes] = []
        self.csv: list[bytes] = [schema.csv_head()]
        self.packer = packing.Packer((JSONL, CSV))
        self.packer.add(CSV, self.csv[0])

    def __enter__(self) -> _Pieces:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            self.packer.close()

    def add(self, line: bytes, row: tuple[Any, ...]) -> None:
        self.lines.append(line)
        self.rows.append(row)
        if len(self.lines) == CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.lines:
            return
        jsonl = b"".join(self.lines)
        if self.text:
            text = "".join(self.text)
            if not schema.plain_csv(text, len(self.lines)):
                text = schema.csv_rows_text(
                    [schema.csv_row(orjson.loads(line)) for line in self.lines]
                )
        else:
            text = schema.csv_rows_text(self.rows)
        csv = text.encode("utf-8")
        self.jsonl.append(jsonl)
        self.csv.append(csv)
        self.packer.add(JSONL, jsonl)
        self.packer.add(CSV, csv)
        self.lines.clear()
        self.rows.clear()
        self.text.clear()

    def done(self) -> tuple[list[bytes], list[bytes], packing.Packer]:
        self.flush()
        self.packer.close()
        return self.jsonl, self.csv, self.packer


_VISIT_COLUMNS = (
    "id, kiosk_id, day, ticket, follow_up_code, language, state, priority, "
    "age_band, desk, volunteer_id, created_at, called_at, serving_at, "
    "finished_at, outcome, previous_visit_id, consent_at, name, phone"
)


# SQLite keeps times as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC. It works out the durations
# itself (whole seconds between the times as exported); the times are reshaped below.
def _sqlite_secs(start: str, end: str) -> str:
    return f"max(0, strftime('%s', {end}) - strftime('%s', {start}))"


_SQLITE_COLUMNS = (
    "id, kiosk_id, day, ticket, follow_up_code, language, state, priority, age_band, desk, "
    "volunteer_id, created_at, called_at, serving_at, finished_at, "
    + _sqlite_secs("created_at", "called_at")
    + ", "
    + _sqlite_secs("serving_at", "finished_at")
    + ", outcome, previous_visit_id, consent_at, name, phone"
)


def _where(mode: str, mark: str) -> str:
    closed = (
        f"(finished_at IS NOT NULL OR day < {mark} OR state IN ("
        + ", ".join(f"'{s}'" for s in CLOSED_STATES)
        + "))"
    )
    base = f"kiosk_id = {mark} AND {closed}"
    return base if mode == "full" else base + " AND exported_at IS NULL"


def _query(cur: Any, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    cur.execute(sql, params)
    return cur.fetchall()


def _seal_personal(coordinator_key: str, consent: Any, name: Any, phone: Any) -> str:
    payload = json.dumps(
        {"name": name, "phone": phone, "consent_at": _iso(consent)}, ensure_ascii=False
    ).encode("utf-8")
    return seal(coordinator_key, payload)


def collect_records(
    db: Database,
    mode: str = "incremental",
    *,
    coordinator_key: str = "",
    exclude: set[int] | frozenset[int] = frozenset(),
    generic: bool = False,
) -> Records:
    """This kiosk's closed visits as schema records: all of them (``full``) or those not yet
    exported (``incremental``), minus ``exclude``. A visit still waiting or being served
    today is left for a later export, so it is never sent half-finished.

    On SQLite the records are made straight from the rows in one pass; ``generic`` makes
    them the way any other database does (the tests compare the two)."""
    if mode not in ("full", "incremental"):
        raise ValueError(f"unknown export mode {mode!r}")
    with paused_gc():
        return _collect(db, mode, coordinator_key, exclude, generic)


def _collect(
    db: Database, mode: str, coordinator_key: str, exclude: set[int] | frozenset[int], generic: bool
) -> Records:
    today = local_day(db)
    with db.session() as s:
        conn = s.connection()
        sqlite = conn.dialect.name == "sqlite"
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        where = _where(mode, mark)
        # kiosk id, then the day, in the order the marks appear in ``where``.
        params = (db.kiosk_id, today.isoformat() if sqlite else today)
        raw = conn.connection.driver_connection
        if sqlite and not generic:
            return _records_from_sqlite(raw, where, params, coordinator_key, exclude)
        cur = raw.cursor()
        try:
            rows = _query(
                cur, f"SELECT {_VISIT_COLUMNS} FROM visit WHERE {where} ORDER BY id", params
            )
            # Services and guide steps of the visits from the first one exported on (an
            # index range), kept below only for the visits in this export.
            first = (rows[0][0],) if rows else (0,)
            service_rows = _query(
                cur,
                "SELECT visit_id, service_id FROM visit_service "
                f"WHERE visit_id >= {mark} "
                "ORDER BY visit_id, service_id",
                first,
            )
            guide_rows = _query(
                cur,
                "SELECT visit_id, guide_id, step, language, viewed_at "
                f"FROM guide_view WHERE visit_id >= {mark} "
                "ORDER BY visit_id, id",
                first,
            )
        finally:
            cur.close()
    if exclude:
        rows = [row for row in rows if row[0] not in exclude]
    return Records.from_dicts(_records_generic(rows, service_rows, guide_rows, coordinator_key))


_NO_GROUP: tuple[Any, Iterator[tuple[Any, ...]]] = (None, iter(()))


def _records_from_sqlite(
    raw: Any,
    where: str,
    params: tuple[Any, ...],
    coordinator_key: str,
    exclude: set[int] | frozenset[int],
) -> Records:
    """JSON lines and CSV text straight from SQLite's rows, in one pass: the visits, their
    services and their guide steps are read side by side in visit order, a visit at a
    time, so little is held in memory. Must give exactly what :func:`_records_generic`
    gives (a test checks)."""
    visits = raw.execute(f"SELECT {_SQLITE_COLUMNS} FROM visit WHERE {where} ORDER BY id", params)
    first = visits.fetchone()
    if first is None:
        return Records(_Pieces(), [], (None, None), 0, 0)
    by_visit = operator.itemgetter(0)
    # Services and guide steps of the visits from the first one exported on (an index
    # range); those of visits not in this export are passed over.
    services = itertools.groupby(
        raw.execute(
            "SELECT visit_id, service_id FROM visit_service WHERE visit_id >= ? "
            "ORDER BY visit_id, service_id",
            (first[0],),
        ),
        by_visit,
    )
    guides = itertools.groupby(
        raw.execute(
            "SELECT visit_id, guide_id, step, language, viewed_at FROM guide_view "
            "WHERE visit_id >= ? ORDER BY visit_id, id",
            (first[0],),
        ),
        by_visit,
    )
    s_vid, s_group = next(services, _NO_GROUP)
    g_vid, g_group = next(guides, _NO_GROUP)
    outcomes: dict[Any, tuple[list[str], str]] = {}
    loads, dumps = orjson.loads, orjson.dumps
    pieces = _Pieces()
    add_line, add_text = pieces.lines.append, pieces.text.append
    ids: list[int] = []
    earliest = latest = None
    guide_views = with_personal = 0
    with pieces:
        for (
            vid,
            kiosk,
            day,
            ticket,
            code,
            lang,
            state,
            prio,
            age,
            desk,
            vol,
            created,
            called,
            serving,
            finished,
            wait,
            service,
            outcome,
            prev,
            consent,
            name,
            phone,
        ) in itertools.chain((first,), visits):
            while s_vid is not None and s_vid < vid:
                s_vid, s_group = next(services, _NO_GROUP)
            while g_vid is not None and g_vid < vid:
                g_vid, g_group = next(guides, _NO_GROUP)
            if vid in exclude:
                continue
            svc = [sid for _, sid in s_group] if s_vid == vid else []
            if g_vid == vid:
                steps = [
                    [gid, step, glang, f"{at[:10]}T{at[11:19]}Z"]
                    for _, gid, step, glang, at in g_group
                ]
                cell = "; ".join([f"{g[0]}#{g[1]}" for g in steps])
            else:
                steps, cell = [], ""
            created = f"{created[:10]}T{created[11:19]}Z"
            if called is not None:
                called = f"{called[:10]}T{called[11:19]}Z"
            if serving is not None:
                serving = f"{serving[:10]}T{serving[11:19]}Z"
            if finished is not None:
                finished = f"{finished[:10]}T{finished[11:19]}Z"
            known = outcomes.get(outcome)
            if known is None:
                parsed = [
                    str(x) for x in (loads(outcome) if outcome.__class__ is str else outcome) or ()
                ]
                known = outcomes[outcome] = (parsed, "; ".join(parsed))
            personal = None
            if consent is not None and (name or phone) and coordinator_key:
                personal = _seal_personal(coordinator_key, consent, name, phone)
                with_personal += 1
            add_line(
                dumps(
                    {
                        "visit_id": vid,
                        "kiosk_id": kiosk,
                        "day": day,
                        "ticket": ticket,
                        "follow_up_code": code,
                        "language": lang,
                        "state": state,
                        "priority": prio,
                        "age_band": age,
                        "desk": desk,
                        "volunteer_id": vol,
                        "created_at": created,
                        "called_at": called,
                        "serving_at": serving,
                        "finished_at": finished,
                        "wait_seconds": wait,
                        "service_seconds": service,
                        "services": svc,
                        "guides": steps,
                        "outcome": known[0],
                        "previous_visit_id": prev,
                        "personal": personal,
                    },
                    option=_NL,
                )
            )
            services_cell = "; ".join(svc)
            add_text(
                f"{vid},{kiosk},{day},{ticket},{code},{lang},{state},"
                f"{'' if prio is None else prio},{'' if age is None else age},"
                f"{'' if desk is None else desk},{'' if vol is None else vol},{created},"
                f"{'' if called is None else called},{'' if serving is None else serving},"
                f"{'' if finished is None else finished},{'' if wait is None else wait},"
                f"{'' if service is None else service},{services_cell},{cell},{known[1]},"
                f"{'' if prev is None else prev},{len(steps)},"
                f"{'' if personal is None else personal}\r\n"
            )
            ids.append(vid)
            guide_views += len(steps)
            if earliest is None or created < earliest:
                earliest = created
            if latest is None or created > latest:
                latest = created
            if len(ids) % CHUNK == 0:
                pieces.flush()
    return Records(pieces, ids, (earliest, latest), guide_views, with_personal)


def _records_generic(
    rows: list[tuple[Any, ...]],
    service_rows: list[tuple[Any, ...]],
    guide_rows: list[tuple[Any, ...]],
    coordinator_key: str,
) -> list[dict[str, Any]]:
    wanted = {row[0] for row in rows}
    services: dict[int, list[str]] = {}
    for vid, sid in service_rows:
        if vid in wanted:
            services.setdefault(vid, []).append(sid)
    guides: dict[int, list[list[Any]]] = {}
    for vid, gid, step, lang, at in guide_rows:
        if vid in wanted:
            guides.setdefault(vid, []).append([gid, step, lang, _iso(at)])
    records = []
    for (
        vid,
        kiosk,
        day,
        ticket,
        code,
        lang,
        state,
        prio,
        age,
        desk,
        vol,
        created,
        called,
        serving,
        finished,
        outcome,
        prev,
        consent,
        name,
        phone,
    ) in rows:
        created, called, serving, finished = (
            _iso(created),
            _iso(called),
            _iso(serving),
            _iso(finished),
        )
        personal = None
        if consent is not None and (name or phone) and coordinator_key:
            personal = _seal_personal(coordinator_key, consent, name, phone)
        if isinstance(outcome, str):
            outcome = orjson.loads(outcome)
        records.append(
            {
                "visit_id": vid,
                "kiosk_id": kiosk,
                "day": day if isinstance(day, str) else day.isoformat(),
                "ticket": ticket,
                "follow_up_code": code,
                "language": lang,
                "state": state,
                "priority": prio,
                "age_band": age,
                "desk": desk,
                "volunteer_id": vol,
                "created_at": created,
                "called_at": called,
                "serving_at": serving,
                "finished_at": finished,
                "wait_seconds": _secs(created, called),
                "service_seconds": _secs(serving, finished),
                "services": services.get(vid, []),
                "guides": guides.get(vid, []),
                "outcome": [str(x) for x in outcome or ()],
                "previous_visit_id": prev,
                "personal": personal,
            }
        )
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
) -> Bundle:
    """Make the signed bundle for ``records`` (from :func:`collect_records`)."""

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


# -- reading and checking --------------------------------------------------------------
class BundleError(ValueError):
    """A bundle that must not be imported. ``code`` is stable (for screens and APIs);
    the message says what is wrong in plain words."""

    def __init__(self, code: str, message: str, **info: Any) -> None:
        super().__init__(message)
        self.code = code
        self.info = info


@dataclass
class _About:
    manifest: dict[str, Any]

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def kiosk_id(self) -> str:
        return str(self.manifest["kiosk_id"])

    @property
    def visit_count(self) -> int:
        return int(self.manifest["counts"]["visits"])


@dataclass
class CheckedBundle(_About):
    records: list[dict[str, Any]]
    sha256: str


def _changed(name: str) -> BundleError:
    return BundleError(
        "checksum_mismatch",
        f"The part {name} does not match its checksum "
        "in the manifest: it was changed or damaged. Nothing was imported.",
        part=name,
    )


_PIECE = 1 << 20


def _pieces(data: bytes, name: str, info: Any, sep: bytes) -> Iterator[list[bytes]]:
    """A part of the bundle unpacked a piece at a time, as lists of whole ``sep``-ended
    lines (the last one may lack it), so a large part is never held whole. Its size and
    SHA-256 are worked out on the way and compared with ``info`` from the manifest at the
    end: :class:`BundleError` if they differ (or the part cannot be unpacked)."""
    if not isinstance(info, dict):
        raise _changed(name)
    digest, size, rest = hashlib.sha256(), 0, b""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z, z.open(name) as fh:
            while piece := fh.read(_PIECE):
                digest.update(piece)
                size += len(piece)
                lines = (rest + piece).split(sep)
                rest = lines.pop()
                yield lines
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _changed(name) from exc
    if rest:
        yield [rest]
    if info.get("bytes") != size or info.get("sha256") != digest.hexdigest():
        raise _changed(name)


def _csv_rows(data: bytes, info: Any) -> int:
    """Rows in the CSV part without the header, counted a piece at a time while its
    checksum is checked."""
    counter = schema.CsvRowCounter()
    for pieces in _pieces(data, CSV, info, b"\r\n"):
        counter.feed(pieces)
    return counter.rows


def _check_csv(data: bytes, info: Any, expected: int) -> BundleError | None:
    try:
        rows = _csv_rows(data, info)
    except BundleError as exc:
        return exc
    if rows != expected:
        return BundleError(
            "count_mismatch",
            "The CSV holds a different number of visits from the manifest's count.",
        )
    return None


class _Seen:
    """The visits of a bundle read so far: each from the bundle's kiosk, none twice, as
    many as the manifest says."""

    def __init__(self, kiosk_id: str) -> None:
        self.kiosk_id = kiosk_id
        self.ids: set[int] = set()

    def add(self, line: int, kiosk_id: str, visit_id: int) -> None:
        if kiosk_id != self.kiosk_id:
            raise BundleError("schema_error", f"{JSONL} line {line} belongs to another kiosk.")
        if visit_id in self.ids:
            raise BundleError("schema_error", "The same visit appears twice in the bundle.")
        self.ids.add(visit_id)

    def finish(self, expected: int) -> None:
        if len(self.ids) != expected:
            raise BundleError(
                "count_mismatch", "The number of visits differs from the manifest's count."
            )


@dataclass
class VerifiedBundle(_About):
    """A bundle whose signature is right, read for checking its records one by one as
    :meth:`checked` (or :meth:`records`) reads them. The JSON lines are unpacked a piece
    at a time and their checksum worked out on the way; the CSV part's checksum and row
    count are checked alongside in a thread of their own. :meth:`checked` raises
    :class:`BundleError` for any of them before it ends, or at the first record at
    fault: whoever stores the records as they come must then undo what it stored."""

    data: bytes
    sha256: str
    csv_check: Future[BundleError | None]

    def csv_ok(self) -> None:
        """Wait for the CSV part's checksum and row count; raise if one is wrong."""
        problem = self.csv_check.result()
        if problem is not None:
            raise problem

    def lines(self) -> Iterator[bytes]:
        """The JSON lines; :class:`BundleError` at the end if the part was changed."""
        for lines in _pieces(self.data, JSONL, self.manifest["parts"].get(JSONL), b"\n"):
            yield from lines

    def records(self) -> Iterator[dict[str, Any]]:
        for rec, _values, _line in self.checked():
            yield rec

    def checked(self) -> Iterator[tuple[dict[str, Any], tuple[Any, ...], bytes]]:
        """Each record, its values in the order of :data:`schema.FIELD_NAMES` and its JSON
        line, once checked."""
        return self._to_the_end(self._checked)

    def rows(self, null: str | None = None) -> Iterator[tuple[bool, tuple[Any, ...]]]:
        """Each record's values once checked, in the order of :data:`schema.FIELD_NAMES`:
        ``(True, texts)`` for a line in the plain form (see :func:`schema.plain_values`;
        ``null`` stands for null there), else ``(False, values)`` as parsed. Quicker than
        :meth:`checked`, for whoever writes the records out as text."""
        return self._to_the_end(lambda lines: self._rows(lines, null))

    def _to_the_end(self, read: Callable[[Iterator[bytes]], Iterator[Any]]) -> Iterator[Any]:
        """What ``read`` makes of the JSON lines; then the parts' own checks. A changed
        part explains any other problem, so it is the one reported."""
        lines = self.lines()
        try:
            yield from read(lines)
        except BundleError as exc:
            if exc.code != "checksum_mismatch":
                for _ in lines:
                    pass
                self.csv_ok()
            raise
        self.csv_ok()

    def _checked(
        self,
        lines: Iterator[bytes],
    ) -> Iterator[tuple[dict[str, Any], tuple[Any, ...], bytes]]:
        seen = _Seen(self.kiosk_id)
        check = self._check_line
        for n, line in enumerate(lines, 1):
            rec, values = check(n, line)
            seen.add(n, values[1], values[0])
            yield rec, values, line
        seen.finish(self.visit_count)

    def _rows(
        self,
        lines: Iterator[bytes],
        null: str | None,
    ) -> Iterator[tuple[bool, tuple[Any, ...]]]:
        seen = _Seen(self.kiosk_id)
        plain, check = schema.plain_values, self._check_line
        for n, line in enumerate(lines, 1):
            try:
                texts = plain(line.decode("utf-8"), null)
            except UnicodeDecodeError:
                texts = None
            if texts is not None:
                seen.add(n, texts[1], int(texts[0]))
                yield True, texts
            else:
                values = check(n, line)[1]
                seen.add(n, values[1], values[0])
                yield False, values
        seen.finish(self.visit_count)

    _loads = staticmethod(orjson.loads)
    _values = staticmethod(schema.RecordChecker().values)

    def _check_line(self, n: int, line: bytes) -> tuple[dict[str, Any], tuple[Any, ...]]:
        """Line ``n`` parsed and checked: the record and its values."""
        try:
            rec = self._loads(line)
        except orjson.JSONDecodeError as exc:
            raise BundleError("schema_error", f"{JSONL} line {n} is not valid JSON.") from exc
        values = self._values(rec)
        if values is None:
            self._refuse(n, rec)
        return rec, values

    @staticmethod
    def _refuse(line: int, rec: Any) -> NoReturn:
        """Raise the schema error :func:`schema.check_record` finds in ``rec``."""
        try:
            schema.check_record(rec, line)
        except schema.SchemaError as exc:
            raise BundleError("schema_error", f"{JSONL} {exc}.") from exc
        raise BundleError("schema_error", f"{JSONL} line {line} does not follow the schema.")


MAX_UNPACKED = 2_000_000_000


def read_manifest(data: bytes) -> tuple[zipfile.ZipFile, dict[str, Any], bytes]:
    """Open the ZIP and parse its manifest (not yet trusted)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BundleError(
            "not_a_bundle", "This file is not a session-log bundle (not a readable ZIP file)."
        ) from exc
    if names != MEMBERS:
        raise BundleError(
            "not_a_bundle",
            "This file is not a session-log bundle (its parts "
            f"are {sorted(names)}, expected {sorted(MEMBERS)}).",
        )
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
        raise BundleError(
            "unsupported_schema",
            "The bundle uses schema version "
            f"{manifest.get('schema_version')!r}; this collector reads version "
            f"{schema.SCHEMA_VERSION}. Update the collector.",
        )
    for key in ("bundle_id", "kiosk_id", "kiosk_public_key", "parts", "counts"):
        if key not in manifest:
            raise BundleError("bad_manifest", f"The manifest has no {key!r}.")
    try:
        uuid.UUID(str(manifest["bundle_id"]))
    except ValueError as exc:
        raise BundleError("bad_manifest", "The manifest's bundle id is not valid.") from exc
    return z, manifest, raw


def open_bundle(data: bytes, registered_key: Callable[[str], str | None]) -> CheckedBundle:
    """Check a bundle completely and return its records; raise :class:`BundleError`.

    ``registered_key(kiosk_id)`` gives the public key registered for a kiosk, or None.
    """
    verified = verify_bundle(data, registered_key)
    with paused_gc():
        return CheckedBundle(verified.manifest, list(verified.records()), verified.sha256)


def verify_bundle(data: bytes, registered_key: Callable[[str], str | None]) -> VerifiedBundle:
    """Check a bundle's signature and manifest; raise :class:`BundleError`. The parts and
    the records are checked as the records are read from the result."""
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
        why = (
            "was not made by the kiosk registered as"
            if known
            else "does not match its own key; it claims to come from"
        )
        raise BundleError(
            "bad_signature",
            f"The bundle's signature {why} {kiosk_id!r}: "
            "it was changed or forged. Nothing was imported.",
        ) from exc
    if known is None:
        raise BundleError(
            "unknown_kiosk",
            f"The kiosk {kiosk_id!r} is not registered with "
            "this collector. Check its key fingerprint "
            f"{fingerprint(claimed)} and register it first.",
            kiosk_id=kiosk_id,
            public_key=claimed,
            fingerprint=fingerprint(claimed),
        )
    counts = manifest["counts"]
    expected = counts.get("visits") if isinstance(counts, dict) else None
    if not isinstance(expected, int) or isinstance(expected, bool):
        raise BundleError("bad_manifest", "The manifest has no visit count.")
    if not isinstance(manifest["parts"], dict):
        raise _changed(JSONL)
    # The CSV part is checked in a thread of its own (mostly outside the interpreter
    # lock) while the records are read.
    pool = ThreadPoolExecutor(1)
    csv_check = pool.submit(_check_csv, data, manifest["parts"].get(CSV), expected)
    pool.shutdown(wait=False)
    return VerifiedBundle(manifest, data, hashlib.sha256(data).hexdigest(), csv_check)
