"""The dashboard at city scale: generated visits (by default 10 million: 100 points x 45
days) COPYed into a throwaway PostgreSQL server's collector tables, with their summary
rows made by the same function the import uses (:func:`kiosk.collector.summary.count_visits`),
then a real ``kiosk-collector serve`` answering each dashboard page and export.

Prints, per page and export, the median and 95th percentile of ``--rounds`` requests
(signed in with the read token, one after another), and the load time.

Targets: p95 at most 300 ms per page; the XLSX of one point's 45 days within 5 s.

    .venv/bin/python benchmarks/dashboard.py [--visits 10000000] [--points 100]
        [--days 45] [--rounds 20] [--jobs 2]

PostgreSQL needs the server programs (Debian: apt-get install postgresql); a throwaway
server is started in a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from kiosk.collector.models import (  # noqa: E402
    ITEM_COLUMNS,
    VISIT_COLUMNS,
    CollectedVisit,
    migrate,
)
from kiosk.collector.store import Collector  # noqa: E402
from kiosk.collector.summary import TOTAL_COLUMNS, Key, count_visits, over_all_days  # noqa: E402
from kiosk.guides.loader import pack_versions  # noqa: E402
from tests.pgcluster import ThrowawayPostgres  # noqa: E402

SERVICES = ("vneid", "public-service", "payments", "mps", "ihanoi", "etax", "pension")
OUTCOMES = ("account_registered", "level2_activated", "dossier_submitted", "fee_paid_online")
GUIDES = ("vneid-level2", "public-service-portal", "etax-mobile", "scam-safety")
PRIORITY = (None, None, None, "elderly", "elderly", "disability", "poor_household")
AGES = ("18-39", "40-59", "60-74", "75+")
TOKEN = "benchmark-read-token"
FIRST_DAY = date(2026, 10, 1)


NULL = "\\N"
GUIDE_TIME = "2026-10-01T00:00:00Z"
ITEM_ORDER = ("kiosk_id", "visit_id", "kind", "value")
# The visit rows are written field by field in :func:`_point_day`, in this order.
EXPECTED_COLUMNS = (
    "kiosk_id", "visit_id", "bundle_id", "point_name", "ward", "day", "ticket",
    "follow_up_code", "language", "state", "priority", "age_band", "desk", "volunteer_id",
    "created_at", "called_at", "serving_at", "finished_at", "wait_seconds",
    "service_seconds", "guide_steps", "guides", "previous_visit_id", "personal",
)  # fmt: skip


def _cell(x: object) -> str:
    if x is None:
        return NULL
    if isinstance(x, datetime):
        return x.isoformat()
    return str(x).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _point_day(
    rng: random.Random, where: tuple[str, str, str], day: date, bundle: str, first: int, n: int
) -> tuple[str, str, Counter[Key]]:
    """One point's day of ``n`` visits from number ``first``: the visit rows and the item
    rows as COPY text, and the summary counts the import would add for them."""
    kiosk, point, ward = where
    vlines, ilines, rows = [], [], []
    middle = f"\t{bundle}\t{point}\t{ward}\t{day.isoformat()}\t"
    midnight = datetime(day.year, day.month, day.day, 1, tzinfo=UTC)
    rand, randrange = rng.random, rng.randrange
    iso = day.isoformat()

    def stamp(s: int) -> str:
        return f"{iso}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}+00:00"

    for vid in range(first, first + n):
        minute = randrange(540)  # from 01:00 UTC (08:00 in Hanoi)
        created = midnight + timedelta(minutes=minute)
        wait = randrange(60, 2400)
        service = SERVICES[int(rand() * len(SERVICES))]
        outcome = [OUTCOMES[int(rand() * len(OUTCOMES))]] if rand() < 0.6 else []
        guide = GUIDES[int(rand() * len(GUIDES))]
        steps = range(1, 2 + int(rand() * 6))
        priority = PRIORITY[int(rand() * len(PRIORITY))]
        age = AGES[int(rand() * len(AGES))]
        visit = {
            "kiosk_id": kiosk,
            "point_name": point,
            "ward": ward,
            "day": day,
            "priority": priority,
            "age_band": age,
            "language": "vi",
            "created_at": created,
            "wait_seconds": wait,
            "guides": [(guide, s) for s in steps],
        }
        rows.append((visit, (service,), outcome))
        opened = ",".join(f'["{guide}",{s},"{GUIDE_TIME}"]' for s in steps)
        taken = 3600 + 60 * minute  # seconds after midnight UTC: no day is crossed
        called = taken + wait
        vlines.append(
            f"{kiosk}\t{vid}{middle}A{vid:03d}\tF{vid:07d}\tvi\tdone\t{priority or NULL}\t{age}"
            f"\t1\t{NULL}\t{stamp(taken)}\t{stamp(called)}\t{stamp(called + 60)}\t"
            f"{stamp(called + 900)}\t{wait}\t840\t{len(steps)}\t[{opened}]\t{NULL}\t{NULL}\n"
        )
        ilines.append(f"{kiosk}\t{vid}\tservice\t{service}\n")
        if outcome:
            ilines.append(f"{kiosk}\t{vid}\toutcome\t{outcome[0]}\n")
    return "".join(vlines), "".join(ilines), count_visits(rows)


SUMMARY_COLUMNS = ("service", "kind", "day", "kiosk_id", "point_name", "ward", "value", "n")
BUNDLE_COLUMNS = (
    "bundle_id, kiosk_id, point_name, ward, sequence, created_at, received_at, "
    "visits, new_visits, sha256, source, app_version, guide_packs"
)
# Every kiosk reports the guide packs this repository ships, as the import stores them.
GUIDE_PACKS = orjson.dumps(dict(sorted(pack_versions().items()))).decode()


def load_point(dsn: str, p: int, days: int, per_day: int) -> int:
    """COPY one point's generated visits, items, bundles and summary rows in one
    transaction; each day's rows are sent while the next day is made, so the server
    stores them meanwhile. Returns how many visits. Memory: one point's summary counts
    and one day's rows."""
    import psycopg

    rng = random.Random(45_000 + p)
    where = (f"k-bench-{p:04d}", f"Điểm {p + 1:03d}", f"Phường {p % 30 + 1:02d}")
    counts: Counter[Key] = Counter()
    blines = []
    visit_copy = f"COPY collector_visit ({', '.join(VISIT_COLUMNS)}) FROM STDIN"
    item_copy = f"COPY collector_visit_item ({', '.join(ITEM_COLUMNS)}) FROM STDIN"
    with psycopg.connect(dsn) as conn, psycopg.connect(dsn) as iconn:
        cur, icur = conn.cursor(), iconn.cursor()
        with cur.copy(visit_copy) as vcp, icur.copy(item_copy) as icp:
            for d in range(days):
                day = FIRST_DAY + timedelta(days=d)
                bundle = str(uuid.UUID(int=rng.getrandbits(128)))
                sent = datetime(day.year, day.month, day.day, 11, tzinfo=UTC)
                fields = (bundle, *where, d + 1, sent, sent, per_day, per_day)
                blines.append("\t".join(map(_cell, (*fields, "", "usb", "0.1.0", GUIDE_PACKS))))
                vtext, itext, day_counts = _point_day(
                    rng, where, day, bundle, d * per_day + 1, per_day
                )
                vcp.write(vtext)
                icp.write(itext)
                counts.update(day_counts)
        with cur.copy(f"COPY collector_bundle ({BUNDLE_COLUMNS}) FROM STDIN") as cp:
            cp.write("\n".join(blines) + "\n")
        with cur.copy(f"COPY collector_summary ({', '.join(SUMMARY_COLUMNS)}) FROM STDIN") as cp:
            cp.write("\n".join("\t".join(map(_cell, (*k, n))) for k, n in counts.items()))
        with cur.copy(
            f"COPY collector_summary_total ({', '.join(TOTAL_COLUMNS)}, n) FROM STDIN"
        ) as cp:
            rolled = over_all_days(counts)
            cp.write("\n".join("\t".join(map(_cell, (*k, n))) for k, n in rolled.items()))
        iconn.commit()
        conn.commit()
    return days * per_day


