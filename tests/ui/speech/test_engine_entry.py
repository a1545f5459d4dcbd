"""The read-aloud engine's process starts the same way from a checkout and from an installed
bundle, where there is no ``python -m``: the kiosk's own program takes ``--speech-engine``."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ui.speech import ENGINE_FLAG, engine_command
from ui.speech_engine import engine_config


def test_a_bundle_starts_the_engine_through_its_own_program(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = engine_command(engine_config("mock"), report=True)
    assert command[:3] == [sys.executable, ENGINE_FLAG, "--report"]
    assert "-m" not in command


def test_a_checkout_starts_it_as_a_module() -> None:
    assert engine_command(engine_config("mock"))[:3] == [sys.executable, "-m", "ui.speech_engine"]


def test_the_kiosk_program_runs_the_engine_when_asked() -> None:
    # What the bundle's program does with the flag: here the entry point is ui.main, the same
    # function the installed program calls.
    config = json.dumps(engine_config("mock"))
    done = subprocess.run(
        [sys.executable, "-m", "ui.main", ENGINE_FLAG, "--report", config],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    ready = json.loads(done.stdout.splitlines()[0])
    assert ready["ev"] == "ready" and ready["engine"] == "mock"
