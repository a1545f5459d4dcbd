"""Ctrl+C and SIGTERM end the real app cleanly; with no screen it says so and exits."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

import pytest

START_TIMEOUT = 120  # a busy two-core machine: a generous bound, not a wait


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        KIOSK_SETTINGS=str(tmp_path / "settings.toml"),
        KIOSK_DEMO_DIR=str(tmp_path / "demo"),
        KIOSK_TTS_ENGINE="mock",
        **extra,
    )
    return env


def _wait_for_ready(proc: subprocess.Popen[str]) -> str:
    """The READY line the app prints once its home screen is up (or fail)."""
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    if not sel.select(timeout=START_TIMEOUT):
        proc.kill()
        pytest.fail("the app did not come up")
    line = proc.stdout.readline()
    sel.close()
    return line


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_ends_the_running_demo_cleanly(tmp_path: Path, sig: signal.Signals) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--demo", "--say-ready"],
        env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait_for_ready(proc).startswith("READY ")
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert f"stopping ({sig.name})" in err
    # The demo database was closed properly: SQLite left no journal behind.
    leftovers = [
        p.name for p in (tmp_path / "demo").rglob("*") if p.name.endswith(("-wal", "-journal"))
    ]
    assert leftovers == []


def test_with_no_screen_the_demo_says_so_and_exits(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ui.main", "--demo"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    )
    assert out.returncode == 2
    assert "The demo kiosk needs a screen" in out.stderr
    assert "DISPLAY" in out.stderr and "Traceback" not in out.stderr


def test_with_no_screen_a_start_up_check_still_runs_offscreen(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ui.main", "--demo", "--exit-when-ready"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("READY ")
