"""What belongs to the citizen at the screen now, and is forgotten at idle reset.

Language, text size, contrast, speech volume and the current visit are per citizen: the
next person starts from the point's defaults and sees nothing of the one before.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.events import Event
from kiosk.i18n import Translator
from kiosk.settings import Settings


@dataclass(frozen=True)
class Look:
    text_scale: int
    high_contrast: bool


class CitizenSession:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.translator = Translator(settings["display.default_language"])
        self.text_scale: int = settings["display.text_scale"]
        self.high_contrast: bool = settings["display.high_contrast"]
        self.volume: float = settings["speech.volume"]
        self.read_aloud: bool = settings["speech.always_read_aloud"]
        self.visit_id: int | None = None
        self.look_changed: Event[Look] = Event()
        self.cleared: Event[None] = Event()

    @property
    def lang(self) -> str:
        return self.translator.lang

    def set_text_scale(self, percent: int) -> None:
        percent = max(100, min(200, int(percent)))
        if percent != self.text_scale:
            self.text_scale = percent
            self.look_changed.emit(self.look)

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self.look_changed.emit(self.look)

    @property
    def look(self) -> Look:
        return Look(self.text_scale, self.high_contrast)

    def clear(self) -> None:
        """Forget this citizen: back to the point's defaults."""
        s = self.settings
        self.visit_id = None
        self.volume = s["speech.volume"]
        self.read_aloud = s["speech.always_read_aloud"]
        self.translator.set_language(s["display.default_language"])
        old = self.look
        self.text_scale = s["display.text_scale"]
        self.high_contrast = s["display.high_contrast"]
        if self.look != old:
            self.look_changed.emit(self.look)
        self.cleared.emit(None)
