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
import io
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
    ("guides", "list[[guide, step, language, time]]", "Guide steps viewed, each as "
                                                        "[guide id, step, language, UTC time]."),
    ("outcome", "list[string]", "What was achieved."),
    ("previous_visit_id", "integer|null", "Earlier visit this one follows up."),
    ("personal", "sealed|null", "Consented name and phone, sealed for the coordinator's key "
                                "(base64); empty when there is none or no key is set."),
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


_DANGER = frozenset(_DANGEROUS)
_first17 = operator.itemgetter(*FIELD_NAMES[:17])
# Text columns of a CSV row (everything but numbers, the day and the times).
_GUARDED = (1, 3, 4, 5, 6, 7, 8, 17, 18, 19, 22)


def _csv_row(r: dict[str, Any]) -> list[Any]:
    guides = r["guides"]
    row = [*_first17(r), "; ".join(r["services"]),
           "; ".join([f"{g[0]}#{g[1]}" for g in guides]), "; ".join(r["outcome"]),
           r["previous_visit_id"], len(guides), r["personal"]]
    # The csv module writes None as an empty cell and numbers as digits. Days and times
    # are written by the kiosk itself; every other text could start like a formula.
    for i in _GUARDED:
        c = row[i]
        if c and c[0] in _DANGER:
            row[i] = "'" + c
    return row


def csv_bytes(records: Iterable[dict[str, Any]]) -> bytes:
    """The records as an Excel- and LibreOffice-friendly CSV file."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(CSV_HEADER)
    w.writerows(_csv_row(r) for r in records)
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def count_csv_rows(data: bytes) -> int:
    """Data rows in a CSV part, without the header. A line break inside quotes does not end
    a row: a piece between CRLFs that leaves a quote open joins the next one."""
    rows, open_quote = 0, False
    pieces = data.split(b"\r\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    for piece in pieces:
        if b'"' in piece and piece.count(b'"') % 2:
            open_quote = not open_quote
        if not open_quote:
            rows += 1
    return max(0, rows - 1)


# -- checking records a collector receives --------------------------------------------
class SchemaError(ValueError):
    """A record that does not follow the schema; the message names the line and field."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z\Z")
_B64 = re.compile(r"[A-Za-z0-9+/]+={0,2}\Z")
_SEAL_OVERHEAD = 48  # a sealed box adds an ephemeral key and a tag


_FIELD_SET = frozenset(FIELD_NAMES)
_SHORT_TEXT = ("kiosk_id", "ticket", "follow_up_code", "language", "state")
_OPTIONAL_INT = ("desk", "volunteer_id", "wait_seconds", "service_seconds",
                 "previous_visit_id")


def check_record(r: Any, line: int) -> None:
    """Raise :class:`SchemaError` unless ``r`` is a valid version-1 record."""
    def bad(field: str, why: str) -> SchemaError:
        return SchemaError(f"line {line}: {field} {why}")

    if r.__class__ is not dict:
        raise SchemaError(f"line {line}: not a JSON object")
    if r.keys() != _FIELD_SET:
        missing = sorted(_FIELD_SET - set(r))
        extra = sorted(set(r) - _FIELD_SET)
        raise SchemaError(f"line {line}: fields differ from the schema "
                          f"(missing {missing}, unknown {extra})")
    v = r["visit_id"]
    if v.__class__ is not int or v < 1:
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
        if v is not None and v.__class__ is not int:
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
        if v.__class__ is not list or len(v) > 50 or not all(
                x.__class__ is str and 0 < len(x) <= 64 for x in v):
            raise bad(f, "must be a list of short texts")
    guides = r["guides"]
    if guides.__class__ is not list or len(guides) > 5000:
        raise bad("guides", "must be a list")
    for g in guides:
        if not (g.__class__ is list and len(g) == 4
                and g[0].__class__ is str and len(g[0]) <= 64 and g[1].__class__ is int
                and g[2].__class__ is str and len(g[2]) <= 8
                and g[3].__class__ is str and _TIME.match(g[3])):
            raise bad("guides", "has an entry that is not [guide, step, language, time]")
    p = r["personal"]
    if p is not None and not (p.__class__ is str and len(p) <= 2000 and _B64.match(p)
                              and len(p) * 3 // 4 > _SEAL_OVERHEAD):
        raise bad("personal", "is not a sealed field")
