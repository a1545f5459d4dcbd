"""Offline speech through Qt TextToSpeech (Speech Dispatcher on Linux, SAPI/WinRT on
Windows), which can never freeze the kiosk.

The engine lives in its own process (``ui.speech_engine``), started in the background
once the first screen is up; the GUI thread only writes and reads short messages. A
watchdog on the injected clock gives each text a deadline from its length: when speaking
does not end in time (or the engine does not answer), the engine process is ended, the
citizen is told calmly that reading aloud is unavailable, volunteers find it recorded, and
the engine is tried again later (1, 2, 4 ... 10 minutes), without waiting on anything.

``KIOSK_TTS_ENGINE`` picks the engine (tests use Qt's ``mock``, which runs in-process as it
cannot hang; ``none`` turns speech off). ``speech_report()`` lists engines and the voice
chosen for each language, for the self-test.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from kiosk.clock import Clock, SystemClock
from kiosk.speech import LOAD_BOUND, LOCALES, Retry, Voice, Watchdog, speaking_bound

__all__ = ["LOCALES", "SpeechReport", "Speaker", "speech_report"]

ENGINE_FLAG = "--speech-engine"  # literacy-kiosk --speech-engine: the engine process itself
IN_PROCESS_ENGINES = frozenset({"mock"})  # engines that cannot hang run inside the kiosk
LANGUAGES = ("vi", "en", "ar")


def engine_command(config: dict[str, Any], report: bool = False) -> list[str]:
    """How to start the engine process: the same Python that runs the kiosk, or in an
    installed bundle (which has no ``python -m``) the kiosk's own program with
    ``--speech-engine``."""
    args = (["--report"] if report else []) + [json.dumps(config)]
    if getattr(sys, "frozen", False):
        return [sys.executable, ENGINE_FLAG, *args]
    return [sys.executable, "-m", "ui.speech_engine", *args]


class Speaker(QObject):
    said = Signal(str, str)  # text, locale: the engine has taken the text
    finished = Signal()  # the text before ended: spoken, stopped, replaced or given up
    trouble = Signal(str)  # language: a text accepted earlier will not be heard
    broke = Signal(str)  # why the engine was given up (recorded for volunteers)
    status_changed = Signal()  # loading, ready, given up, back again

    def __init__(
        self,
        engine: str | None = None,
        volume: float = 0.8,
        rate: float = -0.2,
        parent: QObject | None = None,
        *,
        voices: dict[str, str] | None = None,
        languages: list[str] | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self.default_volume = volume
        self.rate = rate
        self.engine_name = engine if engine is not None else os.environ.get("KIOSK_TTS_ENGINE", "")
        self.wanted_voices = dict(voices or {})
        self.languages = list(languages or LANGUAGES)
        self.clock: Clock = clock or SystemClock()
        self.state = "off" if self.engine_name == "none" else "idle"
        self.engine = ""  # the engine's own name once loaded
        self.engines: list[str] = []
        self.voices: dict[str, Voice | None] = {}
        self.problem = ""  # why the engine was last given up
        self._volume = volume
        self._host: Any = None  # EngineHost (in-process) or QProcess
        self._buffer = b""
        self._next_id = 0
        self._current: tuple[int, str, str] | None = None  # id, text, language
        self._pending: tuple[str, str] | None = None  # asked for while the engine loads
        self.watchdog = Watchdog()
        self.retry = Retry()
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.check)

    # -- the engine's life ------------------------------------------------------------
    def start(self) -> None:
        """Load the engine without waiting for it (does nothing if it is loaded or off)."""
        if self.state not in ("idle", "broken"):
            return
        self.retry.started()
        self._set_state("loading")
        from ui.speech_engine import engine_config

        config = engine_config(
            self.engine_name, self._volume, self.rate, self.languages, self.wanted_voices
        )
        if self.engine_name in IN_PROCESS_ENGINES:
            from ui.speech_engine import EngineHost

            self._host = EngineHost(config, self._event, self)
            self._host.load()
            return
        self.watchdog.expect("load", LOAD_BOUND, self.clock.monotonic())
        self._timer.start()
        self._buffer = b""  # nothing half-read from an engine process ended before
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        command = engine_command(config)
        proc.setProgram(command[0])
        proc.setArguments(command[1:])
        proc.readyReadStandardOutput.connect(lambda: self._read(proc))
        proc.finished.connect(lambda code, _status: self._process_ended(proc, code))
        proc.errorOccurred.connect(lambda error: self._process_error(proc, error))
        self._host = proc
        proc.start()

    def _read(self, proc: QProcess) -> None:
        if proc is not self._host:
            return
        self._buffer += bytes(proc.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                try:
                    self._event(json.loads(line))
                except ValueError:
                    continue

    def _process_ended(self, proc: QProcess, code: int) -> None:
        if proc is self._host and self.state in ("loading", "ready"):
            self._give_up(f"the speech engine process ended (exit code {code})")
        proc.deleteLater()

    def _process_error(self, proc: QProcess, error: QProcess.ProcessError) -> None:
        if proc is self._host and error == QProcess.ProcessError.FailedToStart:
            self._give_up(f"the speech engine process could not start: {proc.errorString()}")

    def _send(self, msg: dict[str, Any]) -> None:
        if isinstance(self._host, QProcess):
            self._host.write((json.dumps(msg, ensure_ascii=False) + "\n").encode())
        elif self._host is not None:
            self._host.handle(msg)

    def _event(self, ev: dict[str, Any]) -> None:
        kind = ev.get("ev")
        if kind == "ready":
            self.watchdog.done("load")
            self.engine = str(ev.get("engine", ""))
            self.engines = list(ev.get("engines", []))
            self.voices = {
                lang: Voice(v["name"], v["locale"]) if v else None
                for lang, v in ev.get("voices", {}).items()
            }
            self.retry.worked()
            self._set_state("ready")
            pending, self._pending = self._pending, None
            if pending is not None and not self._say_now(*pending):
                self.trouble.emit(pending[1])
                self.finished.emit()
        elif kind == "failed":
            self.engines = list(ev.get("engines", self.engines))
            self._give_up(str(ev.get("why", "the speech engine cannot be used")), stuck=False)
        elif kind == "started" and self._current and ev.get("id") == self._current[0]:
            self.said.emit(self._current[1], str(ev.get("locale", "")))
        elif kind == "ended" and self._current and ev.get("id") == self._current[0]:
            if not ev.get("ok", False):
                self._give_up("the speech engine reported an error while speaking")
                return
            self._current = None
            self.watchdog.done("say")
            self.finished.emit()

    def check(self) -> None:
        """Watchdog and retry, on the injected clock (a timer calls this while needed)."""
        now = self.clock.monotonic()
        late = self.watchdog.overdue(now)
        if late == "load":
            self._give_up(f"the speech engine did not start within {LOAD_BOUND:.0f} s")
        elif late == "say":
            self._give_up("speaking did not end in time (the engine or the sound output is stuck)")
        if self.state == "broken" and self.retry.due(now):
            self.start()
        if not self.watchdog.waiting and self.retry.at is None:
            self._timer.stop()

    def _give_up(self, why: str, stuck: bool = True) -> None:
        """Stop using the engine; tell whoever waits; try again later. ``stuck``: the engine
        stopped answering, so the Speech Dispatcher behind it is ended too."""
        host, self._host = self._host, None
        if isinstance(host, QProcess) and host.state() != QProcess.ProcessState.NotRunning:
            host.kill()  # returns at once; Qt collects the process when it has ended
            if stuck:
                end_stuck_speech_dispatcher()
        elif host is not None and not isinstance(host, QProcess):
            host.deleteLater()
        self.watchdog.clear()
        self.problem = why
        wait = self.retry.failed(self.clock.monotonic())
        self._timer.start()
        current, self._current = self._current, None
        pending, self._pending = self._pending, None
        self._set_state("broken")
        self.broke.emit(f"{why}; trying again in {wait:.0f} s")
        for lang in [x[2] for x in [current] if x] + [p[1] for p in [pending] if p]:
            self.trouble.emit(lang)
        if current is not None or pending is not None:
            self.finished.emit()

    def _set_state(self, state: str) -> None:
        self.state = state
        self.status_changed.emit()

    def close(self) -> None:
        """End the engine process (quitting)."""
        host, self._host = self._host, None
        self._timer.stop()
        if isinstance(host, QProcess) and host.state() != QProcess.ProcessState.NotRunning:
            host.kill()
            host.waitForFinished(1000)
        elif host is not None:
            host.deleteLater()

    def set_voices(self, voices: dict[str, str]) -> None:
        """Use these voice names from now on (the engine restarts in the background)."""
        if voices == self.wanted_voices:
            return
        self.wanted_voices = dict(voices)
        if self.state in ("loading", "ready"):
            self.stop()
            host, self._host = self._host, None
            if isinstance(host, QProcess):
                host.kill()  # without waiting; Qt collects it when it has ended
            elif host is not None:
                host.deleteLater()
            self.watchdog.clear()
            self.state = "idle"
            self.start()

    # -- speaking ---------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """False once it is known that nothing can be read aloud now."""
        if self.state == "idle":
            self.start()
        return self.state in ("loading", "ready")

    def has_voice(self, lang: str) -> bool:
        if self.state == "idle":
            self.start()
        return self.voices.get(lang) is not None

    def voice_for(self, lang: str) -> Voice | None:
        return self.voices.get(lang)

    def say(self, text: str, lang: str) -> bool:
        """Speak ``text`` in ``lang`` without waiting. False when it cannot be heard now (no
        engine, engine given up, or no voice for ``lang``); a failure found later comes as
        ``trouble``."""
        text = text.strip()
        if not text:
            return False
        if self.state == "idle":
            self.start()
        if self.state == "loading":
            self.stop()
            self._pending = (text, lang)
            return True
        if self.state != "ready":
            return False
        return self._say_now(text, lang)

    def _say_now(self, text: str, lang: str) -> bool:
        if self.voices.get(lang) is None:
            return False
        if self._current is not None:
            self._current = None
            self.finished.emit()  # replaced: whoever waited for it may go on
        self._next_id += 1
        self._current = (self._next_id, text, lang)
        self.watchdog.expect("say", speaking_bound(text, self.rate), self.clock.monotonic())
        if isinstance(self._host, QProcess):
            self._timer.start()
        self._send({"do": "say", "id": self._next_id, "text": text, "lang": lang})
        return True

    def stop(self) -> None:
        current, pending = self._current, self._pending
        self._current = self._pending = None
        if current is not None:
            self.watchdog.done("say")
            self._send({"do": "stop"})
        if current is not None or pending is not None:
            self.finished.emit()

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        self._send({"do": "volume", "value": self._volume})

    @property
    def volume(self) -> float:
        return self._volume

    def reset(self) -> None:
        """After each citizen: stop talking and restore the default volume."""
        self.stop()
        if abs(self._volume - self.default_volume) > 1e-9:
            self.set_volume(self.default_volume)


def end_stuck_speech_dispatcher() -> int | None:
    """End this user's Speech Dispatcher daemon, if it runs (Linux). A daemon whose audio
    output vanished can deadlock for good; the next client starts a fresh one."""
    if not sys.platform.startswith("linux"):
        return None
    places = []
    if os.environ.get("XDG_RUNTIME_DIR"):
        places.append(Path(os.environ["XDG_RUNTIME_DIR"]) / "speech-dispatcher")
    places.append(Path.home() / ".cache" / "speech-dispatcher")
    for place in places:
        try:
            pid = int((place / "pid" / "speech-dispatcher.pid").read_text().strip())
            comm = Path(f"/proc/{pid}/comm").read_text().strip()
            owner = os.stat(f"/proc/{pid}").st_uid
        except (OSError, ValueError):
            continue
        if comm.startswith("speech-dispatc") and owner == os.getuid():
            import signal

            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                continue
            return pid
    return None


@dataclass
class SpeechReport:
    """Engines on this machine and the voice chosen for each language."""

    ok: bool
    engine: str = ""
    engines: list[str] = field(default_factory=list)
    voices: dict[str, Voice | None] = field(default_factory=dict)
    problem: str = ""

    def lines(self) -> list[str]:
        if not self.ok:
            return [f"speech: not available: {self.problem}"]
        out = [f"speech: engine {self.engine} (installed: {', '.join(self.engines) or '-'})"]
        for lang, v in self.voices.items():
            out.append(f"speech {lang}: " + (f"{v.name} ({v.locale})" if v else "no voice"))
        return out


def speech_report(
    engine: str | None = None,
    voices: dict[str, str] | None = None,
    languages: list[str] | None = None,
    timeout: float = LOAD_BOUND,
) -> SpeechReport:
    """Load the speech engine in a separate process, as the kiosk does, and report what it
    found. Never waits longer than ``timeout`` seconds. No Qt application is needed."""
    import subprocess  # the report only: the kiosk itself starts the engine with QProcess

    from ui.speech_engine import engine_config

    name = engine if engine is not None else os.environ.get("KIOSK_TTS_ENGINE", "")
    config = engine_config(name, languages=list(languages or LANGUAGES), voices=voices)
    try:
        done = subprocess.run(
            engine_command(config, report=True),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        end_stuck_speech_dispatcher()
        return SpeechReport(False, problem=f"the speech engine did not answer in {timeout:.0f} s")
    for line in done.stdout.splitlines():
        try:
            ev = json.loads(line)
        except ValueError:
            continue
        if ev.get("ev") == "ready":
            return SpeechReport(
                True,
                engine=ev.get("engine", ""),
                engines=list(ev.get("engines", [])),
                voices={
                    k: Voice(v["name"], v["locale"]) if v else None
                    for k, v in ev.get("voices", {}).items()
                },
            )
        if ev.get("ev") == "failed":
            return SpeechReport(
                False, engines=list(ev.get("engines", [])), problem=str(ev.get("why"))
            )
    why = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
    return SpeechReport(False, problem=why[0])
