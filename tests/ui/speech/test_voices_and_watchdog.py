"""The voice chosen for each language, the same on every start; Speech Dispatcher's log
kept small; an engine that stops answering is ended, and the call announcer goes on."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QProcess

from kiosk.queue.model import Change
from kiosk.queue.states import Action
from kiosk.speech import Voice, speaking_bound
from ui.queue.announcer import Announcer, announcement
from ui.speech import Speaker, speech_report

NORTHERN = Voice("Vietnamese (Northern)", "vi_VN")


def test_the_same_voice_for_each_language_on_two_starts_and_a_small_log(audio) -> None:  # type: ignore[no-untyped-def]
    # Two starts of the engine, each in its own process, as two starts of the kiosk are.
    first, second = speech_report(), speech_report()
    assert first.ok and second.ok, (first.problem, second.problem)
    assert first.voices == second.voices
    assert first.voices == {
        "vi": NORTHERN,
        "en": Voice("English (Great Britain)", "en_GB"),
        "ar": Voice("Arabic", "ar_EG"),
    }
    assert first.engine == "speechd" and "speechd" in first.engines
    assert "speech vi: Vietnamese (Northern) (vi_VN)" in first.lines()
    # Each start used to add about 2.4 MB to the daemon's log (installer/setup.sh sets it).
    logs = audio.dir / "speech-dispatcher" / "log"
    size = sum(p.stat().st_size for p in logs.rglob("*") if p.is_file())
    assert size < 64 * 1024, size


def test_a_configured_voice_name_is_used(audio) -> None:  # type: ignore[no-untyped-def]
    report = speech_report(voices={"vi": "Vietnamese (Southern)", "ar": "no such voice"})
    assert report.voices["vi"] == Voice("Vietnamese (Southern)", "vi_VN")
    assert report.voices["ar"] == Voice("Arabic", "ar_EG")


def test_speech_turned_off_is_reported_plainly() -> None:
    report = speech_report(engine="none", timeout=60)
    assert not report.ok
    assert report.lines() == ["speech: not available: speech is turned off (engine none)"]


def test_an_engine_that_stops_answering_is_ended_and_the_announcer_goes_on(
    audio, clock, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    speaker = Speaker(clock=clock)
    announcer = Announcer(speaker, ["vi", "en", "ar"], tmp_path / "chime.wav")
    # The chime is not what is tested, and Qt Multimedia binds the whole test process to
    # the first sound server it meets: this test's own, killed at its end, after which Qt
    # aborts on the next sound effect anywhere (pa_context_get_state on a null context).
    monkeypatch.setattr(announcer, "_chime", announcer.chimed.emit)
    skipped: list[str] = []
    announcer.no_voice.connect(skipped.append)
    given_up: list[str] = []
    speaker.broke.connect(given_up.append)
    speaker.start()
    qtbot.waitUntil(lambda: speaker.state == "ready", timeout=60000)
    engine = speaker._host
    assert isinstance(engine, QProcess)
    pid = engine.processId()
    call = Change(Action.CALL, 1, "A001", "waiting", "called", 2, clock.now(), None, 1)
    with qtbot.waitSignal(speaker.said, timeout=10000) as said:
        announcer.announce(call)
    assert said.args == [announcement("A001", 2, "vi"), "vi_VN"]
    # The engine process freezes: none of its calls return any more.
    os.kill(pid, signal.SIGSTOP)
    clock.advance(speaking_bound(said.args[0], speaker.rate) + 1)
    # The stuck language is given up and the others are not waited for.
    qtbot.waitUntil(lambda: skipped == ["en", "ar"], timeout=5000)
    assert speaker.state == "broken" and len(given_up) == 1
    assert "speaking did not end in time" in given_up[0]
    qtbot.waitUntil(lambda: not Path(f"/proc/{pid}").exists(), timeout=5000)  # ended, reaped
    # The next call is not held up either: the chime, then each language skipped at once.
    skipped.clear()
    with qtbot.waitSignal(announcer.chimed, timeout=1000):
        announcer.announce(call)
    assert skipped == ["vi", "en", "ar"]
    speaker.close()
    for obj in (announcer, speaker):
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
