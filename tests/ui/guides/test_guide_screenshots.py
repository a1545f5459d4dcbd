from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage


def test_capture_guides_saves_a_step_per_language_and_high_contrast(gshell, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tools.screenshots.guides import capture_guides

    saved = capture_guides(gshell, tmp_path / "shots")
    assert [p.name for p in saved] == [
        "guide-step-vi.png",
        "guide-step-en.png",
        "guide-step-ar.png",
        "guide-step-high-contrast.png",
    ]
    images = [QImage(str(p)) for p in saved]
    assert all(img.width() >= 1000 and img.height() >= 600 for img in images)
    assert images[0] != images[1] != images[2]
    corner = [QColor(img.pixel(3, img.height() // 2)).name() for img in images]
    assert corner[3] != corner[0]  # the high-contrast one really is in the other theme
    assert gshell.window.current == "home" and gshell.session.lang == "vi"
    assert not gshell.session.high_contrast
