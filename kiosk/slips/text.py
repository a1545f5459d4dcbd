"""Text for the slip: NFC-normalised, Arabic shaped and put in visual order, split into runs
for the two bundled fonts.

ReportLab draws the characters it is given, left to right, one glyph per character; it
neither joins Arabic letters nor reorders right-to-left text unless the ``rlbidi`` package is
present, and that package is not published on PyPI. So Arabic is prepared here:
``arabic_reshaper`` picks each letter's joined form (initial, medial, final, and the lam-alef
ligatures) as Unicode presentation forms, and ``python-bidi`` (the Unicode bidirectional
algorithm) puts the line in visual order.

We use python-bidi's implementation of the whole algorithm (``bidi.algorithm``), which also
applies rule L4: brackets, quotation marks and other mirrored characters on a right-to-left
run are swapped for their mirror image, so "(مرحبا)" is drawn with its brackets facing the
word. The package's faster default (``bidi.get_display``) reorders but leaves "(" and "«"
facing the wrong way on paper.

What is drawn is what a reader expects to see, and PDF readers and ``pdftotext`` give the
text back in logical order (presentation forms fold back to plain letters under NFKC). Noto
Sans Arabic has no Latin letters, so each line is cut into runs: Arabic letters in Noto Sans
Arabic, everything else in Noto Sans.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_arabic(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def has_arabic(text: str) -> bool:
    return any(is_arabic(ch) for ch in text)


@lru_cache(maxsize=1)
def _reshaper() -> Any:  # arabic_reshaper ships no types
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": True}
    )


@lru_cache(maxsize=4096)
def shaped(word: str) -> str:
    """One word with Arabic letters in their joined forms (logical order). Letters join only
    inside a word, so a line is as wide as its shaped words and spaces."""
    word = nfc(word)
    return _reshaper().reshape(word) if has_arabic(word) else word


@lru_cache(maxsize=2048)
def visual(text: str, rtl: bool) -> str:
    """``text`` (one line, logical order) as it is drawn left to right."""
    text = nfc(text)
    if not has_arabic(text):
        return text
    from bidi.algorithm import get_display

    return str(get_display(_reshaper().reshape(text), base_dir="R" if rtl else "L"))


def runs(drawn: str) -> list[tuple[str, bool]]:
    """Cut a drawn line into (text, is_arabic) runs; spaces stay with the run they are in."""
    out: list[tuple[str, bool]] = []
    for ch in drawn:
        arabic = is_arabic(ch) if not ch.isspace() else (out[-1][1] if out else False)
        if out and out[-1][1] == arabic:
            out[-1] = (out[-1][0] + ch, arabic)
        else:
            out.append((ch, arabic))
    return out
