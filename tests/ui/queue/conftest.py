"""A shell with three desks and volunteer Lan signed in; taps that wait for the worker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.modes import Mode
from kiosk.security import add_volunteer
from kiosk.settings import Settings


class Tapper:
    def __init__(self, qtbot, shell) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.shell = qtbot, shell

    def __call__(self, widget: QWidget) -> None:
        assert widget.isEnabled(), f"{widget.objectName()} is disabled"
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.settle()

    def settle(self) -> None:
        # Actions run on the worker; screens refresh from the changes they report.
        for _ in range(3):
            self.qtbot.waitUntil(lambda: self.shell.ops.pending == 0, timeout=10000)
            QApplication.processEvents()

    def find(self, name: str) -> QWidget:
        w = self.shell.window.findChild(QWidget, name)
        assert w is not None, f"no widget {name}"
        return w


@pytest.fixture
def queue_settings(tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(path=tmp_path / "settings.toml").replace(queue__desks=3)


@pytest.fixture
def lan(db):  # type: ignore[no-untyped-def]
    return add_volunteer(db, "Lan", "2468")


@pytest.fixture
def vshell(make_shell, queue_settings, lan):  # type: ignore[no-untyped-def]
    shell = make_shell(queue_settings)
    shell.modes.enter(Mode.VOLUNTEER, lan)
    return shell


@pytest.fixture
def tap(qtbot, vshell) -> Tapper:  # type: ignore[no-untyped-def]
    return Tapper(qtbot, vshell)
