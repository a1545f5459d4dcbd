"""A simulated day at a point: the soak walk for a long time, with its figures.

    .venv/bin/python benchmarks/soak.py [--actions 50000] [--hours 10] [--seed 11]

The real shell offscreen, on a real SQLite file, with slips printed to the CUPS-PDF test
queue (``bash installer/services.d/slips.sh``; without it slips go nowhere and the run
says so). The walk is the one tests/ui/test_soak.py runs (tests/soak_driver.py): taps on
visible buttons by every kind of user, idle resets, PIN entry, the call screen, USB export,
the night. It prints actions per second, p50/p95 latency per action, and for each measure
(resident memory, live QObjects and widgets, file descriptors, threads, the WAL file, the
reference count of None) its value after warm-up, at the end, and its growth against the
bound the test enforces. The baseline is the same run's own first tenth: the ratio of the
last tenth's p95 latency to it shows whether the kiosk slows down as the day goes on.
Exit status 1 when a bound is exceeded or any problem was seen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

# The repository, not this folder, comes first: benchmarks/queue.py is not the stdlib's queue.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")
os.environ.setdefault("KIOSK_TTS_ENGINE", "mock")


def ram_folder() -> str | None:
    """A folder in RAM when there is one: synchronous=FULL commits then cost no disk flush,
    which on a shared machine is most of an action's time and says nothing about the app."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--actions", type=int, default=50_000)
    p.add_argument("--hours", type=float, default=10.0, help="opening hours the walk spans")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument(
        "--night", type=float, default=0.2, help="when the night falls, as a share of the walk"
    )
    p.add_argument("--sample-every", type=int, default=1000)
    p.add_argument(
        "--max-minutes",
        type=float,
        default=0,
        help="stop the walk after this long and report what was done (0: no limit)",
    )
    p.add_argument(
        "--disk",
        action="store_true",
        help="keep the database on disk, not in RAM (each commit then waits for the disk)",
    )
    args = p.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="kiosk-soak-", dir=None if args.disk else ram_folder()))
    print(f"data in {tmp}")
    os.environ["KIOSK_DATA_DIR"] = str(tmp / "data")
    os.environ["KIOSK_SETTINGS"] = str(tmp / "settings.toml")

    from PySide6.QtWidgets import QApplication

    from kiosk.app_context import AppContext
    from kiosk.clock import FakeClock
    from kiosk.services import ensure_services
    from kiosk.storage import open_database
    from tests.soak_driver import (
        PRINTER_QUEUE,
        SoakWalk,
        add_staff,
        cups_queue_ready,
        soak_settings,
        summary_lines,
    )
    from ui.assemble import build_kiosk
    from ui.fonts import register_fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    if not cups_queue_ready():
        print(f"note: CUPS queue {PRINTER_QUEUE} is not ready; slips will fail to print")
    clock = FakeClock()
    db_file = tmp / "kiosk.sqlite3"
    db = open_database(f"sqlite:///{db_file}", clock=clock)
    ensure_services(db)
    add_staff(db)
    shell = build_kiosk(AppContext(soak_settings(tmp), db, clock, []), fullscreen=False)
    shell.window.resize(1366, 768)
    shell.window.show()
    app.processEvents()

    def progress(r) -> None:  # type: ignore[no-untyped-def]
        s = r.samples[-1]
        print(
            f"{r.actions:6d} actions  {r.per_second:5.1f}/s  p95 {r.percentile(0.95):6.1f} ms  "
            f"rss {s.rss_mib:6.1f} MiB  qobjects {s.qobjects}  widgets {s.widgets}  "
            f"fds {s.fds}  threads {s.threads}  wal {s.wal_mib:.2f} MiB  None {s.none_refs}",
            flush=True,
        )

    walk = SoakWalk(
        shell, clock=clock, db=db, db_file=db_file, scratch=tmp / "scratch", seed=args.seed
    )
    started = time.time()
    limit = started + args.max_minutes * 60 if args.max_minutes else float("inf")
    r = walk.run(
        args.actions,
        hours=args.hours,
        overnight=(args.night,),
        sample_every=args.sample_every,
        progress=progress,
        stop=lambda: time.time() > limit,
    )
    if r.actions < args.actions:
        print(f"\nSTOPPED after {args.max_minutes:g} minutes: {r.actions} of {args.actions}")
    print()
    for line in summary_lines(r):
        print(line)
    tenth = max(1, len(r.latencies_ms) // 10)
    early = r.percentile(0.95, r.latencies_ms[:tenth])
    late = r.percentile(0.95, r.latencies_ms[-tenth:])
    print(
        f"p95 latency, first tenth {early:.1f} ms, last tenth {late:.1f} ms: "
        f"ratio {late / early if early else 0:.2f} (1.0 = no slowing down)"
    )
    if PRINTER_QUEUE and r.printed_codes:
        from tests.soak_driver import landed_pdfs

        folder = Path(os.environ.get("KIOSK_CUPS_PDF_DIR", "/var/spool/cups-pdf/kiosk"))
        sample = r.printed_codes[:: max(1, len(r.printed_codes) // 5)][:5]
        deadline = time.time() + 120
        found: set[str] = set()
        while time.time() < deadline and found != set(sample):
            found = landed_pdfs(folder, sample, started - 5)
            time.sleep(2)
        print(f"slips found in {folder}: {len(found)} of {len(sample)} checked")
    over = r.over_bounds()
    for line in over + r.problems[:20]:
        print("PROBLEM:", line)
    if r.warnings:
        print(f"warnings logged: {len(r.warnings)} (first: {r.warnings[0]})")
    shell.quit_allowed = True
    shell.shutdown()
    shell.window.close()
    db.dispose()
    return 1 if over or r.problems else 0


if __name__ == "__main__":
    sys.exit(main())
