"""The owner of a Qt TextToSpeech engine, spoken to with small JSON messages.

The kiosk runs it as a separate process (``python -m ui.speech_engine``), so that a speech
engine that stops answering (Speech Dispatcher can deadlock when the audio output
disappears) blocks only this process, which the kiosk then ends. Qt's ``mock`` test
engine, which cannot hang, runs inside the kiosk with the same class.

Messages to the engine (one JSON object a line on stdin)::

    {"do": "say", "id": 3, "text": "...", "lang": "vi"}   {"do": "stop"}
    {"do": "volume", "value": 0.8}

Messages from it (stdout)::

    {"ev": "ready", "engine": "speechd", "engines": [...], "voices": {"vi": {...}}}
    {"ev": "failed", "why": "..."}                  the engine cannot be used
    {"ev": "started", "id": 3, "locale": "vi_VN", "voice": "..."}
    {"ev": "ended", "id": 3, "ok": true}             spoken to the end, or stopped

``python -m ui.speech_engine --report CONFIG`` prints the ``ready`` (or ``failed``) message
and exits: the speech part of the kiosk's self-test.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from kiosk.speech import Voice, choose_voice

Emit = Callable[[dict[str, Any]], None]


def engine_config(
    engine: str = "",
    volume: float = 0.8,
    rate: float = -0.2,
    languages: list[str] | None = None,
    voices: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What an engine host needs to start: which engine, and the voices wanted."""
    return {
        "engine": engine,
        "volume": volume,
        "rate": rate,
        "languages": list(languages or ["vi", "en", "ar"]),
        "voices": dict(voices or {}),
    }


class EngineHost(QObject):
    """Loads the engine, picks a voice per language and speaks; reports through ``emit``."""

    def __init__(self, config: dict[str, Any], emit: Emit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.report = emit
        self.tts: Any = None
        self.voices: dict[str, Any] = {}  # language -> QVoice
        self.current: int | None = None
        self._speaking = False

    def load(self) -> bool:
        name = self.config.get("engine", "")
        if name == "none":
            self.report({"ev": "failed", "why": "speech is turned off (engine none)"})
            return False
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:  # the Addons wheel or a system library is missing
            self.report({"ev": "failed", "why": f"Qt TextToSpeech cannot be loaded: {exc}"})
            return False
        engines = list(QTextToSpeech.availableEngines())
        tts = QTextToSpeech(name, self) if name else QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error:
            why = tts.errorString() or "the engine reports an error"
            self.report({"ev": "failed", "why": f"{name or 'default'}: {why}", "engines": engines})
            return False
        self.tts = tts
        tts.setRate(float(self.config.get("rate", 0.0)))
        tts.setVolume(float(self.config.get("volume", 0.8)))
        chosen: dict[str, dict[str, str] | None] = {}
        wanted = self.config.get("voices", {})
        for lang in self.config.get("languages", []):
            found = self._voices_of(lang)
            pick = choose_voice(lang, list(found), wanted.get(lang, ""))
            if pick is None:
                chosen[lang] = None
                continue
            self.voices[lang] = found[pick]
            chosen[lang] = pick.as_dict()
        tts.stateChanged.connect(self._state_changed)
        self.report(
            {
                "ev": "ready",
                "engine": tts.engine() or name,
                "engines": engines,
                "voices": chosen,
            }
        )
        return True

    def _voices_of(self, lang: str) -> dict[Voice, Any]:
        language = QLocale(lang).language()
        found: dict[Voice, Any] = {}
        for loc in self.tts.availableLocales():
            if loc.language() != language:
                continue
            for v in self.tts.allVoices(loc):
                found.setdefault(Voice(v.name(), v.locale().name()), v)
        return found

    def handle(self, msg: dict[str, Any]) -> None:
        do = msg.get("do")
        if self.tts is None:
            if do == "say":
                self.report({"ev": "ended", "id": msg.get("id"), "ok": False})
            return
        if do == "say":
            self._say(int(msg["id"]), str(msg["text"]), str(msg["lang"]))
        elif do == "stop":
            self.tts.stop()
            self._finish(True)
        elif do == "volume":
            self.tts.setVolume(max(0.0, min(1.0, float(msg["value"]))))

    def _say(self, ident: int, text: str, lang: str) -> None:
        voice = self.voices.get(lang)
        if voice is None:
            self.report({"ev": "ended", "id": ident, "ok": False})
            return
        if self.current is not None:
            self.tts.stop()
            self._finish(False)
        if self.tts.voice() != voice:
            self.tts.setVoice(voice)
        self.current = ident
        self._speaking = False  # a late "Ready" of the text before must not end this one
        self.tts.say(text)
        self.report(
            {"ev": "started", "id": ident, "locale": voice.locale().name(), "voice": voice.name()}
        )

    def _state_changed(self, state: object) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing):
            self._speaking = True
        elif state == QTextToSpeech.State.Ready and self._speaking:
            self._finish(True)
        elif state == QTextToSpeech.State.Error:
            self._finish(False)

    def _finish(self, ok: bool) -> None:
        ident, self.current = self.current, None
        self._speaking = False
        if ident is not None:
            self.report({"ev": "ended", "id": ident, "ok": ok})


class _Lines(QObject):
    """Reads stdin on a plain thread and hands each line to the Qt thread."""

    line = Signal(str)
    closed = Signal()

    def start(self) -> None:
        threading.Thread(target=self._run, name="speech-stdin", daemon=True).start()

    def _run(self) -> None:
        for raw in sys.stdin:
            self.line.emit(raw)
        self.closed.emit()


def _write(msg: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(msg, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    # Ctrl+C in a terminal reaches the whole process group: the kiosk stops and closes
    # this engine's input, which ends it; a KeyboardInterrupt here would only add noise.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    args = list(sys.argv[1:] if argv is None else argv)
    report = bool(args) and args[0] == "--report"
    if report:
        args = args[1:]
    config = json.loads(args[0]) if args else engine_config()
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    host = EngineHost(config, _write)
    ok = host.load()
    if report or not ok:
        return 0 if ok else 1
    lines = _Lines()

    def got(raw: str) -> None:
        raw = raw.strip()
        if raw:
            host.handle(json.loads(raw))

    lines.line.connect(got)
    lines.closed.connect(app.quit)  # the kiosk went away: so does its engine
    lines.start()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
