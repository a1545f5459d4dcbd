"""What a session-log bundle is made of (its four ZIP entries), the error every check
raises, and a small helper shared by the writer and the reader.

A bundle is one signed ZIP file per export:

- ``manifest.json``: what the bundle is (format, schema version and fields, bundle id,
  kiosk and point, time range, record counts) and the SHA-256 and size of every part;
- ``manifest.sig``: the kiosk's Ed25519 signature of ``manifest.json`` (base64);
- ``visits.jsonl``: one visit per line (what a collector imports);
- ``visits.csv``: the same visits for a spreadsheet.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
JSONL, CSV = "visits.jsonl", "visits.csv"
PARTS = (JSONL, CSV)
MEMBERS = frozenset({MANIFEST, SIGNATURE, *PARTS})


DEMO_REFUSED = (
    "This comes from the demo kiosk: its visits are samples, never exported or imported as "
    "real ones."
)


class BundleError(ValueError):
    """A bundle that must not be imported. ``code`` is stable (for screens and APIs);
    the message says what is wrong in plain words."""

    def __init__(self, code: str, message: str, **info: Any) -> None:
        super().__init__(message)
        self.code = code
        self.info = info


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while many small objects are made (records hold no
    cycles): otherwise it walks the growing heap again and again, doubling the time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
