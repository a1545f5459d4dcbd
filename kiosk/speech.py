"""Speech decisions that need no Qt: which voice reads each language, how long a text may
take to be spoken, and when a speech engine that stopped answering is tried again.

The voice is chosen deliberately, the same way on every start, whatever order the engine
lists its voices in: a voice a volunteer named in the settings (``speech.voice_vi`` ...)
when the engine has it for that language; otherwise a voice of the exact locale the kiosk
wants (vi_VN, en_GB, ar_SA) before other countries' voices of the language, a plain voice
before its variants ("Arabic" before "Arabic+Mr_Serious"), then by name. Vietnamese
prefers the Northern (Hanoi) voice.
"""

from __future__ import annotations

from dataclasses import dataclass

# The locale each kiosk language is read in, when the engine has it.
LOCALES = {"vi": "vi_VN", "en": "en_GB", "ar": "ar_SA"}

# Words in a voice's name that make it the preferred one for a language (lower case).
PREFERRED_WORDS = {"vi": ("northern", "hanoi", "bắc")}


@dataclass(frozen=True)
class Voice:
    name: str
    locale: str  # as the engine names it, e.g. "vi_VN"

    @property
    def language(self) -> str:
        return self.locale.split("_")[0].split("-")[0].lower()

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "locale": self.locale}


def _stable_key(voice: Voice, lang: str) -> tuple[bool, bool, bool, str, str]:
    name = voice.name.casefold()
    preferred = any(w in name for w in PREFERRED_WORDS.get(lang, ()))
    return (
        voice.locale != LOCALES.get(lang, lang),  # the exact locale first
        "+" in voice.name,  # espeak-ng's variants ("Arabic+Mr_Serious") after the plain voice
        not preferred,
        voice.locale,
        name,
    )


def choose_voice(lang: str, voices: list[Voice], configured: str = "") -> Voice | None:
    """The voice that reads ``lang`` (a kiosk language code), or None when there is none.

    ``configured`` is a voice name from the settings; it wins when the engine has it for
    this language. The result does not depend on the order ``voices`` came in."""
    own = [v for v in voices if v.language == lang]
    if not own:
        return None
    wanted = configured.strip().casefold()
    if wanted:
        named = [v for v in own if v.name.casefold() == wanted]
        if named:
            return min(named, key=lambda v: _stable_key(v, lang))
    return min(own, key=lambda v: _stable_key(v, lang))


def speaking_bound(text: str, rate: float = 0.0) -> float:
    """Seconds within which ``text`` must have been spoken to the end, or the engine is
    taken to be stuck. Generous: about twice a slow voice's time, plus start-up."""
    slow = 1.0 + max(0.0, -rate)  # rate -1.0 (slowest) doubles the time a text takes
    return 6.0 + 2.0 * 0.08 * slow * len(text)


LOAD_BOUND = 45.0  # seconds an engine may take to start and list its voices
RETRY_AFTER = 60.0  # first wait before trying a stuck engine again; doubles each time
RETRY_AFTER_MAX = 600.0


class Watchdog:
    """Deadlines for the engine's answers, on an injected monotonic clock.

    ``expect(what, seconds, now)`` starts a deadline; ``done(what)`` ends it;
    ``overdue(now)`` names one that passed (and forgets it), or returns None."""

    def __init__(self) -> None:
        self._deadlines: dict[str, float] = {}

    def expect(self, what: str, seconds: float, now: float) -> None:
        self._deadlines[what] = now + seconds

    def done(self, what: str) -> None:
        self._deadlines.pop(what, None)

    def clear(self) -> None:
        self._deadlines.clear()

    @property
    def waiting(self) -> bool:
        return bool(self._deadlines)

    def overdue(self, now: float) -> str | None:
        for what, deadline in sorted(self._deadlines.items(), key=lambda kv: kv[1]):
            if now >= deadline:
                del self._deadlines[what]
                return what
        return None


class Retry:
    """When to try an engine again after it stopped answering: 1, 2, 4 ... 10 minutes."""

    def __init__(self, first: float = RETRY_AFTER, most: float = RETRY_AFTER_MAX) -> None:
        self.first, self.most = first, most
        self.failures = 0
        self.at: float | None = None

    def failed(self, now: float) -> float:
        doubled: int = 2**self.failures  # an int: the exponent is never negative
        wait = min(self.most, self.first * doubled)
        self.failures += 1
        self.at = now + wait
        return wait

    def due(self, now: float) -> bool:
        return self.at is not None and now >= self.at

    def started(self) -> None:
        self.at = None

    def worked(self) -> None:
        self.failures = 0
        self.at = None
