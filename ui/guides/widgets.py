"""Pieces the guide screens share: the drawing, the navigation bar, the speaker button,
the guide screens' extra styles, and reading aloud with a calm message when it cannot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.i18n import Translator
from ui.speech import Speaker
from ui.theme import Theme
from ui.widgets.common import button, name, retext

_RENDERERS: dict[Path, QSvgRenderer] = {}

SPEAKER_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<polygon points="10,38 30,38 55,15 55,85 30,62 10,62" fill="COLOUR"/>
<path d="M66 34 q12 16 0 32" fill="none" stroke="COLOUR" stroke-width="8"
 stroke-linecap="round"/>
<path d="M76 22 q22 28 0 56" fill="none" stroke="COLOUR" stroke-width="8"
 stroke-linecap="round"/></svg>"""


def renderer(path: Path) -> QSvgRenderer:
    """One parsed renderer per drawing, kept: stepping back and forth stays quick."""
    r = _RENDERERS.get(path)
    if r is None:
        r = QSvgRenderer(str(path))
        r.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        _RENDERERS[path] = r
    return r


def svg_icon(source: Path | bytes, px: int = 256) -> QIcon:
    """An icon drawn from an SVG file or SVG text, ``px`` pixels square (times the screen's
    pixel ratio, so it is sharp on a dense screen too)."""
    r = renderer(source) if isinstance(source, Path) else QSvgRenderer(QByteArray(source))
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    side = max(1, round(px * ratio))
    pix = QPixmap(side, side)
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    r.render(painter, QRectF(0, 0, px, px))
    painter.end()
    return QIcon(pix)


class Drawing(QWidget):
    """A step's drawing, as large as the room allows, keeping its shape.

    Pictures are drawn once per size and kept; ``prepare`` draws the next step's picture
    while the citizen reads this one, so tapping Next shows it at once."""

    painted = Signal()
    KEEP = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_drawing")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.renderer: QSvgRenderer | None = None
        self.path: Path | None = None
        self._cache: dict[tuple[Path, QSize], QPixmap] = {}
        self._upcoming: Path | None = None
        self._prepare_soon = QTimer(self)  # not singleShot(0, self, ...): see ui.app.FirstPaint
        self._prepare_soon.setSingleShot(True)
        self._prepare_soon.setInterval(0)
        self._prepare_soon.timeout.connect(self.prepare)

    def set_picture(self, path: Path, description: str, upcoming: Path | None = None) -> None:
        self.path = path
        self.renderer = renderer(path)
        self._upcoming = upcoming
        name(self, description, description)
        self.update()

    def target(self, r: QSvgRenderer | None = None) -> QRectF:
        """Where the picture goes: centred, the largest size that keeps its shape."""
        r = r or self.renderer
        if r is None or not r.isValid():
            return QRectF()
        box = r.viewBoxF()
        w, h = self.width(), self.height()
        scale = min(w / box.width(), h / box.height())
        tw, th = box.width() * scale, box.height() * scale
        return QRectF((w - tw) / 2, (h - th) / 2, tw, th)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 480)

    def _pixmap(self, path: Path, r: QSvgRenderer, size: QSize) -> QPixmap:
        pix = self._cache.get((path, size))
        if pix is None:
            ratio = self.devicePixelRatioF()
            pix = QPixmap(size * ratio)
            pix.setDevicePixelRatio(ratio)
            pix.fill(Qt.GlobalColor.white)
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            r.render(p, QRectF(0, 0, size.width(), size.height()))
            p.end()
            if len(self._cache) >= self.KEEP:
                self._cache.pop(next(iter(self._cache)))
            self._cache[(path, size)] = pix
        return pix

    def prepare(self) -> None:
        """Draw the upcoming picture now, at the size it will most likely have."""
        path, self._upcoming = self._upcoming, None
        if path is not None and self.isVisible():
            r = renderer(path)
            size = self.target(r).size().toSize()
            if r.isValid() and not size.isEmpty():
                self._pixmap(path, r, size)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        if self.renderer is not None and self.renderer.isValid() and self.path is not None:
            rect = self.target()
            if not rect.isEmpty():
                painter.drawPixmap(
                    rect.topLeft(), self._pixmap(self.path, self.renderer, rect.size().toSize())
                )
        painter.end()
        self.painted.emit()
        if self._upcoming is not None:
            self._prepare_soon.start()


