"""Build and run the kiosk application."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app_context import AppContext, load_context
from ui.assemble import App, build_kiosk
from ui.fonts import register_fonts
from ui.stopping import StopOnSignals
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
        help="print READY <unix time> <RSS KiB> <CPU seconds> once the home screen is up, "
        "then quit (start-up checks and benchmarks)",
    )
    p.add_argument(
        "--say-ready",
        action="store_true",
        help="print READY <unix time> <RSS KiB> <CPU seconds> once the home screen is up, and keep "
        "running (process supervisors and tests)",
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


def build_shell(
    ctx: AppContext, fullscreen: bool | None = None, *, home_first: bool = False
) -> App:
    """The assembled kiosk, with the demo's mark when this is the demo kiosk."""
    shell = build_kiosk(ctx, fullscreen=fullscreen, home_first=home_first)
    if ctx.demo:
        add_demo_mark(shell.top_bar, shell.t)
    return shell


class FirstPaint(QObject):
    """Runs each of ``then``, in order, once ``widget`` has been painted for the first time
    (or after ``fallback_ms`` if no paint ever comes, as for a window that is never shown)."""

    def __init__(
        self, widget: QObject, then: list[Callable[[], None]], fallback_ms: int = 5000
    ) -> None:
        super().__init__(widget)
        self._then: list[Callable[[], None]] | None = then
        self._widget = widget
        widget.installEventFilter(self)
        # Timers of its own rather than QTimer.singleShot(ms, context, slot): choosing
        # among singleShot's overloads makes PySide build every enum of every Qt module
        # it has loaded, some 150 of them, which alone costs a tenth of the start-up.
        self._fallback = self._timer(fallback_ms)
        self._fallback.start()
        self._soon = self._timer(0)

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self._fire)
        return timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window paints its widgets when it handles an UpdateRequest (or a Paint of
        # its own, when its background shows).
        painting = event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint)
        if painting and self._then is not None:
            self._soon.start()  # once this paint is done
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        self._fallback.stop()
        self._soon.stop()
        self._widget.removeEventFilter(self)
        for fn in then:
            fn()


def after_first_paint(shell: App) -> None:
    # The home screen does not need the database: open it (SQLAlchemy, migrations) on a
    # background thread once the window is up, so it does not slow the first paint.
    shell.ctx.open_in_background()
    # Then, on a real point with no volunteer yet, the first-run screen.
    from ui.screens.first_run import offer_first_run

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
    shell = build_shell(ctx, fullscreen=False if args.windowed else None, home_first=True)

    def stop(why: str) -> None:
        # Ctrl+C or SIGTERM (a session ending, systemd): end as a quit would, without the
        # volunteer's PIN: the window closes, then the shutdown below runs.
        print(f"literacy-kiosk: stopping ({why})", file=sys.stderr, flush=True)
        shell.quit_allowed = True
        QTimer.singleShot(0, app.quit)  # also when the loop has not started yet

    stopper = StopOnSignals(stop)
    shell.start()
    then: list[Callable[[], None]] = []
    if args.exit_when_ready or args.say_ready:

        def ready() -> None:
            print(f"READY {time.time():.6f} {rss_kib()} {time.process_time():.4f}", flush=True)
            if args.exit_when_ready:
                shell.quit_allowed = True
                app.quit()

        then.append(ready)  # the home screen has been shown and painted: it takes taps
    # Then what the home screen does not need: the other parts (queue, slips, export,
    # help), the database (on its own thread) and the speech engine (in its own process).
    then += [shell.build_rest, lambda: after_first_paint(shell), shell.speaker.start]
    FirstPaint(shell.window, then)
    code = app.exec()
    shell.shutdown()
    ctx.db.dispose()  # waits for the database to finish opening, if it still is
    stopper.close()
    return code


# Runs that show nothing anyway: with no screen they run offscreen (servers, CI, benchmarks).
WINDOWLESS = frozenset({"--selftest", "--exit-when-ready", "--version", "-h", "--help"})


def no_screen_message(argv: list[str]) -> str:
    what = "The demo kiosk" if "--demo" in argv else "The kiosk"
    return (
        f"{what} needs a screen, and there is none here: neither DISPLAY nor "
        "WAYLAND_DISPLAY is set (an SSH session or a server, say). Start it from the "
        "desktop or the kiosk session; to run it without a window on purpose, set "
        "QT_QPA_PLATFORM=offscreen."
    )


def prepare_environment(argv: list[str] | None = None) -> str | None:
    """Check there is somewhere to show the kiosk. Returns a message to print (and exit
    with) when there is no screen: the kiosk would otherwise run invisibly. A platform
    chosen on purpose (``QT_QPA_PLATFORM``: offscreen, eglfs, linuxfb...) is used as is;
    runs that show nothing (``--selftest``, ``--exit-when-ready``) go offscreen."""
    args = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if WINDOWLESS.intersection(args):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    return no_screen_message(args)


def main() -> int:
    problem = prepare_environment(sys.argv[1:])
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    return run(sys.argv[1:])
