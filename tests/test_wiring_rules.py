"""Rules for how the screens are wired, checked on the source so a slip is caught early."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_screens_hear_core_events_only_through_the_relay() -> None:
    """A direct ``.subscribe(`` from ui/ outlives its widget; ``ui.qt_events.listen`` does
    not. Only the relay itself subscribes."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name == "qt_events.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.subscribe\(", line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []
