"""A one-page PDF of the campaign's totals for the ward's report (reportlab, fonts
embedded so Vietnamese diacritics are drawn right).

Arabic needs shaping that ReportLab does not do, so an Arabic-speaking coordinator gets
the report in English.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from kiosk.i18n import translate
from kiosk.paths import resources_dir

SECTIONS = (("service", "export.by_service"), ("priority", "export.by_group"),
            ("age_band", "export.by_age"), ("outcome", "export.by_outcome"))
MAX_ROWS = 7


def label_for(by: str, key: str, lang: str) -> str:
    """A readable name for a total's key (service names from the catalog)."""
    if by == "service":
        text = translate(f"service.{key}", lang)
        return key if text == f"service.{key}" else text
    if by == "priority":
        text = translate(f"export.group_{key}", lang)
        return key if text.startswith("export.group_") else text
    return key


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = resources_dir() / "fonts"
    for name, file in (("NotoSans", "NotoSans-Regular.ttf"),
                       ("NotoSans-Bold", "NotoSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    return "NotoSans", "NotoSans-Bold"


def write_report(summary: dict[str, Any], path: Path, *, lang: str = "vi",
                 title: str = "", generated: str = "") -> Path:
    """Draw the report for ``summary`` (from :meth:`Collector.summary`) into ``path``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    if lang not in ("vi", "en"):
        lang = "en"

    def t(key: str, **kw: Any) -> str:
        return unicodedata.normalize("NFC", translate(key, lang, **kw))

    regular, bold = _fonts()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(title or t("export.report_title"))
    c.setAuthor(t("app.name"))
    left, right = 18 * mm, width - 18 * mm
    y = height - 22 * mm
    c.setFont(bold, 17)
    c.drawString(left, y, title or t("export.report_title"))
    y -= 8 * mm
    c.setFont(regular, 10.5)
    period = t("export.report_period", first=summary.get("first_day") or "-",
               last=summary.get("last_day") or "-")
    c.drawString(left, y, period)
    if generated:
        c.drawRightString(right, y, generated)
    y -= 10 * mm
    wait = summary.get("average_wait_seconds")
    facts = (
        (t("export.total_visits"), str(summary.get("visits", 0))),
        (t("export.total_outcome"), str(summary.get("visits_with_outcome", 0))),
        (t("export.average_wait"), f"{round(wait / 60)} min" if wait is not None else "-"),
        (t("export.points_and_kiosks"),
         f"{len(summary.get('by', {}).get('point', []))} / {summary.get('kiosks', 0)}"),
    )
    box_w = (right - left) / len(facts)
    for i, (name, value) in enumerate(facts):
        x = left + i * box_w
        c.setStrokeColorRGB(0.04, 0.24, 0.57)
        c.rect(x + 1 * mm, y - 16 * mm, box_w - 2 * mm, 18 * mm, stroke=1, fill=0)
        c.setFont(bold, 16)
        c.drawString(x + 4 * mm, y - 6 * mm, value)
        c.setFont(regular, 8.5)
        c.drawString(x + 4 * mm, y - 12 * mm, name[:34])
    y -= 26 * mm
    col_w = (right - left - 8 * mm) / 2
    for n, (by, key) in enumerate(SECTIONS):
        x0 = left + (n % 2) * (col_w + 8 * mm)
        top = y - (n // 2) * 100 * mm
        rows = summary.get("by", {}).get(by, [])[:MAX_ROWS]
        c.setFont(bold, 12)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x0, top, t(key))
        biggest = max([r["visits"] for r in rows] or [1])
        ry = top - 8 * mm
        for r in rows:
            name = label_for(by, str(r["key"]), lang)
            c.setFont(regular, 9)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(x0, ry, name[:40])
            bar = (col_w - 18 * mm) * r["visits"] / biggest
            c.setFillColorRGB(0.04, 0.24, 0.57)
            c.rect(x0, ry - 5 * mm, max(bar, 0.6 * mm), 3.2 * mm, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(x0 + bar + 2 * mm, ry - 4.6 * mm, str(r["visits"]))
            ry -= 11 * mm
        if not rows:
            c.setFont(regular, 9)
            c.drawString(x0, ry, t("export.no_data"))
    c.setFont(regular, 8)
    c.setFillColorRGB(0.2, 0.2, 0.2)
    c.drawString(left, 12 * mm, t("export.report_footer"))
    c.showPage()
    c.save()
    return path
