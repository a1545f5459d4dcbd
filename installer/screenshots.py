"""Screenshots of the real screens for the README, made from the running app.

    .venv/bin/python installer/screenshots.py [OUT_DIR]     (default docs/screenshots)

Runs the kiosk with demo data in a throwaway data folder, on an Xvfb screen of
1366x768 at 96 dpi (started here when there is no DISPLAY), and saves a PNG per screen.
Parts of the app that add screens provide ``capture_*(shell, out_dir)`` functions, which
are called when present.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXTRA_CAPTURES = (
    ("tools.screenshots.guides", "capture_guides"),
    ("tools.screenshots.queue", "capture_queue"),
    ("tools.screenshots.coordinator", "capture_coordinator"),
)


def start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY") or not shutil.which("Xvfb"):
        return None
    display = ":97"
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-dpi", "96", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["DISPLAY"] = display
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
            break
        time.sleep(0.1)
    return proc


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    os.environ.update(
        {
            "KIOSK_DATA_DIR": str(data),
            "KIOSK_SETTINGS": str(data / "s.toml"),
            "KIOSK_TTS_ENGINE": "none",
        }
    )
    xvfb = start_xvfb()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from kiosk.app_context import open_context
        from ui.assemble import build_kiosk
        from ui.fonts import register_fonts

        app = QApplication(sys.argv[:1])
        register_fonts()
        ctx = open_context(demo=True)
        shell = build_kiosk(ctx, fullscreen=False)
        shell.window.resize(1366, 768)
        shell.start()
        shell.window.resize(1366, 768)

        def snap(name: str) -> None:
            for _ in range(5):
                app.processEvents()
            shell.window.grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")

        snap("home-vi")
        shell.session.translator.set_language("en")
        snap("home-en")
        shell.session.translator.set_language("ar")
        snap("home-ar")
        shell.session.clear()
        shell.session.set_text_scale(200)
        shell.session.set_high_contrast(True)
        snap("home-200-high-contrast")
        shell.session.clear()
        shell.open_pin()
        snap("pin")
        from kiosk.modes import Mode
        from kiosk.security import list_volunteers

        coordinator = next(v for v in list_volunteers(ctx.db) if v.role == "coordinator")
        shell.modes.enter(Mode.VOLUNTEER, coordinator)
        snap("volunteer")
        shell.modes.leave()
        shell.prompt.show_countdown(27)
        snap("still-here")
        shell.prompt.hide()
        for module, func in EXTRA_CAPTURES:
            try:
                mod = importlib.import_module(module)
            except ModuleNotFoundError:
                continue
            shell.reset_citizen()
            getattr(mod, func)(shell, out)
        shell.quit_allowed = True
        shell.shutdown()
        shell.window.close()
        ctx.db.dispose()
    finally:
        if xvfb is not None:
            xvfb.terminate()
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
