"""The slip as a PDF, drawn with ReportLab on receipt rolls (80 mm, 58 mm; the height fitted
to the content) or on A6.

ReportLab is imported only when the first slip is made, so starting the kiosk does not pay
for it; the four bundled fonts are registered once per process and embedded (subset) in each
PDF, so Vietnamese diacritics and Arabic letters print the same on every machine.
"""

from __future__ import annotations

import io
import logging
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kiosk.i18n import is_rtl
from kiosk.paths import resources_dir
from kiosk.queue.labels import code_label
from kiosk.slips.content import SlipData
from kiosk.slips.text import nfc, runs, shaped, visual

log = logging.getLogger(__name__)

MM = 72 / 25.4


@dataclass(frozen=True)
class SlipFormat:
    key: str
    width: float  # points
    height: float | None  # points; None: a roll, as long as the content
    margin: float
    body: float  # body text size, points
    ticket: float  # the ticket number's size
    qr: float  # side of the QR code with its quiet zone
    dots: int = 0  # printable width of a thermal printer of this roll, in dots

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin


FORMATS: dict[str, SlipFormat] = {
    # 80 mm rolls print 72 mm (576 dots at 203 dpi); 58 mm rolls print 48 mm (384 dots).
    "80mm": SlipFormat("80mm", 80 * MM, None, 4 * MM, 9.5, 34, 36 * MM, 576),
    "58mm": SlipFormat("58mm", 58 * MM, None, 5 * MM, 8.5, 28, 30 * MM, 384),
    "A6": SlipFormat("A6", 105 * MM, 148 * MM, 8 * MM, 10, 34, 34 * MM, 0),
}

FONTS = {
    "Slip": "NotoSans-Regular.ttf",
    "Slip-Bold": "NotoSans-Bold.ttf",
    "SlipAr": "NotoSansArabic-Regular.ttf",
    "SlipAr-Bold": "NotoSansArabic-Bold.ttf",
}
_fonts_lock = threading.Lock()
_fonts_ready = False


def register_fonts() -> None:
    """Register the bundled TrueType fonts with ReportLab, once per process."""
    global _fonts_ready
    if _fonts_ready:
        return
    with _fonts_lock:
        if _fonts_ready:
            return
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        folder = resources_dir() / "fonts"
        for name, file in FONTS.items():
            # Shaping is done before drawing (see kiosk.slips.text), never by ReportLab.
            pdfmetrics.registerFont(TTFont(name, str(folder / file), shapable=False))
        _fonts_ready = True


def _font(arabic: bool, bold: bool) -> str:
    return ("SlipAr" if arabic else "Slip") + ("-Bold" if bold else "")


