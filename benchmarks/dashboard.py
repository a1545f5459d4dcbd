"""The dashboard at city scale: generated visits (by default 10 million: 100 points x 45
days) COPYed into a throwaway PostgreSQL server's collector tables, with their summary
rows made by the same function the import uses (:func:`kiosk.collector.summary.count_visits`),
then a real ``kiosk-collector serve`` answering each dashboard page and export.

Prints, per page and export, the median and 95th percentile of ``--rounds`` requests
(signed in with the read token, one after another), and the load time.

Targets: p95 at most 300 ms per page; the XLSX of one point's 45 days within 5 s.

    .venv/bin/python benchmarks/dashboard.py [--visits 10000000] [--points 100]
        [--days 45] [--rounds 20]

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

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from kiosk.collector.models import ITEM_COLUMNS, VISIT_COLUMNS  # noqa: E402
from kiosk.collector.store import Collector  # noqa: E402
from kiosk.collector.summary import TOTAL_COLUMNS, Key, count_visits, over_all_days  # noqa: E402
from tests.pgcluster import ThrowawayPostgres  # noqa: E402

SERVICES = ("vneid", "public-service", "payments", "mps", "ihanoi", "etax", "pension")
OUTCOMES = ("account_registered", "level2_activated", "dossier_submitted", "fee_paid_online")
GUIDES = ("vneid-level2", "public-service-portal", "etax-mobile", "scam-safety")
PRIORITY = (None, None, None, "elderly", "elderly", "disability", "poor_household")
AGES = ("18-39", "40-59", "60-74", "75+")
TOKEN = "benchmark-read-token"
FIRST_DAY = date(2026, 10, 1)


def _cell(x: object) -> str:
    if x is None:
        return "\\N"
    if isinstance(x, datetime):
        return x.isoformat()
    return str(x).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def generate(url: str, visits: int, points: int, days: int) -> float:
    """COPY ``visits`` generated visits, their items, bundles and summary rows."""
    import psycopg

    rng = random.Random(45)
    per_day = max(1, visits // (points * days))
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    start = time.perf_counter()
    summary_cols = ("service", "kind", "day", "kiosk_id", "point_name", "ward", "value", "n")
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        for p in range(points):
            kiosk = f"k-bench-{p:04d}"
            point, ward = f"Điểm {p + 1:03d}", f"Phường {p % 30 + 1:02d}"
            counts: Counter[Key] = Counter()
            vlines, ilines, blines = [], [], []
            vid = 0
            for d in range(days):
                day = FIRST_DAY + timedelta(days=d)
                bundle = str(uuid.UUID(int=rng.getrandbits(128)))
                sent = datetime(day.year, day.month, day.day, 11, tzinfo=UTC)
                fields = (bundle, kiosk, point, ward, d + 1, sent, sent, per_day, per_day)
                blines.append("\t".join(map(_cell, (*fields, "", "usb", "0.1.0"))))
                rows = []
                for _ in range(per_day):
                    vid += 1
                    created = datetime(day.year, day.month, day.day, 1, tzinfo=UTC) + timedelta(
                        minutes=rng.randrange(540)
                    )
                    wait = rng.randrange(60, 2400)
                    services = [rng.choice(SERVICES)]
                    outcome = [rng.choice(OUTCOMES)] if rng.random() < 0.6 else []
                    guide = rng.choice(GUIDES)
                    steps = rng.randint(1, 6)
                    guides = [[guide, s, "2026-10-01T00:00:00Z"] for s in range(1, steps + 1)]
                    v = {
                        "kiosk_id": kiosk,
                        "visit_id": vid,
                        "bundle_id": bundle,
                        "point_name": point,
                        "ward": ward,
                        "day": day,
                        "ticket": f"A{vid:03d}",
                        "follow_up_code": f"F{vid:07d}",
                        "language": "vi",
                        "state": "done",
                        "priority": rng.choice(PRIORITY),
                        "age_band": rng.choice(AGES),
                        "desk": 1,
                        "volunteer_id": None,
                        "created_at": created,
                        "called_at": created + timedelta(seconds=wait),
                        "serving_at": created + timedelta(seconds=wait + 60),
                        "finished_at": created + timedelta(seconds=wait + 900),
                        "wait_seconds": wait,
                        "service_seconds": 840,
                        "guide_steps": steps,
                        "guides": guides,
                        "previous_visit_id": None,
                        "personal": None,
                    }
                    rows.append((v, services, outcome))
                    row = dict(v, guides=str(guides).replace("'", '"'))
                    vlines.append("\t".join(_cell(row[c]) for c in VISIT_COLUMNS))
                    for s in services:
                        ilines.append(f"{kiosk}\t{vid}\tservice\t{s}")
                    for o in outcome:
                        ilines.append(f"{kiosk}\t{vid}\toutcome\t{o}")
                counts.update(count_visits(rows))
            cols = ", ".join(VISIT_COLUMNS)
            with cur.copy(f"COPY collector_visit ({cols}) FROM STDIN") as cp:
                cp.write("\n".join(vlines) + "\n")
            with cur.copy(
                f"COPY collector_visit_item ({', '.join(ITEM_COLUMNS)}) FROM STDIN"
            ) as cp:
                cp.write("\n".join(ilines) + "\n")
            bcols = (
                "bundle_id, kiosk_id, point_name, ward, sequence, created_at, received_at, "
                "visits, new_visits, sha256, source, app_version"
            )
            with cur.copy(f"COPY collector_bundle ({bcols}) FROM STDIN") as cp:
                cp.write("\n".join(blines) + "\n")
            with cur.copy(f"COPY collector_summary ({', '.join(summary_cols)}) FROM STDIN") as cp:
                cp.write("\n".join("\t".join(map(_cell, (*k, n))) for k, n in counts.items()))
            cols = ", ".join(TOTAL_COLUMNS)
            with cur.copy(f"COPY collector_summary_total ({cols}, n) FROM STDIN") as cp:
                rolled = over_all_days(counts)
                cp.write("\n".join("\t".join(map(_cell, (*k, n))) for k, n in rolled.items()))
            conn.commit()
            if p % 10 == 9:
                print(f"  {p + 1} points loaded, {time.perf_counter() - start:.0f} s", flush=True)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--visits", type=int, default=10_000_000)
    ap.add_argument("--points", type=int, default=100)
    ap.add_argument("--days", type=int, default=45)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    # Stopped from outside, still stop the throwaway server and remove its folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ThrowawayPostgres() as pg:
        Collector(pg.url).dispose()  # the tables
        took = generate(pg.url, args.visits, args.points, args.days)
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
