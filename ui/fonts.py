"""Register the bundled fonts so every kiosk looks the same and draws Vietnamese and Arabic."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from kiosk.paths import resources_dir

FAMILY = "Noto Sans"
ARABIC_FAMILY = "Noto Sans Arabic"


def register_fonts() -> list[str]:
    """Add every TTF under resources/fonts; return the families now available."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))
