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
from collections.abc import Iterable
from typing import Any

FORMAT = "literacy-kiosk-session-log"
SCHEMA_VERSION = 1

# (field, JSON type, meaning). Order is the CSV's column order.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("visit_id", "integer", "Visit number on its kiosk; (kiosk_id, visit_id) is unique."),
    ("kiosk_id", "string", "The kiosk that recorded the visit."),
    ("day", "date", "The point's calendar day (Hanoi time), YYYY-MM-DD."),
    ("ticket", "string", "Queue ticket shown to the citizen, e.g. A007."),
    ("follow_up_code", "string", "Code on the citizen's follow-up slip."),
    ("language", "string", "Language the citizen used: vi, en or ar."),
    ("state", "string", "Last state of the queue ticket."),
    ("priority", "string|null", "Priority category, if any (elderly, disability...)."),
    ("age_band", "string|null", "Age band, if given (under-18, 18-39, 40-59, 60-74, 75+)."),
    ("desk", "integer|null", "Desk that served the citizen."),
    ("volunteer_id", "integer|null", "Volunteer number on that kiosk (no name)."),
    ("created_at", "time", "Ticket taken (UTC, ISO 8601)."),
    ("called_at", "time|null", "Called to a desk (UTC)."),
    ("serving_at", "time|null", "Help started (UTC)."),
    ("finished_at", "time|null", "Help finished (UTC)."),
    ("wait_seconds", "integer|null", "Called minus taken."),
    ("service_seconds", "integer|null", "Finished minus started."),
    ("services", "list[string]", "Services the visit was about."),
    (
        "guides",
        "list[[guide, step, language, time]]",
        "Guide steps viewed, each as [guide id, step, language, UTC time].",
    ),
    ("outcome", "list[string]", "What was achieved."),
    ("previous_visit_id", "integer|null", "Earlier visit this one follows up."),
    (
        "personal",
        "sealed|null",
        "Consented name and phone, sealed for the coordinator's key "
        "(base64); empty when there is none or no key is set.",
    ),
)
FIELD_NAMES = tuple(f for f, _, _ in FIELDS)
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


