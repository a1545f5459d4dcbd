"""Queue speed on a busy day: issuing a ticket and calling the next one when 10,000 tickets
have already been issued today, on a real SQLite file (WAL, synchronous=FULL), against the
same operations written by hand with the standard sqlite3 module on an identical file in
the same run (the machine is noisy; only the ratio is comparable between runs).

    .venv/bin/python benchmarks/queue.py [--tickets 10000] [--runs 200]

Target: the median of each operation at most 5 ms.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.clock import FakeClock  # noqa: E402
from kiosk.queue import QueueService  # noqa: E402
from kiosk.queue.tickets import local_day, ticket_label  # noqa: E402
from kiosk.services import ensure_services  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from kiosk.storage import open_database  # noqa: E402

TARGET_MS = 5.0
WAITING = 300  # still waiting among the day's tickets (the rest are done)


def prefill(path: Path, tickets: int, rng: random.Random) -> tuple[str, str]:
    """A day with ``tickets`` tickets (most finished, ``WAITING`` still waiting), written
    directly for speed. Returns (kiosk id, day)."""
    clock = FakeClock(datetime(2026, 11, 30, 1, 0, tzinfo=UTC))
    db = open_database(f"sqlite:///{path}", clock=clock)
    ensure_services(db)
    day = local_day(db).isoformat()
    kiosk = db.kiosk_id
    db.dispose()
    con = sqlite3.connect(path)
    t0 = clock.now()
    rows = []
    for n in range(1, tickets + 1):
        waiting = n > tickets - WAITING
        at = (t0 + timedelta(seconds=n)).isoformat(" ")
        rows.append(
            (
                kiosk,
                day,
                n,
                ticket_label(n),
                f"C{n:07d}",
                "vi",
                "waiting" if waiting else "done",
                "elderly" if rng.random() < 0.4 else None,
                at,
                at,
                None if waiting else at,
                "[]",
                "",
                0,
            )
        )
    con.executemany(
        "INSERT INTO visit (kiosk_id, day, ticket_number, ticket, follow_up_code, language,"
        " state, priority, created_at, queued_at, finished_at, outcome, note, recalls)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    con.execute(
        "INSERT INTO ticket_counter (kiosk_id, day, last_number) VALUES (?,?,?)",
        (kiosk, day, tickets),
    )
    con.commit()
    con.close()
    return kiosk, day


def time_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def kiosk_ops(path: Path, runs: int) -> tuple[float, float]:
    clock = FakeClock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))
    db = open_database(f"sqlite:///{path}", clock=clock)
    q = QueueService(db, Settings().replace(queue__desks=3))
    rng = random.Random(1)

    def issue() -> None:
        q.issue(["vneid"], priority="elderly" if rng.random() < 0.4 else None)
        clock.advance(1)

    def call() -> None:
        q.call_next(1 + rng.randrange(3))
        clock.advance(1)

    result = time_ms(issue, runs), time_ms(call, runs)
    db.dispose()
    return result


def raw_ops(path: Path, kiosk: str, day: str, runs: int) -> tuple[float, float]:
    """The same two operations by hand: the counter and the visit in one immediate
    transaction; the oldest waiting ticket marked called."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    now = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    seq = iter(range(10**9))

    def issue() -> None:
        i = next(seq)
        at = (now + timedelta(seconds=i)).isoformat(" ")
        con.execute("BEGIN IMMEDIATE")
        n = con.execute(
            "UPDATE ticket_counter SET last_number = last_number + 1 "
            "WHERE kiosk_id = ? AND day = ? RETURNING last_number",
            (kiosk, day),
        ).fetchone()[0]
        cur = con.execute(
            "INSERT INTO visit (kiosk_id, day, ticket_number, ticket, follow_up_code, "
            "language, state, created_at, queued_at, outcome, note, recalls) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (kiosk, day, n, ticket_label(n), f"R{i:07d}", "vi", "waiting", at, at, "[]", "", 0),
        )
        con.execute(
            "INSERT INTO visit_service (visit_id, service_id) VALUES (?, ?)",
            (cur.lastrowid, "vneid"),
        )
        con.execute("COMMIT")

    def call() -> None:
        con.execute("BEGIN IMMEDIATE")
        row = con.execute(
            "SELECT id FROM visit WHERE state = 'waiting' AND day = ? "
            "AND desk IS NULL ORDER BY queued_at, id LIMIT 1",
            (day,),
        ).fetchone()
        con.execute(
            "UPDATE visit SET state = 'called', desk = 1, called_at = ? WHERE id = ?",
            (now.isoformat(" "), row[0]),
        )
        con.execute("COMMIT")

    result = time_ms(issue, runs), time_ms(call, runs)
    con.close()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tickets", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        mine, raw = Path(tmp, "kiosk.sqlite3"), Path(tmp, "raw.sqlite3")
        prefill(mine, args.tickets, rng)
        kiosk, day = prefill(raw, args.tickets, random.Random(7))
        k_issue, k_call = kiosk_ops(mine, args.runs)
        r_issue, r_call = raw_ops(raw, kiosk, day, args.runs)
    ok = True
    print(f"queue with {args.tickets} tickets today, median of {args.runs} runs")
    for label, k, r in (("issue a ticket", k_issue, r_issue), ("call next", k_call, r_call)):
        good = k <= TARGET_MS
        ok &= good
        print(
            f"  {label:15s} kiosk {k:6.2f} ms   raw sqlite3 {r:6.2f} ms   "
            f"ratio {k / r:5.2f}   {'ok' if good else 'OVER'} (target <= {TARGET_MS} ms)"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
