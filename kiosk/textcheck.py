"""Characters that have no place in a setting or a guide's words.

Control characters (NUL, carriage return, escape...) break files and screens; the
Unicode controls that embed, override or isolate text direction can make words read in
a different order from the one stored, so a reader sees something other than what was
checked. The plain marks U+200E and U+200F (left-to-right, right-to-left) stay allowed:
Arabic text with Latin names needs them.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def char_name(ch: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``, or just ``U+0000`` for unnamed controls."""
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X}"
    return f"{code} ({name})" if name else code


def bad_char(text: str, allow: str = "") -> str | None:
    """The first control or direction-override character in ``text`` (other than those in
    ``allow``), or None when there is none."""
    for ch in text:
        if ch in allow:
            continue
        if ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc":
            return ch
    return None


def visible(text: str) -> str:
    """``text`` with every control or direction-override character written as ``\\uXXXX``
    (tabs and newlines kept), so a message quoting bad input cannot garble a terminal
    or reorder the words on screen."""
    if bad_char(text, allow="\t\n") is None:
        return text
    return "".join(
        f"\\u{ord(ch):04x}"
        if ch not in "\t\n" and (ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc")
        else ch
        for ch in text
    )
