"""Start-up: process start → home screen shown and interactive, against a bare PySide6
window started the same way in the same run. Prints times, resident memory, the CPU
each had used when its window was up, and ratios.

    .venv/bin/python benchmarks/startup.py [--runs 5]
    .venv/bin/python benchmarks/startup.py --bundle out/literacy-kiosk-<version>-linux-x86_64/app

``--bundle`` measures the PyInstaller bundle (installer/build.sh) instead of the checkout:
the same home screen, started from the bundle's own executable.

Target: time ratio <= 2.0 and memory <= 2x the bare window.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# The bare window says READY as the kiosk does: once its window has been painted (the
# kiosk's READY comes after its home screen's first paint, see ui.app.FirstPaint).
BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
w = QLabel("Hello")
w.resize(1366, 768)
def ready():
    rss = 0
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    print(f"READY {time.time():.6f} {rss} {time.process_time():.4f}", flush=True)
    app.quit()
soon = QTimer()
soon.setSingleShot(True)
soon.timeout.connect(ready)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
            soon.start(0)
        return False
painted = FirstPaint()
w.installEventFilter(painted)
w.show()
app.exec()
"""

# The real shell with every part installed, without opening the database (which happens on
# a background thread after the first paint): which heavy libraries did building it load?
HEAVY_CHECK = r"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.app_context import load_context
from ui.assemble import build_kiosk
shell = build_kiosk(load_context())
heavy = ("sqlalchemy", "alembic", "reportlab", "qrcode", "PIL", "nacl", "orjson", "fastapi",
         "uvicorn", "psycopg", "kiosk.storage", "kiosk.export.bundle", "kiosk.collector.store")
print(sorted(m for m in heavy if m in sys.modules))
"""


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall time from process start to READY, resident memory then, and the CPU time the
    process had used by then (NaN from a program that does not say)."""
    start = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("READY ")), None)
    if line is None:
        raise SystemExit(f"no READY line from {cmd}:\n{out.stdout}\n{out.stderr}")
    fields = line.split()
    cpu = float(fields[3]) if len(fields) > 3 else float("nan")
    return float(fields[1]) - start, int(fields[2]), cpu


def main() -> None:
    data = tempfile.mkdtemp(prefix="kiosk-bench-")
    try:
        run(data)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def run(data: str) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--bundle", default=None, help="a bundle folder (with literacy-kiosk in it) to measure"
    )
    args = ap.parse_args()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "KIOSK_DATA_DIR": data,
        "KIOSK_SETTINGS": os.path.join(data, "settings.toml"),
        "KIOSK_TTS_ENGINE": os.environ.get("KIOSK_TTS_ENGINE", "mock"),
    }
    kiosk = [sys.executable, "-m", "ui.main", "--windowed", "--exit-when-ready"]
    if args.bundle:
        kiosk = [os.path.join(args.bundle, "literacy-kiosk"), "--windowed", "--exit-when-ready"]
    bare = [sys.executable, "-c", BARE]
    # As installed (installer/setup.sh): the kiosk's own code byte-compiled once.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not args.bundle:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "kiosk", "ui"],
            cwd=root,
            check=True,
            capture_output=True,
        )
    measure(kiosk, env)  # first start: creates and migrates the database
    measure(bare, env)  # warm the file cache for both
    k_times, b_times, k_rss, b_rss, k_cpu, b_cpu = [], [], [], [], [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        t, r, c = measure(bare, env)
        b_times.append(t)
        b_rss.append(r)
        b_cpu.append(c)
        t, r, c = measure(kiosk, env)
        k_times.append(t)
        k_rss.append(r)
        k_cpu.append(c)
    kt, bt = statistics.median(k_times), statistics.median(b_times)
    km, bm = statistics.median(k_rss), statistics.median(b_rss)
    kc, bc = statistics.median(k_cpu), statistics.median(b_cpu)
    print(
        f"bare PySide6 window : {bt * 1000:7.0f} ms  {bm / 1024:6.1f} MiB  {bc * 1000:6.0f} ms CPU"
    )
    what = "kiosk (bundle)     " if args.bundle else "kiosk home screen  "
    print(f"{what} : {kt * 1000:7.0f} ms  {km / 1024:6.1f} MiB  {kc * 1000:6.0f} ms CPU")
    print(f"time ratio   {kt / bt:.2f}  (target <= 2.0)")
    print(f"memory ratio {km / bm:.2f}  (target <= 2.0)")
    # The CPU each process used until its window was up: what a busy machine disturbs least
    # (other jobs delay a start but do not make it use more CPU). On a quiet machine the
    # time ratio comes close to it, since starting is one thread's work with files cached.
    print(f"CPU ratio    {kc / bc:.2f}  (the time ratio on a quiet machine is close to this)")
    if args.bundle:
        return
    heavy = subprocess.run(
        [sys.executable, "-c", HEAVY_CHECK], env=env, capture_output=True, text=True
    )
    if heavy.returncode != 0:
        raise SystemExit(f"the heavy-module check failed:\n{heavy.stderr}")
    print(f"loaded at start but not needed for the home screen: {heavy.stdout.strip()}")


if __name__ == "__main__":
    main()
