"""The session-log schema (version 1): one record per visit, as JSON lines and as CSV.

The JSON lines are what a collector imports; the CSV is the same records for people, made
to open right in Excel and LibreOffice: UTF-8 with a byte-order mark (so Vietnamese is
not garbled), CRLF line ends, quoting where needed, and cells that a spreadsheet would take
for a formula (starting with = + - @, a tab or a carriage return) prefixed with an
apostrophe. No record holds an ID number, an OTP, a password or bank details; a consented
name and phone travel only inside ``personal``, sealed for the coordinator.
"""

from __future__ import annotations

import csv
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

FORMAT = "literacy-kiosk-session-log"
SCHEMA_VERSION = 1

_MAX_INT = 2**31 - 1  # whole numbers are stored as 32-bit integers


@dataclass(frozen=True)
class Field:
    """One field of a record: everything the checks, the fast path's regular expression
    and the CSV take from it.

    ``kind`` is one of ``int`` (a whole number from ``least`` to ``most``), ``code``
    (text of ``least`` to ``most`` characters, none of them a control or direction
    character), ``day`` (a real date), ``time`` (a real UTC time), ``codes`` (a list of
    at most ``items`` codes), ``steps`` (at most ``items`` guide steps) or ``sealed``
    (base64 of a sealed box, at most ``most`` characters)."""

    name: str
    type: str
    meaning: str
    kind: str
    least: int = 0
    most: int = 0
    null: bool = False
    items: int = 0
    guarded: bool = False  # its CSV cell is text that could start like a formula
    sealed: bool = False  # personal data, sealed for the coordinator


def _code(name: str, meaning: str, least: int = 1, most: int = 64, null: bool = False) -> Field:
    return Field(
        name, "string|null" if null else "string", meaning, "code", least, most, null, guarded=True
    )


def _int(name: str, meaning: str, least: int, null: bool = True) -> Field:
    return Field(name, "integer|null" if null else "integer", meaning, "int", least, _MAX_INT, null)


# The record, field by field. Order is the CSV's column order.
TABLE: tuple[Field, ...] = (
    _int("visit_id", "Visit number on its kiosk; (kiosk_id, visit_id) is unique.", 1, False),
    _code("kiosk_id", "The kiosk that recorded the visit."),
    Field("day", "date", "The point's calendar day (Hanoi time), YYYY-MM-DD.", "day"),
    _code("ticket", "Queue ticket shown to the citizen, e.g. A007."),
    _code("follow_up_code", "Code on the citizen's follow-up slip."),
    _code("language", "Language the citizen used: vi, en or ar."),
    _code("state", "Last state of the queue ticket."),
    _code("priority", "Priority category, if any (elderly, disability...).", 0, 32, True),
    _code("age_band", "Age band, if given (under-18, 18-39, 40-59, 60-74, 75+).", 0, 32, True),
    _int("desk", "Desk that served the citizen.", 0),
    _int("volunteer_id", "Volunteer number on that kiosk (no name).", 0),
    Field("created_at", "time", "Ticket taken (UTC, ISO 8601).", "time"),
    Field("called_at", "time|null", "Called to a desk (UTC).", "time", null=True),
    Field("serving_at", "time|null", "Help started (UTC).", "time", null=True),
    Field("finished_at", "time|null", "Help finished (UTC).", "time", null=True),
    _int("wait_seconds", "Called minus taken.", 0),
    _int("service_seconds", "Finished minus started.", 0),
    Field(
        "services",
        "list[string]",
        "Services the visit was about.",
        "codes",
        1,
        64,
        items=50,
        guarded=True,
    ),
    Field(
        "guides",
        "list[[guide, step, language, time]]",
        "Guide steps viewed, each as [guide id, step, language, UTC time].",
        "steps",
        items=5000,
        guarded=True,
    ),
    Field("outcome", "list[string]", "What was achieved.", "codes", 1, 64, items=50, guarded=True),
    _int("previous_visit_id", "Earlier visit this one follows up.", 1),
    Field(
        "personal",
        "sealed|null",
        "Consented name and phone, sealed for the coordinator's key "
        "(base64); empty when there is none or no key is set.",
        "sealed",
        most=2000,
        null=True,
        guarded=True,
        sealed=True,
    ),
)
# (field, JSON type, meaning), as the manifest lists them.
FIELDS: tuple[tuple[str, str, str], ...] = tuple((f.name, f.type, f.meaning) for f in TABLE)
FIELD_NAMES = tuple(f.name for f in TABLE)
CSV_HEADER = (*FIELD_NAMES[:-1], "guide_steps_viewed", "personal_sealed")

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


