"""The look: physical sizes from the screen's DPI and the citizen's text scale, the normal
or high-contrast palette, applied as one application style sheet so a change shows
everywhere at once."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from kiosk.citizen import Look
from kiosk.theme import MIN_TARGET_MM, Metrics, Palette, palette

FALLBACK_DPI = 96.0


def screen_dpi(setting: int) -> float:
    """The calibration setting if given, else the screen's physical DPI if believable."""
    if setting:
        return float(setting)
    screen = QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen else 0.0
    return dpi if 60.0 <= dpi <= 400.0 else FALLBACK_DPI


def style_sheet(m: Metrics, p: Palette) -> str:
    body, title, button = m.body_px, m.title_px, m.button_px
    pad = max(4, m.px(1.5))
    radius = m.px(2)
    ring = max(3, m.px(1.0))
    # The focus ring is thicker than a border: the padding gives way by as much, so a
    # button keeps its size when it takes the focus and nothing around it moves.
    grow = ring - 2
    return f"""
* {{ font-family: "Noto Sans", "Noto Sans Arabic"; font-size: {body}px; }}
QWidget {{ background: {p.window}; color: {p.window_text}; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {title}px; font-weight: bold; }}
QLabel[role="ticket"] {{ font-size: {title * 3}px; font-weight: bold; }}
QLabel[role="desk_ticket"] {{ font-size: {round(title * 1.2)}px; font-weight: bold; }}
QLabel[role="muted"] {{ color: {p.window_text}; }}
QLabel[role="warning"] {{ background: {p.warning_bg}; color: {p.warning_text};
    padding: {pad}px; border-radius: {radius}px; }}
QLabel[role="error"] {{ background: {p.danger}; color: {p.danger_text};
    padding: {pad}px; border-radius: {radius}px; }}
QFrame[role="card"] {{ background: {p.surface}; color: {p.surface_text};
    border: 2px solid {p.window_text}; border-radius: {radius}px; }}
QPushButton, QToolButton {{ background: {p.button}; color: {p.button_text};
    border: 2px solid {p.button_text}; border-radius: {radius}px;
    min-height: {button}px; min-width: {button}px; padding: {pad}px {pad * 2}px; }}
QPushButton[role="accent"] {{ background: {p.accent}; color: {p.accent_text};
    border-color: {p.accent}; font-weight: bold; }}
QPushButton[role="danger"] {{ background: {p.danger}; color: {p.danger_text};
    border-color: {p.danger}; }}
QPushButton[compact="true"] {{ min-height: {m.px(MIN_TARGET_MM + 0.5)}px;
    min-width: {m.px(MIN_TARGET_MM + 0.5)}px; padding: {grow}px {pad * 2}px; }}
QPushButton[keypad="true"] {{ min-height: {max(m.px(MIN_TARGET_MM + 0.5), round(body * 1.5))}px; }}
QPushButton[role="tile"] {{ min-height: {m.tile_px}px; min-width: {m.tile_px}px;
    font-weight: bold; text-align: center; }}
QPushButton:checked {{ background: {p.surface}; color: {p.surface_text};
    border: {ring}px solid {p.accent}; }}
QPushButton QLabel {{ background: transparent; color: {p.button_text}; }}
QPushButton[role="tile"] QLabel {{ font-weight: bold; }}
QPushButton[role="accent"] QLabel {{ color: {p.accent_text}; font-weight: bold; }}
QPushButton[role="danger"] QLabel {{ color: {p.danger_text}; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QSpinBox:focus, QComboBox:focus,
QCheckBox:focus {{ border: {ring}px solid {p.focus}; }}
QPushButton:focus {{ padding: {pad - grow}px {pad * 2 - grow}px; outline: none; }}
QPushButton[compact="true"]:focus {{ padding: 0px {pad * 2 - grow}px; }}
QPushButton:disabled, QToolButton:disabled, QPushButton:checked:disabled,
QPushButton[role="accent"]:disabled, QPushButton[role="danger"]:disabled {{
    background: {p.disabled_bg}; color: {p.disabled_text};
    border: 2px dashed {p.disabled_text}; }}
QPushButton QLabel:disabled, QPushButton[role="accent"] QLabel:disabled,
QPushButton[role="danger"] QLabel:disabled {{ background: transparent;
    color: {p.disabled_text}; }}
QLineEdit, QSpinBox, QDoubleSpinBox, QComboBox {{ background: {p.surface};
    color: {p.surface_text}; border: 2px solid {p.surface_text}; min-height: {button}px;
    padding: 0 {pad}px; }}
QCheckBox {{ min-height: {button}px; }}
QCheckBox::indicator {{ width: {m.px(8)}px; height: {m.px(8)}px; }}
QProgressBar {{ background: {p.surface}; color: {p.surface_text};
    border: 2px solid {p.surface_text}; min-height: {m.px(5)}px; text-align: center; }}
QProgressBar::chunk {{ background: {p.accent}; }}
#top_bar QPushButton {{ font-size: {m.bar_px}px; padding: {pad}px {pad}px; }}
#top_bar QPushButton:focus {{ padding: {pad - grow}px {pad - grow}px; }}
QLabel#pin_field {{ border: {ring}px solid transparent; }}
QLabel#pin_field:focus {{ border: {ring}px solid {p.focus}; }}
QScrollBar:vertical {{ width: {m.px(8)}px; }}
QScrollBar:horizontal {{ height: {m.px(8)}px; }}
"""


class Theme(QObject):
    """The current metrics and palette; ``changed`` after every re-style."""

    changed = Signal()

    def __init__(self, dpi: float, look: Look) -> None:
        super().__init__()
        self.dpi = dpi
        self.look = look

    @property
    def metrics(self) -> Metrics:
        return Metrics(self.dpi, self.look.text_scale)

    @property
    def palette(self) -> Palette:
        return palette(self.look.high_contrast)

    def apply(self, look: Look | None = None) -> None:
        if look is not None:
            self.look = look
        app = QApplication.instance()
        if isinstance(app, QApplication):
            p = self.palette
            qp = app.palette()
            qp.setColor(QPalette.ColorRole.Window, QColor(p.window))
            qp.setColor(QPalette.ColorRole.WindowText, QColor(p.window_text))
            qp.setColor(QPalette.ColorRole.Base, QColor(p.surface))
            qp.setColor(QPalette.ColorRole.Text, QColor(p.surface_text))
            qp.setColor(QPalette.ColorRole.Button, QColor(p.button))
            qp.setColor(QPalette.ColorRole.ButtonText, QColor(p.button_text))
            qp.setColor(QPalette.ColorRole.Highlight, QColor(p.accent))
            qp.setColor(QPalette.ColorRole.HighlightedText, QColor(p.accent_text))
            app.setPalette(qp)
            app.setStyleSheet(style_sheet(self.metrics, p))
        self.changed.emit()
