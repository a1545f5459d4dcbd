"""A day at a point, driven through the screen: the soak walk.

The real shell runs offscreen on a real SQLite file with an injected clock. A seeded random
walk taps what a person would: it looks for visible, enabled buttons (found by object name,
accessible name or text) and clicks them with QTest, types a PIN on the keypad, a follow-up
code in the console, answers the folder dialog with a scratch folder, walks away so the
kiosk resets, and leaves the kiosk on overnight. It never calls a screen's own methods, so
it keeps working while the screens' wiring changes.

Between taps it measures what must not grow without bound (see :data:`BOUNDS`) and collects
every problem: exceptions (logged, uncaught in a slot, unraisable), Qt warnings, a reset
that leaves the previous citizen's ticket or follow-up code on screen, a day that does not
start again at number 1.

Used by tests/ui/test_soak.py (a few thousand actions in CI) and benchmarks/soak.py (a
simulated day of at least 50,000).
"""

from __future__ import annotations

import gc
import logging
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)

from kiosk.clock import FakeClock
from kiosk.queue.tickets import HANOI
from kiosk.settings import Settings
from kiosk.storage import Database
from ui.widgets.folder_picker import FolderPicker

# The staff of the soak's point: name, PIN, role. PINs as the README's demo gives them.
STAFF = (
    ("Nguyễn Thị Lan", "2468", "volunteer"),
    ("Trần Văn Hùng", "3579", "volunteer"),
    ("Lê Minh", "1357", "coordinator"),
)
WRONG_PINS = ("0000", "1234", "9999")
PRINTER_QUEUE = "KioskPDF"  # the cups-pdf test queue installer/services.d/slips.sh makes
OPENING = (7, 30)  # Hanoi time a point opens in the morning

# How far each measure may grow from the end of warm-up to the end of the walk. A leak of
# one object per action, one byte of WAL per write that is never checkpointed, or one
# reference to None per Qt call, goes past these within a few thousand actions.
BOUNDS: dict[str, float] = {
    "rss_mib": 40.0,  # resident memory, MiB
    # Python wrappers of live QObjects; includes up to one parsed renderer per guide drawing
    # (77 shipped), a cache kept on purpose so stepping back and forth stays quick.
    "qobjects": 250,
    "widgets": 150,  # QApplication.allWidgets()
    "fds": 8,  # open file descriptors
    "threads": 4,  # native threads of the process
    "wal_mib": 8.0,  # the SQLite WAL file, MiB (absolute: it is reused after checkpoints)
    # How far sys.getrefcount(None) may fall below its value after warm-up. A binding that
    # drops a reference on every call (PySide6 6.12.0 on Python 3.11) falls by thousands
    # within a few hundred taps and then aborts the interpreter. The count may rise: PySide6
    # 6.11 keeps one reference to None for each signal connection made (harmless, the count
    # only goes up), and the kiosk connects a few per action.
    "none_refs": 2000,
}
ABSOLUTE = {"wal_mib"}  # measures judged by their highest value, not by their growth

# Qt messages that are not problems: the offscreen platform cannot do what a window
# manager does, and says so.
QT_NOISE = (
    "This plugin does not support",
    "propagateSizeHints",
    # No sound card on a test machine: QtMultimedia says so when the chime is loaded.
    "pipewire",
    "PulseAudio",
    "QSoundEffect",
)

TICKET = re.compile(r"[A-Z]\d{3,}")


def hanoi_at(day: datetime, hour: int, minute: int) -> datetime:
    local = day.astimezone(HANOI)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def soak_settings(folder: Path, printer: str = PRINTER_QUEUE) -> Settings:
    """The point's settings for a soak: slips to the CUPS queue ``printer``."""
    return Settings(path=folder / "settings.toml").replace(
        printer__kind="system", printer__name=printer, point__name="Điểm phường Láng Hạ"
    )


