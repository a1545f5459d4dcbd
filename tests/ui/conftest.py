"""pytest-qt fixtures: one application, a shell built on a tmp database, no leaked timers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QApplication) -> None:
    from ui.fonts import register_fonts

    register_fonts()


@pytest.fixture(autouse=True)
def _no_leftover_threads() -> Iterator[None]:
    """A test fails when it leaves a Python thread running (a server, a worker)."""
    import threading

    before = set(threading.enumerate())
    yield
    # Qt's own threads show up as dummies; the lanes are checked by assert_nothing_left_running.
    left = [
        t
        for t in threading.enumerate()
        if t not in before and not isinstance(t, threading._DummyThread)
    ]
    for t in left:
        t.join(timeout=10)  # one just finishing its work is given the time to end
    alive = [t.name for t in left if t.is_alive()]
    assert alive == [], f"threads still running after the test: {alive}"


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
