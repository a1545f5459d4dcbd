"""Colours and physical sizes for the screens, kept Qt-free so they are checked by tests.

Sizes are in millimetres and turned into pixels with the screen's physical DPI. Every
text/background pair in both themes has a contrast of at least 7:1 (WCAG 1.4.6, AAA).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MIN_TARGET_MM = 16.0  # touch targets: 16-20 mm suits older users
BUTTON_MM = 18.0  # ordinary buttons, a little above the minimum
TILE_MM = 34.0  # home-screen service tiles
BODY_CAP_MM = 4.8  # capital height of body text at 100% (Section 508 402.4)
CAP_HEIGHT_EM = 0.714  # Noto Sans: capital height as a share of the em
MIN_CONTRAST = 7.0
TEXT_SCALES = (100, 125, 150, 175, 200)


def mm_to_px(mm: float, dpi: float) -> int:
    return round(mm * dpi / 25.4)


def cap_mm_to_font_px(cap_mm: float, dpi: float) -> int:
    """The font pixel size whose capital letters are ``cap_mm`` tall."""
    return round(cap_mm / CAP_HEIGHT_EM * dpi / 25.4)


@dataclass(frozen=True)
class Palette:
    window: str
    window_text: str
    surface: str  # cards, panels
    surface_text: str
    muted_text: str  # secondary text, on surface
    button: str
    button_text: str
    accent: str  # the main action
    accent_text: str
    danger: str
    danger_text: str
    warning_bg: str
    warning_text: str
    focus: str  # focus ring, on window
    disabled_bg: str  # a button that cannot be used now: muted, with a dashed border
    disabled_text: str


NORMAL = Palette(
    window="#f7f5f0",
    window_text="#1a1a1a",
    surface="#ffffff",
    surface_text="#1a1a1a",
    muted_text="#3d3d3d",
    button="#e3ecfa",
    button_text="#0a2a5e",
    accent="#0b3d91",
    accent_text="#ffffff",
    danger="#8c1d18",
    danger_text="#ffffff",
    warning_bg="#fff3c4",
    warning_text="#3a2a00",
    focus="#6a1b9a",
    disabled_bg="#d6d6d6",
    disabled_text="#2e2e2e",
)

HIGH_CONTRAST = Palette(
    window="#000000",
    window_text="#ffffff",
    surface="#000000",
    surface_text="#ffffff",
    muted_text="#f0f0f0",
    button="#000000",
    button_text="#ffff00",
    accent="#ffff00",
    accent_text="#000000",
    danger="#ffffff",
    danger_text="#000000",
    warning_bg="#000000",
    warning_text="#ffff00",
    focus="#00ffff",
    disabled_bg="#000000",
    disabled_text="#bdbdbd",
)

TEXT_PAIRS = (
    ("window_text", "window"),
    ("surface_text", "surface"),
    ("muted_text", "surface"),
    ("button_text", "button"),
    ("accent_text", "accent"),
    ("danger_text", "danger"),
    ("warning_text", "warning_bg"),
    ("window_text", "surface"),
    ("disabled_text", "disabled_bg"),
)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def colour_names() -> list[str]:
    return [f.name for f in fields(Palette)]


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one screen at one text scale."""

    dpi: float
    scale: int  # percent

    def px(self, mm: float) -> int:
        return mm_to_px(mm, self.dpi)

    @property
    def body_px(self) -> int:
        return cap_mm_to_font_px(BODY_CAP_MM * self.scale / 100, self.dpi)

    @property
    def title_px(self) -> int:
        return round(self.body_px * 1.45)

    @property
    def small_px(self) -> int:
        # Never below the body minimum: "small" text is still at least 4.8 mm capitals.
        return cap_mm_to_font_px(BODY_CAP_MM, self.dpi)

    @property
    def bar_px(self) -> int:
        """The bar on every screen grows only to 125%, so it always fits on one line."""
        return cap_mm_to_font_px(BODY_CAP_MM * min(self.scale, 125) / 100, self.dpi)

    @property
    def button_px(self) -> int:
        return max(self.px(BUTTON_MM), round(self.body_px * 1.9))

    @property
    def tile_px(self) -> int:
        """A tile's least height: 34 mm, and room for two lines of its words. A tile is
        as tall as its words and picture need above that; a floor of four lines made a
        single tile at 200% taller than the room a 768-line screen has for answers."""
        return max(self.px(TILE_MM), round(self.body_px * 2.5))
