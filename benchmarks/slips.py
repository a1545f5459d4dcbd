"""How long making a follow-up slip PDF takes, beside a one-line ReportLab page.

    .venv/bin/python benchmarks/slips.py [--runs 60]

Both are measured in the same run (the machine is noisy), after one warm-up each: the
warm-up pays for importing ReportLab and registering the fonts once per process, which is
printed apart. The target is a median of at most 50 ms per slip.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.slips.sample import sample_slip  # noqa: E402

TARGET_MS = 50.0


def one_line_page() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(226.77, 200))
    c.drawString(10, 100, "A027")
    c.showPage()
    c.save()
    return buf.getvalue()


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    from kiosk.slips.pdf import render

    t0 = time.perf_counter()
    one_line_page()
    render(sample_slip("vi"), "80mm")
    first = (time.perf_counter() - t0) * 1000
    base = median_ms(one_line_page, args.runs)
    print(f"first slip in this process (imports, fonts): {first:.0f} ms")
    print(f"baseline, one-line ReportLab page: {base:.2f} ms median")
    worst = 0.0
    for lang in ("vi", "en", "ar"):
        for fmt in ("80mm", "58mm", "A6"):
            data = sample_slip(lang)
            ms = median_ms(lambda d=data, f=fmt: render(d, f), args.runs)
            worst = max(worst, ms)
            print(f"slip {lang} {fmt:>4}: {ms:6.2f} ms median  ({ms / base:5.1f}x baseline)")
    verdict = "ok" if worst <= TARGET_MS else "TOO SLOW"
    print(f"slowest median {worst:.2f} ms; target <= {TARGET_MS:.0f} ms: {verdict}")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
