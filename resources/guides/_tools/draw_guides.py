#!/usr/bin/env python3
"""Draw the step pictures and icons of the guide packs.

Run from anywhere:  python3 resources/guides/_tools/draw_guides.py
It (re)writes resources/guides/<id>/icon.svg and stepNN.svg for every guide
listed in GUIDES below. The SVG files are committed, so the kiosk never needs
this script; it only exists so the drawings share one style and are easy to
change. After editing a drawing, run the script and look at the result.

Drawing rules (see ../README.md): viewBox 0 0 400 300 for steps, 0 0 100 100
for icons; only rect, circle, ellipse, line, polyline, polygon, path, text
and g; attributes only (no CSS, no filters, no images, no scripts); one font
("Noto Sans, sans-serif"); text at least 14 units tall; dark outlines
(#1a1a1a), the thing to tap in blue (#0b57d0), numbered call-outs in red
(#b3261e) with white numbers.
"""

import os
import random
import unicodedata
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
GUIDES_DIR = os.path.dirname(HERE)

INK = "#1a1a1a"
ACCENT = "#0b57d0"
CALL = "#b3261e"
WHITE = "#ffffff"
PALE = "#e8f0fe"  # light blue fill
LIGHT = "#f1f3f4"  # light grey fill
HEAD = "#e0e0e0"  # app header bar
SOFT = "#454545"  # secondary text (contrast > 9:1 on white)
OK = "#146c2e"  # success green
CHIP = "#e0b020"  # card chip
SKIN = "#f0c8a0"
PAPER = "#fff8e1"
POLICE = "#3d5a2a"  # uniform green
FONT = "Noto Sans, sans-serif"


def n(v):
    """Format a number without a useless '.0'."""
    if isinstance(v, float):
        v = round(v, 1)
        if v == int(v):
            v = int(v)
    return str(v)


class D:
    """A list of SVG elements with small drawing methods."""

    def __init__(self):
        self.items = []

    def _attrs(self, **kw):
        out = []
        for k, v in kw.items():
            if v is None:
                continue
            k = k.rstrip("_").replace("_", "-")
            out.append(
                '{}="{}"'.format(
                    k, n(v) if isinstance(v, (int, float)) else escape(str(v), {'"': "&quot;"})
                )
            )
        return " ".join(out)

    def el(self, tag, **kw):
        self.items.append(f"<{tag} {self._attrs(**kw)}/>")

    def rect(self, x, y, w, h, fill=WHITE, stroke=INK, sw=2, rx=0, dash=None):
        self.el(
            "rect",
            x=x,
            y=y,
            width=w,
            height=h,
            rx=rx or None,
            fill=fill,
            stroke=stroke if sw else None,
            stroke_width=sw or None,
            stroke_dasharray=dash,
        )

    def circle(self, cx, cy, r, fill=WHITE, stroke=INK, sw=2):
        self.el(
            "circle",
            cx=cx,
            cy=cy,
            r=r,
            fill=fill,
            stroke=stroke if sw else None,
            stroke_width=sw or None,
        )

    def ellipse(self, cx, cy, rx, ry, fill=WHITE, stroke=INK, sw=2):
        self.el(
            "ellipse",
            cx=cx,
            cy=cy,
            rx=rx,
            ry=ry,
            fill=fill,
            stroke=stroke if sw else None,
            stroke_width=sw or None,
        )

    def line(self, x1, y1, x2, y2, stroke=INK, sw=2, dash=None, cap="round"):
        self.el(
            "line",
            x1=x1,
            y1=y1,
            x2=x2,
            y2=y2,
            stroke=stroke,
            stroke_width=sw,
            stroke_dasharray=dash,
            stroke_linecap=cap,
        )

    def polygon(self, pts, fill=WHITE, stroke=INK, sw=2):
        self.el(
            "polygon",
            points=" ".join(f"{n(a)},{n(b)}" for a, b in pts),
            fill=fill,
            stroke=stroke if sw else None,
            stroke_width=sw or None,
            stroke_linejoin="round",
        )

    def polyline(self, pts, stroke=INK, sw=2, fill="none"):
        self.el(
            "polyline",
            points=" ".join(f"{n(a)},{n(b)}" for a, b in pts),
            fill=fill,
            stroke=stroke,
            stroke_width=sw,
            stroke_linecap="round",
            stroke_linejoin="round",
        )

    def path(self, d, fill="none", stroke=INK, sw=2):
        self.el(
            "path",
            d=d,
            fill=fill,
            stroke=stroke if sw else None,
            stroke_width=sw or None,
            stroke_linecap="round",
            stroke_linejoin="round",
        )

    def text(self, x, y, s, size=16, fill=INK, bold=False, anchor="start"):
        assert size >= 14, "text must be at least 14 units tall"
        s = unicodedata.normalize("NFC", s)
        self.items.append(
            '<text x="{}" y="{}" font-family="{}" font-size="{}"{}{} fill="{}">{}</text>'.format(
                n(x),
                n(y),
                FONT,
                n(size),
                ' font-weight="bold"' if bold else "",
                f' text-anchor="{anchor}"' if anchor != "start" else "",
                fill,
                escape(s),
            )
        )

    def svg(self, viewbox="0 0 400 300"):
        body = "\n  ".join(self.items)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{viewbox}">\n  {body}\n</svg>\n'
        )


# ---------------------------------------------------------------- pieces


def background(d):
    d.rect(0, 0, 400, 300, fill=WHITE, sw=0)


def phone(d, x=115, y=10, w=170, h=280):
    """Phone front; returns the screen box (x, y, w, h)."""
    d.rect(x, y, w, h, fill=INK, stroke=INK, sw=2, rx=20)
    d.rect(x + 8, y + 22, w - 16, h - 40, fill=WHITE, sw=0, rx=4)
    d.rect(x + w / 2 - 18, y + 9, 36, 5, fill="#777777", sw=0, rx=2.5)
    d.rect(x + w / 2 - 22, y + h - 11, 44, 4, fill="#9a9a9a", sw=0, rx=2)
    return (x + 8, y + 22, w - 16, h - 40)


def header(d, scr, title, back=True):
    sx, sy, sw, _ = scr
    d.rect(sx, sy, sw, 34, fill=HEAD, sw=0)
    if back and len(title) <= 11 and sw > 140:
        d.polyline([(sx + 14, sy + 10), (sx + 8, sy + 17), (sx + 14, sy + 24)], sw=2.5)
    d.text(sx + sw / 2, sy + 23, title, size=15, bold=True, anchor="middle")


def field(d, x, y, w, label, h=32, dots=False, sel=False):
    d.rect(x, y, w, h, fill=WHITE, stroke=ACCENT if sel else INK, sw=3 if sel else 2, rx=6)
    if dots:
        for i in range(6):
            d.circle(x + 14 + i * 13, y + h / 2, 3.5, fill=INK, sw=0)
    else:
        d.text(x + 8, y + h / 2 + 5, label, size=14, fill=SOFT)


def dropdown(d, x, y, w, label, h=32):
    d.rect(x, y, w, h, fill=WHITE, stroke=INK, sw=2, rx=6)
    d.text(x + 8, y + h / 2 + 5, label, size=14, fill=INK)
    d.polyline(
        [(x + w - 20, y + h / 2 - 3), (x + w - 14, y + h / 2 + 3), (x + w - 8, y + h / 2 - 3)],
        sw=2.5,
    )


def button(d, x, y, w, label, h=36, primary=True, size=15):
    if primary:
        d.rect(x, y, w, h, fill=ACCENT, stroke=ACCENT, sw=2, rx=h / 2)
        d.text(
            x + w / 2,
            y + h / 2 + size * 0.35,
            label,
            size=size,
            fill=WHITE,
            bold=True,
            anchor="middle",
        )
    else:
        d.rect(x, y, w, h, fill=WHITE, stroke=INK, sw=2, rx=h / 2)
        d.text(
            x + w / 2,
            y + h / 2 + size * 0.35,
            label,
            size=size,
            fill=INK,
            bold=True,
            anchor="middle",
        )


def callout(d, num, cx, cy, tx=None, ty=None):
    """Red numbered circle at (cx, cy), with a line to the target (tx, ty)."""
    if tx is not None:
        d.line(cx, cy, tx, ty, stroke=CALL, sw=3)
        d.circle(tx, ty, 5, fill=CALL, sw=0)
    d.circle(cx, cy, 16, fill=CALL, stroke=WHITE, sw=2.5)
    d.text(cx, cy + 6.5, str(num), size=18, fill=WHITE, bold=True, anchor="middle")


def qr(d, x, y, s, seed=1):
    """A QR-like square: three finder squares and a few modules."""
    d.rect(x, y, s, s, fill=WHITE, stroke=INK, sw=2)
    m = s / 21.0
    for fx, fy in ((1, 1), (13, 1), (1, 13)):
        d.rect(x + fx * m, y + fy * m, 7 * m, 7 * m, fill=INK, sw=0)
        d.rect(x + (fx + 1) * m, y + (fy + 1) * m, 5 * m, 5 * m, fill=WHITE, sw=0)
        d.rect(x + (fx + 2) * m, y + (fy + 2) * m, 3 * m, 3 * m, fill=INK, sw=0)
    rnd = random.Random(seed)
    for gx in range(1, 20, 2):
        for gy in range(1, 20, 2):
            if (gx < 9 and gy < 9) or (gx > 11 and gy < 9) or (gx < 9 and gy > 11):
                continue
            if rnd.random() < 0.5:
                d.rect(x + gx * m, y + gy * m, 2 * m, 2 * m, fill=INK, sw=0)


def idcard(d, x, y, w=110, h=70, chip=True):
    d.rect(x, y, w, h, fill="#dbe8f7", stroke=INK, sw=2, rx=7)
    d.rect(x + 8, y + 10, w * 0.26, h * 0.55, fill=WHITE, stroke=INK, sw=1.5, rx=2)
    d.circle(x + 8 + w * 0.13, y + 10 + h * 0.2, h * 0.08, fill="#9a9a9a", sw=0)
    d.path(
        f"M{n(x + 8 + w * 0.03)} {n(y + 10 + h * 0.52)} q{n(w * 0.1)} -{n(h * 0.2)} {n(w * 0.2)} 0",
        fill="#9a9a9a",
        sw=0,
    )
    for i in range(3):
        d.line(x + w * 0.4, y + 16 + i * 12, x + w - 10, y + 16 + i * 12, stroke=SOFT, sw=3)
    if chip:
        d.rect(x + 10, y + h - 20, 18, 13, fill=CHIP, stroke=INK, sw=1.5, rx=2)


def sms(d, x, y, w, h, title, lines, tail="left"):
    d.rect(x, y, w, h, fill=PALE, stroke=INK, sw=2, rx=12)
    if tail == "left":
        d.polygon([(x + 16, y + h - 1), (x + 6, y + h + 14), (x + 32, y + h - 1)], fill=PALE, sw=0)
        d.polyline([(x + 16, y + h), (x + 6, y + h + 14), (x + 32, y + h)], sw=2)
    elif tail == "right":
        d.polygon(
            [(x + w - 16, y + h - 1), (x + w - 6, y + h + 14), (x + w - 32, y + h - 1)],
            fill=PALE,
            sw=0,
        )
        d.polyline([(x + w - 16, y + h), (x + w - 6, y + h + 14), (x + w - 32, y + h)], sw=2)
    d.text(x + 10, y + 22, title, size=14, bold=True)
    for i, t in enumerate(lines):
        d.text(x + 10, y + 42 + i * 19, t, size=14)


def otp_boxes(d, x, y, count=6, box=19, gap=4, filled=6):
    for i in range(count):
        bx = x + i * (box + gap)
        d.rect(bx, y, box, 26, fill=WHITE, stroke=ACCENT if i == filled else INK, sw=2, rx=4)
        if i < filled:
            d.circle(bx + box / 2, y + 13, 4, fill=INK, sw=0)