INDEX = {name: i for i, name in enumerate(FIELD_NAMES)}
_first17 = operator.itemgetter(*FIELD_NAMES[: INDEX["services"]])
# Text columns of a CSV row, by the field they come from (the CSV has one column more:
# the count of guide steps, before the sealed personal data).
_CSV_COLUMN = {name: CSV_HEADER.index(name) for name in FIELD_NAMES[:-1]} | {
    "personal": CSV_HEADER.index("personal_sealed")
}
_GUARDED = tuple(sorted(_CSV_COLUMN[f.name] for f in TABLE if f.guarded))


def csv_row(r: dict[str, Any]) -> tuple[Any, ...]:
    """One record as a CSV row, before :func:`csv_text` guards the text cells."""
    guides = r["guides"]
    return (
        *_first17(r),
        "; ".join(r["services"]),
        "; ".join([f"{g[0]}#{g[1]}" for g in guides]),
        "; ".join(r["outcome"]),
        r["previous_visit_id"],
        len(guides),
        r["personal"],
    )


def _guard(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows with every text cell that starts like a formula prefixed with an
    apostrophe. Days and times are written by the kiosk itself; every other text could
    start like a formula."""
    rows = list(rows)
    for n, row in enumerate(rows):
        if any(row[i] and row[i].startswith(_DANGEROUS) for i in _GUARDED):
            rows[n] = tuple(
                "'" + c if i in _GUARDED_SET and c and c.startswith(_DANGEROUS) else c
                for i, c in enumerate(row)
            )
    return rows


_GUARDED_SET = frozenset(_GUARDED)
# Where a written cell (plain or quoted) starts like a formula. Such cells are rare, so
# the whole text is searched once and the rows are only looked at one by one if it finds
# one (numbers below zero match too, and are then left as they are).
_RISKY_CELL = re.compile(r',(?:[=+\-@\t]|"[=+\-@\t\r])')


class _Lines(list[str]):
    """Where the csv module writes its lines (quicker than a StringIO)."""

    write = list.append


def _write(rows: Iterable[tuple[Any, ...]], header: bool = True) -> str:
    out = _Lines()
    w = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        w.writerow(CSV_HEADER)
    w.writerows(rows)
    return "".join(out)


def csv_head() -> bytes:
    """The start of the CSV file: a byte-order mark and the header line."""
    return b"\xef\xbb\xbf" + _write((), header=True).encode("utf-8")


def csv_rows_text(rows: list[tuple[Any, ...]]) -> str:
    """CSV rows (from :func:`csv_row`) as lines of the CSV file, formula-like cells shown
    as text."""
    text = _write(rows, header=False)
    if _RISKY_CELL.search(text):
        text = _write(_guard(rows), header=False)
    return text


_SEPARATORS = len(CSV_HEADER) - 1


def plain_csv(text: str, rows: int) -> bool:
    """Whether ``text``, ``rows`` lines of cells simply joined with commas, is what the
    csv module writes for them with :func:`csv_rows_text`: true when no cell holds a comma,
    a quote or a line break (nothing to quote) and none starts like a formula."""
    return (
        text.count(",") == _SEPARATORS * rows
        and '"' not in text
        and text.count("\n") == rows
        and text.count("\r") == rows
        and _RISKY_CELL.search(text) is None
    )


def csv_text(rows: list[tuple[Any, ...]]) -> bytes:
    """CSV rows (from :func:`csv_row`) as an Excel- and LibreOffice-friendly file: UTF-8
    with a byte-order mark, CRLF line ends, formula-like cells shown as text."""
    return csv_head() + csv_rows_text(rows).encode("utf-8")


def csv_bytes(records: Iterable[dict[str, Any]]) -> bytes:
    """The records as an Excel- and LibreOffice-friendly CSV file."""
    return csv_text([csv_row(r) for r in records])


class CsvRowCounter:
    """Counts the data rows of a CSV part fed as pieces between CRLFs, in order. A line
    break inside quotes does not end a row: a piece that leaves a quote open joins the
    next one."""

    def __init__(self) -> None:
        self._rows = 0
        self._open_quote = False

    def feed(self, pieces: list[bytes]) -> None:
        if not self._open_quote and not any(b'"' in p for p in pieces):
            self._rows += len(pieces)
            return
        for piece in pieces:
            if b'"' in piece and piece.count(b'"') % 2:
                self._open_quote = not self._open_quote
            if not self._open_quote:
                self._rows += 1

    @property
    def rows(self) -> int:
        """Rows so far, without the header."""
        return max(0, self._rows - 1)


def count_csv_rows(data: bytes) -> int:
    """Data rows in a CSV part, without the header (see :class:`CsvRowCounter`)."""
    pieces = data.split(b"\r\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    counter = CsvRowCounter()
    counter.feed(pieces)
    return counter.rows


# -- checking records a collector receives --------------------------------------------
# Everything below is made from TABLE: the plain check that says what is wrong
# (:func:`check_record`), the quick one a collector runs on every record
# (:class:`RecordChecker`) and the regular expression of the plain form of a line
# (:func:`plain_values`). A test holds the three to the same verdicts.
class SchemaError(ValueError):
    """A record that does not follow the schema; the message names the line and field."""


# Characters no code may hold: controls (C0, DEL, C1), the line and paragraph
# separators, and the marks and overrides that change the direction of text (a text
# shown right to left could pass for another).
BAD_CHARS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
_BAD = re.compile(f"[{BAD_CHARS}]")
_has_bad = _BAD.search
# Only the overrides and isolates, which free text loses (see :func:`neutral_text`).
_DIRECTION = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Real dates only (years 1900-2999), leap days included; real UTC times.
_YEAR = "(?:19|2[0-9])[0-9]{2}"
_LEAP = "(?:(?:19|2[0-9])(?:0[48]|[2468][048]|[13579][26])|2000|2400|2800)"
_DAY_RE = (
    f"(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    f"|02-(?:0[1-9]|1[0-9]|2[0-8]))|{_LEAP}-02-29)"
)
_TIME_RE = _DAY_RE + r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?Z"
_DATE = re.compile(_DAY_RE + r"\Z")
_TIME = re.compile(_TIME_RE + r"\Z")
_B64 = re.compile(r"[A-Za-z0-9+/]+={0,2}\Z")
_SEAL_OVERHEAD = 48  # a sealed box adds an ephemeral key and a tag
# A guide step: [guide id, step number, language, time].
_STEP_GUIDE, _STEP_LANGUAGE, _STEP_MOST = 64, 8, _MAX_INT

_FIELD_SET = frozenset(FIELD_NAMES)
_date, _time, _b64 = _DATE.match, _TIME.match, _B64.match


def is_code(v: Any, least: int = 1, most: int = 64) -> bool:
    """Whether ``v`` is text of ``least`` to ``most`` characters with no control or
    direction character."""
    return v.__class__ is str and least <= len(v) <= most and not _has_bad(v)


def is_time(v: Any) -> bool:
    """Whether ``v`` is a real UTC time like 2026-11-28T01:00:00Z."""
    return v.__class__ is str and _time(v) is not None


def neutral_text(v: Any, most: int = 120) -> str:
    """Free text (a point's name, its ward) made safe to show and store: no control
    characters, no direction overrides, at most ``most`` characters."""
    if v is None:
        return ""
    text = _DIRECTION.sub("", str(v))
    return _BAD.sub(" ", text)[:most]


def _sealed_ok(p: str, most: int) -> bool:
    return len(p) <= most and _b64(p) is not None and len(p) * 3 // 4 > _SEAL_OVERHEAD


def _codes_ok(v: list[Any], f: Field) -> bool:
    return len(v) <= f.items and all(is_code(x, f.least, f.most) for x in v)


def _steps_ok(v: list[Any], f: Field) -> bool:
    if len(v) > f.items:
        return False
    for g in v:
        if g.__class__ is not list or len(g) != 4:
            return False
        guide, step, language, at = g
        if not (
            is_code(guide, 0, _STEP_GUIDE)
            and step.__class__ is int
            and 0 <= step <= _STEP_MOST
            and is_code(language, 0, _STEP_LANGUAGE)
            and at.__class__ is str
            and _time(at)
        ):
            return False
    return True


_WHY = {
    "int": "must be a whole number from {least} to {most}",
    "code": "must be text of {least} to {most} characters, without control characters",
    "day": "must be a real date YYYY-MM-DD",
    "time": "must be a real UTC time like 2026-11-28T01:00:00Z",
    "codes": "must be a list of at most {items} short texts",
    "steps": "must be a list of [guide, step, language, time]",
    "sealed": "is not a sealed field",
}


def _value_ok(f: Field, v: Any) -> bool:
    """Whether ``v`` is a valid value of field ``f`` (the plain rule, one field)."""
    if v is None:
        return f.null
    kind = f.kind
    if kind == "int":
        return v.__class__ is int and f.least <= v <= f.most
    if kind == "code":
        return is_code(v, f.least, f.most)
    if kind == "day":
        return v.__class__ is str and _date(v) is not None
    if kind == "time":
        return is_time(v)
    if kind == "codes":
        return v.__class__ is list and _codes_ok(v, f)
    if kind == "steps":
        return v.__class__ is list and _steps_ok(v, f)
    if kind == "sealed":
        return v.__class__ is str and _sealed_ok(v, f.most)
    raise AssertionError(f"unknown kind {kind!r}")


def check_record(r: Any, line: int) -> None:
    """Raise :class:`SchemaError` unless ``r`` is a valid version-1 record."""
    if r.__class__ is not dict:
        raise SchemaError(f"line {line}: not a JSON object")
    if r.keys() != _FIELD_SET:
        missing = sorted(_FIELD_SET - set(r))
        extra = sorted(repr(k)[:40] for k in set(r) - _FIELD_SET)[:5]
        raise SchemaError(
            f"line {line}: fields differ from the schema (missing {missing}, unknown {extra})"
        )
    for f in TABLE:
        if not _value_ok(f, r[f.name]):
            why = _WHY[f.kind].format(least=f.least, most=f.most, items=f.items)
            raise SchemaError(f"line {line}: {f.name} {why}" + (" or null" if f.null else ""))


# -- the quick check, made from TABLE --------------------------------------------------
_NONE = type(None)
_PY_TYPES: dict[str, set[type]] = {
    "int": {int},
    "code": {str},
    "day": {str},
    "time": {str},
    "codes": {list},
    "steps": {list},
    "sealed": {str},
}
_ALLOWED_TYPES = {f.name: _PY_TYPES[f.kind] | ({_NONE} if f.null else set()) for f in TABLE}


def _quick_source() -> str:
    """The source of a function that checks a record's values (their types already
    checked), one expression per field, written out from TABLE so it runs at the speed
    of hand-written code."""
    terms, codes = [], []
    for i, f in enumerate(TABLE):
        x = f"v[{i}]"
        if f.kind == "int":
            term = f"{f.least} <= {x} <= {f.most}"
        elif f.kind == "code":
            term = f"{f.least} <= len({x}) <= {f.most}"
            codes.append(f"{x} or ''" if f.null else x)
        elif f.kind == "day":
            term = f"_date({x}) is not None"
        elif f.kind == "time":
            term = f"_time({x}) is not None"
        elif f.kind == "codes":
            term = f"_codes_ok({x}, TABLE[{i}])"
        elif f.kind == "steps":
            term = f"_steps_ok({x}, TABLE[{i}])"
        else:
            term = f"_sealed_ok({x}, {f.most})"
        terms.append(f"({x} is None or {term})" if f.null else f"({term})")
    terms.append(f"_has_bad(' '.join(({', '.join(codes)},))) is None")
    return "def _quick(v):\n    return (\n        " + "\n        and ".join(terms) + "\n    )\n"


_namespace: dict[str, Any] = {
    "_date": _date,
    "_time": _time,
    "_codes_ok": _codes_ok,
    "_steps_ok": _steps_ok,
    "_sealed_ok": _sealed_ok,
    "_has_bad": _has_bad,
    "TABLE": TABLE,
}
exec(compile(_quick_source(), "<schema quick check>", "exec"), _namespace)
_quick: Callable[[tuple[Any, ...]], bool] = _namespace["_quick"]
_all_fields = operator.itemgetter(*FIELD_NAMES)
_types_ok: dict[tuple[type, ...], bool] = {}


class RecordChecker:
    """Checks records quickly, with the same rules as :func:`check_record`, without
    saying what is wrong (:func:`check_record` does). The field types of a record are
    looked up as a whole in the few combinations seen so far."""

    def values(self, r: Any) -> tuple[Any, ...] | None:
        """The record's field values in schema order, or None if it breaks a rule."""
        if r.__class__ is not dict:
            return None
        values: tuple[Any, ...]
        if tuple(r) == FIELD_NAMES:  # the fields in the usual order: take them as they are
            values = tuple(r.values())
        elif r.keys() == _FIELD_SET:
            values = _all_fields(r)
        else:
            return None
        types = tuple(map(type, values))
        ok = _types_ok.get(types)
        if ok is None:
            ok = all(t in _ALLOWED_TYPES[f] for f, t in zip(FIELD_NAMES, types, strict=True))
            if len(_types_ok) < 256:
                _types_ok[types] = ok
        if not ok or not _quick(values):
            return None
        return values


def record_ok(r: Any) -> bool:
    """Whether ``r`` is a valid version-1 record (as :func:`check_record` judges)."""
    return RecordChecker().values(r) is not None


# -- the plain form of a record's JSON line -------------------------------------------
# Kiosks write each record as compact JSON with the fields in schema order. When a line
# has exactly that form and none of its texts holds an escape, a quote or a control or
# direction character, one regular expression (made from TABLE) checks it against every
# rule and hands back its values as the text they are written in. A line in any other
# form is parsed and checked in full; the two ways agree on which records are valid.
_CHAR = f'[^"\\\\{BAD_CHARS}]'


def _text(least: int, most: int) -> str:
    return f'"{_CHAR}{{{least},{most}}}"'


def _whole(least: int) -> str:
    # Up to nine digits: within 32 bits (longer numbers take the full check).
    return "(?:0|[1-9][0-9]{0,8})" if least <= 0 else "[1-9][0-9]{0,8}"


# Days here are checked coarsely (month 01-12, day 01-31), which is quick; a line with
# a 29th, 30th or 31st that some month lacks is checked in full instead (_odd_day).
_PLAIN_DAY_RE = f"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_PLAIN_TIME_RE = _TIME_RE.replace(_DAY_RE, _PLAIN_DAY_RE)
_odd_day = re.compile(r"-(?:02-(?:29|3[01])|(?:0[469]|11)-31)").search
_STEP = (
    rf"\[{_text(0, _STEP_GUIDE)},{_whole(0)},{_text(0, _STEP_LANGUAGE)},"
    rf'"{_PLAIN_TIME_RE}"\]'
)


def _plain_part(f: Field) -> str:
    """The regular expression of one field's value in the plain form, its text as one
    group."""
    if f.kind == "int":
        part = f"({_whole(f.least)})"
    elif f.kind == "code":
        part = f'"({_CHAR}{{{f.least},{f.most}}})"'
    elif f.kind == "day":
        part = f'"({_PLAIN_DAY_RE})"'
    elif f.kind == "time":
        part = f'"({_PLAIN_TIME_RE})"'
    elif f.kind == "codes":
        item = _text(f.least, f.most)
        part = rf"(\[(?:{item}(?:,{item}){{0,{f.items - 1}}})?\])"
    elif f.kind == "steps":
        part = rf"(\[(?:{_STEP}(?:,{_STEP}){{0,{f.items - 1}}})?\])"
    else:
        part = rf'"([A-Za-z0-9+/]{{1,{f.most}}}={{0,2}})"'
    return f"(?:null|{part})" if f.null else part


_PLAIN_LINE = re.compile("{" + ",".join(f'"{f.name}":{_plain_part(f)}' for f in TABLE) + "}")
_plain = _PLAIN_LINE.fullmatch
_SEALED = [(i, f.most) for i, f in enumerate(TABLE) if f.kind == "sealed"]


def plain_values(line: str, null: str | None = None) -> tuple[str | None, ...] | None:
    """The values of a record written in the plain form, as text in schema order
    (``null`` for null; ``services``, ``guides`` and ``outcome`` as their JSON text), if
    the line has that form and the record is valid; else None: parse and check it in
    full."""
    m = _plain(line)
    if m is None or _odd_day(line):
        return None
    values = m.groups(null)
    for i, most in _SEALED:
        v = values[i]
        if v is not null and not _sealed_ok(v, most):  # type: ignore[arg-type]  # not null: a str
            return None
    return values


def plain_items(text: str) -> list[str]:
    """The texts of a ``services`` or ``outcome`` list from :func:`plain_values`."""
    return text[2:-2].split('","') if len(text) > 2 else []


def plain_steps(text: str) -> int:
    """How many guide steps a ``guides`` list from :func:`plain_values` holds. Each ends
    with a time, its closing quote and a bracket; no other text there is followed by a
    bracket, and no text in the plain form holds a quote."""
    return text.count('Z"]')


# -- the manifest ----------------------------------------------------------------------
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")


def manifest_problem(m: dict[str, Any], *, max_part: int) -> str | None:
    """What is wrong with a (signed) manifest's values, in a few words, or None."""
    seq = m.get("sequence")
    if seq.__class__ is not int or not 0 <= seq <= _MAX_INT:
        return f"has a sequence number that is not a whole number up to {_MAX_INT}"
    if not is_time(m.get("created_at")):
        return "has a creation time that is not a real UTC time"
    if m.get("mode") not in ("full", "incremental"):
        return "has an unknown export mode"
    counts = m.get("counts")
    if counts.__class__ is not dict:
        return "has no counts"
    for key in ("visits", "guide_views", "with_personal"):
        n = counts.get(key)
        if n.__class__ is not int or not 0 <= n <= _MAX_INT:
            return f"has a {key} count that is not a whole number"
    tr = m.get("time_range")
    if tr.__class__ is not dict or not all(
        tr.get(k) is None or is_time(tr.get(k)) for k in ("from", "to")
    ):
        return "has a time range that is not made of real UTC times"
    point = m.get("point")
    if point is not None and (
        point.__class__ is not dict
        or not all(point.get(k) is None or point.get(k).__class__ is str for k in ("name", "ward"))
    ):
        return "describes its point wrongly"
    parts = m.get("parts")
    if parts.__class__ is not dict or set(parts) != {"visits.jsonl", "visits.csv"}:
        return "does not list exactly the two parts"
    for info in parts.values():
        if (
            info.__class__ is not dict
            or info.get("bytes").__class__ is not int
            or not 0 <= info["bytes"] <= max_part
            or info.get("sha256").__class__ is not str
            or not _HEX64.match(info["sha256"])
        ):
            return "describes a part wrongly (size or checksum)"
    return None


def real_day(text: str) -> date:
    """A checked record's day as a date."""
    return date.fromisoformat(text)
