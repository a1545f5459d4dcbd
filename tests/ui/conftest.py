"""pytest-qt fixtures: one application, a shell built on a tmp database, no leaked timers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app_context import AppContext
from kiosk.clock import FakeClock
from kiosk.settings import Settings
from kiosk.storage import Database


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QApplication) -> None:
    from ui.fonts import register_fonts

    register_fonts()


@pytest.fixture
def make_shell(qtbot, db: Database, clock: FakeClock, tmp_path: Path):
    """Build a shell (windowed) with given settings; torn down after the test."""
    from ui.assemble import App, build_kiosk

    made: list[App] = []

    def make(settings: Settings | None = None, problems: list | None = None) -> App:
        s = settings or Settings(path=tmp_path / "settings.toml")
        ctx = AppContext(s, db, clock, problems or [])
        shell = build_kiosk(ctx, fullscreen=False)
        qtbot.addWidget(shell.window)
        shell.window.resize(1366, 768)
        shell.window.show()
        qtbot.waitExposed(shell.window)
        made.append(shell)
        return shell

    yield make
    for shell in made:
        shell.quit_allowed = True
        shell.shutdown()
        shell.window.close()


@pytest.fixture
def shell(make_shell):
    return make_shell()


@pytest.fixture(autouse=True)
def _reset_look(qapp: QApplication) -> Iterator[None]:
    yield
    from PySide6.QtCore import Qt

    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def unclipped_problems(root) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible text that does not fit its widget (buttons and labels), as messages."""
    from PySide6.QtWidgets import QLabel, QPushButton

    out = []
    for b in root.findChildren(QPushButton):
        if b.isVisible() and b.text():
            need = b.fontMetrics().horizontalAdvance(b.text())
            if need > b.contentsRect().width():
                out.append(
                    f"button {b.objectName()!r} {b.text()!r}: needs {need}px, "
                    f"has {b.contentsRect().width()}px"
                )
    for lab in root.findChildren(QLabel):
        if lab.isVisible() and lab.text():
            if lab.wordWrap():
                need = lab.heightForWidth(lab.contentsRect().width())
                if need > lab.contentsRect().height() + 1:
                    out.append(
                        f"label {lab.text()[:30]!r}: needs {need}px high, has "
                        f"{lab.contentsRect().height()}px"
                    )
            elif lab.pixmap().isNull():
                need = lab.fontMetrics().horizontalAdvance(lab.text())
                if need > lab.contentsRect().width() + 1:
                    out.append(f"label {lab.text()[:30]!r}: needs {need}px wide")
    return out


@pytest.fixture
def clipped():  # type: ignore[no-untyped-def]
    """``clipped(widget)`` lists visible text that is cut off."""
    return unclipped_problems