_first17 = operator.itemgetter(*FIELD_NAMES[:17])
# Text columns of a CSV row (everything but numbers, the day and the times).
_GUARDED = (1, 3, 4, 5, 6, 7, 8, 17, 18, 19, 22)


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
class SchemaError(ValueError):
    """A record that does not follow the schema; the message names the line and field."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z\Z")
_B64 = re.compile(r"[A-Za-z0-9+/]+={0,2}\Z")
_SEAL_OVERHEAD = 48  # a sealed box adds an ephemeral key and a tag
_MAX_INT = 2**31 - 1  # whole numbers are stored as 32-bit integers


_FIELD_SET = frozenset(FIELD_NAMES)
_SHORT_TEXT = ("kiosk_id", "ticket", "follow_up_code", "language", "state")
_OPTIONAL_INT = ("desk", "volunteer_id", "wait_seconds", "service_seconds", "previous_visit_id")


def check_record(r: Any, line: int) -> None:
    """Raise :class:`SchemaError` unless ``r`` is a valid version-1 record."""

    def bad(field: str, why: str) -> SchemaError:
        return SchemaError(f"line {line}: {field} {why}")

    if r.__class__ is not dict:
        raise SchemaError(f"line {line}: not a JSON object")
    if r.keys() != _FIELD_SET:
        missing = sorted(_FIELD_SET - set(r))
        extra = sorted(set(r) - _FIELD_SET)
        raise SchemaError(
            f"line {line}: fields differ from the schema (missing {missing}, unknown {extra})"
        )
    v = r["visit_id"]
    if v.__class__ is not int or not 0 < v <= _MAX_INT:
        raise bad("visit_id", "must be a positive whole number")
    for f in _SHORT_TEXT:
        v = r[f]
        if v.__class__ is not str or not 0 < len(v) <= 64:
            raise bad(f, "must be short, non-empty text")
    for f in ("priority", "age_band"):
        v = r[f]
        if v is not None and (v.__class__ is not str or len(v) > 32):
            raise bad(f, "must be short text or null")
    for f in _OPTIONAL_INT:
        v = r[f]
        if v is not None and (v.__class__ is not int or not -_MAX_INT <= v <= _MAX_INT):
            raise bad(f, "must be a whole number or null")
    v = r["day"]
    if v.__class__ is not str or not _DATE.match(v):
        raise bad("day", "must be a date YYYY-MM-DD")
    v = r["created_at"]
    if v.__class__ is not str or not _TIME.match(v):
        raise bad("created_at", "must be a UTC time like 2026-11-28T01:00:00Z")
    for f in ("called_at", "serving_at", "finished_at"):
        v = r[f]
        if v is not None and (v.__class__ is not str or not _TIME.match(v)):
            raise bad(f, "must be a UTC time or null")
    for f in ("services", "outcome"):
        v = r[f]
        if (
            v.__class__ is not list
            or len(v) > 50
            or not all(x.__class__ is str and 0 < len(x) <= 64 for x in v)
        ):
            raise bad(f, "must be a list of short texts")
    guides = r["guides"]
    if guides.__class__ is not list or len(guides) > 5000:
        raise bad("guides", "must be a list")
    for g in guides:
        if not (
            g.__class__ is list
            and len(g) == 4
            and g[0].__class__ is str
            and len(g[0]) <= 64
            and g[1].__class__ is int
            and g[2].__class__ is str
            and len(g[2]) <= 8
            and g[3].__class__ is str
            and _TIME.match(g[3])
        ):
            raise bad("guides", "has an entry that is not [guide, step, language, time]")
    p = r["personal"]
    if p is not None and not (
        p.__class__ is str and len(p) <= 2000 and _B64.match(p) and len(p) * 3 // 4 > _SEAL_OVERHEAD
    ):
        raise bad("personal", "is not a sealed field")


_NONE = type(None)
# The JSON types each field may have, in field order.
_ALLOWED_TYPES = {
    "visit_id": {int},
    "kiosk_id": {str},
    "day": {str},
    "ticket": {str},
    "follow_up_code": {str},
    "language": {str},
    "state": {str},
    "priority": {str, _NONE},
    "age_band": {str, _NONE},
    "desk": {int, _NONE},
    "volunteer_id": {int, _NONE},
    "created_at": {str},
    "called_at": {str, _NONE},
    "serving_at": {str, _NONE},
    "finished_at": {str, _NONE},
    "wait_seconds": {int, _NONE},
    "service_seconds": {int, _NONE},
    "services": {list},
    "guides": {list},
    "outcome": {list},
    "previous_visit_id": {int, _NONE},
    "personal": {str, _NONE},
}
_all_fields = operator.itemgetter(*FIELD_NAMES)
_types_ok: dict[tuple[type, ...], bool] = {}
_b64 = _B64.match


_date, _time = _DATE.match, _TIME.match


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
        if not ok:
            return None
        (
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
            services,
            guides,
            outcome,
            prev,
            personal,
        ) = values
        for x in (desk, vol, wait, service, prev):
            if x is not None and not -_MAX_INT <= x <= _MAX_INT:
                return None
        if (
            not 0 < vid <= _MAX_INT
            or not 0 < len(kiosk) <= 64
            or not 0 < len(ticket) <= 64
            or not 0 < len(code) <= 64
            or not 0 < len(lang) <= 64
            or not 0 < len(state) <= 64
            or (prio is not None and len(prio) > 32)
            or (age is not None and len(age) > 32)
            or len(services) > 50
            or len(outcome) > 50
            or len(guides) > 5000
            or not _date(day)
            or not _time(created)
            or (called is not None and not _time(called))
            or (serving is not None and not _time(serving))
            or (finished is not None and not _time(finished))
            or (
                personal is not None
                and not (
                    len(personal) <= 2000
                    and _b64(personal) is not None
                    and len(personal) * 3 // 4 > _SEAL_OVERHEAD
                )
            )
        ):
            return None
        for x in services:
            if x.__class__ is not str or not 0 < len(x) <= 64:
                return None
        for x in outcome:
            if x.__class__ is not str or not 0 < len(x) <= 64:
                return None
        for g in guides:
            if g.__class__ is not list or len(g) != 4:
                return None
            guide, step, language, at = g
            if (
                guide.__class__ is not str
                or step.__class__ is not int
                or language.__class__ is not str
                or at.__class__ is not str
                or len(guide) > 64
                or len(language) > 8
                or not _time(at)
            ):
                return None
        return values


def record_ok(r: Any) -> bool:
    """Whether ``r`` is a valid version-1 record (as :func:`check_record` judges)."""
    return RecordChecker().values(r) is not None


# -- the plain form of a record's JSON line -------------------------------------------
# Kiosks write each record as compact JSON with the fields in schema order. When a line
# has exactly that form and none of its texts holds an escape, a quote or a control
# character, one regular expression checks it against every rule of
# :class:`RecordChecker` (lengths, dates, times, whole numbers, list sizes) and hands back
# its values as the text they are written in. A line in any other form is parsed and
# checked in full; the two ways agree on which records are valid.
def _text(most: int, least: int = 0) -> str:
    return f'"([^"\\\\\\x00-\\x1f]{{{least},{most}}})"'


_NUM = r"-?(?:0|[1-9][0-9]{0,8})"  # up to nine digits: within 32 bits
_PLAIN_TIME = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?Z"
_PLAIN_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_ITEM = '"[^"\\\\\\x00-\\x1f]{1,64}"'
_ITEMS = rf"(\[(?:{_ITEM}(?:,{_ITEM}){{0,49}})?\])"
_STEP = r'\["[^"\\\x00-\x1f]{0,64}",' + _NUM + r',"[^"\\\x00-\x1f]{0,8}","' + _PLAIN_TIME + r'"\]'
_PLAIN_PARTS = {
    "visit_id": r"([1-9][0-9]{0,8})",
    "kiosk_id": _text(64, 1),
    "day": f'"({_PLAIN_DAY})"',
    "ticket": _text(64, 1),
    "follow_up_code": _text(64, 1),
    "language": _text(64, 1),
    "state": _text(64, 1),
    "priority": f"(?:null|{_text(32)})",
    "age_band": f"(?:null|{_text(32)})",
    "desk": f"(?:null|({_NUM}))",
    "volunteer_id": f"(?:null|({_NUM}))",
    "created_at": f'"({_PLAIN_TIME})"',
    "called_at": f'(?:null|"({_PLAIN_TIME})")',
    "serving_at": f'(?:null|"({_PLAIN_TIME})")',
    "finished_at": f'(?:null|"({_PLAIN_TIME})")',
    "wait_seconds": f"(?:null|({_NUM}))",
    "service_seconds": f"(?:null|({_NUM}))",
    "services": _ITEMS,
    "guides": rf"(\[(?:{_STEP}(?:,{_STEP}){{0,4999}})?\])",
    "outcome": _ITEMS,
    "previous_visit_id": f"(?:null|({_NUM}))",
    "personal": r'(?:null|"([A-Za-z0-9+/]{1,2000}={0,2})")',
}
_PLAIN_LINE = re.compile(
    "{" + ",".join(f'"{f}":{_PLAIN_PARTS[f]}' for f in FIELD_NAMES) + "}", re.ASCII
)
_plain = _PLAIN_LINE.fullmatch


def plain_values(line: str, null: str | None = None) -> tuple[str | None, ...] | None:
    """The values of a record written in the plain form, as text in schema order
    (``null`` for null; ``services``, ``guides`` and ``outcome`` as their JSON text), if
    the line has that form and the record is valid; else None: parse and check it in
    full."""
    m = _plain(line)
    if m is None:
        return None
    values = m.groups(null)
    personal = values[21]
    if personal is not null and not (
        len(personal) <= 2000 and len(personal) * 3 // 4 > _SEAL_OVERHEAD
    ):
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
