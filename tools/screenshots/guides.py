"""Pictures of a guide step for the README: each language, and the high-contrast theme.

``capture_guides(shell, out_dir)`` is called by the screenshot script with a shown shell;
it leaves the kiosk on the home screen with the citizen forgotten.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.shell import Shell


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def capture_guides(shell: Shell, out_dir: Path, guide_id: str | None = None) -> list[Path]:
    """Save guide-step-{vi,en,ar}.png and guide-step-high-contrast.png; the paths."""
    part = shell.guides  # type: ignore[attr-defined]
    guides = part.library.guides
    if not guides:
        return []
    guide = part.library.get(guide_id) if guide_id else guides[0]
    guide = guide or guides[0]
    # A step with a tip or a warning shows the most of the screen.
    index = next(
        (i for i, s in enumerate(guide.steps) if s.text("vi").warning or s.text("vi").tip), 1
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = [(lang, False, f"guide-step-{lang}.png") for lang in ("vi", "en", "ar")]
    shots.append(("vi", True, "guide-step-high-contrast.png"))
    saved = []
    for lang, contrast, file_name in shots:
        shell.t.set_language(lang)
        shell.session.set_high_contrast(contrast)
        part.open_guide(guide.id)
        part.start_steps()
        part.step.go(index)
        _settle()
        path = out_dir / file_name
        shell.window.grab().save(str(path))
        saved.append(path)
    shell.reset_citizen()
    _settle()
    return saved
