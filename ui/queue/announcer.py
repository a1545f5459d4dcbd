"""Each call is announced: a chime, then the number and desk spoken offline in each
announcement language, one after the other (never cut off by the next). A language the
speech engine gets stuck on is skipped when the speaker's watchdog gives up on it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal

from kiosk.i18n import translate
from kiosk.queue import Change
from kiosk.queue.chime import write_chime
from ui.speech import Speaker

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect


def announcement(ticket: str, desk: int, lang: str) -> str:
    return translate("queue.announce", lang, ticket=ticket, desk=desk)


class Announcer(QObject):
    chimed = Signal()
    no_voice = Signal(str)  # language without a voice on this machine

    def __init__(
        self,
        speaker: Speaker,
        languages: list[str],
        chime_path: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self.languages = languages
        self.chime_path = chime_path
        self._effect: QSoundEffect | None = None  # made at the first chime
        self._pending: list[tuple[str, str]] = []
        self._speaking = False
        # The speaker's watchdog ends a language that gets stuck: the next one follows.
        speaker.finished.connect(self._finished)

    def _chime(self) -> None:
        if self._effect is None:
            try:
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError:
                self.chimed.emit()
                return
            self._effect = QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(write_chime(self.chime_path))))
            self._effect.setVolume(0.8)
        self._effect.play()
        self.chimed.emit()

    def announce(self, change: Change) -> None:
        if not change.is_call or not change.desk:
            return
        self._chime()
        self._pending += [
            (announcement(change.ticket, change.desk, lang), lang) for lang in self.languages
        ]
        self._next()

    def _next(self) -> None:
        while self._pending and not self._speaking:
            text, lang = self._pending.pop(0)
            if self.speaker.say(text, lang):
                self._speaking = True
                return
            self.no_voice.emit(lang)

    def _finished(self) -> None:
        if self._speaking:
            self._speaking = False
            self._next()
