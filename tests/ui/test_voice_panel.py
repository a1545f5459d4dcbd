"""The volunteers' settings screen shows the voice chosen for each language (Qt's mock
engine here; tests/ui/speech has the real one) and a Test button per language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def test_each_language_shows_its_voice_or_says_there_is_none(shell, qtbot) -> None:  # type: ignore[no-untyped-def]
    shell.t.set_language("en")
    panel = shell.settings_screen.voices
    assert panel.status.text() == "Speech engine: mock"
    assert panel.voice_labels["en"].text() == "English: Anne (en_GB)"
    assert panel.voice_labels["vi"].text() == "Vietnamese: no voice"
    assert panel.tests["vi"].accessibleDescription() == "Hear a short sentence in Vietnamese"
    with qtbot.waitSignal(shell.speaker.said, timeout=2000) as said:
        QTest.mouseClick(panel.tests["en"], Qt.MouseButton.LeftButton)
    assert said.args == ["Hello. This is the English voice.", "en_GB"]
    assert not panel.test("vi")  # no Vietnamese voice in the mock engine: nothing is said


def test_with_speech_off_the_panel_says_so_and_tests_nothing(make_shell, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_TTS_ENGINE", "none")
    shell = make_shell()
    panel = shell.settings_screen.voices
    assert panel.status.text() == "Đọc to đang tắt."
    assert not panel.tests["vi"].isEnabled()


def test_a_voice_named_in_the_settings_is_used_once_saved(shell, qtbot) -> None:  # type: ignore[no-untyped-def]
    shell.t.set_language("en")
    screen = shell.settings_screen
    assert screen.voices.voice_labels["en"].text() == "English: Anne (en_GB)"
    screen.fields["speech.voice_en"].setText("Mary")  # an American voice of the mock engine
    QTest.mouseClick(screen.save, Qt.MouseButton.LeftButton)
    assert screen.message.text() == shell.t.t("settings.saved")
    qtbot.waitUntil(lambda: shell.speaker.state == "ready", timeout=2000)
    assert screen.voices.voice_labels["en"].text() == "English: Mary (en_US)"
    with qtbot.waitSignal(shell.speaker.said, timeout=2000) as said:
        QTest.mouseClick(screen.voices.tests["en"], Qt.MouseButton.LeftButton)
    assert said.args == ["Hello. This is the English voice.", "en_US"]
