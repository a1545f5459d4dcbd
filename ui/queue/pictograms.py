"""Simple line pictograms for the priority categories, drawn at run time (no image files),
that go beside plain words, never instead of them; and the queue's main-action button."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ui.widgets.common import WrapButton


def _person(p: QPainter, x: float, y: float, h: float) -> None:
    """A standing figure whose feet are at (x, y), ``h`` tall."""
    r = h * 0.11
    p.drawEllipse(QPointF(x, y - h + r), r, r)
    p.drawLine(QPointF(x, y - h + 2 * r), QPointF(x, y - h * 0.4))
    p.drawLine(QPointF(x, y - h * 0.4), QPointF(x - h * 0.15, y))
    p.drawLine(QPointF(x, y - h * 0.4), QPointF(x + h * 0.15, y))
    p.drawLine(QPointF(x - h * 0.18, y - h * 0.62), QPointF(x + h * 0.18, y - h * 0.62))


def _draw(kind: str, p: QPainter, s: float) -> None:
    if kind == "elderly":
        p.drawEllipse(QPointF(s * 0.42, s * 0.2), s * 0.09, s * 0.09)
        path = QPainterPath(QPointF(s * 0.44, s * 0.3))
        path.quadTo(QPointF(s * 0.55, s * 0.45), QPointF(s * 0.48, s * 0.62))
        p.drawPath(path)
        p.drawLine(QPointF(s * 0.48, s * 0.62), QPointF(s * 0.38, s * 0.9))
        p.drawLine(QPointF(s * 0.48, s * 0.62), QPointF(s * 0.56, s * 0.9))
        p.drawLine(QPointF(s * 0.5, s * 0.4), QPointF(s * 0.68, s * 0.52))
        p.drawLine(QPointF(s * 0.68, s * 0.52), QPointF(s * 0.72, s * 0.9))
    elif kind == "disability":
        p.drawEllipse(QPointF(s * 0.42, s * 0.16), s * 0.08, s * 0.08)
        p.drawLine(QPointF(s * 0.42, s * 0.26), QPointF(s * 0.42, s * 0.55))
        p.drawLine(QPointF(s * 0.42, s * 0.55), QPointF(s * 0.66, s * 0.55))
        p.drawLine(QPointF(s * 0.66, s * 0.55), QPointF(s * 0.74, s * 0.78))
        p.drawArc(QRectF(s * 0.2, s * 0.45, s * 0.42, s * 0.42), 0, 360 * 16)
    elif kind == "pregnant":
        _person(p, s * 0.45, s * 0.9, s * 0.8)
        p.drawArc(QRectF(s * 0.38, s * 0.36, s * 0.24, s * 0.26), -90 * 16, 180 * 16)
    elif kind == "poor_household":
        roof = QPainterPath(QPointF(s * 0.15, s * 0.5))
        roof.lineTo(QPointF(s * 0.5, s * 0.18))
        roof.lineTo(QPointF(s * 0.85, s * 0.5))
        p.drawPath(roof)
        p.drawRect(QRectF(s * 0.25, s * 0.5, s * 0.5, s * 0.38))
        p.drawRect(QRectF(s * 0.44, s * 0.66, s * 0.12, s * 0.22))
    elif kind == "small_child":
        _person(p, s * 0.38, s * 0.9, s * 0.8)
        _person(p, s * 0.7, s * 0.9, s * 0.42)
    else:
        _person(p, s * 0.5, s * 0.9, s * 0.8)


# Pictograms that face a way (walking with a cane, a wheelchair moving, a figure in
# profile) face the way the text reads: mirrored right to left. The house, the plain
# figure and the parent standing beside a child face no way and stay as they are.
MIRRORED = frozenset({"elderly", "disability", "pregnant"})


def pictogram(kind: str, size: int = 128, colour: str = "#0a2a5e", *, rtl: bool = False) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if rtl and kind in MIRRORED:
        p.translate(size, 0)
        p.scale(-1, 1)
    pen = QPen(QColor(colour), max(2.0, size * 0.05))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    _draw(kind, p, float(size))
    p.end()
    return QIcon(pix)


def accent_button(object_name: str) -> WrapButton:
    """A main-action button whose label wraps. Its words take the accent's text colour,
    and the muted colour while the button cannot be used, from the theme's rules for a
    label inside an accent button (a colour set on the label itself would keep white
    words on the grey of a disabled button)."""
    b = WrapButton(role="accent")
    b.setObjectName(object_name)
    return b
