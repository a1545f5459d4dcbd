"""What each dashboard page shows, as plain tables read from the summary table, the
bundles and the campaign settings: the same tables draw the page, its charts and its CSV
and XLSX downloads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, delete, func, select

from kiosk.collector.models import (
    AuditEntry,
    CampaignSetting,
    CampaignTarget,
    ImportedBundle,
    SummaryTotal,
)
from kiosk.collector.summary import ALL, Filters, grouped, percentile, total

OUTCOMES = (
    "account_registered",
    "level2_activated",
    "dossier_submitted",
    "fee_paid_online",
    "bank_linked",
    "app_installed",
)
PRIORITY = ("elderly", "disability", "poor_household", "pregnant")
SETTING_KEYS = ("name", "start", "end", "silent_hours")
DEFAULT_SILENT_HOURS = 24


@dataclass
class Table:
    """One table of a page: a key for its title, column keys, typed rows
    (``int``, ``date``, ``datetime``, ``str`` or ``None``)."""

    name: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    chart: str = ""  # "bars" (first column label, second number), "days", or ""
    labels: str = ""  # how the first column's codes are translated ("service", ...)


@dataclass
class Page:
    tables: list[Table]
    cards: list[tuple[str, int | float | str | None]] = field(default_factory=list)


# -- the campaign ---------------------------------------------------------------------
def settings(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute(select(CampaignSetting.key, CampaignSetting.value))}


def targets(conn: Connection) -> dict[tuple[str, str], int]:
    rows = conn.execute(
        select(CampaignTarget.point_name, CampaignTarget.metric, CampaignTarget.value)
    )
    return {(p, m): v for p, m, v in rows}


def save_campaign(
    engine: Engine,
    new_settings: dict[str, str],
    new_targets: dict[tuple[str, str], int | None],
    *,
    who: str,
    address: str,
    now: datetime,
) -> int:
    """Store settings and targets; each change goes into the audit table. Returns how
    many values changed."""
    changed = 0
    with engine.begin() as conn:
        old = settings(conn)
        for key, value in new_settings.items():
            if old.get(key, "") == value:
                continue
            conn.execute(delete(CampaignSetting).where(CampaignSetting.key == key))
            if value:
                conn.execute(CampaignSetting.__table__.insert().values(key=key, value=value))
            conn.execute(
                AuditEntry.__table__.insert().values(
                    at=now,
                    who=who,
                    address=address,
                    what=f"setting {key}",
                    before=old.get(key, ""),
                    after=value,
                )
            )
            changed += 1
        old_t = targets(conn)
        for (point, metric), amount in new_targets.items():
            if old_t.get((point, metric)) == amount:
                continue
            t = CampaignTarget
            conn.execute(delete(t).where((t.point_name == point) & (t.metric == metric)))
            if amount is not None:
                conn.execute(
                    t.__table__.insert().values(point_name=point, metric=metric, value=amount)
                )
            conn.execute(
                AuditEntry.__table__.insert().values(
                    at=now,
                    who=who,
                    address=address,
                    what=f"target {metric}" + (f" / {point}" if point else ""),
                    before="" if (point, metric) not in old_t else str(old_t[(point, metric)]),
                    after="" if amount is None else str(amount),
                )
            )
            changed += 1
    return changed


def audit(conn: Connection, limit: int = 200) -> Table:
    a = AuditEntry
    t = Table("audit", ["at", "who", "address", "what", "before", "after"])
    for row in conn.execute(
        select(a.at, a.who, a.address, a.what, a.before, a.after).order_by(a.id.desc()).limit(limit)
    ):
        t.rows.append(list(row))
    return t


def choices(conn: Connection) -> dict[str, list[str]]:
    """The points, wards and services there are to filter by."""
    s = SummaryTotal
    base = (s.service == ALL) & (s.kind == "visits")
    points = sorted(conn.scalars(select(s.point_name).where(base).distinct()))
    wards = sorted(w for w in conn.scalars(select(s.ward).where(base).distinct()) if w)
    services = sorted(
        conn.scalars(select(s.value).where((s.service == ALL) & (s.kind == "service")).distinct())
    )
    return {"point": points, "ward": wards, "service": services}


# -- the pages ------------------------------------------------------------------------
def overview(conn: Connection, f: Filters) -> Page:
    camp = settings(conn)
    goal = targets(conn)
    visits = total(conn, "visits", f)
    results = total(conn, "with_outcome", f)
    per_day = Table("per_day", ["day", "visits"], chart="days")
    per_day.rows = [[d, n] for d, n in grouped(conn, "visits", f, "day")]
    out = dict(grouped(conn, "outcome", f, "value"))
    res = Table("results", ["result", "visits", "target"], chart="bars", labels="outcome")
    for o in [*OUTCOMES, *sorted(set(out) - set(OUTCOMES))]:
        if o in out or ("", o) in goal:
            res.rows.append([o, out.get(o, 0), goal.get(("", o))])
    pri = dict(grouped(conn, "priority", f, "value"))
    groups = Table("priority", ["group", "visits", "share"], chart="bars", labels="priority")
    for g in [*PRIORITY, *sorted(set(pri) - set(PRIORITY) - {"none"}), "none"]:
        if g in pri:
            groups.rows.append([g, pri[g], _share(pri[g], visits)])
    pts = Table("points", ["point", "visits", "target"], chart="bars")
    for p, n in sorted(grouped(conn, "visits", f, "point_name"), key=lambda r: -r[1]):
        pts.rows.append([p, n, goal.get((p, "visits"))])
    priority_share = _share(visits - pri.get("none", 0), visits)
    cards: list[tuple[str, int | float | str | None]] = [
        ("card_visits", visits),
        ("card_results", results),
        ("card_priority", priority_share),
    ]
    if ("", "visits") in goal:
        cards.insert(1, ("card_target", goal[("", "visits")]))
    last7 = _recent(per_day.rows, 7)
    last30 = _recent(per_day.rows, 30)
    cards += [("card_last7", last7), ("card_last30", last30)]
    if camp.get("name"):
        cards.insert(0, ("card_campaign", camp["name"]))
    return Page([per_day, res, groups, pts], cards)


def _recent(per_day: list[list[Any]], days: int) -> int:
    if not per_day:
        return 0
    last = per_day[-1][0]
    return sum(n for d, n in per_day if d > last - timedelta(days=days))


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _waits(conn: Connection, f: Filters, by: str) -> dict[str, tuple[int | None, int | None]]:
    hist: dict[str, dict[int, int]] = defaultdict(dict)
    for key, minute, n in grouped(conn, "wait", f, by, "value"):
        hist[key][int(minute)] = hist[key].get(int(minute), 0) + n
    return {k: (percentile(h, 0.5), percentile(h, 0.9)) for k, h in hist.items()}


def points(conn: Connection, f: Filters) -> Page:
    visits = grouped(conn, "visits", f, "point_name", "ward")
    results = dict(grouped(conn, "with_outcome", f, "point_name"))
    waits = _waits(conn, f, "point_name")
    t = Table(
        "by_point",
        ["point", "ward", "visits", "results", "wait_median", "wait_p90"],
        chart="bars",
    )
    for p, w, n in sorted(visits, key=lambda r: -r[2]):
        med, p90 = waits.get(p, (None, None))
        t.rows.append([p, w, n, results.get(p, 0), med, p90])
    kiosks = Table("by_kiosk", ["kiosk", "point", "visits", "results", "wait_median", "wait_p90"])
    kres = dict(grouped(conn, "with_outcome", f, "kiosk_id"))
    kwait = _waits(conn, f, "kiosk_id")
    for k, p, n in sorted(
        grouped(conn, "visits", f, "kiosk_id", "point_name"), key=lambda r: -r[2]
    ):
        med, p90 = kwait.get(k, (None, None))
        kiosks.rows.append([k, p, n, kres.get(k, 0), med, p90])
    hours = Table("hours", ["hour", "visits"], chart="bars")
    hours.rows = [[f"{h}:00", n] for h, n in grouped(conn, "hour", f, "value")]
    guides = Table("guides", ["guide", "visits"], chart="bars")
    guides.rows = [
        [g, n] for g, n in sorted(grouped(conn, "guide", f, "value"), key=lambda r: -r[1])
    ]
    steps = Table("steps", ["guide", "step", "visits", "share"])
    opened = dict(guides.rows)
    rows = []
    for key, n in grouped(conn, "step", f, "value"):
        gid, _, step = key.rpartition("#")
        rows.append([gid, int(step) if step.isdigit() else 0, n, _share(n, opened.get(gid, 0))])
    steps.rows = sorted(rows, key=lambda r: (r[0], r[1]))
    return Page([t, kiosks, hours, guides, steps])


def health(conn: Connection, now: datetime) -> Page:
    b = ImportedBundle
    silent = timedelta(hours=_int(settings(conn).get("silent_hours"), DEFAULT_SILENT_HOURS))
    last = {}
    q = select(
        b.kiosk_id,
        func.max(b.received_at),
        func.max(b.sequence),
        func.sum(b.new_visits),
    ).group_by(b.kiosk_id)
    for k, received, seq, n in conn.execute(q):
        last[k] = (received, seq, int(n or 0))
    seqs: dict[str, set[int]] = defaultdict(set)
    for k, s in conn.execute(select(b.kiosk_id, b.sequence)):
        seqs[k].add(s)
    about: dict[str, tuple[str, str]] = {}
    packs: dict[str, dict[str, str]] = {}
    for k, p, app, reported in conn.execute(
        select(b.kiosk_id, b.point_name, b.app_version, b.guide_packs).order_by(
            b.received_at, b.sequence
        )
    ):
        about[k] = (p, app)
        if reported:  # the newest report; bundles from older kiosks carry none
            packs[k] = _packs(reported)
    t = Table(
        "kiosks",
        [
            "kiosk",
            "point",
            "last_upload",
            "last_sequence",
            "missing",
            "visits",
            "app_version",
            "guide_packs",
            "silent",
        ],
    )
    for k in sorted(last, key=lambda k: last[k][0]):
        received, seq, n = last[k]
        have = seqs[k]
        missing = [s for s in range(min(have), seq) if s not in have] if have else []
        quiet = received is None or now - received > silent
        t.rows.append(
            [
                k,
                about[k][0],
                received,
                seq,
                ", ".join(map(str, missing[:20])) + (" …" if len(missing) > 20 else ""),
                n,
                about[k][1],
                _by_version(packs.get(k, {})),
                "yes" if quiet else "",
            ]
        )
    editions = Table("guide_versions", ["guide", "version", "kiosks", "which_kiosks"])
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in sorted(packs):
        for g, v in packs[k].items():
            holders[(g, v)].append(k)
    for (g, v), ks in sorted(holders.items()):
        editions.rows.append([g, v or "?", len(ks), ", ".join(ks)])
    silent_count = sum(1 for r in t.rows if r[-1])
    return Page([t, editions], [("card_kiosks", len(t.rows)), ("card_silent", silent_count)])


def _by_version(packs: dict[str, str]) -> str:
    """A kiosk's guide packs grouped by version, newest-looking first, ``?`` (none
    given) last: ``2026.11.30: etax-mobile, ihanoi; 2026.10.01: vneid-level1``."""
    groups: dict[str, list[str]] = defaultdict(list)
    for g, v in sorted(packs.items()):
        groups[v or "?"].append(g)
    order = sorted(groups, key=lambda v: (v != "?", v), reverse=True)
    return "; ".join(f"{v}: {', '.join(groups[v])}" for v in order)


def _packs(reported: str) -> dict[str, str]:
    """The stored ``{guide id: version}`` of a bundle (written by the import)."""
    try:
        value = orjson.loads(reported)
    except orjson.JSONDecodeError:
        return {}
    return {str(g): str(v) for g, v in value.items()} if isinstance(value, dict) else {}


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
