"""Where a guide's facts come from, and whether a person has walked it through.

A pack names its ``sources`` (public pages, each with its title, address and the page's
own date) and, separately, ``field_checked``: the day a person last walked the service
through on a real phone. The two are different promises. Sources say "the steps follow
what was published on that date"; a field check says "someone saw these screens". A
guide with no field check, or whose newest source is old, is listed for volunteers
(:func:`needs_check`), so they know which guides to walk through first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from kiosk.guides.model import Guide, Source

SOURCE_MAX_AGE = timedelta(days=365)  # sources older than this are worth a new look
FIELD_MAX_AGE = timedelta(days=183)  # walk every guide through at least twice a year
MAX_SOURCES = 12
SOURCE_KEYS = ("title", "url", "date")

Add = Callable[..., None]


def _is_day(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def check_provenance(
    data: dict[str, Any], today: date | None, add: Add
) -> tuple[tuple[Source, ...], date | None]:
    """The pack's sources and field-check date; problems go to ``add(where, message)``."""
    sources: list[Source] = []
    raw = data.get("sources")
    if not isinstance(raw, list) or not raw:
        add(
            "sources",
            "missing: add at least one [[sources]] with title, url and date (the date the "
            "page itself gives)",
        )
        raw = []
    elif len(raw) > MAX_SOURCES:
        add("sources", f"has {len(raw)} entries; name at most {MAX_SOURCES}")
    for n, src in enumerate(raw, 1):
        where = f"sources[{n}]"
        if not isinstance(src, dict):
            add(where, "must be a table with title, url and date")
            continue
        for key in src:
            if key not in SOURCE_KEYS:
                add(f"{where}.{key}", "unknown field; allowed here: " + ", ".join(SOURCE_KEYS))
        title, url, day = src.get("title"), src.get("url"), src.get("date")
        ok = True
        if not isinstance(title, str) or not title.strip() or len(title) > 160:
            add(f"{where}.title", "must be the page's title in quotes, at most 160 characters")
            ok = False
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("https", "http") or not parts.hostname:
            add(f"{where}.url", f"{url!r} must be the page's full address, https://...")
            ok = False
        if day is None:
            pass  # a page that shows no date may be named, but it does not date the guide
        elif not _is_day(day):
            add(f"{where}.date", "must be the page's own date, without quotes, e.g. 2025-10-01")
            ok = False
        elif today is not None and day > today:
            add(f"{where}.date", f"{day} is in the future", severity="warning")
        if ok:
            assert isinstance(title, str) and isinstance(url, str)  # both checked above
            sources.append(Source(title.strip(), url, day))
    if sources and len(sources) == len(raw) and all(s.date is None for s in sources):
        add(
            "sources",
            "no source has a date: give at least one page with its own date, so a "
            "coordinator can see how old the steps are",
        )
    checked = data.get("field_checked")
    if checked in (None, ""):
        return tuple(sources), None
    if not _is_day(checked):
        add(
            "field_checked",
            'must be a date without quotes (e.g. 2027-05-14), or "" until a person has '
            "walked the guide through on a real phone",
        )
        return tuple(sources), None
    if today is not None and checked > today:
        add(
            "field_checked",
            f"{checked} is in the future; give the day of the real walk-through",
            severity="warning",
        )
    return tuple(sources), checked


@dataclass(frozen=True)
class Attention:
    """Why a guide should be walked through soon."""

    guide_id: str
    never_field_checked: bool
    field_check_old: bool
    sources_old: bool

    @property
    def reasons(self) -> tuple[str, ...]:
        keys = (
            ("never_field_checked", self.never_field_checked),
            ("field_check_old", self.field_check_old),
            ("sources_old", self.sources_old),
        )
        return tuple(k for k, on in keys if on)


def needs_check(
    guides: Iterable[Guide],
    today: date,
    source_max_age: timedelta = SOURCE_MAX_AGE,
    field_max_age: timedelta = FIELD_MAX_AGE,
) -> list[Attention]:
    """The guides never walked through on a phone, walked through long ago, or whose
    newest source is older than ``source_max_age``, in the order given."""
    out = []
    for g in guides:
        newest = g.sources_date
        a = Attention(
            g.id,
            never_field_checked=g.field_checked is None,
            field_check_old=g.field_checked is not None and today - g.field_checked > field_max_age,
            sources_old=newest is None or today - newest > source_max_age,
        )
        if a.reasons:
            out.append(a)
    return out
