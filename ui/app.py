"""Build and run the kiosk application."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app_context import AppContext, load_context
from ui.assemble import App, build_kiosk
from ui.fonts import register_fonts
from ui.screens.first_run import offer_first_run
from ui.widgets.demo_mark import add_demo_mark


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
        "--demo",
        action="store_true",
        help="a separate sample kiosk with volunteers and a queue, in its own folder "
        "(the real data and settings are not touched)",
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
    p.add_argument(
        "--selftest",
        action="store_true",
        help="check the Qt platform, speech, SSL, database, guides and translations; "
        "exit 1 when something the kiosk needs is missing",
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    return p


def newer_database(url: str | None) -> str | None:
    """The message to show when the database was written by a newer version of the kiosk
    (checked before the window opens, with the standard library alone); None when fine."""
    from kiosk.db_version import (
        DatabaseFromNewerVersion,
        check_not_newer,
        sqlite_file,
        sqlite_revision,
    )

    if url is None:
        from kiosk.paths import data_dir

        url = f"sqlite:///{data_dir() / 'kiosk.sqlite3'}"
    path = sqlite_file(url)
    if path is None:
        return None
    try:
        check_not_newer(sqlite_revision(path), str(path))
    except DatabaseFromNewerVersion as exc:
        return str(exc)
    return None


def _refuse(app: QCoreApplication, message: str, show: bool) -> int:
    print(message, file=sys.stderr)
    if show:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, "literacy-kiosk", message)
        font = box.font()
        font.setPointSize(16)
        box.setFont(font)
        box.exec()
    return 3


def build_shell(ctx: AppContext, fullscreen: bool | None = None) -> App:
    """The assembled kiosk, with the demo's mark when this is the demo kiosk."""
    shell = build_kiosk(ctx, fullscreen=fullscreen)
    if ctx.demo:
        add_demo_mark(shell.top_bar, shell.t)
    return shell


def after_first_paint(shell: App) -> None:
    # The home screen does not need the database: open it (SQLAlchemy, migrations) on a
    # background thread once the window is up, so it does not slow the first paint.
    shell.ctx.open_in_background()
    # Then, on a real point with no volunteer yet, the first-run screen.
    offer_first_run(shell)


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from kiosk.version import version

        print(version())
        return 0
    if args.demo:
        if args.settings or args.database:
            parser.error(
                "--demo keeps its own settings and database; leave out --settings/--database"
            )
        from kiosk.paths import use_demo

        print(f"demo: data and settings in {use_demo()}", file=sys.stderr)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("literacy-kiosk")
    ctx = load_context(args.settings, database_url=args.database, demo=args.demo)
    if args.selftest:
        from ui import selftest

        return selftest.main(ctx.database_url)
    register_fonts()
    for p in ctx.problems:
        print(f"settings: {p}", file=sys.stderr)
    message = newer_database(ctx.database_url)
    if message is not None:
        return _refuse(app, message, show=not args.exit_when_ready)
    shell = build_shell(ctx, fullscreen=False if args.windowed else None)
    shell.start()
    QTimer.singleShot(0, lambda: after_first_paint(shell))
    # The speech engine starts in its own process once the first screen is painted.
    QTimer.singleShot(0, shell.speaker.start)
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
