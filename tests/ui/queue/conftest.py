"""A shell with three desks and volunteer Lan signed in; taps (the shared ``tapper``)."""

from __future__ import annotations

import pytest

from kiosk.modes import Mode
from kiosk.security import add_volunteer
from kiosk.settings import Settings


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
def tap(tapper, vshell):  # type: ignore[no-untyped-def]
    return tapper(vshell)
