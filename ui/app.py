"""Build and run the kiosk application."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app_context import load_context
from ui.assemble import build_kiosk
from ui.fonts import register_fonts


def rss_kib() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="literacy-kiosk",
        description="Touch kiosk for digital-literacy points. "
        "Chores: literacy-kiosk {volunteer,settings,db,guides,...} -h",
    )
    p.add_argument(
        "--demo", action="store_true", help="fill a sample point with volunteers and a queue"
    )
    p.add_argument("--windowed", action="store_true", help="a normal window (development)")
    p.add_argument("--settings", type=Path, default=None, help="settings file")
    p.add_argument("--database", default=None, help="SQLAlchemy URL (overrides settings)")
    p.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="print READY <unix time> <RSS KiB> once the home screen is up, "
        "then quit (start-up checks and benchmarks)",
    )
    return p


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("literacy-kiosk")
    register_fonts()
    ctx = load_context(args.settings, database_url=args.database, demo=args.demo)
    for p in ctx.problems:
        print(f"settings: {p}", file=sys.stderr)
    shell = build_kiosk(ctx, fullscreen=False if args.windowed else None)
    shell.start()
    # The home screen does not need the database: open it (SQLAlchemy, migrations) on a
    # background thread once the window is up, so it does not slow the first paint.
    QTimer.singleShot(0, ctx.open_in_background)
    if args.exit_when_ready:

        def ready() -> None:
            print(f"READY {time.time():.6f} {rss_kib()}", flush=True)
            shell.quit_allowed = True
            app.quit()

        # Runs once the event loop is idle: the home screen has been shown and painted.
        QTimer.singleShot(0, ready)
    code = app.exec()
    shell.shutdown()
    ctx.db.dispose()  # waits for the database to finish opening, if it still is
    return code


def prepare_environment() -> None:
    """With no screen at all (a server, CI), run offscreen rather than fail."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    prepare_environment()
    return run(sys.argv[1:])