class NavBar(QWidget):
    """Back, Home and Next, always at the same places (mirrored for right-to-left)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.back = button("", object_name="guide_back")
        self.home = button("", object_name="guide_home")
        self.next = button("", role="accent", object_name="guide_next")
        lay.addWidget(self.back, 2)
        lay.addWidget(self.home, 2)
        lay.addStretch(1)
        lay.addWidget(self.next, 3)
        QWidget.setTabOrder(self.back, self.home)
        QWidget.setTabOrder(self.home, self.next)

    def retranslate(
        self, t: Translator, next_key: str = "guides.next", back_key: str = "guides.back"
    ) -> None:
        retext(self.back, t.t(back_key), t.t(back_key + "_desc"))
        retext(self.home, t.t("guides.home"), t.t("guides.home_desc"))
        retext(self.next, t.t(next_key), t.t(next_key + "_desc"))


def speak_button(object_name: str) -> QPushButton:
    b = button("", role="accent", object_name=object_name)
    b.setProperty("guide", "speak")
    return b


def set_speaker_icon(b: QPushButton, theme: Theme) -> None:
    colour = theme.palette.accent_text.encode()
    b.setIcon(svg_icon(SPEAKER_SVG.replace(b"COLOUR", colour), 128))
    px = max(theme.metrics.px(9), round(theme.metrics.body_px * 1.4))
    b.setIconSize(QSize(px, px))


def read_aloud(speaker: Speaker, t: Translator, text: str, lang: str) -> str:
    """Speak ``text`` (written in ``lang``); the calm message to show when that cannot be."""
    if speaker.say(text, lang):
        return ""
    return no_speech_message(speaker, t, lang)


def no_speech_message(speaker: Speaker, t: Translator, lang: str) -> str:
    """Why ``lang`` cannot be heard now, calmly, with what to do instead."""
    if speaker.state == "broken":
        return t.t("guides.speech_unavailable")
    if not speaker.available:
        return t.t("guides.no_speech")
    return t.t("guides.no_voice", language=t.t(f"guides.lang_{lang}"))


def style(theme: Theme) -> str:
    """The guide screens' own styles, on top of the application's style sheet."""
    m, p = theme.metrics, theme.palette
    pad = max(4, m.px(1.5))
    # A step's words are a third larger than body text at 100%; a larger text size grows
    # them with everything else, without making them a third larger again.
    words = max(m.body_px, round(m.small_px * 1.3))
    return f"""
QLabel[guide="words"] {{ font-size: {words}px; }}
QLabel[guide="heading"] {{ font-weight: bold; }}
QLabel[guide="step_of"] {{ font-weight: bold; }}
QLabel[guide="tip"] {{ background: {p.surface}; color: {p.surface_text};
    border: 2px solid {p.surface_text}; border-radius: {m.px(2)}px; padding: {pad}px; }}
QLabel[guide="warning"] {{ background: {p.warning_bg}; color: {p.warning_text};
    border: 3px solid {p.warning_text}; border-radius: {m.px(2)}px; padding: {pad}px;
    font-weight: bold; }}
QLabel[guide="message"] {{ background: {p.surface}; color: {p.surface_text};
    border: 2px dashed {p.surface_text}; border-radius: {m.px(2)}px; padding: {pad}px; }}
QPushButton[guide="speak"] {{ font-weight: bold; }}
QProgressBar {{ min-height: {m.px(3)}px; max-height: {m.px(3)}px; }}
"""
