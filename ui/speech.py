"""Offline speech through Qt TextToSpeech (Speech Dispatcher on Linux, SAPI/WinRT on
Windows). The kiosk never crashes without an engine: ``say`` returns False and the
caller explains that there is no voice for this language.

``KIOSK_TTS_ENGINE`` picks the engine (tests use Qt's ``mock``; ``none`` turns speech off).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLocale, QObject, Signal

LOCALES = {"vi": "vi_VN", "en": "en_GB", "ar": "ar_SA"}


class Speaker(QObject):
    said = Signal(str, str)  # text, locale name

    def __init__(
        self,
        engine: str | None = None,
        volume: float = 0.8,
        rate: float = -0.2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.default_volume = volume
        self.rate = rate
        self._engine_name = engine if engine is not None else os.environ.get("KIOSK_TTS_ENGINE", "")
        self._tts = None
        self._loaded = False

    @property
    def tts(self):  # type: ignore[no-untyped-def]
        """The engine, loaded on first use (start-up does not wait for speech plug-ins)."""
        if not self._loaded:
            self._loaded = True
            self._tts = self._load(self._engine_name, self.default_volume, self.rate)
        return self._tts

    def _load(self, name: str, volume: float, rate: float):  # type: ignore[no-untyped-def]
        if name == "none":
            return None
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:  # the Addons wheel or a system library is missing
            return None
        tts = QTextToSpeech(name, self) if name else QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error:
            tts.deleteLater()
            return None
        tts.setRate(rate)
        tts.setVolume(volume)
        return tts

    @property
    def available(self) -> bool:
        return self.tts is not None

    def _locale_for(self, lang: str) -> QLocale | None:
        if self.tts is None:
            return None
        wanted = QLocale(LOCALES.get(lang, lang))
        for loc in self.tts.availableLocales():
            if loc.language() == wanted.language():
                return loc
        return None

    def has_voice(self, lang: str) -> bool:
        return self._locale_for(lang) is not None

    def say(self, text: str, lang: str) -> bool:
        """Speak ``text`` in ``lang``; False when there is no engine or no such voice."""
        loc = self._locale_for(lang)
        if self.tts is None or loc is None:
            return False
        self.tts.stop()
        if self.tts.locale() != loc:
            self.tts.setLocale(loc)
        self.tts.say(text)
        self.said.emit(text, loc.name())
        return True

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    def set_volume(self, volume: float) -> None:
        if self.tts is not None:
            self.tts.setVolume(max(0.0, min(1.0, volume)))

    @property
    def volume(self) -> float:
        return self.tts.volume() if self.tts is not None else 0.0

    def reset(self) -> None:
        """After each citizen: stop talking and restore the default volume."""
        self.stop()
        if self._tts is not None:
            self._tts.setVolume(self.default_volume)