def add_staff(db: Database) -> None:
    from kiosk.security import add_volunteer

    for who, pin, role in STAFF:
        add_volunteer(db, who, pin, role)


def cups_queue_ready(name: str = PRINTER_QUEUE) -> bool:
    """CUPS is running and has the queue ``name``, enabled."""
    if not (shutil.which("lpstat") and shutil.which("lp")):
        return False
    env = dict(os.environ, LC_ALL="C")
    run = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, env=env)
    if "is running" not in run.stdout:
        return False
    st = subprocess.run(["lpstat", "-p", name], capture_output=True, text=True, env=env)
    return st.returncode == 0 and " disabled" not in st.stdout


def landed_pdfs(folder: Path, codes: Iterable[str], since: float) -> set[str]:
    """Which of ``codes`` are in a PDF cups-pdf wrote to ``folder`` after ``since``."""
    wanted, found = set(codes), set()
    for pdf in folder.glob("*.pdf"):
        try:
            if pdf.stat().st_mtime < since:
                continue
        except OSError:
            continue
        run = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        text = "".join(run.stdout.split())  # a code is printed in two groups: "W72 BQ4"
        found |= {c for c in wanted if c.replace(" ", "") in text}
        if found == wanted:
            break
    return found


# -- measuring ------------------------------------------------------------------------
def _status(key: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(key):
                return int(line.split()[1])
    return 0


@dataclass(frozen=True)
class Sample:
    action: int
    rss_mib: float
    qobjects: int
    widgets: int
    fds: int
    threads: int
    wal_mib: float
    none_refs: int

    def get(self, measure: str) -> float:
        return float(getattr(self, measure))


def measure(action: int, wal: Path) -> Sample:
    gc.collect()
    none_refs = sys.getrefcount(None)
    qobjects = sum(1 for o in gc.get_objects() if isinstance(o, QObject))
    try:
        wal_size = wal.stat().st_size
    except FileNotFoundError:
        wal_size = 0
    return Sample(
        action=action,
        rss_mib=_status("VmRSS:") / 1024,
        qobjects=qobjects,
        widgets=len(QApplication.allWidgets()),
        fds=len(os.listdir("/proc/self/fd")),
        threads=_status("Threads:"),
        wal_mib=wal_size / 2**20,
        none_refs=none_refs,
    )


# -- what went wrong ------------------------------------------------------------------
class _LogCatcher(logging.Handler):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.problems = problems
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name}: {record.getMessage()}"
        if record.levelno >= logging.ERROR or record.exc_info:
            self.problems.append(f"logged {record.levelname}: {text}")
        else:
            self.warnings.append(text)