def generate(url: str, visits: int, points: int, days: int, jobs: int = 1) -> float:
    """COPY ``visits`` generated visits, their items, bundles and summary rows, each point
    by :func:`load_point`, ``jobs`` points at a time (each in its own process). The
    visits' secondary indexes are dropped first and made again afterwards (by the
    collector's own migration), as a bulk load does."""
    from concurrent.futures import ProcessPoolExecutor

    import psycopg
    from sqlalchemy import create_engine

    if VISIT_COLUMNS != EXPECTED_COLUMNS or ITEM_COLUMNS != ITEM_ORDER:
        raise SystemExit("the collector's tables changed: update _point_day")
    per_day = max(1, visits // (points * days))
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    start = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET max_wal_size = '8GB'")
        conn.execute("ALTER SYSTEM SET maintenance_work_mem = '512MB'")
        conn.execute("SELECT pg_reload_conf()")
        for index in CollectedVisit.__table__.indexes:
            conn.execute(f"DROP INDEX IF EXISTS {index.name}")
    done = 0
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        loading = [pool.submit(load_point, dsn, p, days, per_day) for p in range(points)]
        for n, job in enumerate(loading, 1):
            done += job.result()
            if n % 10 == 0 or n == points:
                took = time.perf_counter() - start
                print(f"  {n} points, {done:,} visits loaded, {took:.0f} s", flush=True)
    print(f"  making the visits' indexes again, {time.perf_counter() - start:.0f} s", flush=True)
    engine = create_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()
    # What the pages read is vacuumed (for index-only scans) and every table analysed;
    # vacuuming the visits themselves would rewrite gigabytes the pages never read.
    print(f"  VACUUM ANALYZE, {time.perf_counter() - start:.0f} s", flush=True)
    with psycopg.connect(dsn, autocommit=True) as conn:
        for table in ("collector_summary", "collector_summary_total", "collector_bundle"):
            conn.execute(f"VACUUM ANALYZE {table}")
        conn.execute("ANALYZE collector_visit")
        conn.execute("ANALYZE collector_visit_item")
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        print(f"  database: {size[0] / 2**30:.1f} GiB" if size else "", flush=True)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--visits", type=int, default=10_000_000)
    ap.add_argument("--points", type=int, default=100)
    ap.add_argument("--days", type=int, default=45)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=1, help="points generated at a time")
    args = ap.parse_args()
    # Stopped from outside, still stop the throwaway server and remove its folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ThrowawayPostgres() as pg:
        Collector(pg.url).dispose()  # the tables
        took = generate(pg.url, args.visits, args.points, args.days, args.jobs)
        per_day = max(1, args.visits // (args.points * args.days))
        total = per_day * args.points * args.days
        print(f"loaded {total:,} visits ({args.points} points x {args.days} days) in {took:.0f} s")
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk.collector.cli", "--database", pg.url, "serve"]
            + ["--port", "0", "--read-token", TOKEN],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            assert proc.stdout is not None
            port = int(proc.stdout.readline().rsplit(":", 1)[-1])
            report(port, args)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return 0


def _get(port: int, path: str, cookie: str) -> tuple[int, float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie})
    resp = conn.getresponse()
    body = resp.read()
    took = time.perf_counter() - t
    conn.close()
    return resp.status, took, len(body)


