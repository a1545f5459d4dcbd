"""Charts drawn on the server as SVG: every bar has its number written beside it, and a
label too long for its line wraps onto more lines (the whole text is also the bar's
title and sits in the table under the chart). Right to left, bars grow leftwards."""

from __future__ import annotations

import textwrap
from datetime import date
from html import escape

INK = "#111111"  # 18.9:1 on white
BAR = "#1d4f91"  # 8.6:1 on white
WIDTH = 640


def _lines(label: str, width: int = 56) -> list[str]:
    return textwrap.wrap(label, width, break_long_words=True) or [""]


def bars(rows: list[tuple[str, int]], *, title: str, rtl: bool = False) -> str:
    """Horizontal bars: the label on its own line(s) above its bar, the number after it."""
    top = max((n for _, n in rows), default=0) or 1
    y, parts = 4, []
    span = WIDTH - 90
    for label, n in rows:
        lines = _lines(label)
        for i, line in enumerate(lines):
            x = WIDTH - 2 if rtl else 2
            anchor = "end" if rtl else "start"
            parts.append(
                f'<text x="{x}" y="{y + 16 + 20 * i}" text-anchor="{anchor}">{escape(line)}</text>'
            )
        y += 20 * len(lines) + 4
        w = max(2, round(span * n / top))
        bx = WIDTH - 2 - w if rtl else 2
        nx = bx - 8 if rtl else bx + w + 8
        parts.append(
            f'<rect x="{bx}" y="{y}" width="{w}" height="18" fill="{BAR}">'
            f"<title>{escape(label)}: {n:,}</title></rect>"
        )
        parts.append(
            f'<text x="{nx}" y="{y + 15}" text-anchor="{"end" if rtl else "start"}" '
            f'font-weight="bold">{n:,}</text>'
        )
        y += 30
    return _svg(title, y, parts)


def days(rows: list[tuple[date, int]], *, title: str, rtl: bool = False) -> str:
    """Columns per day with the number over each; the date under every column when they
    fit, otherwise under every few (each column's title holds its date)."""
    top = max((n for _, n in rows), default=0) or 1
    count = max(len(rows), 1)
    step = (WIDTH - 20) / count
    every = max(1, round(44 / step))
    height, base = 200, 160
    parts = []
    for i, (d, n) in enumerate(rows):
        slot = count - 1 - i if rtl else i
        x = 10 + slot * step
        h = max(1, round(120 * n / top))
        w = max(2.0, step - 3)
        label = d.strftime("%d/%m")
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h}" width="{w:.1f}" height="{h}" fill="{BAR}">'
            f"<title>{d.isoformat()}: {n:,}</title></rect>"
        )
        if count <= 31 or i % every == 0:
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="{base - h - 4}" text-anchor="middle" '
                f'font-size="11">{n:,}</text>'
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="{base + 16}" text-anchor="middle" '
                f'font-size="11">{label}</text>'
            )
    parts.append(f'<line x1="8" x2="{WIDTH - 8}" y1="{base}" y2="{base}" stroke="{INK}"/>')
    return _svg(title, height, parts)


def _svg(title: str, height: int, parts: list[str]) -> str:
    return (
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" xmlns="http://www.w3.org/2000/svg" fill="{INK}" '
        # Anchors are given as on the page from left to right; the bars of a right-to-left
        # page are placed mirrored by the code above.
        'direction="ltr" '
        f'font-size="15"><title>{escape(title)}</title>{"".join(parts)}</svg>'
    )
