"""pytest-qt fixtures: one application, a shell built on a tmp database, no leaked timers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QApplication) -> None:
    from ui.fonts import register_fonts

    register_fonts()


class Tapper:
    """Taps as a finger would, then waits until the work the tap started (on both lanes,
    and what that started) is done. ``tap(widget_or_name)``, ``tap.find(name)``,
    ``tap.settle()``. With ``visible=True`` a hidden target fails the test too."""

    def __init__(self, qtbot, shell, *, visible: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.shell, self.visible = qtbot, shell, visible

    def __call__(self, target: QWidget | str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

        w = self.find(target) if isinstance(target, str) else target
        assert w.isEnabled(), f"{w.objectName()} is disabled"
        assert w.isVisible() or not self.visible, f"{w.objectName()} is not on screen"
        if isinstance(w, QCheckBox):  # a finger on the box and its words, not the empty row
            opt = QStyleOptionButton()
            w.initStyleOption(opt)
            spot = w.style().subElementRect(QStyle.SubElement.SE_CheckBoxClickRect, opt, w)
            self.qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=spot.center())
        else:
            self.qtbot.mouseClick(w, Qt.MouseButton.LeftButton)
        self.settle()

    def settle(self) -> None:
        # Actions run on the lanes; screens refresh from the changes they report.
        for _ in range(3):
            self.qtbot.waitUntil(lambda: self.shell.ops.pending == 0, timeout=10000)
            QApplication.processEvents()

    def find(self, name: str) -> QWidget:
        w = self.shell.window.findChild(QWidget, name)
        assert w is not None, f"no widget {name}"
        return w


@pytest.fixture
def tapper(qtbot):  # type: ignore[no-untyped-def]
    """``tapper(shell)`` gives a :class:`Tapper` for that kiosk."""
    return lambda shell, **kw: Tapper(qtbot, shell, **kw)


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
def _delete_closed_windows(qapp: QApplication) -> None:
    from tests.conftest import delete_closed_windows

    delete_closed_windows()


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