def line_parts(
    line: str, rtl: bool, size: float, bold: bool = False
) -> list[tuple[str, str, float]]:
    """One line (logical order) as it is drawn left to right: (text, font, width) runs,
    Arabic in Noto Sans Arabic and the rest in Noto Sans. Fonts must be registered."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = []
    for text, arabic in runs(visual(line, rtl)):
        font = _font(arabic, bold)
        out.append((text, font, stringWidth(text, font, size)))
    return out


# -- layout -------------------------------------------------------------------------------
@dataclass
class _Line:
    parts: list[tuple[str, str, float]]  # (drawn text, font, width)
    width: float
    size: float
    align: str  # "left", "right" or "center"

    @property
    def height(self) -> float:
        return self.size * 1.32


@dataclass
class _Gap:
    height: float


@dataclass
class _Rule:
    height: float = 7.0


@dataclass
class _Qr:
    matrix: tuple[tuple[bool, ...], ...]
    height: float


@dataclass
class _Image:
    path: str
    width: float
    height: float


@lru_cache(maxsize=8192)
def _word_width(word: str, size: float, bold: bool) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(t, _font(arabic, bold), size) for t, arabic in runs(shaped(word)))


@lru_cache(maxsize=64)
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules for ``url`` with a 4-module quiet zone (medium error correction, so a
    creased or faded slip still scans). A point prints the same few addresses all day."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


class _Layout:
    def __init__(self, fmt: SlipFormat, rtl: bool) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.fmt, self.rtl, self._sw = fmt, rtl, stringWidth
        self.items: list[_Line | _Gap | _Rule | _Qr | _Image] = []
        self.start = "right" if rtl else "left"

    def _parts(self, line: str, size: float, bold: bool) -> list[tuple[str, str, float]]:
        return line_parts(line, self.rtl, size, bold)

    def _word(self, word: str, size: float, bold: bool) -> float:
        return _word_width(word, size, bold)

    def _split_long(self, word: str, size: float, bold: bool, width: float) -> list[str]:
        pieces, cur = [], ""
        for ch in word:
            if cur and self._word(cur + ch, size, bold) > width:
                pieces.append(cur)
                cur = ch
            else:
                cur += ch
        return [*pieces, cur]

    def text(
        self,
        text: str,
        size: float | None = None,
        *,
        bold: bool = False,
        align: str = "start",
        indent: str = "",
    ) -> None:
        """Wrapped text; ``indent`` starts the first line (e.g. a bullet)."""
        size = size or self.fmt.body
        align = self.start if align == "start" else align
        width = self.fmt.content_width
        space = self._sw(" ", _font(False, bold), size)
        for para in nfc(text).split("\n"):
            lines: list[str] = []
            cur: list[str] = []
            cur_w = 0.0
            for word in (w for w in (indent + para).split(" ") if w):
                ww = self._word(word, size, bold)
                if cur and cur_w + space + ww <= width:
                    cur.append(word)
                    cur_w += space + ww
                    continue
                if not cur and ww <= width:
                    cur, cur_w = [word], ww
                    continue
                if cur:
                    lines.append(" ".join(cur))
                pieces = [word] if ww <= width else self._split_long(word, size, bold, width)
                lines.extend(pieces[:-1])
                cur, cur_w = [pieces[-1]], self._word(pieces[-1], size, bold)
            lines.append(" ".join(cur))
            for line in lines:
                parts = self._parts(line, size, bold)
                self.items.append(_Line(parts, sum(p[2] for p in parts), size, align))

    def gap(self, height: float) -> None:
        self.items.append(_Gap(height))

    def rule(self) -> None:
        self.items.append(_Rule())

    def qr(self, url: str) -> None:
        self.items.append(_Qr(qr_matrix(url), self.fmt.qr))

    def image(self, path: str, max_height: float) -> None:
        try:
            from reportlab.lib.utils import ImageReader

            iw, ih = ImageReader(path).getSize()
        except Exception as exc:  # a broken logo must never stop a slip
            log.warning("slip logo %s not used: %s", path, exc)
            return
        scale = min(max_height / ih, self.fmt.content_width / iw)
        self.items.append(_Image(path, iw * scale, ih * scale))

    @property
    def height(self) -> float:
        return sum(i.height for i in self.items)


def _build(data: SlipData, fmt: SlipFormat) -> _Layout:
    t = data.t
    lay = _Layout(fmt, is_rtl(data.language))
    body, small = fmt.body, fmt.body * 0.85
    if data.logo and Path(data.logo).is_file():
        lay.image(data.logo, 14 * MM)
        lay.gap(4)
    lay.text(data.point_name, body * 1.25, bold=True, align="center")
    lay.text(t("slips.when", when=data.local_time), small, align="center")
    lay.rule()
    if not data.self_guided:  # a number to wait with only for a place in the line
        lay.text(t("slips.your_number"), body, align="center")
        lay.text(data.ticket, fmt.ticket, bold=True, align="center")
        lay.rule()
    names = data.service_names() + [g.title for g in data.guides]
    if names:
        lay.text(t("slips.today"), body, bold=True)
        for n in dict.fromkeys(names):
            lay.text(n, body, indent="• ")
        lay.gap(4)
    outcomes = data.outcome_names()
    if outcomes:
        lay.text(t("slips.done"), body, bold=True)
        for o in outcomes:
            lay.text(o, body, indent="• ")
        lay.gap(4)
    steps = [g for g in data.guides if g.next_at_home]
    lay.text(t("slips.next_at_home"), body, bold=True)
    if steps:
        for g in steps:
            if len(steps) > 1:
                lay.text(g.title, small, bold=True)
            lay.text(g.next_at_home, body)
    else:
        lay.text(t("slips.next_default"), body)
    lay.rule()
    lay.qr(data.qr_url)
    lay.text(t("slips.qr_caption"), small, align="center")
    lay.text(data.qr_url, small, align="center")
    lay.rule()
    lay.text(t("slips.code_label"), body, align="center")
    lay.text(code_label(data.follow_up_code), fmt.ticket * 0.8, bold=True, align="center")
    lay.text(t("slips.code_hint"), small, align="center")
    if data.footer:
        lay.rule()
        lay.text(data.footer, small, align="center")
    return lay


# -- drawing ------------------------------------------------------------------------------
def render(data: SlipData, fmt: str | SlipFormat = "80mm") -> bytes:
    """The slip for ``data`` as PDF bytes."""
    register_fonts()
    from reportlab.pdfgen.canvas import Canvas

    f = FORMATS[fmt] if isinstance(fmt, str) else fmt
    lay = _build(data, f)
    if f.height:
        # A sheet has a fixed height: shrink the type a little rather than put the code
        # on a second page; only a very long visit still runs over. The QR code keeps its
        # size: below about 20 mm an older phone's camera struggles to read it.
        for scale in (0.9, 0.8, 0.7, 0.6):
            if lay.height <= f.height - 2 * f.margin:
                break
            lay = _build(data, replace(f, body=f.body * scale, ticket=f.ticket * scale))
    page_h = f.height or lay.height + 2 * f.margin
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(f.width, page_h),
        invariant=True,
        pageCompression=1,
        # types-reportlab says a number here; reportlab takes the font's name.
        initialFontName="Slip",  # type: ignore[arg-type]
        initialFontSize=f.body,
    )
    c.setTitle(data.title)
    c.setCreator("literacy-kiosk")
    c.setLineWidth(0.6)
    c.setDash(2, 2)
    left, right = f.margin, f.width - f.margin
    y = page_h - f.margin
    for item in lay.items:
        if f.height and y - item.height < f.margin:
            c.showPage()
            c.setLineWidth(0.6)
            c.setDash(2, 2)
            y = page_h - f.margin
        if isinstance(item, _Line):
            if item.align == "center":
                x = (f.width - item.width) / 2
            elif item.align == "right":
                x = right - item.width
            else:
                x = left
            base = y - item.size * 1.05
            for text, font, w in item.parts:
                c.setFont(font, item.size)
                c.drawString(x, base, text)
                x += w
        elif isinstance(item, _Rule):
            c.line(left, y - item.height / 2, right, y - item.height / 2)
        elif isinstance(item, _Qr):
            n = len(item.matrix)
            mod = item.height / n
            x0 = (f.width - item.height) / 2
            path = c.beginPath()
            for r, row in enumerate(item.matrix):
                cy = y - (r + 1) * mod
                col = 0
                while col < n:
                    if row[col]:
                        start = col
                        while col < n and row[col]:
                            col += 1
                        path.rect(x0 + start * mod, cy, (col - start) * mod, mod)
                    else:
                        col += 1
            c.drawPath(path, stroke=0, fill=1)
        elif isinstance(item, _Image):
            c.drawImage(
                item.path,
                (f.width - item.width) / 2,
                y - item.height,
                item.width,
                item.height,
                mask="auto",
                preserveAspectRatio=True,
            )
        y -= item.height
    c.showPage()
    c.save()
    return buf.getvalue()