class ProblemCatcher:
    """Collects exceptions from every channel Python and Qt have while it is open."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.log = _LogCatcher(self.problems)
        self._old: dict[str, Any] = {}

    @property
    def warnings(self) -> list[str]:
        return self.log.warnings

    def __enter__(self) -> ProblemCatcher:
        logging.getLogger().addHandler(self.log)
        self._old = {
            "excepthook": sys.excepthook,
            "unraisablehook": sys.unraisablehook,
            "threading": threading.excepthook,
        }

        def excepthook(kind, value, tb):  # type: ignore[no-untyped-def]
            self.problems.append(f"uncaught {kind.__name__}: {value}")
            self._old["excepthook"](kind, value, tb)

        def unraisable(info):  # type: ignore[no-untyped-def]
            self.problems.append(f"unraisable {info.exc_type.__name__}: {info.exc_value}")
            self._old["unraisablehook"](info)

        def thread_hook(args):  # type: ignore[no-untyped-def]
            self.problems.append(f"thread {args.exc_type.__name__}: {args.exc_value}")
            self._old["threading"](args)

        sys.excepthook = excepthook
        sys.unraisablehook = unraisable
        threading.excepthook = thread_hook

        def qt_message(kind, _context, message):  # type: ignore[no-untyped-def]
            if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
                return
            if not any(n in message for n in QT_NOISE):
                self.problems.append(f"Qt {kind.name}: {message}")

        self._old["qt"] = qInstallMessageHandler(qt_message)
        return self

    def __exit__(self, *_exc: object) -> None:
        qInstallMessageHandler(self._old["qt"])
        sys.excepthook = self._old["excepthook"]
        sys.unraisablehook = self._old["unraisablehook"]
        threading.excepthook = self._old["threading"]
        logging.getLogger().removeHandler(self.log)


# -- the report -----------------------------------------------------------------------
@dataclass
class SoakReport:
    actions: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    warmup: int = 0
    taps: Counter[str] = field(default_factory=Counter)
    time_by_kind: Counter[str] = field(default_factory=Counter)  # ms spent per kind of tap
    events: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    printed_codes: list[str] = field(default_factory=list)
    started_at: datetime | None = None
    ended_at: datetime | None = None

    @property
    def per_second(self) -> float:
        return self.actions / self.seconds if self.seconds else 0.0

    def percentile(self, q: float, values: list[float] | None = None) -> float:
        ordered = sorted(self.latencies_ms if values is None else values)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    def growth(self) -> dict[str, tuple[float, float, float]]:
        """measure -> (at the end of warm-up, at the end, growth judged against BOUNDS).

        Growth is the highest value after warm-up minus the value at its end (for
        ``none_refs`` the largest fall below it; for the WAL its highest value)."""
        base = next((s for s in self.samples if s.action >= self.warmup), self.samples[0])
        after = [s for s in self.samples if s.action >= base.action]
        out = {}
        for m in BOUNDS:
            b, end = base.get(m), after[-1].get(m)
            values = [s.get(m) for s in after]
            if m in ABSOLUTE:
                judged = max(values)
            elif m == "none_refs":
                judged = max(b - v for v in values)  # the fall; see BOUNDS
            else:
                judged = max(values) - b
            out[m] = (b, end, judged)
        return out

    def over_bounds(self) -> list[str]:
        return [
            f"{m} grew by {g:.1f} (from {b:.1f} to {e:.1f}); bound {BOUNDS[m]}"
            for m, (b, e, g) in self.growth().items()
            if g > BOUNDS[m]
        ]


# -- the walk -------------------------------------------------------------------------
# How often a person taps each kind of button, by object name (first match wins). Names
# not listed get DEFAULT_WEIGHT; weight 0 is never tapped (quitting the app, leaving full
# screen; the idle prompt and the PIN keypad are answered on purpose, not at random).
WEIGHTS: tuple[tuple[str, float], ...] = (
    (r"staff_quit|staff_windowed|idle_still_here|pin_\d|pin_ok|pin_delete", 0),
    (r"setting_", 0),
    (r"bar_staff", 0.3),
    (r"lang_", 0.2),
    (r"bar_(smaller|bigger)", 0.05),
    (r"bar_contrast", 0.04),
    (r"bar_home", 0.2),
    (r"tile_", 0.35),
    (r"take_number|guide_take_number", 2.5),
    (r"guide_next", 8),
    (r"guide_back|guide_home", 0.6),
    (r"guide_speak|overview_speak", 0.6),
    (r"overview_always_read", 0.2),
    (r"guide_print_slip", 2),
    (r"guide_ask_volunteer|guide_problems|overview_problems", 0.4),
    (r"problems_", 1),
    (r"take_(service|priority|age)_", 1),
    (r"take_back", 0.2),
    (r"ticket_print_slip", 2),
    (r"ticket_done", 1.2),
    (r"slip_failed_ok", 3),
    (r"pin_cancel", 0.3),
    (r"staff_queue", 3),
    (r"staff_to_citizen", 2),
    (r"staff_call_screen", 0.35),
    (r"staff_(slips|usb_export|coordinator_reports)", 0.6),
    (r"staff_coordinator", 1),
    (r"staff_settings", 0.2),
    (r"my_desk_", 0.3),
    # At large text the console shows one part at a time: turning to the desk or the line
    # is how a volunteer reaches their buttons.
    (r"console_part_", 1.5),
    (r"desk_change", 0.2),
    (r"desk_call_next", 2),
    (r"desk_(start|finish)", 1.5),
    (r"desk_(recall|hold|no_show|transfer)", 0.8),
    (r"desk_(resume|rejoin)_", 0.8),
    (r"transfer_to_", 2),
    (r"queue_undo", 1.5),
    (r"walkin_add", 1),
    (r"walkin_", 0.12),
    (r"queue_history_new", 0.6),
    (r"outcome_", 1),
    (r"finish_ok", 3),
    (r"finish_(back|print_slip)", 0.3),
    (r"call_exit", 1),
    (r"slips_back|slip_preview_back", 1.5),
    (r"reprint|preview|slips_preview_latest", 0.3),
    (r"usb_other_folder", 1),
    (r"usb_start", 2),
    (r"usb_", 0.4),
    (r"coord_(report|import_folder|trust|dont_trust)", 0.6),
    (r"totals_", 0.3),
    (r"settings_save", 0.5),
)
DEFAULT_WEIGHT = 0.3
_WEIGHTS = tuple((re.compile(p), w) for p, w in WEIGHTS)


def weight(key: str) -> float:
    for pattern, w in _WEIGHTS:
        if pattern.match(key):
            return w
    return DEFAULT_WEIGHT


# The start of the day: someone goes once through every screen, so the screens built on
# first use exist before the measuring starts, and rare screens are sure to be seen.
# Names ending in * take the first visible match; a name not on screen is skipped.
TOUR: tuple[str, ...] = (
    "tile_*",
    "overview_speak",
    "overview_problems",
    "problems_back",
    *(["guide_next"] * 12),
    "guide_speak",
    "guide_print_slip",
    "guide_ask_volunteer",
    "guide_take_number",
    "take_service_*",
    "take_priority_elderly",
    "take_age_*",
    "ticket_print_slip",
    "ticket_done",
    "bar_bigger",
    "bar_smaller",
    "bar_staff",
    *(f"pin_{d}" for d in STAFF[2][1]),
    "pin_ok",
    "staff_queue",
    "my_desk_1",
    "walkin_service_*",
    "walkin_add",
    "desk_call_next",
    "desk_finish",
    "outcome_*",
    "finish_ok",
    "bar_home",
    "staff_slips",
    "slips_preview_latest",
    "slip_preview_back",
    "slips_back",
    "staff_usb_export",
    "usb_other_folder",
    "usb_start",
    "bar_home",
    "staff_coordinator",
    # The coordinator's tiles page: the reports tile may be on the second page. Names not
    # on screen are passed over, so this reaches it either way.
    "staff_coordinator_reports",
    "staff_tiles_more",
    "staff_coordinator_reports",
    "coord_report",
    "bar_home",
    "staff_settings",
    "settings_save",
    "bar_home",
    "staff_call_screen",
    "call_exit",
    *(f"pin_{d}" for d in STAFF[0][1]),
    "pin_ok",
    "staff_to_citizen",
)


def button_key(b: QAbstractButton) -> str:
    """How the walk knows a button: its object name, else what a screen reader says."""
    return b.objectName() or b.accessibleName() or b.text()


def tap_kind(key: str) -> str:
    """A button's kind for the tally: tickets and drive numbers taken off the name."""
    return re.sub(r"_([A-Z]\d{3,}|\d+)$", "", key)


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person (or a screen reader) finds in ``root``'s visible widgets."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        out.append(w.accessibleName())
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            out.append(w.text())
        elif isinstance(w, QListWidget):
            out.extend(w.item(i).text() for i in range(w.count()))
    return [t for t in out if t]


