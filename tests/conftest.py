"""Shared fixtures. Qt runs offscreen; time is a FakeClock; data lives in tmp files."""

from __future__ import annotations

import os
from pathlib import Path

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
