"""Pictures of the slip in each format for the README: docs/slip-80mm.png (Vietnamese),
docs/slip-58mm.png (English) and docs/slip-A6.png (Arabic), from a sample visit.

    .venv/bin/python installer/slip_pictures.py [OUT_DIR]

Needs pdftoppm (poppler-utils). The PNGs are what the PDF looks like at 150 dpi.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.slips.pdf import render  # noqa: E402
from kiosk.slips.sample import sample_slip  # noqa: E402

PICTURES = (("80mm", "vi"), ("58mm", "en"), ("A6", "ar"))


def make_pictures(out_dir: Path, dpi: int = 150) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, lang in PICTURES:
            pdf = Path(tmp) / f"slip-{fmt}.pdf"
            pdf.write_bytes(render(sample_slip(lang), fmt))
            target = out_dir / f"slip-{fmt}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(target)],
                check=True,
            )
            made.append(target.with_suffix(".png"))
    return made


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    for path in make_pictures(out):
        print(path)
