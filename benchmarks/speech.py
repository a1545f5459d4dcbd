"""The first *Read aloud* after start: how long the screen's thread stalls, against loading
the engine on the screen's thread as the kiosk used to (baseline), in the same run.

    XDG_RUNTIME_DIR=<a dir with a sound server> .venv/bin/python benchmarks/speech.py

Needs Speech Dispatcher with espeak-ng and a sound server (installer/services.d/speech.sh
starts one with a null sink). Each measurement runs in a fresh process: the kiosk's shell
is shown, then Read aloud is pressed on a Vietnamese guide step right after the first paint.
Prints the press's own time, the longest gap between 10 ms timer ticks from the press until
speech starts, and the time to speech. Target: stall under 50 ms.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

RUN = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.app_context import load_context
from ui.fonts import register_fonts
from ui.assemble import build_kiosk
register_fonts()
ctx = load_context(None, demo=True)
shell = build_kiosk(ctx, fullscreen=False)
shell.start()
QTimer.singleShot(0, ctx.open_in_background)  # as ui.app does
baseline = sys.argv[1] == "baseline"
if not baseline:
    QTimer.singleShot(0, shell.speaker.start)  # as ui.app does
out = {}
last = [time.perf_counter()]
longest = [0.0]
def tick():
    now = time.perf_counter()
    longest[0] = max(longest[0], now - last[0])
    last[0] = now
timer = QTimer(); timer.setInterval(10); timer.timeout.connect(tick)

def press():
    QTest.mouseClick(shell.home.tiles["vneid-level1"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(shell.guides.overview.nav.next, Qt.MouseButton.LeftButton)
    app.processEvents()
    step = shell.guides.step
    timer.start()
    last[0] = time.perf_counter(); longest[0] = 0.0
    t0 = time.perf_counter()
    if baseline:
        # The old way: the engine made on the screen's thread at the first press.
        from PySide6.QtTextToSpeech import QTextToSpeech
        from PySide6.QtCore import QLocale
        tts = QTextToSpeech("speechd")
        for loc in tts.availableLocales():
            if loc.language() == QLocale.Language.Vietnamese:
                tts.setLocale(loc)
                break
        tts.say(step.guide.steps[0].texts["vi"].spoken())
        out["tap_ms"] = (time.perf_counter() - t0) * 1000
        def spoken(state):
            if state == QTextToSpeech.State.Speaking:
                done(t0)
        tts.stateChanged.connect(spoken)
        shell._keep = tts
    else:
        shell.speaker.said.connect(lambda *_: done(t0))
        QTest.mouseClick(step.speak, Qt.MouseButton.LeftButton)
        out["tap_ms"] = (time.perf_counter() - t0) * 1000

def done(t0):
    tick()
    out["to_speech_s"] = time.perf_counter() - t0
    out["stall_ms"] = max(longest[0] * 1000, out["tap_ms"])
    print("RESULT " + json.dumps(out), flush=True)
    shell.quit_allowed = True
    app.quit()

def when_open():
    # Press once the database is open (as a citizen's first tap comes seconds after start).
    if not ctx.db_ready:
        QTimer.singleShot(50, when_open)
    else:
        press()

QTimer.singleShot(0, when_open)
QTimer.singleShot(90000, app.quit)
app.exec()
shell.shutdown()
"""


def measure(kind: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data:
        env = {"KIOSK_DATA_DIR": data, "KIOSK_SETTINGS": f"{data}/settings.toml"}
        done = subprocess.run(
            [sys.executable, "-c", RUN, kind],
            env=os.environ | env | {"KIOSK_TTS_ENGINE": "speechd"},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"{kind}: no result\n{done.stderr[-2000:]}")


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rows = [("baseline", measure("baseline"))]
    rows += [("kiosk", measure("kiosk")) for _ in range(runs)]
    for kind, r in rows:
        print(
            f"{kind:9s} press {r['tap_ms']:7.1f} ms   longest stall {r['stall_ms']:7.1f} ms   "
            f"speech after {r['to_speech_s']:5.2f} s"
        )
    kiosk = max(r["stall_ms"] for k, r in rows if k == "kiosk")
    base = rows[0][1]["stall_ms"]
    print(f"worst kiosk stall {kiosk:.1f} ms (target < 50 ms); baseline {base:.0f} ms")
    return 0 if kiosk < 50 else 1


if __name__ == "__main__":
    raise SystemExit(main())
