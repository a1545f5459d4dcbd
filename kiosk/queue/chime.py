"""The call chime: a soft two-note "ding-dong", made at run time with the wave module, so
the kiosk ships no sound file it did not make and needs nothing online."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
NOTES = ((659.25, 0.45), (523.25, 0.7))  # E5 then C5, seconds


def chime_samples(volume: float = 0.5) -> bytes:
    frames = bytearray()
    for freq, length in NOTES:
        n = int(RATE * length)
        for i in range(n):
            t = i / RATE
            envelope = min(1.0, i / (RATE * 0.01)) * math.exp(-3.5 * t / length)
            tone = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
            frames += struct.pack("<h", int(32767 * volume * envelope * tone / 1.3))
    return bytes(frames)


def write_chime(path: Path) -> Path:
    """Write the chime as a 16-bit mono WAV file (once; an existing file is kept)."""
    if path.exists() and path.stat().st_size > 44:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(chime_samples())
    tmp.replace(path)
    return path
