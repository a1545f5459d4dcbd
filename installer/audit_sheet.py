"""Contact sheets of the screen audit: every screen of the kiosk in each language, text
size and theme, as small pictures on one page per variant, with what the audit found.

    .venv/bin/python installer/audit_sheet.py [OUT_DIR] [--all-steps]   (default docs/audit)

Writes OUT_DIR/{vi,en,ar}-{100,200}-{normal,high-contrast}.png, an index.html that
shows them, and problems.txt (empty when every screen passes). Runs the kiosk with demo
data in a throwaway folder at 1366x768 and 96 dpi (offscreen, or on an Xvfb screen when
there is no display and Xvfb is installed). Guides are sampled as in the test (all the
steps of two guides, the first and last of the others) unless --all-steps is given.
"""

from __future__ import annotations

import html
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

THUMB_W, THUMB_H = 228, 128  # a sixth of 1366x768
COLUMNS = 6
CAPTION_H = 16


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else ROOT / "docs" / "audit"
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="kiosk-audit-"))
    os.environ.update(
        {
            "KIOSK_DATA_DIR": str(data),
            "KIOSK_SETTINGS": str(data / "s.toml"),
            "KIOSK_TTS_ENGINE": "mock",
            "QT_ACCESSIBILITY": "1",
        }
    )
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        return _run(out, data, sample="--all-steps" not in argv)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def _run(out: Path, data: Path, sample: bool) -> int:
    from PIL import Image, ImageDraw
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from kiosk.app_context import AppContext
    from kiosk.clock import FakeClock
    from kiosk.demo import fill_demo
    from kiosk.services import ensure_services
    from kiosk.settings import Settings
    from kiosk.storage import open_database
    from tools.screenshots.audit import VARIANTS, Screen, run, variant_name
    from ui.assemble import build_kiosk
    from ui.fonts import register_fonts

    app = QApplication(sys.argv[:1])
    register_fonts()
    clock = FakeClock()
    db = open_database(f"sqlite:///{data / 'kiosk.sqlite3'}", clock=clock)
    ensure_services(db)
    fill_demo(db)
    settings = Settings(path=data / "s.toml").replace(display__screen_dpi=96)
    shell = build_kiosk(AppContext(settings, db, clock, []), fullscreen=False)
    shell.window.setFixedSize(1366, 768)
    shell.window.show()
    app.processEvents()

    thumbs: dict[str, list[tuple[str, Image.Image]]] = {}

    def keep(tag: str, screen: Screen, image: QImage) -> None:
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)
        pic = Image.frombuffer(
            "RGB",
            (rgb.width(), rgb.height()),
            bytes(rgb.constBits()),
            "raw",
            "RGB",
            rgb.bytesPerLine(),
        )
        thumbs.setdefault(tag, []).append((screen.name, pic.resize((THUMB_W, THUMB_H))))

    problems = run(shell, VARIANTS, keep, sample_guides=sample)
    names = []
    for variant in VARIANTS:
        tag = variant_name(*variant)
        shots = thumbs.get(tag, [])
        rows = -(-len(shots) // COLUMNS)
        sheet = Image.new("RGB", (COLUMNS * THUMB_W, rows * (THUMB_H + CAPTION_H)), "white")
        draw = ImageDraw.Draw(sheet)
        for i, (name, thumb) in enumerate(shots):
            x, y = (i % COLUMNS) * THUMB_W, (i // COLUMNS) * (THUMB_H + CAPTION_H)
            sheet.paste(thumb, (x, y))
            draw.text((x + 3, y + THUMB_H + 2), name[:36], fill="black")
        path = out / f"{tag}.png"
        sheet.quantize(colors=128).save(path, optimize=True)
        names.append((tag, len(shots)))
        print(path)
    (out / "problems.txt").write_text("".join(p + "\n" for p in problems), encoding="utf-8")
    rows_html = "\n".join(
        f'<h2>{html.escape(tag)} ({n} screens)</h2>\n<img src="{html.escape(tag)}.png" '
        f'alt="{html.escape(tag)}" width="{COLUMNS * THUMB_W}">'
        for tag, n in names
    )
    (out / "index.html").write_text(
        "<!doctype html>\n<meta charset=utf-8>\n<title>Screen audit</title>\n"
        "<h1>Screen audit: every screen at 1366x768, 96 dpi</h1>\n"
        f"<p>{len(problems)} problems found (see problems.txt).</p>\n{rows_html}\n",
        encoding="utf-8",
    )
    shell.quit_allowed = True
    shell.shutdown()
    shell.window.close()
    db.dispose()
    print(f"{len(problems)} problems")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
