"""The visits of one export as schema records: read from the kiosk's database (in one
pass on SQLite) and made at once into the bundle's two parts, JSON lines and CSV text,
deflated as they come."""

from __future__ import annotations

import itertools
import json
import operator
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, overload

import orjson

from kiosk.export import packing, schema
from kiosk.export.keys import seal
from kiosk.export.parts import CSV, JSONL, paused_gc
from kiosk.queue.tickets import local_day
from kiosk.storage import Database

# Ticket states after which a visit no longer changes (others wait for the day to end).
CLOSED_STATES = ("done", "finished", "no_show", "cancelled", "left")


def _iso(v: str | datetime | None) -> str | None:
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
    rows: list[tuple[Any, ...]] = cur.fetchall()
    return rows


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
        assert raw is not None, "the session's connection is open"
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
