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
    ("guides", "list[guide step]", "Guide steps viewed: guide id, step, language, time."),
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


def _csv_row(r: dict[str, Any]) -> list[str]:
    guides = r["guides"]
    cells = [safe_cell(r[f]) for f in FIELD_NAMES[:17]]
    cells.append(safe_cell("; ".join(r["services"])))
    cells.append(safe_cell("; ".join(f"{g['guide']}#{g['step']}" for g in guides)))
    cells.append(safe_cell("; ".join(r["outcome"])))
    cells.append(safe_cell(r["previous_visit_id"]))
    cells.append(str(len(guides)))
    cells.append(safe_cell(r["personal"]))
    return cells


def csv_bytes(records: Iterable[dict[str, Any]]) -> bytes:
    """The records as an Excel- and LibreOffice-friendly CSV file."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(CSV_HEADER)
    w.writerows(_csv_row(r) for r in records)
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def count_csv_rows(data: bytes) -> int:
    """Data rows in a CSV part (quoted line breaks counted right), without the header."""
    text = data.decode("utf-8-sig")
    return max(0, sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1)


# -- checking records a collector receives --------------------------------------------
class SchemaError(ValueError):
    """A record that does not follow the schema; the message names the line and field."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z\Z")
_B64 = re.compile(r"[A-Za-z0-9+/]+={0,2}\Z")
_MAX_TEXT = 200
_SEAL_OVERHEAD = 48  # a sealed box adds an ephemeral key and a tag


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _text(v: Any, max_len: int = _MAX_TEXT) -> bool:
    return isinstance(v, str) and len(v) <= max_len


def check_record(r: Any, line: int) -> None:
    """Raise :class:`SchemaError` unless ``r`` is a valid version-1 record."""
    def bad(field: str, why: str) -> SchemaError:
        return SchemaError(f"line {line}: {field} {why}")

    if not isinstance(r, dict):
        raise SchemaError(f"line {line}: not a JSON object")
    if set(r) != set(FIELD_NAMES):
        missing = sorted(set(FIELD_NAMES) - set(r))
        extra = sorted(set(r) - set(FIELD_NAMES))
        raise SchemaError(f"line {line}: fields differ from the schema "
                          f"(missing {missing}, unknown {extra})")
    if not _is_int(r["visit_id"]) or r["visit_id"] < 1:
        raise bad("visit_id", "must be a positive whole number")
    for f in ("kiosk_id", "ticket", "follow_up_code", "language", "state"):
        if not _text(r[f], 64) or not r[f]:
            raise bad(f, "must be short, non-empty text")
    for f in ("priority", "age_band"):
        if r[f] is not None and not _text(r[f], 32):
            raise bad(f, "must be short text or null")
    for f in ("desk", "volunteer_id", "wait_seconds", "service_seconds", "previous_visit_id"):
        if r[f] is not None and not _is_int(r[f]):
            raise bad(f, "must be a whole number or null")
    if not isinstance(r["day"], str) or not _DATE.match(r["day"]):
        raise bad("day", "must be a date YYYY-MM-DD")
    if not isinstance(r["created_at"], str) or not _TIME.match(r["created_at"]):
        raise bad("created_at", "must be a UTC time like 2026-11-28T01:00:00Z")
    for f in ("called_at", "serving_at", "finished_at"):
        if r[f] is not None and (not isinstance(r[f], str) or not _TIME.match(r[f])):
            raise bad(f, "must be a UTC time or null")
    for f in ("services", "outcome"):
        v = r[f]
        if not isinstance(v, list) or len(v) > 50 or not all(_text(x, 64) and x for x in v):
            raise bad(f, "must be a list of short texts")
    guides = r["guides"]
    if not isinstance(guides, list) or len(guides) > 5000:
        raise bad("guides", "must be a list")
    for g in guides:
        if not (isinstance(g, dict) and set(g) == {"guide", "step", "language", "at"}
                and _text(g["guide"], 64) and _is_int(g["step"])
                and _text(g["language"], 8) and isinstance(g["at"], str)
                and _TIME.match(g["at"])):
            raise bad("guides", "has an entry that is not {guide, step, language, at}")
    p = r["personal"]
    if p is not None and not (isinstance(p, str) and len(p) <= 2000 and _B64.match(p)
                              and len(p) * 3 // 4 > _SEAL_OVERHEAD):
        raise bad("personal", "is not a sealed field")
