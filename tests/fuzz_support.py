"""Damaged copies of a real bundle: one bit flipped at a chosen offset. Shared by the
fuzz test (a sample of offsets) and ``benchmarks/fuzz_bundle.py`` (every offset)."""

from __future__ import annotations

import random


def flipped(data: bytes, offset: int, bit: int) -> bytes:
    """``data`` with bit ``bit`` (0-7) of the byte at ``offset`` flipped."""
    out = bytearray(data)
    out[offset] ^= 1 << bit
    return bytes(out)


def sample_offsets(size: int, count: int, seed: int = 15) -> list[tuple[int, int]]:
    """``count`` (offset, bit) pairs spread over a file of ``size`` bytes: every part of
    the file (headers, compressed data, central directory, the end record) gets its
    share, and the last 22 bytes (the end record) are always all in."""
    rng = random.Random(seed)
    tail = [(o, rng.randrange(8)) for o in range(max(0, size - 22), size)]
    step = max(1, size // max(1, count - len(tail)))
    spread = [(o, rng.randrange(8)) for o in range(rng.randrange(step), size - 22, step)]
    return spread + tail


def every_offset(size: int, all_bits: bool = False) -> list[tuple[int, int]]:
    """Every offset, with one bit each (the bit turns with the offset) or all eight."""
    if all_bits:
        return [(o, b) for o in range(size) for b in range(8)]
    return [(o, o % 8) for o in range(size)]
