"""A one-page PDF of the campaign's totals for the ward's report (reportlab, fonts
embedded so Vietnamese diacritics are drawn right).

Arabic is shaped and put in visual order before drawing (as on the slips, see
:mod:`kiosk.slips.text`), and the whole page is mirrored: title and figures start at the
right, bars grow leftwards. Every piece of text is fitted to the room it has: a long
service name is set a little smaller, then shortened with an ellipsis, never drawn over
its neighbour.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.i18n import is_rtl, translate
from kiosk.queue.labels import age_band_label, group_label, outcome_label, service_label

SECTIONS = (
    ("service", "export.by_service"),
    ("priority", "export.by_group"),
    ("age_band", "export.by_age"),
    ("outcome", "export.by_outcome"),
)
MAX_ROWS = 7
ELLIPSIS = "…"


def label_for(by: str, key: str, lang: str) -> str:
    """A readable name for a total's key in ``lang`` (services from the catalog, groups,
    age bands and outcomes from the queue's words; a missing value is "not given")."""
    if key == "unknown" and by in ("age_band", "language", "point"):
        return translate("export.not_given", lang)
    if by == "service":
        return service_label(key, lang)
    if by == "priority":
        return group_label(key, lang)
    if by == "age_band":
        return age_band_label(key, lang)
    if by == "outcome":
        return outcome_label(key, lang)
    return key


class _Pen:
    """Draws one line of text with the bundled fonts, Arabic runs in Noto Sans Arabic, in
    a box measured from the page's start edge (the left, or the right in Arabic)."""

    def __init__(self, canvas: Any, left: float, right: float, rtl: bool) -> None:
        from kiosk.slips.pdf import register_fonts

        register_fonts()
        self.c, self.left, self.right, self.rtl = canvas, left, right, rtl

    def _parts(self, text: str, size: float, bold: bool) -> list[tuple[str, str, float]]:
        from kiosk.slips.pdf import line_parts

        return line_parts(text, self.rtl, size, bold)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(w for _p, _f, w in self._parts(text, size, bold))

    def fit(
        self, text: str, size: float, room: float, bold: bool = False, smallest: float = 0.8
    ) -> tuple[str, float]:
        """``text`` and a size at which it fits in ``room``: up to 20% smaller, then cut
        at a word (or letter) with an ellipsis."""
        from kiosk.slips.text import nfc

        text = nfc(text)
        for scale in (1.0, 0.9, smallest):
            if self.width(text, size * scale, bold) <= room:
                return text, size * scale
        size *= smallest
        words = text.split(" ")
        while len(words) > 1:
            words.pop()
            cut = " ".join(words).rstrip(",.;:–-") + ELLIPSIS
            if self.width(cut, size, bold) <= room:
                return cut, size
        cut = text
        while len(cut) > 1 and self.width(cut + ELLIPSIS, size, bold) > room:
            cut = cut[:-1]
        return cut + ELLIPSIS, size

    def x(self, offset: float, width: float = 0.0) -> float:
        """The page x where a box ``width`` wide starts, ``offset`` from the start edge."""
        return self.right - offset - width if self.rtl else self.left + offset

    def text(
        self,
        text: str,
        offset: float,
        y: float,
        size: float,
        *,
        bold: bool = False,
        room: float | None = None,
        at_end: bool = False,
    ) -> float:
        """Draw ``text`` at ``offset`` from the start edge (or ending ``offset`` from the
        far edge with ``at_end``); returns the width drawn."""
        room = (self.right - self.left - offset) if room is None else room
        text, size = self.fit(text, size, room, bold)
        parts = self._parts(text, size, bold)
        total = sum(w for _p, _f, w in parts)
        if at_end:
            x = self.left + offset if self.rtl else self.right - offset - total
        else:
            x = self.x(offset, total)
        for part, font, w in parts:
            self.c.setFont(font, size)
            self.c.drawString(x, y, part)
            x += w
        return total


