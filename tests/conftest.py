"""Shared fixtures. Qt runs offscreen; time is a FakeClock; data lives in tmp files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")
os.environ.setdefault("KIOSK_TTS_ENGINE", "mock")

import pytest  # noqa: E402

from kiosk.clock import FakeClock  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from kiosk.storage import Database, open_database  # noqa: E402

IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real per-user data or settings."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_SETTINGS", str(tmp_path / "settings.toml"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk.sqlite3"


@pytest.fixture
def db(db_path: Path, clock: FakeClock) -> Database:
    database = open_database(f"sqlite:///{db_path}", clock=clock)
    from kiosk.services import ensure_services

    ensure_services(database)
    yield database
    database.dispose()


@pytest.fixture
def settings() -> Settings:
    return Settings()


def require(condition: bool, why: str) -> None:
    """Skip locally when a real part is missing, but fail in CI, where it must be there."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {why}")
    pytest.skip(why)


@pytest.fixture(name="require")
def _require() -> Callable[[bool, str], None]:
    """:func:`require` as a fixture, for tests and fixtures that take it as an argument."""
    return require


@pytest.fixture
def make_shell(
    qtbot: Any, qapp: Any, db: Database, clock: FakeClock, tmp_path: Path
) -> Iterator[Any]:
    """Build the assembled kiosk (windowed) with given settings; shut down after the test,
    which fails if the kiosk left a timer or a background action running."""
    from kiosk.app_context import AppContext
    from ui.assemble import App, build_kiosk

    delete_closed_windows()
    made: list[App] = []

    def make(settings: Settings | None = None, problems: list[Any] | None = None) -> App:
        s = settings or Settings(path=tmp_path / "settings.toml")
        shell = build_kiosk(AppContext(s, db, clock, problems or []), fullscreen=False)
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
        assert_nothing_left_running(shell)


def delete_closed_windows() -> None:
    """Delete the windows earlier tests closed (pytest-qt asks for their deletion, which
    Qt does only on a later turn of an event loop no test runs). Left alive, every one of
    them would be restyled again by each new kiosk's style sheet: the suite would slow
    down test by test."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def assert_nothing_left_running(shell: Any) -> None:
    """A test fails when its kiosk leaves a timer or a background action running once it
    has been shut down (they would fire into the next test, or keep a real kiosk busy)."""
    from PySide6.QtCore import QTimer

    timers = shell.findChildren(QTimer) + shell.window.findChildren(QTimer)
    running = [f"{type(t.parent()).__name__}: {t.interval()} ms" for t in timers if t.isActive()]
    assert running == [], f"timers still running after shutdown: {running}"
    busy = [lane.value for lane, pool in shell.ops.pools.items() if pool.activeThreadCount()]
    assert busy == [], f"background lanes still busy after shutdown: {busy}"
