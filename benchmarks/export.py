"""Export 100,000 visits to a bundle and import them into PostgreSQL, against baselines
measured in the same run on the same data:

- export (USB path: read the visits, build and sign the bundle, write it safely, read it
  back, mark the visits exported) vs. a plain CSV dump of the visit table with Python's
  sqlite3 and csv modules (and, if installed, the ``sqlite3`` command's CSV mode);
- import (check signature, checksums and every record, then store in one transaction)
  vs. PostgreSQL ``COPY`` of the same visits' CSV into a table of the same columns.

Targets: export within 3x of the dump, import within 5x of COPY, as the median ratio of
runs made one after the other (the best-to-best ratio is printed too).

    .venv/bin/python benchmarks/export.py [--visits 100000] [--repeat 5]

Needs the PostgreSQL server programs (Debian: apt-get install postgresql); a throwaway
server is started in a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

# Run as a script, this folder comes first on the path, where benchmarks/queue.py would
# hide the standard library's queue module: put the project there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from sqlalchemy import insert, text  # noqa: E402

from kiosk.clock import FakeClock  # noqa: E402
from kiosk.collector.store import Collector  # noqa: E402
from kiosk.export.keys import load_or_create_signing_key, public_key_b64  # noqa: E402
from kiosk.export.usb import export_to_folder  # noqa: E402
from kiosk.queue.tickets import local_day, ticket_label  # noqa: E402
from kiosk.services import ensure_services  # noqa: E402
from kiosk.storage import open_database  # noqa: E402
from kiosk.storage.models import GuideView, Visit, VisitService  # noqa: E402
from tests.pgcluster import ThrowawayPostgres  # noqa: E402

SERVICES = (
    "vneid",
    "public-service",
    "payments",
    "mps",
    "ihanoi",
    "etax",
    "pension",
    "scam-safety",
)


def fill(db, n: int) -> None:  # type: ignore[no-untyped-def]
    """n closed visits over 45 campaign days, each with 1-2 services and 3 guide steps."""
    per_day = n // 45 + 1
    base = db.clock.now()
    today = local_day(db)
    visits, services, views = [], [], []
    for i in range(n):
        back = 45 - i // per_day
        now = base - timedelta(days=back, minutes=-(i % per_day))
        number = i % per_day + 1
        vid = i + 1
        visits.append(
            dict(
                id=vid,
                kiosk_id=db.kiosk_id,
                day=today - timedelta(days=back),
                ticket_number=number,
                ticket=ticket_label(number),
                follow_up_code=f"C{i:07d}",
                language=("vi", "vi", "vi", "en")[i % 4],
                state="done",
                priority=("elderly", None, "disability", None, "poor_household")[i % 5],
                age_band=("75+", "60-74", "40-59", "18-39", "under-18")[i % 5],
                desk=1 + i % 3,
                volunteer_id=None,
                created_at=now,
                called_at=now + timedelta(minutes=6),
                serving_at=now + timedelta(minutes=7),
                finished_at=now + timedelta(minutes=19),
                outcome=["vneid_activated"] if i % 3 else ["dossier_submitted", "fee_paid"],
                note="",
                consent_at=None,
                name=None,
                phone=None,
                previous_visit_id=None,
                exported_at=None,
            )
        )
        services.append(dict(visit_id=vid, service_id=SERVICES[i % 8]))
        if i % 4 == 0:
            services.append(dict(visit_id=vid, service_id=SERVICES[(i + 3) % 8]))
        views.extend(
            dict(
                visit_id=vid,
                guide_id=f"{SERVICES[i % 8]}-start",
                step=s,
                language="vi",
                viewed_at=now + timedelta(seconds=40 * s),
            )
            for s in (1, 2, 3)
        )
    with db.session() as s:
        conn = s.connection()
        for table, rows in ((Visit, visits), (VisitService, services), (GuideView, views)):
            for k in range(0, len(rows), 20000):
                conn.execute(insert(table.__table__), rows[k : k + 20000])


def dump_python(db_file: Path, out: Path) -> None:
    con = sqlite3.connect(db_file)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        cur = con.execute("SELECT * FROM visit")
        w.writerow([d[0] for d in cur.description])
        w.writerows(cur)
    con.close()


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def interleaved(
    baseline,
    ours,
    repeat: int,
    setup=lambda: None,  # type: ignore[no-untyped-def]
) -> tuple[list[float], list[float]]:
    """``repeat`` runs each, alternating, so a busy machine slows both alike. ``setup``
    runs (untimed) before each of ours."""
    base, mine = [], []
    for _ in range(repeat):
        base.append(timed(baseline))
        setup()
        mine.append(timed(ours))
    return base, mine


def ratio(base: list[float], mine: list[float]) -> float:
    """The median of the ratios of runs made one after the other: on a shared machine a
    slow spell slows both runs of a pair, and the median drops the odd pair out."""
    return statistics.median(m / b for b, m in zip(base, mine, strict=True))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--visits", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    n = args.visits
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    try:
        clock = FakeClock()
        db_file = work / "kiosk.sqlite3"
        db = open_database(f"sqlite:///{db_file}", clock=clock)
        ensure_services(db)
        fill(db, n)
        key = load_or_create_signing_key(work)
        stick = work / "stick"
        stick.mkdir()

        # -- export ------------------------------------------------------------------
        bundles: list[Path] = []

        def unexport() -> None:
            with db.session() as s:
                s.execute(text("UPDATE visit SET exported_at = NULL"))

        def export() -> None:
            result = export_to_folder(db, stick, key, mode="incremental")
            assert result.visits == n and result.path is not None
            bundles.append(result.path)

        bases, ourses = interleaved(
            lambda: dump_python(db_file, work / "dump.csv"), export, args.repeat, setup=unexport
        )
        base_py, ours = min(bases), min(ourses)
        data = bundles[-1].read_bytes()
        print(f"export: {n} visits, bundle {len(data) / 1e6:.1f} MB")
        print(f"  baseline sqlite3+csv dump: {base_py:.3f} s ({n / base_py:,.0f} records/s)")
        print(f"  kiosk export to USB:       {ours:.3f} s ({n / ours:,.0f} records/s)")
        export_ratio = ratio(bases, ourses)
        print(
            f"  ratio export/dump: {export_ratio:.2f}x (median of {args.repeat} pairs; "
            f"best to best {ours / base_py:.2f}x; target <= 3x)"
        )
        if shutil.which("sqlite3"):

            def dump_cli() -> None:
                with open(work / "dump-cli.csv", "wb") as fh:
                    subprocess.run(
                        ["sqlite3", "-csv", "-header", str(db_file), "SELECT * FROM visit"],
                        stdout=fh,
                        check=True,
                    )

            base_cli = min(timed(dump_cli) for _ in range(args.repeat))
            print(
                f"  (for reference, the sqlite3 command's CSV dump: {base_cli:.3f} s, "
                f"ratio {ours / base_cli:.2f}x)"
            )

        # -- import into PostgreSQL ----------------------------------------------------
        import psycopg

        from kiosk.export.bundle import CSV
        from kiosk.export.bundle import read_manifest as _read

        z, _m, _raw = _read(data)
        csv_part = z.read(CSV)
        with ThrowawayPostgres() as pg:
            dsn = f"host=127.0.0.1 port={pg.port} user={pg.user} dbname=postgres"
            header = csv_part.decode("utf-8-sig").split("\r\n", 1)[0].split(",")
            cols = ", ".join(f'"{h}" text' for h in header)

            def copy() -> None:
                with psycopg.connect(dsn) as conn, conn.cursor() as cur:
                    cur.execute("DROP TABLE IF EXISTS copy_baseline")
                    cur.execute(f"CREATE TABLE copy_baseline ({cols})")
                    with cur.copy("COPY copy_baseline FROM STDIN (FORMAT csv, HEADER true)") as cp:
                        cp.write(csv_part[3:])

            db_no = iter(range(1000))

            def import_() -> None:
                name = f"collector_{next(db_no)}"
                with psycopg.connect(dsn, autocommit=True) as conn:
                    conn.execute(f"CREATE DATABASE {name}")
                c = Collector(pg.url.rsplit("/", 1)[0] + "/" + name)
                c.register_kiosk(db.kiosk_id, public_key_b64(key))
                t0 = time.perf_counter()
                result = c.import_bundle(data)
                timings.append(time.perf_counter() - t0)
                assert result.new_visits == n
                c.dispose()

            timings: list[float] = []
            copies = []
            for _ in range(args.repeat):
                copies.append(timed(copy))
                import_()
            base_copy, ours_imp = min(copies), min(timings)
            print(f"import into PostgreSQL: {n} visits")
            print(
                f"  baseline COPY of the CSV:  {base_copy:.3f} s ({n / base_copy:,.0f} records/s)"
            )
            print(f"  collector import:          {ours_imp:.3f} s ({n / ours_imp:,.0f} records/s)")
            import_ratio = ratio(copies, timings)
            print(
                f"  ratio import/COPY: {import_ratio:.2f}x (median of {args.repeat} pairs; "
                f"best to best {ours_imp / base_copy:.2f}x; target <= 5x)"
            )
        db.dispose()
        ok = export_ratio <= 3 and import_ratio <= 5
        print("targets met" if ok else "TARGET MISSED")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
