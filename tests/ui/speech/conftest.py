"""Real speech: a private PulseAudio with a null sink (started by the installer's own
services.d/speech.sh), the Speech Dispatcher it autostarts with espeak-ng, and a recording
of the sink's monitor. Each test has its own sound server, so killing it harms no one."""

from __future__ import annotations

import array
import contextlib
import math
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[3]
SERVICE = ROOT / "installer" / "services.d" / "speech.sh"
RATE = 16000  # recording rate (mono, 16-bit)


def _module_installed() -> bool:
    return any(Path(p).exists() for p in ("/usr/lib/speech-dispatcher-modules/sd_espeak-ng",))


def _pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


class Recording:
    def __init__(self, audio: Audio, path: Path) -> None:
        self.path = path
        self.proc = subprocess.Popen(
            ["parec", "-d", "kiosk_null.monitor", "--raw", "--format=s16le", f"--rate={RATE}"]
            + ["--channels=1", "--latency-msec=50", str(path)],
            env=audio.env(),
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def samples(self) -> array.array:
        data = array.array("h")
        if not self.path.exists():  # parec has not opened its file yet
            return data
        raw = self.path.read_bytes()
        data.frombytes(raw[: len(raw) // 2 * 2])
        return data

    def voiced(self, threshold: float = 300.0) -> tuple[float, float]:
        """Seconds of sound (20 ms windows louder than ``threshold``) and their RMS."""
        s = self.samples()
        win = RATE // 50
        loud, total, count = 0, 0.0, 0
        for i in range(0, len(s) - win + 1, win):
            chunk = s[i : i + win]
            rms = math.sqrt(sum(x * x for x in chunk) / win)
            if rms > threshold:
                loud += 1
                total += sum(x * x for x in chunk)
                count += win
        return loud / 50, (math.sqrt(total / count) if count else 0.0)


class Audio:
    """One private sound server; ``XDG_RUNTIME_DIR`` points the kiosk's engine at it."""

    def __init__(self, folder: Path) -> None:
        self.dir = folder
        self.recordings: list[Recording] = []

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["XDG_RUNTIME_DIR"] = str(self.dir)
        env.pop("PULSE_SERVER", None)
        return env

    def start(self) -> None:
        env = self.env() | {"KIOSK_AUDIO_DIR": str(self.dir)}
        subprocess.run(["bash", str(SERVICE)], env=env, check=True, timeout=60)

    @property
    def server_pid(self) -> int | None:
        return _pid(self.dir / "pulse" / "pid")

    @property
    def daemon_pid(self) -> int | None:
        return _pid(self.dir / "speech-dispatcher" / "pid" / "speech-dispatcher.pid")

    def kill_server(self) -> None:
        """The sound server dies, as a crashed PulseAudio or an unplugged USB card does."""
        pid = self.server_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)

    def record(self, name: str = "rec") -> Recording:
        rec = Recording(self, self.dir / f"{name}-{len(self.recordings)}.raw")
        self.recordings.append(rec)
        return rec

    def close(self) -> None:
        for rec in self.recordings:
            rec.stop()
        for pid in (self.daemon_pid, self.server_pid):
            if pid is not None:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)


@pytest.fixture
def audio(monkeypatch: pytest.MonkeyPatch) -> Iterator[Audio]:
    need = [t for t in ("pulseaudio", "pactl", "parec", "speech-dispatcher") if not shutil.which(t)]
    require(not need, f"speech tools missing: {need} (installer/apt-test-packages.txt)")
    require(_module_installed(), "speech-dispatcher-espeak-ng (installer/apt-packages.txt)")
    # A short path: a unix socket's path must stay under about 100 characters.
    folder = Path(tempfile.mkdtemp(prefix="kspk", dir="/tmp"))
    a = Audio(folder)
    a.start()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.setenv("KIOSK_TTS_ENGINE", "speechd")
    try:
        yield a
    finally:
        a.close()
        shutil.rmtree(folder, ignore_errors=True)


class GapMeter:
    """The longest time the GUI thread went without handling a timer that should fire every
    10 ms: how long the screen was frozen."""

    def __init__(self) -> None:
        import time

        from PySide6.QtCore import QTimer

        self._now = time.perf_counter
        self.longest = 0.0
        self._last = self._start = self._now()
        self.long: list[tuple[float, float]] = []  # (when, how long), gaps over 100 ms
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = self._now()
        self.longest = max(self.longest, now - self._last)
        if now - self._last > 0.1:
            self.long.append((round(now - self._start, 2), round(now - self._last, 3)))
        self._last = now

    def reset(self) -> None:
        self.longest = 0.0
        self._last = self._start = self._now()
        self.long = []

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def gaps() -> Iterator[GapMeter]:
    meter = GapMeter()
    yield meter
    meter.stop()
