"""A small adapter from guide packs to the facts a slip needs.

Reads ``<guides folder>/<id>/guide.toml`` (``resources/guides``, or ``KIOSK_GUIDES_DIR``)
with tomllib and takes only ``title``, ``next_at_home`` and ``official_url``. Packs write a
translated field in a ``[text.vi]``/``[text.en]`` table (see ``resources/guides/README.md``);
also accepted: ``title = "..."``, ``title = {vi = "...", en = "..."}``, a ``[vi]``/``[en]``
table, or a ``[guide]`` table holding any of these. A missing or unreadable pack gives
``None`` (the slip then uses the service's official address), never an error at the
citizen's turn.
"""

from __future__ import annotations

import logging
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from kiosk.guides.loader import default_dir
from kiosk.i18n import FALLBACK
from kiosk.slips.content import GuideSource, ServiceUrls, SlipGuide

log = logging.getLogger(__name__)


def _pick(table: dict[str, Any], field: str, lang: str) -> str:
    """``field`` in ``lang`` (then English, then Vietnamese) from one table, or ""."""
    order = (lang, *FALLBACK)
    value = table.get(field)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for code in order:
            if isinstance(text := value.get(code), str):
                return text
    texts = table.get("text")
    for code in order:
        sub = table.get(code)
        if isinstance(sub, dict) and isinstance(text := sub.get(field), str):
            return text
        if (
            isinstance(texts, dict)
            and isinstance(in_lang := texts.get(code), dict)
            and isinstance(text := in_lang.get(field), str)
        ):
            return text
        if isinstance(text := table.get(f"{field}_{code}"), str):
            return text
    return ""


def _field(data: dict[str, Any], field: str, lang: str) -> str:
    found = _pick(data, field, lang)
    if not found and isinstance(data.get("guide"), dict):
        found = _pick(data["guide"], field, lang)
    return found.strip()


@lru_cache(maxsize=64)
def _load(path: Path, mtime: float) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("guide pack %s not read for slips: %s", path, exc)
        return None


def guide_from_pack(guide_id: str, lang: str, root: Path | None = None) -> SlipGuide | None:
    """The slip facts of guide ``guide_id`` in ``lang``, or None if there is no such pack."""
    if not guide_id or "/" in guide_id or "\\" in guide_id or guide_id.startswith("."):
        return None
    path = (root or default_dir()) / guide_id / "guide.toml"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    data = _load(path, mtime)
    if data is None:
        return None
    title = _field(data, "title", lang) or guide_id
    return SlipGuide(
        id=guide_id,
        title=title,
        next_at_home=_field(data, "next_at_home", lang),
        official_url=_field(data, "official_url", lang),
    )


def _top(data: dict[str, Any], field: str) -> object:
    """A plain (untranslated) field, at the top of the pack or in its ``[guide]`` table."""
    if field in data:
        return data[field]
    inner = data.get("guide")
    return inner.get(field) if isinstance(inner, dict) else None


def service_url_from_packs(service_id: str, root: Path | None = None) -> str:
    """The official address of ``service_id`` as its guide packs give it (the pack first on
    the home screen wins), or "" when no pack teaches that service."""
    folder = root or default_dir()
    try:
        paths = sorted(folder.glob("*/guide.toml"))
    except OSError:
        return ""
    found: list[tuple[int, str, str]] = []
    for path in paths:
        try:
            data = _load(path, path.stat().st_mtime)
        except OSError:
            continue
        if data is None:
            continue
        url = _field(data, "official_url", FALLBACK[-1])
        if _top(data, "service") == service_id and url:
            order = _top(data, "order")
            found.append((order if isinstance(order, int) else 1_000_000, path.parent.name, url))
    return min(found)[2] if found else ""


def pack_service_urls(root: Path | None = None) -> ServiceUrls:
    """A :data:`~kiosk.slips.content.ServiceUrls` reading packs under ``root``."""
    return lambda service_id: service_url_from_packs(service_id, root)


def pack_source(root: Path | None = None) -> GuideSource:
    """A :data:`~kiosk.slips.content.GuideSource` reading packs under ``root``."""
    return lambda guide_id, lang: guide_from_pack(guide_id, lang, root)