def keypad(d, x, y, w, h):
    kw, kh = w / 3.0, h / 4.0
    labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""]
    for i, lab in enumerate(labels):
        cx = x + (i % 3) * kw
        cy = y + (i // 3) * kh
        if lab:
            d.rect(cx + 3, cy + 3, kw - 6, kh - 6, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
            d.text(cx + kw / 2, cy + kh / 2 + 6, lab, size=16, bold=True, anchor="middle")


def check(d, cx, cy, r=14, fill=OK):
    d.circle(cx, cy, r, fill=fill, sw=0)
    d.polyline(
        [(cx - r * 0.45, cy), (cx - r * 0.1, cy + r * 0.38), (cx + r * 0.5, cy - r * 0.38)],
        stroke=WHITE,
        sw=max(2.5, r * 0.22),
    )


def cross(d, cx, cy, r=14, fill=CALL):
    d.circle(cx, cy, r, fill=fill, sw=0)
    k = r * 0.42
    d.line(cx - k, cy - k, cx + k, cy + k, stroke=WHITE, sw=max(2.5, r * 0.22))
    d.line(cx - k, cy + k, cx + k, cy - k, stroke=WHITE, sw=max(2.5, r * 0.22))


def person(d, cx, cy, s=1.0, police=False, shirt="#8fb3e0"):
    """Head centre at (cx, cy)."""
    body = POLICE if police else shirt
    d.path(
        f"M{n(cx - 34 * s)} {n(cy + 70 * s)} q0 -{n(36 * s)} {n(30 * s)} -{n(36 * s)} h{n(8 * s)} q{n(30 * s)} 0 {n(30 * s)} {n(36 * s)} z",
        fill=body,
        stroke=INK,
        sw=2,
    )
    d.circle(cx, cy, 20 * s, fill=SKIN, stroke=INK, sw=2)
    if police:
        d.path(
            f"M{n(cx - 23 * s)} {n(cy - 12 * s)} h{n(46 * s)} l-{n(6 * s)} -{n(12 * s)} h-{n(34 * s)} z",
            fill=POLICE,
            stroke=INK,
            sw=2,
        )
        d.circle(cx, cy - 19 * s, 3.5 * s, fill=CHIP, sw=0)
    else:
        d.path(
            f"M{n(cx - 20 * s)} {n(cy - 4 * s)} q{n(20 * s)} -{n(26 * s)} {n(40 * s)} 0",
            fill="#5a4a3a",
            stroke=INK,
            sw=2,
        )


def laptop(d, x, y, w, h):
    """Laptop; returns its screen box."""
    d.rect(x, y, w, h, fill=INK, stroke=INK, sw=2, rx=8)
    d.rect(x + 7, y + 7, w - 14, h - 14, fill=WHITE, sw=0, rx=2)
    d.polygon(
        [(x - 14, y + h + 14), (x + w + 14, y + h + 14), (x + w, y + h), (x, y + h)], fill="#cfcfcf"
    )
    d.rect(x + w / 2 - 20, y + h + 4, 40, 5, fill="#9a9a9a", sw=0, rx=2)
    return (x + 7, y + 7, w - 14, h - 14)


def address_bar(d, x, y, w, url):
    d.rect(x, y, w, 28, fill=LIGHT, stroke=INK, sw=1.5, rx=14)
    lock(d, x + 15, y + 15, 0.55)
    d.text(x + 28, y + 19, url, size=14)


def lock(d, cx, cy, s=1.0, fill=INK):
    d.path(
        f"M{n(cx - 9 * s)} {n(cy - 2 * s)} v-{n(7 * s)} a{n(9 * s)} {n(9 * s)} 0 0 1 {n(18 * s)} 0 v{n(7 * s)}",
        stroke=fill,
        sw=max(2, 3 * s),
    )
    d.rect(cx - 13 * s, cy - 3 * s, 26 * s, 19 * s, fill=fill, stroke=fill, sw=1, rx=3 * s)


def magnifier(d, cx, cy, s=1.0):
    d.circle(cx - 3 * s, cy - 3 * s, 7 * s, fill="none", stroke=INK, sw=2.5)
    d.line(cx + 2 * s, cy + 2 * s, cx + 8 * s, cy + 8 * s, sw=3)


def bank(d, cx, cy, s=1.0, fill=PALE):
    """Bank building, base centre at (cx, cy)."""
    d.polygon(
        [(cx - 40 * s, cy - 50 * s), (cx, cy - 72 * s), (cx + 40 * s, cy - 50 * s)], fill=fill
    )
    for i in range(4):
        px = cx - 30 * s + i * 20 * s
        d.rect(px - 4 * s, cy - 46 * s, 8 * s, 36 * s, fill=WHITE, stroke=INK, sw=2)
    d.rect(cx - 44 * s, cy - 10 * s, 88 * s, 10 * s, fill=fill, stroke=INK, sw=2)


def house(d, cx, cy, s=1.0, fill=PAPER):
    """House, base centre at (cx, cy)."""
    d.polygon(
        [(cx - 34 * s, cy - 36 * s), (cx, cy - 64 * s), (cx + 34 * s, cy - 36 * s)], fill="#e57373"
    )
    d.rect(cx - 28 * s, cy - 36 * s, 56 * s, 36 * s, fill=fill, stroke=INK, sw=2)
    d.rect(cx - 8 * s, cy - 22 * s, 16 * s, 22 * s, fill="#8d6e63", stroke=INK, sw=2)


def police_station(d, cx, cy, s=1.0):
    """Ward police building, base centre at (cx, cy)."""
    d.rect(cx - 52 * s, cy - 60 * s, 104 * s, 60 * s, fill="#fff3c4", stroke=INK, sw=2)
    d.rect(cx - 46 * s, cy - 84 * s, 92 * s, 24 * s, fill=POLICE, stroke=INK, sw=2)
    d.text(cx, cy - 66 * s, "CÔNG AN", size=max(14, 15 * s), fill=WHITE, bold=True, anchor="middle")
    d.rect(cx - 12 * s, cy - 34 * s, 24 * s, 34 * s, fill="#8d6e63", stroke=INK, sw=2)
    d.rect(cx - 42 * s, cy - 50 * s, 20 * s, 16 * s, fill=PALE, stroke=INK, sw=2)
    d.rect(cx + 22 * s, cy - 50 * s, 20 * s, 16 * s, fill=PALE, stroke=INK, sw=2)


def document(d, x, y, w, h, lines=4, fill=PAPER):
    d.polygon([(x, y), (x + w - 14, y), (x + w, y + 14), (x + w, y + h), (x, y + h)], fill=fill)
    d.polyline([(x + w - 14, y), (x + w - 14, y + 14), (x + w, y + 14)], sw=2)
    for i in range(lines):
        d.line(
            x + 8,
            y + 22 + i * 11,
            x + w - 10 - (12 if i == lines - 1 else 0),
            y + 22 + i * 11,
            stroke=SOFT,
            sw=2.5,
        )


def calendar(d, x, y, w, h):
    d.rect(x, y, w, h, fill=WHITE, stroke=INK, sw=2, rx=5)
    d.rect(x, y, w, 16, fill=CALL, stroke=INK, sw=2, rx=5)
    for r in range(3):
        for c in range(4):
            d.rect(
                x + 7 + c * (w - 14) / 4.0,
                y + 24 + r * (h - 32) / 3.0,
                (w - 14) / 4.0 - 5,
                (h - 32) / 3.0 - 5,
                fill=LIGHT if (r, c) != (1, 2) else ACCENT,
                sw=0,
            )


def pin(d, cx, cy, s=1.0, fill=CALL):
    """Map pin, point at (cx, cy)."""
    d.path(
        f"M{n(cx)} {n(cy)} c-{n(4 * s)} -{n(8 * s)} -{n(12 * s)} -{n(14 * s)} -{n(12 * s)} -{n(24 * s)} a{n(12 * s)} {n(12 * s)} 0 1 1 {n(24 * s)} 0 c0 {n(10 * s)} -{n(8 * s)} {n(16 * s)} -{n(12 * s)} {n(24 * s)} z",
        fill=fill,
        stroke=INK,
        sw=2,
    )
    d.circle(cx, cy - 24 * s, 4.5 * s, fill=WHITE, sw=0)


def shield(d, cx, cy, s=1.0, fill=PALE):
    """Shield centred at (cx, cy)."""
    d.path(
        f"M{n(cx)} {n(cy - 30 * s)} l{n(26 * s)} {n(9 * s)} v{n(18 * s)} c0 {n(18 * s)} -{n(12 * s)} {n(28 * s)} -{n(26 * s)} {n(34 * s)} c-{n(14 * s)} -{n(6 * s)} -{n(26 * s)} -{n(16 * s)} -{n(26 * s)} -{n(34 * s)} v-{n(18 * s)} z",
        fill=fill,
        stroke=INK,
        sw=2.5,
    )


def radio(d, cx, cy, on):
    d.circle(cx, cy, 8, fill=WHITE, stroke=ACCENT if on else INK, sw=2.5)
    if on:
        d.circle(cx, cy, 4, fill=ACCENT, sw=0)


def checkbox(d, x, y, on=True):
    d.rect(x, y, 18, 18, fill=ACCENT if on else WHITE, stroke=ACCENT if on else INK, sw=2, rx=3)
    if on:
        d.polyline([(x + 4, y + 9), (x + 8, y + 13), (x + 14, y + 5)], stroke=WHITE, sw=2.5)


def store_badges(d, x, y):
    """CH Play and App Store marks (generic shapes, not the real logos)."""
    d.rect(x, y, 104, 40, fill=LIGHT, stroke=INK, sw=2, rx=8)
    d.polygon([(x + 10, y + 10), (x + 26, y + 20), (x + 10, y + 30)], fill="#34a853", sw=1.5)
    d.text(x + 32, y + 26, "CH Play", size=14, bold=True)
    d.rect(x, y + 50, 104, 40, fill=LIGHT, stroke=INK, sw=2, rx=8)
    d.circle(x + 17, y + 70, 10, fill=ACCENT, sw=0)
    d.text(x + 17, y + 75, "A", size=14, fill=WHITE, bold=True, anchor="middle")
    d.text(x + 31, y + 76, "App Store", size=14, bold=True)


def bank_app_screen(d, scr, amount="50.000 đ", title="Ngân hàng"):
    sx, sy, sw, sh = scr
    header(d, scr, title)
    d.text(sx + sw / 2, sy + 64, "Số tiền", size=14, fill=SOFT, anchor="middle")
    d.text(sx + sw / 2, sy + 90, amount, size=20, bold=True, anchor="middle")


def vneid_glyph(d, cx, cy, s=1.0):
    """Small ID-card-in-shield mark used for the VNeID app in drawings."""
    shield(d, cx, cy, s, fill="#fde0dc")
    d.rect(cx - 12 * s, cy - 8 * s, 24 * s, 16 * s, fill=WHITE, stroke=INK, sw=1.5, rx=2)
    d.rect(cx - 9 * s, cy - 4 * s, 6 * s, 8 * s, fill=CHIP, sw=0)


def camera_glyph(d, cx, cy, s=1.0):
    d.rect(cx - 14 * s, cy - 8 * s, 28 * s, 19 * s, fill=LIGHT, stroke=INK, sw=2, rx=3)
    d.rect(cx - 6 * s, cy - 12 * s, 12 * s, 5 * s, fill=INK, sw=0)
    d.circle(cx, cy + 1.5 * s, 6 * s, fill=WHITE, stroke=INK, sw=2)


# ------------------------------------------------------ shared scenes

P = dict(x=115, y=10, w=170, h=280)


def std_phone(d):
    background(d)
    return phone(d, **P)


def scan_pair(d, left_qr=True, label_left="dichvucong.gov.vn"):
    """Laptop with a QR code on the left, phone scanning it on the right."""
    background(d)
    ls = laptop(d, 12, 40, 200, 150)
    lx, ly, lw, lh = ls
    d.text(lx + lw / 2, ly + 22, label_left, size=14, bold=True, anchor="middle")
    qr(d, lx + lw / 2 - 45, ly + 32, 90, seed=7)
    scr = phone(d, 250, 20, 130, 250)
    sx, sy, sw, sh = scr
    header(d, scr, "Quét mã QR", back=False)
    d.rect(sx + 14, sy + 52, sw - 28, sw - 28, fill=LIGHT, sw=0)
    qr(d, sx + 30, sy + 68, sw - 60, seed=7)
    c = (sx + 14, sy + 52, sw - 28)
    k = 18
    for px, py, dx, dy in (
        (c[0], c[1], 1, 1),
        (c[0] + c[2], c[1], -1, 1),
        (c[0], c[1] + c[2], 1, -1),
        (c[0] + c[2], c[1] + c[2], -1, -1),
    ):
        d.polyline([(px, py + dy * k), (px, py), (px + dx * k, py)], stroke=ACCENT, sw=4)
    d.line(lx + lw + 8, ly + 78, sx - 14, sy + 110, stroke=ACCENT, sw=2.5, dash="6 5")
    return ls, scr


# ================================================================ guides
# Each drawing function gets a fresh D and draws one step.

# ---- 1. vneid-level1 ---------------------------------------------------


def l1_s1(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    d.rect(sx + 8, sy + 10, sw - 16, 32, fill=LIGHT, stroke=INK, sw=2, rx=16)
    magnifier(d, sx + 24, sy + 26, 1.0)
    d.text(sx + 40, sy + 32, "VNeID", size=15, bold=True)
    d.rect(sx + 8, sy + 54, 46, 46, fill="#fde0dc", stroke=INK, sw=2, rx=10)
    vneid_glyph(d, sx + 31, sy + 78, 0.6)
    d.text(sx + 62, sy + 73, "VNeID", size=16, bold=True)
    d.text(sx + 62, sy + 93, "Bộ Công an", size=14, fill=SOFT)
    button(d, sx + 8, sy + 112, sw - 16, "Cài đặt")
    d.rect(sx + 8, sy + 162, 64, 66, fill=LIGHT, stroke=INK, sw=1.5, rx=4)
    d.rect(sx + 82, sy + 162, 64, 66, fill=LIGHT, stroke=INK, sw=1.5, rx=4)
    store_badges(d, 6, 150)
    callout(d, 1, 60, 46, sx + 10, sy + 26)
    callout(d, 2, 345, 150, sx + sw - 8, sy + 130)


def l1_s2(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    vneid_glyph(d, sx + sw / 2, sy + 58, 1.3)
    d.text(sx + sw / 2, sy + 122, "VNeID", size=20, bold=True, anchor="middle")
    button(d, sx + 12, sy + 146, sw - 24, "Đăng nhập", primary=False)
    button(d, sx + 12, sy + 192, sw - 24, "Đăng ký")
    # permission pop-up shown beside the phone
    d.rect(8, 70, 98, 92, fill=WHITE, stroke=INK, sw=2, rx=10)
    camera_glyph(d, 57, 96, 1.0)
    button(d, 16, 120, 82, "Cho phép", h=32, size=14)
    d.line(106, 116, sx, sy + 100, stroke=SOFT, sw=2, dash="5 5")
    callout(d, 1, 345, 210, sx + sw - 12, sy + 210)
    callout(d, 2, 57, 200, 57, 152)


def l1_s3(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Đăng ký")
    d.text(sx + 8, sy + 58, "Số định danh", size=14, bold=True)
    field(d, sx + 8, sy + 64, sw - 16, "", dots=True)
    d.text(sx + 8, sy + 118, "Số điện thoại", size=14, bold=True)
    field(d, sx + 8, sy + 124, sw - 16, "", dots=True)
    button(d, sx + 8, sy + 184, sw - 16, "Tiếp tục")
    idcard(d, 6, 40, 100, 64)
    d.text(56, 122, "12 số", size=15, bold=True, anchor="middle")
    callout(d, 1, 345, 70, sx + sw - 8, sy + 80)
    callout(d, 2, 345, 140, sx + sw - 8, sy + 140)
    callout(d, 3, 345, 215, sx + sw - 8, sy + 202)


def l1_s4(d):
    background(d)
    # phone seen from the back, card held against it
    d.rect(150, 20, 150, 260, fill="#3a3a3a", stroke=INK, sw=2, rx=20)
    d.rect(166, 36, 40, 56, fill=INK, stroke="#777777", sw=2, rx=8)
    d.circle(186, 52, 9, fill="#555555", stroke="#999999", sw=2)
    d.circle(186, 76, 9, fill="#555555", stroke="#999999", sw=2)
    idcard(d, 170, 120, 120, 76)
    for r in (26, 40, 54):
        d.path(f"M{n(300 + 8)} {n(158 - r)} a{n(r)} {n(r)} 0 0 1 0 {n(2 * r)}", stroke=ACCENT, sw=3)
    d.text(60, 120, "NFC", size=22, bold=True, fill=ACCENT, anchor="middle")
    d.text(60, 150, "Giữ yên", size=16, bold=True, anchor="middle")
    d.text(60, 172, "5–10 giây", size=16, anchor="middle")
    callout(d, 1, 60, 80, 172, 140)


def l1_s5(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Khuôn mặt", back=False)
    d.rect(sx, sy + 34, sw, sh - 34, fill="#2b2b2b", sw=0)
    d.ellipse(sx + sw / 2, sy + 130, 52, 70, fill="#3a3a3a", stroke=WHITE, sw=3)
    d.circle(sx + sw / 2, sy + 118, 26, fill=SKIN, stroke=INK, sw=2)
    d.path(f"M{n(sx + sw / 2 - 26)} {n(sy + 112)} q26 -30 52 0", fill="#5a4a3a", stroke=INK, sw=2)
    d.circle(sx + sw / 2 - 9, sy + 120, 2.5, fill=INK, sw=0)
    d.circle(sx + sw / 2 + 9, sy + 120, 2.5, fill=INK, sw=0)
    d.path(f"M{n(sx + sw / 2 - 8)} {n(sy + 131)} q8 6 16 0", stroke=INK, sw=2)
    d.path(f"M{n(sx + sw / 2 - 48)} {n(sy + 196)} q48 -40 96 0", fill="#8fb3e0", stroke=INK, sw=2)
    d.rect(sx + 10, sy + 208, sw - 20, 26, fill=WHITE, sw=0, rx=6)
    d.text(sx + sw / 2, sy + 226, "Nhìn thẳng", size=15, bold=True, anchor="middle")
    person(d, 45, 120, 0.9)
    d.line(72, 118, 118, 118, stroke=ACCENT, sw=2.5, dash="6 5")
    callout(d, 1, 345, 140, sx + sw / 2 + 52, sy + 130)


def l1_s6(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Thông tin")
    rows = [("Họ tên", 62), ("Ngày sinh", 112)]
    for label, yy in rows:
        d.text(sx + 8, sy + yy, label, size=14, bold=True)
        d.rect(sx + 8, sy + yy + 6, sw - 46, 26, fill=LIGHT, stroke=INK, sw=1.5, rx=5)
        d.line(sx + 16, sy + yy + 19, sx + sw - 54, sy + yy + 19, stroke=SOFT, sw=3)
        check(d, sx + sw - 20, sy + yy + 19, 11)
    d.text(sx + 8, sy + 168, "Email (nếu có)", size=14, fill=SOFT)
    field(d, sx + 8, sy + 174, sw - 16, "", h=26)
    button(d, sx + 8, sy + 204, sw - 16, "Xác nhận", h=32)
    callout(d, 1, 60, 90, sx + 8, sy + 81)
    callout(d, 2, 345, 220, sx + sw - 8, sy + 220)


def l1_s7(d):
    """Set the password, then the passcode (the OTP has its own step before)."""
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Kích hoạt")
    d.text(sx + 8, sy + 66, "Mật khẩu", size=14, bold=True)
    field(d, sx + 8, sy + 72, sw - 16, "", dots=True, h=30)
    d.text(sx + 8, sy + 136, "Passcode 6 số", size=14, bold=True)
    field(d, sx + 8, sy + 142, sw - 16, "", dots=True, h=30)
    button(d, sx + 8, sy + 196, sw - 16, "Tiếp tục", h=32)
    lock(d, 56, 130, 1.2, fill=CALL)
    d.text(56, 176, "Chỉ bạn", size=15, bold=True, fill=CALL, anchor="middle")
    d.text(56, 196, "biết", size=15, bold=True, fill=CALL, anchor="middle")
    callout(d, 1, 345, 87, sx + sw - 8, sy + 87)
    callout(d, 2, 345, 157, sx + sw - 8, sy + 157)


def l1_s8(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, 74, fill=PALE, sw=0)
    d.circle(sx + 28, sy + 36, 18, fill=SKIN, stroke=INK, sw=2)
    d.text(sx + 54, sy + 32, "Xin chào", size=14, fill=SOFT)
    d.rect(sx + 54, sy + 40, 84, 24, fill=OK, sw=0, rx=12)
    d.text(sx + 96, sy + 57, "Mức 1", size=14, fill=WHITE, bold=True, anchor="middle")
    for i in range(6):
        tx = sx + 10 + (i % 3) * 46
        ty = sy + 90 + (i // 3) * 56
        d.rect(tx, ty, 38, 38, fill=LIGHT, stroke=INK, sw=1.5, rx=8)
    check(d, 60, 150, 30)
    d.text(60, 208, "Xong!", size=20, bold=True, fill=OK, anchor="middle")
    callout(d, 1, 345, 52, sx + 138, sy + 52)


# ---- 2. vneid-level2 ---------------------------------------------------


def l2_s1(d):
    background(d)
    police_station(d, 90, 200, 1.2)
    person(d, 190, 140, 0.9, police=True)
    d.rect(150, 204, 110, 14, fill="#a1887f", stroke=INK, sw=2)
    d.rect(158, 218, 8, 50, fill="#a1887f", stroke=INK, sw=2)
    d.rect(244, 218, 8, 50, fill="#a1887f", stroke=INK, sw=2)
    # fingerprint
    for r in (6, 11, 16):
        d.path(f"M{n(228 - r)} {n(196)} a{n(r)} {n(r)} 0 1 1 {n(2 * r)} 0", stroke=INK, sw=2)
    sms(d, 272, 40, 124, 96, "VNeID", ["Hồ sơ đã", "được duyệt"], tail="left")
    check(d, 372, 116, 12)
    callout(d, 1, 30, 60, 58, 160)
    callout(d, 2, 370, 175, 340, 140)


def l2_s2(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    vneid_glyph(d, sx + sw / 2, sy + 54, 1.2)
    d.text(sx + sw / 2, sy + 112, "VNeID", size=20, bold=True, anchor="middle")
    button(d, sx + 10, sy + 132, sw - 20, "Đăng nhập", primary=False)
    d.rect(sx + 10, sy + 178, sw - 20, 54, fill=ACCENT, stroke=ACCENT, sw=2, rx=14)
    d.text(sx + sw / 2, sy + 200, "Kích hoạt", size=15, fill=WHITE, bold=True, anchor="middle")
    d.text(sx + sw / 2, sy + 220, "tài khoản", size=15, fill=WHITE, bold=True, anchor="middle")
    callout(d, 1, 345, 205, sx + sw - 10, sy + 205)


def l2_s3(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Kích hoạt")
    d.text(sx + 8, sy + 58, "Số định danh", size=14, bold=True)
    field(d, sx + 8, sy + 64, sw - 16, "", dots=True)
    d.text(sx + 8, sy + 118, "Số điện thoại", size=14, bold=True)
    field(d, sx + 8, sy + 124, sw - 16, "", dots=True)
    button(d, sx + 8, sy + 184, sw - 16, "Gửi yêu cầu")
    person(d, 50, 110, 0.8)
    d.text(50, 200, "Tự gõ", size=16, bold=True, anchor="middle")
    callout(d, 1, 345, 80, sx + sw - 8, sy + 80)
    callout(d, 2, 345, 140, sx + sw - 8, sy + 140)
    callout(d, 3, 345, 215, sx + sw - 8, sy + 202)


def l2_s4(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Nhập mã OTP")
    d.text(sx + sw / 2, sy + 62, "Mã gồm 6 số", size=14, fill=SOFT, anchor="middle")
    otp_boxes(d, sx + 8, sy + 72, filled=2)
    keypad(d, sx + 8, sy + 110, sw - 16, 124)
    sms(d, 4, 30, 104, 86, "VNeID", ["Mã OTP:", "••••••"], tail="right")
    d.rect(6, 160, 100, 76, fill=WHITE, stroke=CALL, sw=3, rx=10)
    d.text(56, 186, "Không đọc", size=14, bold=True, fill=CALL, anchor="middle")
    d.text(56, 206, "mã cho ai", size=14, bold=True, fill=CALL, anchor="middle")
    cross(d, 56, 236, 12)
    callout(d, 1, 345, 85, sx + sw - 8, sy + 85)


def l2_s5(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Tạo mật khẩu")
    d.text(sx + 8, sy + 58, "Mật khẩu", size=14, bold=True)
    field(d, sx + 8, sy + 64, sw - 16, "", dots=True)
    d.text(sx + 8, sy + 116, "Nhập lại", size=14, bold=True)
    field(d, sx + 8, sy + 122, sw - 16, "", dots=True)
    button(d, sx + 8, sy + 190, sw - 16, "Tiếp tục")
    rules = ["8–20 ký tự", "A  a", "1 2 3", "@  #"]
    d.rect(2, 60, 110, 150, fill=LIGHT, stroke=INK, sw=1.5, rx=10)
    for i, r in enumerate(rules):
        check(d, 18, 86 + i * 34, 9)
        d.text(32, 91 + i * 34, r, size=14, bold=True)
    callout(d, 1, 345, 80, sx + sw - 8, sy + 80)
    callout(d, 2, 345, 138, sx + sw - 8, sy + 138)
    callout(d, 3, 345, 208, sx + sw - 8, sy + 208)


def l2_s6(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Passcode")
    for i in range(6):
        d.circle(sx + 32 + i * 18, sy + 62, 6, fill=INK if i < 4 else WHITE, stroke=INK, sw=2)
    keypad(d, sx + 8, sy + 82, sw - 16, 150)
    d.rect(8, 90, 98, 106, fill=WHITE, stroke=CALL, sw=2.5, rx=10)
    d.text(57, 118, "123456", size=16, bold=True, anchor="middle")
    d.text(57, 158, "Ngày sinh", size=15, bold=True, anchor="middle")
    d.line(20, 112, 94, 112, stroke=CALL, sw=3)
    d.line(20, 152, 94, 152, stroke=CALL, sw=3)
    cross(d, 57, 184, 10)
    callout(d, 1, 345, 62, sx + sw - 12, sy + 62)
    callout(d, 2, 345, 190, sx + sw - 10, sy + 190)


def l2_s7(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Câu hỏi bảo mật")
    dropdown(d, sx + 8, sy + 46, sw - 16, "Câu hỏi 1")
    field(d, sx + 8, sy + 84, sw - 16, "Trả lời...")
    dropdown(d, sx + 8, sy + 126, sw - 16, "Câu hỏi 2")
    field(d, sx + 8, sy + 164, sw - 16, "Trả lời...")
    button(d, sx + 8, sy + 202, sw - 16, "Xác nhận", h=32)
    # thought bubble: remember it
    d.circle(58, 110, 40, fill=PALE, stroke=INK, sw=2)
    d.circle(104, 150, 6, fill=PALE, stroke=INK, sw=2)
    d.text(58, 106, "?", size=30, bold=True, fill=ACCENT, anchor="middle")
    d.text(58, 128, "Nhớ chắc", size=14, bold=True, anchor="middle")
    callout(d, 1, 345, 62, sx + sw - 8, sy + 62)
    callout(d, 2, 345, 120, sx + sw - 8, sy + 100)
    callout(d, 3, 345, 218, sx + sw - 8, sy + 218)


def l2_s8(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Ví giấy tờ")
    d.rect(sx + 8, sy + 46, sw - 16, 110, fill="#fde0dc", stroke=INK, sw=2, rx=10)
    d.text(sx + 16, sy + 68, "Căn cước điện tử", size=14, bold=True)
    d.rect(sx + 16, sy + 78, 38, 48, fill=WHITE, stroke=INK, sw=1.5, rx=3)
    d.circle(sx + 35, sy + 94, 8, fill="#9a9a9a", sw=0)
    d.path(f"M{n(sx + 22)} {n(sy + 120)} q13 -14 26 0", fill="#9a9a9a", sw=0)
    qr(d, sx + sw - 66, sy + 78, 52, seed=3)
    d.rect(sx + 16, sy + 134, 70, 14, fill=OK, sw=0, rx=7)
    d.rect(sx + 8, sy + 166, sw - 16, 30, fill=LIGHT, stroke=INK, sw=1.5, rx=8)
    d.text(sx + 16, sy + 186, "Giấy phép lái xe", size=14)
    d.rect(sx + 8, sy + 202, sw - 16, 30, fill=LIGHT, stroke=INK, sw=1.5, rx=8)
    d.text(sx + 16, sy + 222, "Thẻ BHYT", size=14)
    idcard(d, 4, 110, 96, 62)
    d.text(54, 200, "=", size=36, bold=True, anchor="middle")
    d.text(54, 232, "từ 1/7/2024", size=14, bold=True, anchor="middle")
    callout(d, 1, 345, 100, sx + sw - 8, sy + 100)


# ---- 3. public-service-portal -----------------------------------------


def portal_page(d, url, scr_box=(20, 30, 360, 220), title=None):
    x, y, w, h = scr_box
    ls = laptop(d, x, y, w, h)
    lx, ly, lw, lh = ls
    if url:
        address_bar(d, lx + 8, ly + 8, lw - 16, url)
    else:
        d.rect(lx, ly, lw, 40, fill=HEAD, sw=0)
        d.text(lx + 12, ly + 27, title, size=16, bold=True)
    return ls


def p3_s1(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    d.rect(lx, ly + 44, lw, 40, fill=HEAD, sw=0)
    d.text(lx + 12, ly + 70, "Cổng Dịch vụ công", size=16, bold=True)
    button(d, lx + lw - 120, ly + 48, 110, "Đăng nhập", h=32)
    d.rect(lx + 12, ly + 98, lw - 24, 34, fill=WHITE, stroke=INK, sw=2, rx=6)
    magnifier(d, lx + 30, ly + 115)
    for i in range(4):
        d.rect(lx + 12 + i * 83, ly + 144, 72, 40, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    callout(d, 1, lx + lw - 40, ly + 22)
    callout(d, 2, lx + lw - 140, ly + 64)


def p3_s2(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    d.text(lx + 16, ly + 66, "Đăng nhập bằng", size=15, fill=SOFT)
    d.rect(lx + 12, ly + 76, 160, 44, fill=PALE, stroke=ACCENT, sw=3, rx=8)
    vneid_glyph(d, lx + 34, ly + 98, 0.55)
    d.text(lx + 56, ly + 104, "VNeID", size=16, bold=True)
    d.text(lx + 16, ly + 148, "Quét mã bằng", size=14, fill=SOFT)
    d.text(lx + 16, ly + 168, "ứng dụng VNeID", size=14, fill=SOFT)
    qr(d, lx + lw - 140, ly + 50, 120, seed=11)
    callout(d, 1, lx + 190, ly + 98)
    callout(d, 2, lx + lw - 160, ly + 150)


def p3_s3(d):
    ls, scr = scan_pair(d)
    sx, sy, sw, sh = scr
    button(d, sx + 10, sy + 176, sw - 20, "Xác nhận", h=32, size=14)
    callout(d, 1, 231, sy + 70)
    callout(d, 2, 231, sy + 192)


def p3_s4(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    d.rect(lx + 12, ly + 46, lw - 60, 34, fill=WHITE, stroke=ACCENT, sw=3, rx=6)
    magnifier(d, lx + 30, ly + 63)
    d.text(lx + 46, ly + 69, "khai sinh", size=15)
    d.rect(lx + 12, ly + 90, lw - 60, 44, fill=PALE, stroke=INK, sw=1.5, rx=6)
    d.text(lx + 22, ly + 117, "Đăng ký khai sinh", size=14, bold=True)
    button(d, lx + lw - 178, ly + 95, 126, "Nộp trực tuyến", h=34, size=14)
    d.rect(lx + 12, ly + 142, lw - 60, 40, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.line(lx + 22, ly + 162, lx + 200, ly + 162, stroke=SOFT, sw=3)
    callout(d, 1, lx + lw - 22, ly + 63)
    callout(d, 2, lx + 150, ly + 112)
    callout(d, 3, lx + lw - 22, ly + 112)


def p3_s5(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    d.text(lx + 12, ly + 62, "Tờ khai", size=16, bold=True)
    rows = [("Họ tên", True), ("Ngày sinh", True), ("Nơi cư trú", True), ("Mục đích", False)]
    for i, (lab, done) in enumerate(rows):
        yy = ly + 72 + i * 30
        d.text(lx + 12, yy + 18, lab, size=14)
        d.rect(
            lx + 110,
            yy + 2,
            lw - 180,
            24,
            fill=LIGHT if done else WHITE,
            stroke=ACCENT if not done else INK,
            sw=3 if not done else 1.5,
            rx=4,
        )
        if done:
            d.line(lx + 118, yy + 14, lx + 230, yy + 14, stroke=SOFT, sw=3)
            check(d, lx + lw - 54, yy + 14, 10)
    callout(d, 1, lx + lw - 22, ly + 116)
    callout(d, 2, lx + lw - 22, ly + 176)


def p3_s6(d):
    background(d)
    document(d, 20, 150, 100, 110, lines=6)
    scr = phone(d, 140, 20, 120, 230)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, sh, fill="#2b2b2b", sw=0)
    d.rect(sx + 12, sy + 30, sw - 24, sh - 90, fill="none", stroke=WHITE, sw=2, dash="8 6")
    document(d, sx + 24, sy + 46, sw - 48, sh - 124, lines=6)
    d.circle(sx + sw / 2, sy + sh - 30, 16, fill=WHITE, stroke="#9a9a9a", sw=4)
    d.rect(282, 80, 108, 130, fill=WHITE, stroke=INK, sw=2, rx=8)
    d.text(336, 104, "Đính kèm", size=14, bold=True, anchor="middle")
    document(d, 300, 114, 34, 42, lines=2)
    check(d, 356, 136, 12)
    button(d, 290, 166, 92, "Tải lên", h=32, size=14)
    callout(d, 1, 70, 120, 100, 150)
    callout(d, 2, 200, 282, sx + sw / 2, sy + sh - 30)
    callout(d, 3, 336, 248, 336, 198)


def p3_s7(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    checkbox(d, lx + 14, ly + 52, True)
    d.text(lx + 40, ly + 66, "Tôi cam đoan thông tin là đúng", size=14)
    button(d, lx + 14, ly + 82, 140, "Nộp hồ sơ")
    d.rect(lx + 14, ly + 132, lw - 28, 52, fill="#e6f4ea", stroke=OK, sw=2, rx=8)
    check(d, lx + 36, ly + 158, 12)
    d.text(lx + 56, ly + 154, "Nộp thành công", size=15, bold=True, fill=OK)
    d.text(lx + 56, ly + 174, "Mã hồ sơ: xxxx", size=14)
    callout(d, 1, lx + 290, ly + 61)
    callout(d, 2, lx + 176, ly + 100)
    callout(d, 3, lx + lw - 42, ly + 158)


def p3_s8(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    d.text(lx + 12, ly + 62, "Hồ sơ đã nộp", size=16, bold=True)
    steps = [("Đã tiếp nhận", "done"), ("Đang xử lý", "now"), ("Có kết quả", "todo")]
    for i, (lab, st) in enumerate(steps):
        cx = lx + 50 + i * 120
        cy = ly + 110
        if i:
            d.line(cx - 120 + 16, cy, cx - 16, cy, stroke=INK if st != "todo" else "#9a9a9a", sw=3)
        if st == "done":
            check(d, cx, cy, 15)
        elif st == "now":
            d.circle(cx, cy, 15, fill=ACCENT, sw=0)
            d.circle(cx, cy, 5, fill=WHITE, sw=0)
        else:
            d.circle(cx, cy, 14, fill=WHITE, stroke="#6a6a6a", sw=2.5)
        d.text(cx, cy + 36, lab, size=14, bold=(st == "now"), anchor="middle")
    button(d, lx + lw - 130, ly + 156, 118, "Tải kết quả", h=30, size=14, primary=False)
    callout(d, 1, lx + 170, ly + 76)
    callout(d, 2, lx + lw - 152, ly + 171)


# ---- 4. pay-fee-online --------------------------------------------------


def p4_s1(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    d.text(lx + 12, ly + 62, "Quản lý hồ sơ", size=16, bold=True)
    d.rect(lx + 12, ly + 72, lw - 24, 50, fill=PALE, stroke=INK, sw=1.5, rx=6)
    d.text(lx + 22, ly + 94, "Hồ sơ số xxxx", size=14, bold=True)
    d.rect(lx + 22, ly + 100, 118, 18, fill="#fff3c4", stroke=INK, sw=1, rx=9)
    d.text(lx + 81, ly + 114, "Chờ thanh toán", size=14, anchor="middle")
    button(d, lx + lw - 124, ly + 80, 110, "Thanh toán", h=34, size=14)
    d.rect(lx + 12, ly + 130, lw - 24, 50, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.line(lx + 22, ly + 150, lx + 160, ly + 150, stroke=SOFT, sw=3)
    d.line(lx + 22, ly + 166, lx + 120, ly + 166, stroke=SOFT, sw=3)
    callout(d, 1, lx + 150, ly + 56)
    callout(d, 2, lx + lw - 146, ly + 97)


def p4_s2(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    d.text(lx + 12, ly + 62, "Thanh toán lệ phí", size=16, bold=True)
    d.rect(lx + 12, ly + 72, lw - 24, 76, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.text(lx + 22, ly + 96, "Thủ tục:", size=14, fill=SOFT)
    d.line(lx + 92, ly + 92, lx + 260, ly + 92, stroke=SOFT, sw=3)
    d.text(lx + 22, ly + 132, "Số tiền:", size=14, fill=SOFT)
    d.text(lx + 92, ly + 134, "200.000 đ", size=20, bold=True)
    button(d, lx + lw - 150, ly + 158, 136, "Thanh toán", h=30, size=14)
    d.text(lx + 14, ly + 180, "PayGov", size=15, bold=True, fill=ACCENT)
    callout(d, 1, lx + 220, ly + 127)
    callout(d, 2, lx + lw - 172, ly + 173)


def p4_s3(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, None, title="PayGov: chọn nơi thanh toán")
    names = ["Ngân hàng A", "Ngân hàng B", "Ví điện tử", "Mã QR"]
    for i, nm in enumerate(names):
        x = lx + 12 + (i % 2) * 165
        y = ly + 56 + (i // 2) * 62
        sel = i == 0
        d.rect(
            x,
            y,
            154,
            50,
            fill=PALE if sel else LIGHT,
            stroke=ACCENT if sel else INK,
            sw=3 if sel else 1.5,
            rx=8,
        )
        if nm == "Mã QR":
            qr(d, x + 10, y + 9, 32, seed=5)
        else:
            bank(d, x + 26, y + 43, 0.42, fill=WHITE)
        d.text(x + 50, y + 31, nm, size=14, bold=sel)
    d.text(lx + 12, ly + 196, "Chọn nơi bạn có tài khoản", size=14, fill=SOFT)
    callout(d, 1, lx + 150, ly + 56)
    callout(d, 2, lx + 315, ly + 118)


def p4_s4(d):
    background(d)
    ls = laptop(d, 12, 50, 180, 140)
    lx, ly, lw, lh = ls
    d.text(lx + lw / 2, ly + 22, "200.000 đ", size=16, bold=True, anchor="middle")
    qr(d, lx + lw / 2 - 42, ly + 32, 84, seed=9)
    scr = phone(d, 236, 14, 150, 272)
    sx, sy, sw, sh = scr
    bank_app_screen(d, scr, "200.000 đ")
    d.text(sx + 10, sy + 126, "Mã PIN", size=14, bold=True)
    field(d, sx + 10, sy + 132, sw - 20, "", dots=True, h=30)
    button(d, sx + 10, sy + 180, sw - 20, "Xác nhận")
    d.line(lx + lw + 8, ly + 74, sx - 4, sy + 90, stroke=ACCENT, sw=2.5, dash="6 5")
    lock(d, 100, 258, 0.9, fill=CALL)
    d.text(120, 266, "Chỉ bạn", size=15, bold=True, fill=CALL)
    callout(d, 1, 215, 40)
    callout(d, 2, 215, sy + 147)
    callout(d, 3, 215, sy + 198)


def p4_s5(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "https://dichvucong.gov.vn")
    check(d, lx + 60, ly + 110, 34)
    d.text(lx + 110, ly + 100, "Giao dịch", size=18, bold=True, fill=OK)
    d.text(lx + 110, ly + 124, "thành công", size=18, bold=True, fill=OK)
    document(d, lx + lw - 90, ly + 56, 70, 86, lines=4)
    d.text(lx + lw - 55, ly + 164, "Biên lai", size=14, bold=True, anchor="middle")
    d.line(lx + lw - 55, ly + 88, lx + lw - 55, ly + 130, stroke=ACCENT, sw=4)
    d.polyline(
        [(lx + lw - 66, ly + 120), (lx + lw - 55, ly + 132), (lx + lw - 44, ly + 120)],
        stroke=ACCENT,
        sw=4,
    )
    callout(d, 1, lx + 60, ly + 164)
    callout(d, 2, lx + lw - 112, ly + 100)


def p4_s6(d):
    background(d)
    # counter with a screen facing the citizen
    d.rect(10, 200, 380, 20, fill="#a1887f", stroke=INK, sw=2)
    d.rect(20, 220, 360, 70, fill="#bcaaa4", stroke=INK, sw=2)
    d.rect(40, 70, 130, 110, fill=INK, stroke=INK, sw=2, rx=6)
    d.rect(47, 77, 116, 96, fill=WHITE, sw=0)
    qr(d, 65, 82, 80, seed=13)
    d.rect(95, 180, 20, 20, fill="#555555", sw=0)
    d.text(105, 60, "Quầy một cửa", size=15, bold=True, anchor="middle")
    person(d, 320, 110, 0.9)
    scr = phone(d, 214, 90, 70, 120)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, sh, fill="#2b2b2b", sw=0)
    qr(d, sx + 8, sy + 20, sw - 16, seed=13)
    d.line(170, 125, 214, 140, stroke=ACCENT, sw=2.5, dash="6 5")
    d.text(200, 252, "Quét bằng app ngân hàng", size=16, bold=True, anchor="middle")
    callout(d, 1, 22, 124)
    callout(d, 2, 249, 70)


def p4_s7(d):
    background(d)
    d.rect(10, 200, 380, 20, fill="#a1887f", stroke=INK, sw=2)
    d.rect(20, 220, 360, 70, fill="#bcaaa4", stroke=INK, sw=2)
    d.rect(40, 50, 170, 130, fill=INK, stroke=INK, sw=2, rx=6)
    d.rect(47, 57, 156, 116, fill=WHITE, sw=0)
    check(d, 125, 100, 26)
    d.text(125, 150, "Đã thanh toán", size=16, bold=True, fill=OK, anchor="middle")
    d.rect(115, 180, 20, 20, fill="#555555", sw=0)
    person(d, 300, 100, 0.9, police=False, shirt="#c5e1a5")
    d.text(300, 190, "Cán bộ", size=14, bold=True, anchor="middle")
    callout(d, 1, 22, 115)
    callout(d, 2, 250, 90)


# ---- 5. mps-portal ------------------------------------------------------


def p5_s1(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "dichvucong.bocongan.gov.vn")
    d.rect(lx, ly + 44, lw, 40, fill=HEAD, sw=0)
    d.text(lx + 12, ly + 70, "DVC Bộ Công an", size=16, bold=True)
    button(d, lx + lw - 120, ly + 48, 110, "Đăng nhập", h=32)
    d.rect(lx + 12, ly + 100, 180, 44, fill=PALE, stroke=ACCENT, sw=3, rx=8)
    vneid_glyph(d, lx + 34, ly + 122, 0.55)
    d.text(lx + 56, ly + 128, "Tài khoản VNeID", size=14, bold=True)
    callout(d, 1, lx + lw - 40, ly + 22)
    callout(d, 2, lx + lw - 140, ly + 64)
    callout(d, 3, lx + 212, ly + 122)


def p5_s2(d):
    background(d)
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "VNeID", back=False)
    d.rect(sx + 8, sy + 44, sw - 16, 56, fill=PALE, stroke=INK, sw=1.5, rx=8)
    d.text(sx + sw / 2, sy + 66, "Xác nhận", size=15, bold=True, anchor="middle")
    d.text(sx + sw / 2, sy + 88, "đăng nhập?", size=15, bold=True, anchor="middle")
    d.text(sx + sw / 2, sy + 122, "Nhập passcode", size=14, fill=SOFT, anchor="middle")
    for i in range(6):
        d.circle(sx + 32 + i * 18, sy + 140, 6, fill=INK if i < 3 else WHITE, stroke=INK, sw=2)
    button(d, sx + 8, sy + 196, sw - 16, "Đồng ý")
    d.rect(8, 52, 96, 80, fill=WHITE, stroke=INK, sw=2, rx=6)
    qr(d, 26, 58, 60, seed=21)
    d.text(56, 156, "hoặc", size=14, fill=SOFT, anchor="middle")
    field(d, 4, 166, 106, "Số định danh", h=28)
    field(d, 4, 200, 106, "Mật khẩu", h=28)
    callout(d, 1, 345, 140, sx + sw - 16, sy + 140)
    callout(d, 2, 345, 214, sx + sw - 8, sy + 214)


def p5_s3(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "dichvucong.bocongan.gov.vn")
    d.rect(lx + 12, ly + 46, lw - 60, 34, fill=WHITE, stroke=ACCENT, sw=3, rx=6)
    magnifier(d, lx + 30, ly + 63)
    d.text(lx + 46, ly + 69, "thường trú", size=15)
    d.rect(lx + 12, ly + 90, lw - 60, 44, fill=PALE, stroke=INK, sw=1.5, rx=6)
    d.text(lx + 22, ly + 117, "Đăng ký thường trú", size=14, bold=True)
    button(d, lx + lw - 160, ly + 95, 106, "Nộp hồ sơ", h=34, size=14)
    d.rect(lx + 12, ly + 142, lw - 60, 40, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.text(lx + 22, ly + 167, "Đăng ký tạm trú", size=14)
    callout(d, 1, lx + lw - 22, ly + 63)
    callout(d, 2, lx + 180, ly + 112)
    callout(d, 3, lx + lw - 22, ly + 112)


def p5_s4(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "dichvucong.bocongan.gov.vn")
    d.text(lx + 12, ly + 62, "Cơ quan thực hiện", size=16, bold=True)
    d.text(lx + 12, ly + 90, "Tỉnh/Thành phố", size=14, fill=SOFT)
    dropdown(d, lx + 130, ly + 72, 170, "Hà Nội")
    d.text(lx + 12, ly + 130, "Phường/Xã", size=14, fill=SOFT)
    dropdown(d, lx + 130, ly + 112, 170, "Chọn phường")
    pin(d, lx + 40, ly + 196, 1.0)
    d.text(lx + 62, ly + 184, "Công an phường nhận hồ sơ", size=14, fill=SOFT)
    callout(d, 1, lx + lw - 22, ly + 88)
    callout(d, 2, lx + lw - 22, ly + 128)


def p5_s5(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "dichvucong.bocongan.gov.vn")
    d.circle(lx + 36, ly + 74, 16, fill=SKIN, stroke=INK, sw=2)
    d.text(lx + 60, ly + 70, "Người đăng ký", size=14, fill=SOFT)
    d.line(lx + 60, ly + 84, lx + 220, ly + 84, stroke=SOFT, sw=3)
    check(d, lx + 250, ly + 76, 11)
    d.text(lx + 12, ly + 124, "Địa chỉ mới", size=14, bold=True)
    field(d, lx + 130, ly + 104, lw - 176, "Số nhà, ngõ...", sel=True)
    d.text(lx + 12, ly + 164, "Quan hệ chủ hộ", size=14, bold=True)
    dropdown(d, lx + 130, ly + 144, lw - 176, "Chọn")
    callout(d, 1, lx + 282, ly + 76)
    callout(d, 2, lx + lw - 22, ly + 120)
    callout(d, 3, lx + lw - 22, ly + 160)


def p5_s6(d):
    background(d)
    lx, ly, lw, lh = portal_page(d, "dichvucong.bocongan.gov.vn")
    d.text(lx + 12, ly + 62, "Giấy tờ kèm theo", size=16, bold=True)
    house(d, lx + 60, ly + 168, 0.9)
    document(d, lx + 110, ly + 80, 64, 84, lines=4)
    document(d, lx + 184, ly + 80, 64, 84, lines=4, fill=PALE)
    button(d, lx + lw - 86, ly + 100, 76, "Đính kèm", h=34, size=14)
    callout(d, 1, lx + 180, ly + 186)
    callout(d, 2, lx + lw - 48, ly + 158)


def p5_s7(d):
    background(d)
    lx, ly, lw, lh = laptop(d, 12, 40, 220, 160)
    checkbox(d, lx + 10, ly + 18, True)
    d.text(lx + 36, ly + 32, "Tôi cam đoan", size=14)
    d.text(lx + 10, ly + 66, "Lệ phí:", size=14, fill=SOFT)
    d.text(lx + 70, ly + 66, "theo quy định", size=14, bold=True)
    button(d, lx + 10, ly + 90, 140, "Nộp hồ sơ")
    scr = phone(d, 262, 24, 126, 240)
    sx, sy, sw, sh = scr
    header(d, scr, "VNeID", back=False)
    d.text(sx + sw / 2, sy + 62, "Chủ hộ", size=14, bold=True, anchor="middle")
    d.text(sx + sw / 2, sy + 82, "xác nhận", size=14, bold=True, anchor="middle")
    person(d, sx + sw / 2, sy + 112, 0.5)
    button(d, sx + 8, sy + 162, sw - 16, "Đồng ý", h=32, size=14)
    callout(d, 1, lx + 172, ly + 108)
    callout(d, 2, 246, sy + 178)


def p5_s8(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Thông tin cư trú")
    house(d, sx + sw / 2, sy + 112, 1.0)
    d.text(sx + 8, sy + 138, "Nơi thường trú", size=14, bold=True)
    d.rect(sx + 8, sy + 146, sw - 16, 30, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.line(sx + 16, sy + 161, sx + sw - 44, sy + 161, stroke=SOFT, sw=3)
    check(d, sx + sw - 24, sy + 161, 10)
    d.text(sx + 8, sy + 198, "Nơi tạm trú", size=14, bold=True)
    d.rect(sx + 8, sy + 206, sw - 16, 26, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    # dossier status beside
    d.rect(6, 80, 100, 110, fill=WHITE, stroke=INK, sw=2, rx=8)
    d.text(56, 104, "Hồ sơ", size=14, bold=True, anchor="middle")
    check(d, 30, 130, 10)
    d.line(46, 130, 92, 130, stroke=SOFT, sw=3)
    check(d, 30, 160, 10)
    d.line(46, 160, 92, 160, stroke=SOFT, sw=3)
    callout(d, 1, 56, 230, 56, 190)
    callout(d, 2, 345, 161, sx + sw - 14, sy + 161)


# The residence guide follows VNeID (Thủ tục hành chính), the common path since 2025.


def row(d, x, y, w, lines, sel=False, h=38, indent=10):
    """A list row with one to three lines of text; the chosen one in blue."""
    d.rect(
        x,
        y,
        w,
        h,
        fill=PALE if sel else LIGHT,
        stroke=ACCENT if sel else INK,
        sw=3 if sel else 1.5,
        rx=8,
    )
    for i, text in enumerate(lines):
        d.text(x + indent, y + h / 2 + 5 + i * 18 - (len(lines) - 1) * 9, text, size=14, bold=sel)


def m5_s1(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, 48, fill=PALE, sw=0)
    vneid_glyph(d, sx + 24, sy + 24, 0.5)
    d.text(sx + 44, sy + 30, "VNeID", size=16, bold=True)
    for i in range(4):
        tx = sx + 10 + (i % 2) * 72
        ty = sy + 62 + (i // 2) * 58
        d.rect(tx, ty, 62, 48, fill=LIGHT, stroke=INK, sw=1.5, rx=8)
    row(d, sx + 8, sy + 182, sw - 16, ["Thủ tục", "hành chính"], sel=True, h=48)
    callout(d, 1, 345, 206, sx + sw - 8, sy + 206)


def m5_s2(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Thủ tục")
    row(d, sx + 8, sy + 46, sw - 16, ["Đăng ký", "tạm trú"], sel=True, h=46)
    row(d, sx + 8, sy + 100, sw - 16, ["Đăng ký", "thường trú"], sel=True, h=46)
    row(d, sx + 8, sy + 154, sw - 16, ["Tạm vắng"])
    row(d, sx + 8, sy + 200, sw - 16, ["Lưu trú"], h=34)
    d.rect(6, 90, 100, 90, fill=WHITE, stroke=INK, sw=2, rx=10)
    d.text(56, 118, "Passcode", size=14, bold=True, anchor="middle")
    for i in range(6):
        d.circle(19 + i * 15, 146, 5, fill=INK if i < 3 else WHITE, stroke=INK, sw=2)
    callout(d, 1, 345, 96, sx + sw - 8, sy + 96)
    callout(d, 2, 56, 220, 56, 180)


def m5_s3(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Tạm trú")
    button(d, sx + 8, sy + 50, sw - 16, "Tạo yêu cầu mới", size=14)
    row(d, sx + 8, sy + 112, sw - 16, ["Bản thân"], sel=True, indent=32)
    d.circle(sx + 20, sy + 131, 6, fill=ACCENT, stroke=INK, sw=2)
    row(d, sx + 8, sy + 158, sw - 16, ["Khai hộ"], indent=32)
    d.circle(sx + 20, sy + 177, 6, fill=WHITE, stroke=INK, sw=2)
    person(d, 56, 130, 0.8)
    callout(d, 1, 345, 68, sx + sw - 8, sy + 68)
    callout(d, 2, 345, 131, sx + sw - 8, sy + 131)


def m5_s4(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Nơi ở")
    d.text(sx + 8, sy + 58, "Tỉnh/Thành phố", size=14, bold=True)
    dropdown(d, sx + 8, sy + 64, sw - 16, "Hà Nội")
    d.text(sx + 8, sy + 118, "Xã/Phường", size=14, bold=True)
    dropdown(d, sx + 8, sy + 124, sw - 16, "Chọn")
    pin(d, 56, 110, 1.0)
    d.text(56, 170, "Công an", size=14, fill=SOFT, anchor="middle")
    d.text(56, 190, "xã, phường", size=14, fill=SOFT, anchor="middle")
    d.text(56, 210, "nhận hồ sơ", size=14, fill=SOFT, anchor="middle")
    callout(d, 1, 345, 80, sx + sw - 8, sy + 80)
    callout(d, 2, 345, 140, sx + sw - 8, sy + 140)


def m5_s5(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Thông tin")
    d.circle(sx + 24, sy + 62, 12, fill=SKIN, stroke=INK, sw=2)
    d.line(sx + 44, sy + 62, sx + sw - 30, sy + 62, stroke=SOFT, sw=3)
    check(d, sx + sw - 16, sy + 62, 9)
    d.text(sx + 8, sy + 100, "Địa chỉ", size=14, bold=True)
    field(d, sx + 8, sy + 106, sw - 16, "Số nhà, ngõ...", sel=True)
    d.text(sx + 8, sy + 160, "Chủ hộ", size=14, bold=True)
    dropdown(d, sx + 8, sy + 166, sw - 16, "Quan hệ")
    house(d, 56, 170, 0.9)
    callout(d, 1, 345, 122, sx + sw - 8, sy + 122)
    callout(d, 2, 345, 182, sx + sw - 8, sy + 182)


def m5_s6(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Chủ hộ")
    row(d, sx + 8, sy + 52, sw - 16, ["Xin xác nhận", "qua VNeID"], sel=True, h=50)
    row(d, sx + 8, sy + 112, sw - 16, ["Giấy đồng ý"])
    d.rect(6, 60, 104, 170, fill=WHITE, stroke=INK, sw=2, rx=12)
    d.text(58, 84, "Chủ hộ", size=14, bold=True, anchor="middle")
    person(d, 58, 128, 0.6)
    button(d, 14, 176, 88, "Đồng ý", h=32, size=14)
    callout(d, 1, 345, 77, sx + sw - 8, sy + 77)
    callout(d, 2, 58, 270, 58, 230)


def m5_s7(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Giấy tờ")
    document(d, sx + 12, sy + 50, 60, 78, lines=4)
    document(d, sx + 82, sy + 50, 60, 78, lines=4, fill=PALE)
    button(d, sx + 8, sy + 146, sw - 16, "Đính kèm")
    house(d, 56, 170, 0.9)
    callout(d, 1, 345, 164, sx + sw - 8, sy + 164)


# ---- 6. ihanoi ----------------------------------------------------------


def ihanoi_glyph(d, cx, cy, s=1.0):
    d.rect(cx - 14 * s, cy - 14 * s, 28 * s, 28 * s, fill="#fbe3b5", stroke=INK, sw=2, rx=6 * s)
    d.text(cx, cy + 6 * s, "i", size=max(14, 20 * s), bold=True, fill=CALL, anchor="middle")


def p6_s1(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    ihanoi_glyph(d, sx + sw / 2, sy + 50, 1.6)
    d.text(sx + sw / 2, sy + 104, "iHanoi", size=20, bold=True, anchor="middle")
    d.text(sx + sw / 2, sy + 126, "Đăng nhập", size=15, fill=SOFT, anchor="middle")
    d.rect(sx + 10, sy + 142, sw - 20, 40, fill=ACCENT, stroke=ACCENT, sw=2, rx=20)
    vneid_glyph(d, sx + 30, sy + 162, 0.42)
    d.text(sx + 44, sy + 168, "Bằng VNeID", size=15, fill=WHITE, bold=True)
    d.rect(sx + 10, sy + 194, sw - 20, 34, fill=WHITE, stroke=INK, sw=1.5, rx=17)
    d.line(sx + 30, sy + 211, sx + sw - 30, sy + 211, stroke="#9a9a9a", sw=3)
    store_badges(d, 6, 110)
    callout(d, 1, 60, 60, 60, 110)
    callout(d, 2, 345, 162, sx + sw - 10, sy + 162)


def p6_s2(d):
    background(d)
    # app switch: iHanoi -> VNeID -> iHanoi
    d.rect(10, 40, 80, 80, fill=WHITE, stroke=INK, sw=2, rx=14)
    ihanoi_glyph(d, 50, 72, 1.3)
    d.text(50, 110, "iHanoi", size=14, bold=True, anchor="middle")
    d.path("M96 80 C 110 80, 110 120, 124 120", stroke=ACCENT, sw=3)
    d.polygon([(124, 112), (134, 120), (124, 128)], fill=ACCENT, sw=0)
    scr = phone(d, 140, 10, 150, 280)
    sx, sy, sw, sh = scr
    header(d, scr, "VNeID", back=False)
    d.rect(sx + 8, sy + 44, sw - 16, 64, fill=PALE, stroke=INK, sw=1.5, rx=8)
    ihanoi_glyph(d, sx + 28, sy + 76, 0.9)
    d.text(sx + 48, sy + 70, "iHanoi xin", size=14, bold=True)
    d.text(sx + 48, sy + 90, "đăng nhập", size=14, bold=True)
    for i in range(6):
        d.circle(sx + 22 + i * 18, sy + 132, 6, fill=INK if i < 2 else WHITE, stroke=INK, sw=2)
    button(d, sx + 8, sy + 160, sw - 16, "Đồng ý")
    d.path("M296 200 C 320 200, 320 150, 330 150", stroke=ACCENT, sw=3)
    d.polygon([(326, 142), (336, 150), (326, 158)], fill=ACCENT, sw=0)
    d.rect(310, 60, 80, 80, fill=WHITE, stroke=INK, sw=2, rx=14)
    ihanoi_glyph(d, 350, 92, 1.3)
    check(d, 380, 66, 12)
    callout(d, 1, 60, 190, sx + 16, sy + 132)
    callout(d, 2, 60, 250, sx + 20, sy + 178)


def p6_s3(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, 40, fill=HEAD, sw=0)
    ihanoi_glyph(d, sx + 22, sy + 20, 0.8)
    d.text(sx + 42, sy + 26, "Trang chủ", size=15, bold=True)
    rows = [("Dịch vụ công", True), ("Phản ánh", False), ("Tin tức", False), ("Giao thông", False)]
    for i, (lab, sel) in enumerate(rows):
        yy = sy + 50 + i * 46
        d.rect(
            sx + 8,
            yy,
            sw - 16,
            38,
            fill=PALE if sel else LIGHT,
            stroke=ACCENT if sel else INK,
            sw=3 if sel else 1.5,
            rx=8,
        )
        if i == 0:
            document(d, sx + 16, yy + 6, 20, 26, 1)
        elif i == 1:
            camera_glyph(d, sx + 26, yy + 19, 0.65)
        else:
            d.rect(sx + 16, yy + 9, 20, 20, fill=WHITE, stroke=INK, sw=1.5, rx=4)
        d.text(sx + 44, yy + 25, lab, size=14, bold=sel)
    document(d, 14, 80, 86, 110, lines=6)
    d.text(57, 216, "Giấy tờ gì?", size=14, bold=True, anchor="middle")
    d.text(57, 238, "Nộp ở đâu?", size=14, bold=True, anchor="middle")
    callout(d, 1, 345, 69, sx + sw - 8, sy + 69)


def p6_s4(d):
    """Since 1 Oct 2025: Dịch vụ công -> Đặt lịch thực hiện Dịch vụ công -> Thêm mới (+)."""
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Dịch vụ công")
    row(d, sx + 8, sy + 50, sw - 16, ["Đặt lịch", "thực hiện", "Dịch vụ công"], sel=True, h=66)
    row(d, sx + 8, sy + 126, sw - 16, ["Tra cứu"])
    d.circle(sx + sw - 30, sy + sh - 30, 20, fill=ACCENT, stroke=INK, sw=2)
    d.text(sx + sw - 30, sy + sh - 21, "+", size=26, fill=WHITE, bold=True, anchor="middle")
    calendar(d, 14, 90, 86, 84)
    callout(d, 1, 345, 83, sx + sw - 8, sy + 83)
    callout(d, 2, 345, 250, sx + sw - 12, sy + sh - 30)


def p6_s5(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Thêm mới")
    d.text(sx + 8, sy + 56, "Chi nhánh", size=14, bold=True)
    dropdown(d, sx + 8, sy + 62, sw - 16, "Chi nhánh số 1")
    d.text(sx + 8, sy + 112, "Lĩnh vực", size=14, bold=True)
    dropdown(d, sx + 8, sy + 118, sw - 16, "Chọn")
    d.text(sx + 8, sy + 168, "Ngày, giờ", size=14, bold=True)
    dropdown(d, sx + 8, sy + 174, sw - 16, "Hôm nay")
    d.rect(6, 70, 100, 100, fill=WHITE, stroke=INK, sw=2, rx=10)
    d.text(56, 104, "Hôm nay", size=14, bold=True, anchor="middle")
    d.text(56, 124, "đến 6 ngày", size=14, bold=True, anchor="middle")
    d.text(56, 156, "2 lượt/ngày", size=14, bold=True, fill=CALL, anchor="middle")
    callout(d, 1, 345, 78, sx + sw - 8, sy + 78)
    callout(d, 2, 345, 134, sx + sw - 8, sy + 134)
    callout(d, 3, 345, 190, sx + sw - 8, sy + 190)


def p6_s6(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, sh, fill="#2b2b2b", sw=0)
    d.rect(sx, sy, sw, 34, fill=HEAD, sw=0)
    d.text(sx + sw / 2, sy + 23, "Phản ánh", size=15, bold=True, anchor="middle")
    # road with a pothole in the viewfinder
    d.rect(sx + 10, sy + 44, sw - 20, 150, fill="#9e9e9e", stroke=WHITE, sw=2)
    d.polygon(
        [(sx + 60, sy + 44), (sx + 94, sy + 44), (sx + sw - 10, sy + 194), (sx + 10, sy + 194)],
        fill="#6d6d6d",
        sw=0,
    )
    d.ellipse(sx + sw / 2, sy + 140, 34, 14, fill="#3a3a3a", stroke=INK, sw=2)
    d.circle(sx + sw / 2, sy + 214, 17, fill=WHITE, stroke="#9a9a9a", sw=4)
    person(d, 50, 110, 0.8)
    callout(d, 1, 345, 50, sx + sw - 10, sy + 17)
    callout(d, 2, 345, 140, sx + sw / 2 + 34, sy + 140)
    callout(d, 3, 345, 224, sx + sw / 2 + 17, sy + 214)


def p6_s7(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Gửi phản ánh")
    d.rect(sx + 8, sy + 44, sw - 16, 58, fill=WHITE, stroke=INK, sw=2, rx=6)
    d.text(sx + 14, sy + 64, "Ổ gà trước", size=14)
    d.text(sx + 14, sy + 84, "nhà số 12...", size=14)
    d.rect(sx + 8, sy + 110, sw - 16, 72, fill="#e8f5e9", stroke=INK, sw=1.5, rx=6)
    d.line(sx + 8, sy + 140, sx + sw - 8, sy + 128, stroke=WHITE, sw=6)
    d.line(sx + 60, sy + 110, sx + 76, sy + 182, stroke=WHITE, sw=6)
    pin(d, sx + sw / 2, sy + 160, 0.8)
    button(d, sx + 8, sy + 194, sw - 16, "Gửi")
    d.rect(6, 70, 100, 66, fill="#6d6d6d", stroke=INK, sw=2, rx=6)
    d.ellipse(56, 110, 26, 10, fill="#3a3a3a", stroke=INK, sw=2)
    check(d, 96, 76, 10)
    callout(d, 1, 345, 72, sx + sw - 8, sy + 72)
    callout(d, 2, 345, 146, sx + sw / 2 + 12, sy + 146)
    callout(d, 3, 345, 220, sx + sw - 8, sy + 212)


# ---- 7. etax-mobile -----------------------------------------------------


def etax_glyph(d, cx, cy, s=1.0):
    d.rect(cx - 15 * s, cy - 15 * s, 30 * s, 30 * s, fill="#d7ecff", stroke=INK, sw=2, rx=6 * s)
    d.text(cx, cy + 6 * s, "T", size=max(14, 20 * s), bold=True, fill=ACCENT, anchor="middle")


def p7_s1(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    d.rect(sx + 8, sy + 10, sw - 16, 32, fill=LIGHT, stroke=INK, sw=2, rx=16)
    magnifier(d, sx + 24, sy + 26)
    d.text(sx + 40, sy + 32, "eTax Mobile", size=15, bold=True)
    d.rect(sx + 8, sy + 54, 46, 46, fill="#d7ecff", stroke=INK, sw=2, rx=10)
    etax_glyph(d, sx + 31, sy + 77, 0.9)
    d.text(sx + 62, sy + 73, "eTax Mobile", size=15, bold=True)
    d.text(sx + 62, sy + 93, "Ngành Thuế", size=14, fill=SOFT)
    button(d, sx + 8, sy + 112, sw - 16, "Cài đặt")
    d.rect(sx + 8, sy + 162, 64, 66, fill=LIGHT, stroke=INK, sw=1.5, rx=4)
    d.rect(sx + 82, sy + 162, 64, 66, fill=LIGHT, stroke=INK, sw=1.5, rx=4)
    d.rect(4, 168, 104, 70, fill=PALE, stroke=CALL, sw=3, rx=10)
    d.text(14, 192, "Tin lạ:", size=14, bold=True)
    d.text(14, 218, "http://...", size=14)
    cross(d, 100, 172, 13)
    store_badges(d, 6, 36)
    callout(d, 1, 345, 83, sx + sw - 8, sy + 80)
    callout(d, 2, 345, 150, sx + sw - 8, sy + 130)


def p7_s2(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    etax_glyph(d, sx + sw / 2, sy + 30, 1.1)
    d.text(sx + 8, sy + 72, "Số định danh", size=14, bold=True)
    field(d, sx + 8, sy + 78, sw - 16, "", dots=True, h=28)
    d.text(sx + 8, sy + 124, "Mật khẩu", size=14, bold=True)
    field(d, sx + 8, sy + 130, sw - 16, "", dots=True, h=28)
    button(d, sx + 8, sy + 166, sw - 16, "Đăng nhập", h=32)
    d.rect(sx + 8, sy + 204, sw - 16, 30, fill=WHITE, stroke=ACCENT, sw=2, rx=15)
    vneid_glyph(d, sx + 24, sy + 219, 0.35)
    d.text(sx + 38, sy + 224, "Bằng VNeID", size=14, bold=True, fill=ACCENT)
    idcard(d, 4, 90, 100, 64)
    d.text(54, 176, "Số định danh", size=14, bold=True, anchor="middle")
    d.text(54, 196, "= mã số thuế", size=14, bold=True, anchor="middle")
    callout(d, 1, 345, 219, sx + sw - 8, sy + 219)
    callout(d, 2, 345, 120, sx + sw - 8, sy + 120)


def p7_s3(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Nghĩa vụ thuế")
    items = [("Thuế đất", "120.000 đ"), ("Lệ phí", "50.000 đ"), ("Thuế TNCN", "0 đ")]
    for i, (a, b) in enumerate(items):
        yy = sy + 44 + i * 58
        d.rect(sx + 8, yy, sw - 16, 50, fill=LIGHT if i else PALE, stroke=INK, sw=1.5, rx=6)
        d.text(sx + 16, yy + 21, a, size=14, bold=True)
        d.text(sx + sw - 16, yy + 41, b, size=14, anchor="end")
    calendar(d, 14, 90, 86, 84)
    d.text(57, 200, "Hạn nộp", size=15, bold=True, anchor="middle")
    callout(d, 1, 345, 69, sx + sw - 8, sy + 69)


def p7_s4(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Nộp thuế")
    for i, (lab, on) in enumerate([("Thuế đất", True), ("Lệ phí", True)]):
        yy = sy + 46 + i * 42
        d.rect(sx + 8, yy, sw - 16, 36, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
        checkbox(d, sx + 14, yy + 9, on)
        d.text(sx + 40, yy + 23, lab, size=14)
    button(d, sx + 8, sy + 134, sw - 16, "Nộp tất cả", h=32, primary=False, size=14)
    d.rect(sx + 8, sy + 178, sw - 16, 52, fill=ACCENT, stroke=ACCENT, sw=2, rx=14)
    d.text(sx + sw / 2, sy + 200, "Lập giấy", size=15, fill=WHITE, bold=True, anchor="middle")
    d.text(sx + sw / 2, sy + 220, "nộp tiền", size=15, fill=WHITE, bold=True, anchor="middle")
    callout(d, 1, 60, 75, sx + 23, sy + 64)
    callout(d, 2, 60, 150, sx + 8, sy + 150)
    callout(d, 3, 345, 205, sx + sw - 8, sy + 205)


def p7_s5(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Cách nộp")
    d.rect(sx + 8, sy + 46, sw - 16, 46, fill=PALE, stroke=ACCENT, sw=3, rx=8)
    radio(d, sx + 24, sy + 69, True)
    d.text(sx + 40, sy + 65, "Tài khoản", size=14, bold=True)
    d.text(sx + 40, sy + 84, "ngân hàng", size=14, bold=True)
    d.rect(sx + 8, sy + 100, sw - 16, 40, fill=LIGHT, stroke=INK, sw=1.5, rx=8)
    radio(d, sx + 24, sy + 120, False)
    d.text(sx + 40, sy + 125, "Mã QR", size=14)
    d.text(sx + 8, sy + 164, "Ngân hàng", size=14, bold=True)
    dropdown(d, sx + 8, sy + 170, sw - 16, "Ngân hàng A")
    button(d, sx + 8, sy + 208, sw - 16, "Tiếp tục", h=30, size=14)
    bank(d, 56, 200, 0.9)
    callout(d, 1, 345, 69, sx + sw - 8, sy + 69)
    callout(d, 2, 345, 186, sx + sw - 8, sy + 186)


def p7_s6(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Xác nhận")
    d.text(sx + sw / 2, sy + 62, "Số tiền", size=14, fill=SOFT, anchor="middle")
    d.text(sx + sw / 2, sy + 88, "170.000 đ", size=20, bold=True, anchor="middle")
    d.text(sx + sw / 2, sy + 118, "Mã OTP", size=14, bold=True, anchor="middle")
    otp_boxes(d, sx + 8, sy + 126, filled=6)
    button(d, sx + 8, sy + 166, sw - 16, "Nộp thuế")
    d.rect(6, 110, 102, 84, fill="#e6f4ea", stroke=OK, sw=2, rx=10)
    check(d, 57, 138, 16)
    d.text(57, 180, "Thành công", size=14, bold=True, fill=OK, anchor="middle")
    d.line(108, 152, sx, sy + 184, stroke=SOFT, sw=2, dash="5 5")
    callout(d, 1, 345, 82, sx + sw - 20, sy + 82)
    callout(d, 2, 345, 139, sx + sw - 8, sy + 139)
    callout(d, 3, 345, 214, sx + sw - 8, sy + 184)


def p7_s7(d):
    background(d)
    scr = phone(d, 20, 14, 150, 272)
    sx, sy, sw, sh = scr
    header(d, scr, "Mã QR")
    qr(d, sx + 17, sy + 48, sw - 34, seed=17)
    d.text(sx + sw / 2, sy + 190, "170.000 đ", size=16, bold=True, anchor="middle")
    button(d, sx + 8, sy + 200, sw - 16, "Chia sẻ", h=32, size=14)
    d.path("M178 150 C 200 120, 220 120, 240 140", stroke=ACCENT, sw=3)
    d.polygon([(236, 130), (246, 146), (230, 146)], fill=ACCENT, sw=0)
    scr2 = phone(d, 250, 40, 130, 236)
    tx, ty, tw, th = scr2
    bank_app_screen(d, scr2, "170.000 đ", title="Ngân hàng")
    qr(d, tx + 30, ty + 104, 58, seed=17)
    check(d, tx + tw / 2, ty + 186, 14)
    d.text(315, 30, "Người thân", size=15, bold=True, anchor="middle")
    callout(d, 1, 192, sy + 216)
    callout(d, 2, tx + tw - 8, ty + 134)


# ---- 8. pension-bank-vssid ---------------------------------------------


def vss_glyph(d, cx, cy, s=1.0):
    d.rect(cx - 15 * s, cy - 15 * s, 30 * s, 30 * s, fill="#d7ecff", stroke=INK, sw=2, rx=6 * s)
    d.path(
        f"M{n(cx - 8 * s)} {n(cy)} l{n(6 * s)} {n(7 * s)} l{n(11 * s)} -{n(13 * s)}",
        stroke=OK,
        sw=max(2.5, 3 * s),
    )


def p8_s1(d):
    background(d)
    bank(d, 90, 230, 1.6)
    d.text(90, 256, "NGÂN HÀNG", size=16, bold=True, anchor="middle")
    person(d, 250, 130, 1.0)
    idcard(d, 280, 190, 100, 64)
    d.rect(300, 40, 86, 54, fill=PALE, stroke=INK, sw=2, rx=6)
    d.rect(300, 52, 86, 10, fill=INK, sw=0)
    d.text(343, 84, "Tên bạn", size=14, bold=True, anchor="middle")
    callout(d, 1, 30, 40, 60, 140)
    callout(d, 2, 250, 30, 300, 60)


def p8_s2(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    vss_glyph(d, sx + sw / 2, sy + 30, 1.1)
    d.text(sx + 8, sy + 72, "Mã số BHXH", size=14, bold=True)
    field(d, sx + 8, sy + 78, sw - 16, "", dots=True, h=28)
    d.text(sx + 8, sy + 124, "Mật khẩu", size=14, bold=True)
    field(d, sx + 8, sy + 130, sw - 16, "", dots=True, h=28)
    button(d, sx + 8, sy + 166, sw - 16, "Đăng nhập", h=32)
    d.rect(sx + 8, sy + 204, sw - 16, 30, fill=WHITE, stroke=ACCENT, sw=2, rx=15)
    vneid_glyph(d, sx + 24, sy + 219, 0.35)
    d.text(sx + 38, sy + 224, "Bằng VNeID", size=14, bold=True, fill=ACCENT)
    store_badges(d, 6, 60)
    d.text(56, 176, "VssID", size=18, bold=True, anchor="middle")
    callout(d, 1, 345, 219, sx + sw - 8, sy + 219)
    callout(d, 2, 345, 130, sx + sw - 8, sy + 120)


def p8_s3(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, 40, fill=HEAD, sw=0)
    vss_glyph(d, sx + 22, sy + 20, 0.8)
    d.text(sx + 42, sy + 26, "VssID", size=15, bold=True)
    d.rect(sx + 8, sy + 52, sw - 16, 50, fill=PALE, stroke=ACCENT, sw=3, rx=8)
    d.text(sx + sw / 2, sy + 72, "Quá trình", size=14, bold=True, anchor="middle")
    d.text(sx + sw / 2, sy + 92, "tham gia", size=14, bold=True, anchor="middle")
    for i, lab in enumerate(["Thẻ BHYT", "Tra cứu", "Dịch vụ công"]):
        yy = sy + 112 + i * 42
        d.rect(sx + 8, yy, sw - 16, 34, fill=LIGHT, stroke=INK, sw=1.5, rx=8)
        d.text(sx + 18, yy + 23, lab, size=14)
    # years bar chart
    d.rect(6, 80, 102, 120, fill=WHITE, stroke=INK, sw=2, rx=8)
    for i, hgt in enumerate((40, 60, 70, 80)):
        d.rect(18 + i * 22, 180 - hgt, 14, hgt, fill=ACCENT, sw=0)
    d.line(14, 181, 100, 181, sw=2)
    callout(d, 1, 345, 77, sx + sw - 8, sy + 77)


def p8_s4(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Thông tin hưởng")
    rows = ["Tháng 9", "Tháng 10", "Tháng 11"]
    for i, r in enumerate(rows):
        yy = sy + 44 + i * 50
        d.rect(sx + 8, yy, sw - 16, 42, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
        d.text(sx + 16, yy + 18, r, size=14, bold=True)
        d.line(sx + 16, yy + 32, sx + 90, yy + 32, stroke=SOFT, sw=3)
        check(d, sx + sw - 24, yy + 21, 10)
    d.rect(sx + 8, sy + 196, sw - 16, 36, fill=WHITE, stroke=INK, sw=1.5, rx=6)
    d.text(sx + 16, sy + 219, "Cách nhận", size=14, fill=SOFT)
    person(d, 54, 110, 0.8)
    d.text(54, 200, "Thiếu tháng?", size=14, bold=True, anchor="middle")
    d.text(54, 222, "Hỏi BHXH", size=14, bold=True, fill=ACCENT, anchor="middle")
    callout(d, 1, 345, 65, sx + sw - 20, sy + 65)
    callout(d, 2, 345, 214, sx + sw - 8, sy + 214)


def p8_s5(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Dịch vụ công")
    d.rect(sx + 8, sy + 44, sw - 16, 36, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.line(sx + 16, sy + 62, sx + 120, sy + 62, stroke=SOFT, sw=3)
    d.rect(sx + 8, sy + 88, sw - 16, 64, fill=PALE, stroke=ACCENT, sw=3, rx=6)
    d.text(sx + 16, sy + 110, "Thay đổi hình", size=14, bold=True)
    d.text(sx + 16, sy + 130, "thức lĩnh…", size=14, bold=True)
    d.text(sx + 16, sy + 146, "chế độ BHXH", size=14, bold=True)
    d.rect(sx + 8, sy + 160, sw - 16, 36, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.line(sx + 16, sy + 178, sx + 110, sy + 178, stroke=SOFT, sw=3)
    d.rect(sx + 8, sy + 204, sw - 16, 30, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    bank(d, 56, 210, 0.9)
    callout(d, 1, 345, 120, sx + sw - 8, sy + 120)


def p8_s6(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Hình thức nhận")
    d.rect(sx + 8, sy + 44, sw - 16, 36, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    radio(d, sx + 24, sy + 62, False)
    d.text(sx + 40, sy + 67, "Tiền mặt", size=14)
    d.rect(sx + 8, sy + 86, sw - 16, 36, fill=PALE, stroke=ACCENT, sw=3, rx=6)
    radio(d, sx + 24, sy + 104, True)
    d.text(sx + 40, sy + 109, "Qua tài khoản", size=14, bold=True)
    d.text(sx + 8, sy + 144, "Số tài khoản", size=14, bold=True)
    field(d, sx + 8, sy + 150, sw - 16, "", dots=True, h=30)
    dropdown(d, sx + 8, sy + 192, sw - 16, "Ngân hàng")
    person(d, 54, 110, 0.8)
    d.text(54, 200, "Tự gõ", size=16, bold=True, anchor="middle")
    callout(d, 1, 345, 104, sx + sw - 8, sy + 104)
    callout(d, 2, 345, 165, sx + sw - 8, sy + 165)
    callout(d, 3, 345, 225, sx + sw - 8, sy + 208)


def p8_s7(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    header(d, scr, "Xác thực OTP")
    d.text(sx + sw / 2, sy + 64, "Nhập mã OTP", size=15, bold=True, anchor="middle")
    otp_boxes(d, sx + 8, sy + 76, filled=6)
    button(d, sx + 8, sy + 120, sw - 16, "Xác nhận")
    d.rect(sx + 8, sy + 172, sw - 16, 56, fill="#e6f4ea", stroke=OK, sw=2, rx=8)
    check(d, sx + 26, sy + 200, 10)
    d.text(sx + 42, sy + 196, "Nộp hồ sơ", size=14, bold=True, fill=OK)
    d.text(sx + 42, sy + 216, "thành công", size=14, bold=True, fill=OK)
    sms(d, 4, 40, 104, 86, "BHXH", ["Mã OTP:", "••••••"], tail="right")
    callout(d, 1, 345, 89, sx + sw - 8, sy + 89)
    callout(d, 2, 345, 150, sx + sw - 8, sy + 138)


def p8_s8(d):
    background(d)
    calendar(d, 20, 60, 100, 96)
    d.text(70, 184, "Ngày chi trả", size=15, bold=True, anchor="middle")
    d.path("M130 110 C 170 80, 200 80, 230 110", stroke=ACCENT, sw=4)
    d.polygon([(224, 100), (236, 116), (218, 116)], fill=ACCENT, sw=0)
    scr = phone(d, 240, 14, 150, 272)
    sx, sy, sw, sh = scr
    header(d, scr, "Ngân hàng")
    d.rect(sx + 8, sy + 48, sw - 16, 70, fill="#e6f4ea", stroke=OK, sw=2, rx=8)
    d.text(sx + 16, sy + 72, "Tiền vào", size=14, bold=True, fill=OK)
    d.text(sx + 16, sy + 102, "+ Lương hưu", size=15, bold=True)
    d.rect(sx + 8, sy + 130, sw - 16, 36, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.line(sx + 16, sy + 148, sx + 110, sy + 148, stroke=SOFT, sw=3)
    d.rect(sx + 8, sy + 174, sw - 16, 36, fill=LIGHT, stroke=INK, sw=1.5, rx=6)
    d.line(sx + 16, sy + 192, sx + 100, sy + 192, stroke=SOFT, sw=3)
    callout(d, 1, sx + sw - 14, sy + 52)


# ---- 9. scam-safety -----------------------------------------------------


def p9_s1(d):
    background(d)
    scr = phone(d, 20, 14, 150, 272)
    sx, sy, sw, sh = scr
    header(d, scr, "Tin nhắn")
    sms(d, sx + 8, sy + 48, sw - 16, 70, "Ngân hàng", ["OTP: ••••••"], tail="left")
    d.rect(sx + 8, sy + 150, sw - 16, 76, fill=WHITE, stroke=CALL, sw=3, rx=8)
    d.text(sx + sw / 2, sy + 178, "Không gửi", size=15, bold=True, fill=CALL, anchor="middle")
    d.text(sx + sw / 2, sy + 200, "cho ai", size=15, bold=True, fill=CALL, anchor="middle")
    # key and house: the code is your house key
    house(d, 300, 150, 1.5)
    d.circle(230, 220, 16, fill=CHIP, stroke=INK, sw=2.5)
    d.circle(230, 220, 6, fill=WHITE, stroke=INK, sw=2)
    d.path("M246 220 h56 v12 m-14 -12 v10", stroke=INK, sw=4)
    d.text(300, 270, "OTP = chìa khóa", size=15, bold=True, anchor="middle")
    callout(d, 1, 188, 188)


def p9_s2(d):
    scr = std_phone(d)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, sh, fill="#263238", sw=0)
    d.text(sx + sw / 2, sy + 40, "Cuộc gọi đến", size=14, fill=WHITE, anchor="middle")
    d.circle(sx + sw / 2, sy + 84, 26, fill="#90a4ae", stroke=WHITE, sw=2)
    d.text(sx + sw / 2, sy + 94, "?", size=30, bold=True, fill=WHITE, anchor="middle")
    d.text(sx + sw / 2, sy + 136, "“Công an”", size=16, bold=True, fill=WHITE, anchor="middle")
    d.text(sx + sw / 2, sy + 158, "Số lạ", size=14, fill=WHITE, anchor="middle")
    d.circle(sx + 40, sy + 206, 22, fill=CALL, stroke=WHITE, sw=2)
    d.path(f"M{n(sx + 28)} {n(sy + 210)} q12 -8 24 0", stroke=WHITE, sw=5)
    d.circle(sx + sw - 40, sy + 206, 22, fill="#2e7d32", stroke=WHITE, sw=2)
    d.rect(6, 60, 100, 130, fill=WHITE, stroke=CALL, sw=3, rx=10)
    d.text(56, 88, "Đòi tiền?", size=14, bold=True, anchor="middle")
    d.text(56, 112, "Đòi OTP?", size=14, bold=True, anchor="middle")
    d.text(56, 136, "Chuyển tiền?", size=14, bold=True, anchor="middle")
    d.text(56, 172, "TẮT MÁY", size=16, bold=True, fill=CALL, anchor="middle")
    callout(d, 1, 60, 250, sx + 26, sy + 214)


def p9_s3(d):
    background(d)
    scr = phone(d, 20, 14, 150, 272)
    sx, sy, sw, sh = scr
    header(d, scr, "Tin nhắn")
    d.rect(sx + 8, sy + 48, sw - 16, 106, fill=PALE, stroke=CALL, sw=3, rx=12)
    d.text(sx + 18, sy + 70, "Số lạ:", size=14, bold=True)
    d.text(sx + 18, sy + 92, "Cập nhật mức 2", size=14)
    d.text(sx + 18, sy + 112, "VNeID tại:", size=14)
    d.text(sx + 18, sy + 134, "http://vneid...", size=14, fill=ACCENT)
    cross(d, sx + sw - 10, sy + 50, 14)
    d.text(sx + sw / 2, sy + 196, "Lừa đảo!", size=18, bold=True, fill=CALL, anchor="middle")
    police_station(d, 300, 210, 1.3)
    check(d, 370, 110, 16)
    d.text(300, 250, "Mức 2: đến", size=15, bold=True, anchor="middle")
    d.text(300, 272, "trực tiếp", size=15, bold=True, anchor="middle")
    callout(d, 1, 200, 100)
    callout(d, 2, 216, 170)


def p9_s4(d):
    background(d)
    d.rect(14, 40, 180, 110, fill=PALE, stroke=INK, sw=2, rx=12)
    d.text(28, 70, "Nhận quà ngay:", size=15, bold=True)
    d.text(28, 100, "vneid-capnhat.xyz", size=15, fill=ACCENT)
    d.line(28, 104, 162, 104, stroke=ACCENT, sw=1.5)
    cross(d, 180, 44, 18)
    d.rect(206, 40, 180, 110, fill=WHITE, stroke=INK, sw=2, rx=12)
    lock(d, 228, 94, 0.6)
    d.text(242, 100, "dichvucong.gov.vn", size=14, bold=True)
    d.rect(286, 106, 68, 4, fill=OK, sw=0)
    check(d, 372, 44, 18)
    d.rect(60, 190, 280, 70, fill=LIGHT, stroke=INK, sw=2, rx=10)
    d.text(200, 220, "Tự gõ địa chỉ,", size=16, bold=True, anchor="middle")
    d.text(200, 244, "không bấm link lạ", size=16, bold=True, anchor="middle")
    callout(d, 1, 100, 172, 100, 150)
    callout(d, 2, 300, 172, 320, 110)


def p9_s5(d):
    background(d)
    document(d, 30, 60, 90, 110, lines=4, fill="#fde0dc")
    d.text(75, 200, "tep.apk", size=16, bold=True, anchor="middle")
    cross(d, 118, 62, 18)
    store_badges(d, 276, 70)
    check(d, 376, 64, 16)
    d.rect(140, 200, 120, 70, fill=WHITE, stroke=CALL, sw=3, rx=10)
    d.text(200, 226, "Cho điều", size=15, bold=True, anchor="middle")
    d.text(200, 250, "khiển máy?", size=15, bold=True, anchor="middle")
    cross(d, 256, 204, 14)
    callout(d, 1, 18, 115)
    callout(d, 2, 250, 110)
    callout(d, 3, 116, 235)


def p9_s6(d):
    background(d)
    scr = phone(d, 20, 14, 150, 272)
    sx, sy, sw, sh = scr
    d.rect(sx, sy, sw, sh, fill="#263238", sw=0)
    d.text(sx + sw / 2, sy + 40, "Đang gọi", size=14, fill=WHITE, anchor="middle")
    bank(d, sx + sw / 2, sy + 120, 0.7, fill=WHITE)
    d.text(sx + sw / 2, sy + 150, "Tổng đài", size=16, bold=True, fill=WHITE, anchor="middle")
    d.text(sx + sw / 2, sy + 172, "ngân hàng", size=16, bold=True, fill=WHITE, anchor="middle")
    # bank card back with hotline
    d.rect(214, 40, 170, 104, fill="#dbe8f7", stroke=INK, sw=2, rx=10)
    d.rect(214, 56, 170, 22, fill=INK, sw=0)
    d.text(224, 106, "Tổng đài:", size=14, bold=True)
    d.text(224, 128, "1900 xxxx", size=15)
    lock(d, 300, 210, 1.6, fill=CALL)
    d.text(300, 262, "Khóa tài khoản", size=15, bold=True, fill=CALL, anchor="middle")
    callout(d, 1, 195, 180, 232, 122)
    callout(d, 2, 195, 250, 270, 220)


def p9_s7(d):
    background(d)
    police_station(d, 110, 250, 1.5)
    person(d, 270, 120, 1.0)
    phone(d, 316, 150, 50, 90)
    d.rect(320, 60, 72, 60, fill=PAPER, stroke=INK, sw=2, rx=4)
    for i in range(3):
        d.line(328, 76 + i * 14, 384, 76 + i * 14, stroke=SOFT, sw=3)
    callout(d, 1, 30, 60, 60, 200)
    callout(d, 2, 300, 270, 322, 240)


# ----------------------------------------------------------------- icons


def icon_base(d):
    d.rect(0, 0, 100, 100, fill=WHITE, sw=0)


def icon_vneid1(d):
    icon_base(d)
    d.rect(10, 24, 80, 54, fill="#dbe8f7", stroke=INK, sw=3, rx=7)
    d.rect(18, 32, 22, 28, fill=WHITE, stroke=INK, sw=2, rx=2)
    d.circle(29, 42, 5, fill="#9a9a9a", sw=0)
    d.rect(18, 64, 14, 9, fill=CHIP, stroke=INK, sw=1.5, rx=1)
    d.line(48, 38, 80, 38, stroke=SOFT, sw=4)
    d.line(48, 50, 74, 50, stroke=SOFT, sw=4)
    d.circle(76, 74, 14, fill=ACCENT, stroke=WHITE, sw=2.5)
    d.text(76, 80, "1", size=16, fill=WHITE, bold=True, anchor="middle")


def icon_vneid2(d):
    icon_base(d)
    d.rect(10, 24, 80, 54, fill="#dbe8f7", stroke=INK, sw=3, rx=7)
    d.rect(18, 32, 22, 28, fill=WHITE, stroke=INK, sw=2, rx=2)
    d.circle(29, 42, 5, fill="#9a9a9a", sw=0)
    d.rect(18, 64, 14, 9, fill=CHIP, stroke=INK, sw=1.5, rx=1)
    d.line(48, 38, 80, 38, stroke=SOFT, sw=4)
    d.line(48, 50, 74, 50, stroke=SOFT, sw=4)
    d.circle(76, 74, 14, fill=OK, stroke=WHITE, sw=2.5)
    d.text(76, 80, "2", size=16, fill=WHITE, bold=True, anchor="middle")


def icon_portal(d):
    icon_base(d)
    d.rect(10, 16, 80, 56, fill=INK, stroke=INK, sw=2, rx=5)
    d.rect(15, 21, 70, 46, fill=WHITE, sw=0)
    d.polygon([(4, 84), (96, 84), (90, 72), (10, 72)], fill="#cfcfcf", stroke=INK, sw=2)
    document(d, 36, 26, 28, 36, lines=2)


def icon_pay(d):
    icon_base(d)
    d.rect(8, 26, 62, 44, fill="#dbe8f7", stroke=INK, sw=3, rx=6)
    d.rect(8, 36, 62, 9, fill=INK, sw=0)
    qr(d, 50, 46, 42, seed=3)


def icon_mps(d):
    icon_base(d)
    house(d, 50, 86, 1.25)
    d.rect(37, 40, 26, 14, fill=POLICE, stroke=INK, sw=1.5, rx=2)


def icon_ihanoi(d):
    icon_base(d)
    d.rect(12, 12, 76, 76, fill="#fbe3b5", stroke=INK, sw=3, rx=16)
    d.text(50, 66, "i", size=46, bold=True, fill=CALL, anchor="middle")
    pin(d, 76, 52, 0.8, fill=ACCENT)


def icon_etax(d):
    icon_base(d)
    document(d, 18, 10, 56, 74, lines=4)
    d.circle(70, 70, 20, fill=CHIP, stroke=INK, sw=3)
    d.text(70, 77, "đ", size=20, bold=True, anchor="middle")


def icon_pension(d):
    icon_base(d)
    bank(d, 50, 86, 1.0)
    d.circle(78, 24, 14, fill=CHIP, stroke=INK, sw=2.5)
    d.text(78, 30, "đ", size=16, bold=True, anchor="middle")


def icon_scam(d):
    icon_base(d)
    shield(d, 50, 52, 1.35, fill=PALE)
    d.polyline([(36, 50), (46, 62), (66, 40)], stroke=OK, sw=7)


GUIDES = {
    "vneid-level1": (
        icon_vneid1,
        [l1_s1, l2_s2, l2_s3, l1_s2, l1_s3, l1_s4, l1_s5, l1_s6, l2_s4, l1_s7, l2_s7, l1_s8],
    ),
    "vneid-level2": (icon_vneid2, [l2_s1, l2_s2, l2_s3, l2_s4, l2_s5, l2_s6, l2_s7, l2_s8]),
    "public-service-portal": (
        icon_portal,
        [p3_s1, p3_s2, p3_s3, p3_s4, p3_s5, p3_s6, p3_s7, p3_s8],
    ),
    "pay-fee-online": (icon_pay, [p4_s1, p4_s2, p4_s3, p4_s4, p4_s5, p4_s6, p4_s7]),
    "mps-portal": (icon_mps, [m5_s1, m5_s2, m5_s3, m5_s4, m5_s5, m5_s6, m5_s7, p5_s8]),
    "ihanoi": (icon_ihanoi, [p6_s1, p6_s2, p6_s3, p6_s4, p6_s5, p6_s6, p6_s7]),
    "etax-mobile": (icon_etax, [p7_s1, p7_s2, p7_s3, p7_s4, p7_s5, p7_s6, p7_s7]),
    "pension-bank-vssid": (icon_pension, [p8_s1, p8_s2, p8_s3, p8_s4, p8_s5, p8_s6, p8_s7, p8_s8]),
    "scam-safety": (icon_scam, [p9_s1, p9_s2, p9_s3, p9_s4, p9_s5, p9_s6, p9_s7]),
}


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    for gid, (icon_fn, steps) in GUIDES.items():
        folder = os.path.join(GUIDES_DIR, gid)
        os.makedirs(folder, exist_ok=True)
        d = D()
        icon_fn(d)
        write(os.path.join(folder, "icon.svg"), d.svg("0 0 100 100"))
        for i, fn in enumerate(steps, 1):
            d = D()
            fn(d)
            write(os.path.join(folder, "step%02d.svg" % i), d.svg())
        print("%-24s icon + %d steps" % (gid, len(steps)))


if __name__ == "__main__":
    main()