def write_report(
    summary: dict[str, Any], path: Path, *, lang: str = "vi", title: str = "", generated: str = ""
) -> Path:
    """Draw the report for ``summary`` (from :meth:`Collector.summary`) into ``path``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    if lang not in ("vi", "en", "ar"):
        lang = "en"

    def t(key: str, **kw: Any) -> str:
        return translate(key, lang, **kw)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    heading = title or t("export.report_title")
    c.setTitle(heading)
    c.setAuthor(t("app.name"))
    c.setSubject(t("export.report_footer"))
    left, right = 18 * mm, width - 18 * mm
    full = right - left
    pen = _Pen(c, left, right, is_rtl(lang))
    blue = (0.04, 0.24, 0.57)

    y = height - 22 * mm
    pen.text(heading, 0, y, 17, bold=True, room=full)
    y -= 8 * mm
    period = t(
        "export.report_period",
        first=summary.get("first_day") or "-",
        last=summary.get("last_day") or "-",
    )
    stamp = t("export.report_generated", time=generated) if generated else ""
    stamp_w = pen.text(stamp, 0, y, 10.5, room=full * 0.4, at_end=True) if stamp else 0.0
    pen.text(period, 0, y, 10.5, room=full - stamp_w - 6 * mm)
    y -= 10 * mm

    wait = summary.get("average_wait_seconds")
    facts = (
        (t("export.total_visits"), str(summary.get("visits", 0))),
        (t("export.total_outcome"), str(summary.get("visits_with_outcome", 0))),
        (
            t("export.average_wait"),
            t("export.minutes", minutes=int(wait / 60 + 0.5)) if wait is not None else "-",
        ),
        (
            t("export.points_and_kiosks"),
            f"{len(summary.get('by', {}).get('point', []))} / {summary.get('kiosks', 0)}",
        ),
    )
    box_w = full / len(facts)
    inner = box_w - 8 * mm
    for i, (name, value) in enumerate(facts):
        c.setStrokeColorRGB(*blue)
        c.rect(
            pen.x(i * box_w + 1 * mm, box_w - 2 * mm),
            y - 16 * mm,
            box_w - 2 * mm,
            18 * mm,
            stroke=1,
            fill=0,
        )
        c.setFillColorRGB(0, 0, 0)
        pen.text(value, i * box_w + 4 * mm, y - 6 * mm, 16, bold=True, room=inner)
        pen.text(name, i * box_w + 4 * mm, y - 12 * mm, 8.5, room=inner)
    y -= 26 * mm

    col_w = (full - 8 * mm) / 2
    for n, (by, key) in enumerate(SECTIONS):
        x0 = (n % 2) * (col_w + 8 * mm)
        top = y - (n // 2) * 100 * mm
        rows = summary.get("by", {}).get(by, [])[:MAX_ROWS]
        c.setFillColorRGB(0, 0, 0)
        pen.text(t(key), x0, top, 12, bold=True, room=col_w)
        biggest = max([r["visits"] for r in rows] or [1])
        # Counts are never shortened: the bars give way to the widest one.
        number_room = max([pen.width(str(r["visits"]), 9) for r in rows] or [0]) + 1
        ry = top - 8 * mm
        for r in rows:
            c.setFillColorRGB(0, 0, 0)
            pen.text(label_for(by, str(r["key"]), lang), x0, ry, 9, room=col_w)
            bar = (col_w - number_room - 2 * mm) * r["visits"] / biggest
            bar = max(bar, 0.6 * mm)
            c.setFillColorRGB(*blue)
            c.rect(pen.x(x0, bar), ry - 5 * mm, bar, 3.2 * mm, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            pen.text(str(r["visits"]), x0 + bar + 2 * mm, ry - 4.6 * mm, 9, room=number_room)
            ry -= 11 * mm
        if not rows:
            pen.text(t("export.no_data"), x0, ry, 9, room=col_w)
    c.setFillColorRGB(0.2, 0.2, 0.2)
    pen.text(t("export.report_footer"), 0, 12 * mm, 8, room=full)
    c.showPage()
    c.save()
    return path