class SoakWalk:
    """Drive ``shell`` through ``actions`` taps; see the module's docstring.

    ``hours`` of opening time are spread over the walk; at each fraction in ``overnight``
    the kiosk is left on until the next morning (the day changes at midnight)."""

    def __init__(
        self,
        shell: Any,
        *,
        clock: FakeClock,
        db: Database,
        db_file: Path,
        scratch: Path,
        seed: int = 11,
        tick_ms: int = 5,
    ) -> None:
        self.shell, self.clock, self.db = shell, clock, db
        self.wal = Path(f"{db_file}-wal")
        self.scratch = scratch
        self.usb = scratch / "usb"
        self.usb.mkdir(parents=True, exist_ok=True)
        self.rng = random.Random(seed)
        self.app = QApplication.instance()
        self.window: QWidget = shell.window
        settings = shell.ctx.settings
        self.idle_timeout = float(settings["session.idle_timeout_seconds"])
        self.idle_countdown = float(settings["session.idle_countdown_seconds"])
        self.report = SoakReport()
        self.plan: list[str] = []
        self.last_kind = ""
        self.citizen_since = 0  # visits with a higher id belong to the citizen at the screen
        self.nights: list[int] = []  # the highest visit id when each night began
        # The idle watcher looks at the (fake) clock every ``tick_ms`` instead of every
        # second: time moves only when the walk moves it, so nothing is skipped.
        shell.watcher.timer.setInterval(tick_ms)
        shell.start()  # as the app does: the window, and the idle watcher running
        self._dialogs = QTimer()
        self._dialogs.setInterval(20)
        self._dialogs.timeout.connect(self._answer_dialogs)

    # -- finding and tapping --------------------------------------------------------
    def top_widgets(self) -> list[QWidget]:
        prompt = self.window.findChild(QWidget, "idle_prompt")
        if prompt is not None and prompt.isVisible():
            return [prompt]  # it covers everything else
        return [w for w in QApplication.topLevelWidgets() if w.isVisible()]

    def buttons(self) -> list[QAbstractButton]:
        found = []
        for top in self.top_widgets():
            for b in top.findChildren(QAbstractButton):
                if b.isVisible() and b.isEnabled():
                    found.append(b)
        return found

    def find(self, key: str) -> QAbstractButton | None:
        """The visible, enabled button called ``key`` (``prefix*``: the first such)."""
        if key.endswith("*"):
            return next((b for b in self.buttons() if button_key(b).startswith(key[:-1])), None)
        return next((b for b in self.buttons() if button_key(b) == key), None)

    def visible(self, object_name: str) -> bool:
        w = self.window.findChild(QWidget, object_name)
        return w is not None and w.isVisible()

    def tap(self, b: QAbstractButton) -> None:
        key = button_key(b)
        self.last_kind = tap_kind(key)
        self.report.taps[self.last_kind] += 1
        QTest.mouseClick(b, Qt.MouseButton.LeftButton, pos=b.rect().center())

    def settle(self, timeout: float = 60.0) -> None:
        """Until the background work an action started is done and shown."""
        ops = self.shell.ops
        deadline = time.perf_counter() + timeout
        while True:
            self.app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            if ops.pending == 0:
                self.app.processEvents()
                if ops.pending == 0:
                    return
            if time.perf_counter() > deadline:
                self.report.problems.append(f"background work still running after {timeout} s")
                return
            self.next_event(int(timeout * 1000))

    def next_event(self, ms: int) -> None:
        """Let the GUI thread sleep until something arrives for it (a background action's
        answer, a timer, a repaint), at most ``ms``: no busy loop and no fixed pause."""
        wake = QTimer()
        wake.setSingleShot(True)
        wake.start(ms)
        self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        wake.stop()

    def wait_for(self, condition: Callable[[], bool], ms: int = 3000) -> bool:
        deadline = time.perf_counter() + ms / 1000
        while not condition():
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            self.next_event(max(1, int(left * 1000)))
        return True

    def next_tick(self) -> None:
        """Until the idle watcher has looked at the (fake) clock once more."""
        ticks: list[int] = []

        def ticked() -> None:
            ticks.append(1)

        timer = self.shell.watcher.timer
        timer.timeout.connect(ticked)  # after the watcher's own tick
        if not self.wait_for(lambda: bool(ticks), 3000):
            self.report.problems.append("the idle watcher stopped ticking")
        timer.timeout.disconnect(ticked)

    # -- one step -------------------------------------------------------------------
    def step(self) -> None:
        while self.plan:
            b = self.find(self.plan.pop(0))
            if b is not None:
                self.tap(b)
                return
        keypad = self.visible("pin_ok") and self.find("pin_ok") is not None
        if keypad and self.rng.random() < 0.9:
            self.type_pin()
            return
        console_code = self.window.findChild(QLineEdit, "queue_code")
        if console_code is not None and console_code.isVisible() and self.rng.random() < 0.02:
            self.type_code(console_code)
            return
        choices = [(b, weight(button_key(b))) for b in self.buttons()]
        choices = [(b, w) for b, w in choices if w > 0]
        if not choices:
            self.report.problems.append(f"nothing to tap on {self.screen_name()!r}")
            self.walk_away()
            return
        buttons, weights = zip(*choices, strict=True)
        b = self.rng.choices(buttons, weights)[0]
        key = button_key(b)
        if key.startswith("take_age_"):
            self.citizen_takes_number(b)
        else:
            self.tap(b)

    def screen_name(self) -> str:
        return str(getattr(self.window, "current", ""))

    def type_pin(self) -> None:
        right = self.rng.random() < 0.85
        pin = self.rng.choice(STAFF)[1] if right else self.rng.choice(WRONG_PINS)
        self.report.events["pin_right" if right else "pin_wrong"] += 1
        self.plan = [f"pin_{d}" for d in pin] + ["pin_ok"]
        self.step()

    def type_code(self, box: QLineEdit) -> None:
        """A volunteer types (or scans) a follow-up code, then Enter."""
        from sqlalchemy import select

        from kiosk.storage.models import Visit

        with self.db.session() as s:
            codes = s.scalars(select(Visit.follow_up_code).order_by(Visit.id.desc()).limit(20))
            codes = list(codes) or ["ZZZZZZ"]
        QTest.keyClicks(box, self.rng.choice(codes))
        QTest.keyClick(box, Qt.Key.Key_Return)
        self.report.taps["queue_code"] += 1

    def citizen_takes_number(self, b: QAbstractButton) -> None:
        self.tap(b)
        self.settle()
        number = self.window.findChild(QLabel, "ticket_number")
        if number is None or not number.isVisible():
            return
        self.report.events["numbers_taken"] += 1

    # -- time -----------------------------------------------------------------------
    def walk_away(self) -> None:
        """The citizen leaves without a word: the prompt, then the reset (or "still here")."""
        self.clock.advance(self.idle_timeout + 1)
        if not self.wait_for(lambda: self.visible("idle_prompt"), 3000):
            self.report.problems.append(f"no idle prompt on {self.screen_name()!r}")
            return
        self.report.events["idle_prompt"] += 1
        if self.rng.random() < 0.2:
            still = self.find("idle_still_here")
            if still is not None:
                self.tap(still)
                self.report.events["still_here"] += 1
                return
        self.clock.advance(self.idle_countdown)
        if not self.wait_for(lambda: not self.visible("idle_prompt"), 3000):
            self.report.problems.append("the idle prompt never went away")
            return
        self.settle()
        self.report.events["idle_reset"] += 1
        self.check_forgotten()

    def check_forgotten(self) -> None:
        """After a reset nothing visible may show the previous citizen's number or code."""
        from sqlalchemy import select

        from kiosk.storage.models import Visit

        with self.db.session() as s:
            rows = s.execute(
                select(Visit.id, Visit.ticket, Visit.follow_up_code).where(
                    Visit.id > self.citizen_since
                )
            ).all()
        if rows:
            self.citizen_since = max(r.id for r in rows)
        if not self.visible("home"):
            self.report.problems.append(f"after an idle reset the screen is {self.screen_name()!r}")
        secrets = set()
        for r in rows:
            secrets |= {
                r.ticket,
                r.follow_up_code,
                f"{r.follow_up_code[:3]} {r.follow_up_code[3:]}",
            }
        if not secrets:
            return
        for text in visible_texts(self.window):
            leaked = [x for x in secrets if x in text]
            if leaked:
                self.report.problems.append(
                    f"after an idle reset {text[:80]!r} still shows {sorted(leaked)}"
                )

    def overnight(self) -> None:
        """The kiosk stays on; the next morning the point opens again."""
        from sqlalchemy import func, select

        from kiosk.storage.models import Visit

        with self.db.session() as s:
            self.nights.append(s.scalar(select(func.max(Visit.id))) or 0)
        now = self.clock.now()
        tomorrow = hanoi_at(now + timedelta(days=1), *OPENING)
        self.clock.set(tomorrow)
        self.next_tick()  # the idle watcher sees the night pass
        self.settle()
        self.report.events["midnight"] += 1

    def check_new_days(self) -> None:
        """Each morning's first visit has number 1 again."""
        from sqlalchemy import select

        from kiosk.storage.models import Visit

        for last in self.nights:
            with self.db.session() as s:
                first = s.execute(
                    select(Visit.ticket, Visit.ticket_number)
                    .where(Visit.id > last)
                    .order_by(Visit.id)
                    .limit(1)
                ).first()
            if first is None:
                self.report.problems.append("no visit at all after a night")
            elif first.ticket_number != 1:
                self.report.problems.append(f"the first number after midnight was {first.ticket}")

    def _answer_dialogs(self) -> None:
        """The person picks the scratch "USB stick" in the kiosk's folder chooser (or in
        any folder dialog that opens): they go to its folder and tap *Choose this folder*."""
        for picker in self.shell.window.findChildren(FolderPicker):
            if picker.isVisible():
                picker.open_at(self.usb)
                QTest.mouseClick(picker.choose, Qt.MouseButton.LeftButton)
                self.report.events["folder_chosen"] += 1
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QFileDialog) and w.isVisible():
                edit = w.findChild(QLineEdit, "fileNameEdit")
                if edit is None:
                    w.reject()
                    continue
                edit.setText(str(self.usb))
                QTest.keyClick(edit, Qt.Key.Key_Return)
                self.report.events["folder_chosen"] += 1

    # -- the whole walk -------------------------------------------------------------
    def run(
        self,
        actions: int,
        *,
        hours: float = 10.0,
        overnight: Iterable[float] = (0.5,),
        warmup: int | None = None,
        sample_every: int = 100,
        walk_away: float = 0.02,
        progress: Callable[[SoakReport], None] | None = None,
        stop: Callable[[], bool] = lambda: False,
    ) -> SoakReport:
        """``hours`` of opening time over ``actions`` taps: the time between taps and how
        often a citizen walks away (about ``walk_away`` of the actions, fewer when a reset's
        3.5 minutes would not fit the day) follow from it. ``stop()`` is asked before
        each action; when it says so the walk ends there."""
        r = self.report
        r.warmup = warmup if warmup is not None else max(sample_every, actions // 5)
        nights = sorted(max(1, round(f * actions)) for f in overnight)
        budget = hours * 3600 / actions  # seconds of the day per action
        reset_s = self.idle_timeout + self.idle_countdown + 1
        p_away = min(walk_away, 0.6 * budget / reset_s)
        mean_gap = max(0.2, budget - p_away * reset_s)
        # The first day ends at closing time when a night cuts the walk.
        first = (nights[0] if nights else actions) * budget
        close = hanoi_at(self.clock.now(), *OPENING) + timedelta(hours=10)
        start = close - timedelta(seconds=first)
        if start < self.clock.now():
            start += timedelta(days=1)
        self.clock.set(start)
        r.started_at = start
        self.settle()
        self.next_tick()
        self.settle()
        self._dialogs.start()
        r.samples.append(measure(0, self.wal))
        self.plan = list(TOUR)
        t0 = time.perf_counter()
        with ProblemCatcher() as catcher:
            for i in range(1, actions + 1):
                if stop():  # cut short: the report covers the actions done so far
                    break
                if nights and i == nights[0]:
                    nights.pop(0)
                    self.overnight()
                citizen = not self.shell.modes.is_staff and self.visible("top_bar")
                began = time.perf_counter()
                self.last_kind = "walk_away"
                r.events["citizen_mode" if citizen else "staff_mode"] += 1
                if citizen and not self.plan and self.rng.random() < p_away:
                    self.walk_away()
                else:
                    self.clock.advance(self.rng.uniform(0.2, 1.8) * mean_gap)
                    self.step()
                self.settle()
                r.latencies_ms.append((time.perf_counter() - began) * 1000)
                r.time_by_kind[self.last_kind] += r.latencies_ms[-1]
                r.actions = i
                if i % sample_every == 0 or i == actions or stop():
                    r.seconds = time.perf_counter() - t0
                    r.samples.append(measure(i, self.wal))
                    if progress is not None:
                        progress(r)
            r.seconds = time.perf_counter() - t0
            r.problems.extend(catcher.problems)
            r.warnings.extend(catcher.warnings)
        self._dialogs.stop()
        self.check_new_days()
        r.ended_at = self.clock.now()
        r.printed_codes = self._printed_codes()
        return r

    def _printed_codes(self) -> list[str]:
        from sqlalchemy import select

        from kiosk.storage.models import SlipPrint, Visit

        with self.db.session() as s:
            return list(
                s.scalars(
                    select(Visit.follow_up_code)
                    .join(SlipPrint, SlipPrint.visit_id == Visit.id)
                    .where(SlipPrint.ok.is_(True))
                    .order_by(SlipPrint.id)
                )
            )


def summary_lines(r: SoakReport) -> list[str]:
    """The walk in a few lines: speed, latency, growth of each measure, what was done."""
    lines = [
        f"actions: {r.actions} in {r.seconds:.0f} s ({r.per_second:.1f} actions/s); "
        f"simulated {r.started_at:%Y-%m-%d %H:%M} to {r.ended_at:%Y-%m-%d %H:%M} UTC",
        f"latency per action: p50 {r.percentile(0.5):.1f} ms, p95 {r.percentile(0.95):.1f} ms, "
        f"max {max(r.latencies_ms, default=0):.0f} ms",
    ]
    for m, (b, e, g) in r.growth().items():
        lines.append(
            f"  {m:10s} after warm-up {b:10.1f}  end {e:10.1f}  "
            f"{'highest' if m in ABSOLUTE else 'fall' if m == 'none_refs' else 'growth'} "
            f"{g:9.1f}  (bound {BOUNDS[m]})"
        )
    lines.append("events: " + ", ".join(f"{k} {v}" for k, v in sorted(r.events.items())))
    lines.append(f"slips printed: {len(r.printed_codes)}")
    slow = sorted(r.time_by_kind.items(), key=lambda kv: -kv[1])[:12]
    lines.append(
        "time by kind of action: "
        + ", ".join(
            f"{k} {v / 1000:.1f} s/{r.taps.get(k, r.events.get('idle_prompt', 0))}" for k, v in slow
        )
    )
    lines.append("taps: " + ", ".join(f"{k} {v}" for k, v in r.taps.most_common()))
    return lines
