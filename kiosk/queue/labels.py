"""Readable names for the queue's recorded values (age bands, outcomes, priority groups),
shared by the citizen's screens, the coordinator's totals and the printed report."""

from __future__ import annotations

from kiosk.i18n import translate

_AGE_KEYS = {"under-18": "queue.age_under_18", "75+": "queue.age_75_plus"}


def _known(key: str, lang: str, **kw: object) -> str | None:
    text = translate(key, lang, **kw)
    return None if text == key else text


def age_band_label(band: str, lang: str) -> str:
    """``"18-39"`` → "18-39 tuổi"; the open-ended bands get words of their own."""
    if band in _AGE_KEYS:
        return _known(_AGE_KEYS[band], lang) or band
    return _known("queue.age_band", lang, band=band) or band


def outcome_label(outcome: str, lang: str) -> str:
    return _known(f"queue.outcome_{outcome}", lang) or outcome


def group_label(group: str, lang: str) -> str:
    return _known(f"export.group_{group}", lang) or group


def service_label(service: str, lang: str) -> str:
    return _known(f"service.{service}", lang) or service


def code_label(code: str) -> str:
    """A follow-up code as every screen and slip shows it: two groups of three, ``"W72 BQ4"``,
    easier to read aloud and to copy than six letters in a row. Typing it back with or
    without the space finds the same visit (:func:`kiosk.queue.tickets.normalise_code`)."""
    plain = code.strip().upper().replace(" ", "").replace("-", "")
    if len(plain) <= 4:
        return plain
    half = (len(plain) + 1) // 2
    return f"{plain[:half]} {plain[half:]}"