def report(port: int, args: argparse.Namespace) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    form = urllib.parse.urlencode({"token": TOKEN, "lang": "vi"})
    conn.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
    resp = conn.getresponse()
    resp.read()
    cookie = resp.headers.get_all("set-cookie")[0].split(";")[0]  # type: ignore[index]
    conn.close()
    last = FIRST_DAY + timedelta(days=args.days - 1)
    one = urllib.parse.quote("Điểm 001")
    span = f"from={FIRST_DAY}&to={last}"
    pages = [
        ("overview", "/"),
        ("overview, one point", f"/?point={one}"),
        ("overview, one service", "/?service=vneid"),
        ("overview, last 7 days", f"/?from={last - timedelta(days=6)}&to={last}"),
        ("points and kiosks", "/points"),
        ("points, one ward", "/points?ward=" + urllib.parse.quote("Phường 01")),
        ("kiosk health", "/kiosks"),
        ("settings", "/settings"),
        ("overview CSV", "/overview.csv"),
        ("points CSV", "/points.csv"),
        ("overview XLSX", "/overview.xlsx"),
        ("one point's 45 days, XLSX", f"/points.xlsx?point={one}&{span}"),
        ("one point's 45 days, overview XLSX", f"/overview.xlsx?point={one}&{span}"),
    ]
    print(f"{'page':<38} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9}")
    for name, path in pages:
        times, size = [], 0
        for _ in range(args.rounds):
            status, took, size = _get(port, path, cookie)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
            times.append(took * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"{name:<38} {statistics.median(times):>8.0f} {p95:>8.0f} {size:>9,}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
