"""Guide screens on a shell whose guides come from example packs in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.guides.example import write_example


@pytest.fixture
def guides_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "guides"
    write_example(root / "demo-guide", steps=5, order=10)
    write_example(root / "english-only", steps=4, langs=("vi", "en"), order=20, service="ihanoi")
    monkeypatch.setenv("KIOSK_GUIDES_DIR", str(root))
    return root


@pytest.fixture
def gshell(make_shell, guides_dir):  # type: ignore[no-untyped-def]
    shell = make_shell()
    shell.window.activateWindow()
    return shell


def settle() -> None:
    """Let Qt finish the layout and painting it has queued (no waiting on time)."""
    for _ in range(3):
        QApplication.processEvents()


def focus_chain(start: QWidget, presses: int = 40) -> list[QWidget]:
    """The widgets Tab visits from ``start``, as a keyboard user would go through them."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    start.setFocus()
    seen = []
    for _ in range(presses):
        w = QApplication.focusWidget()
        if w is None:
            break
        seen.append(w)
        QTest.keyClick(w, Qt.Key.Key_Tab)
    return seen
