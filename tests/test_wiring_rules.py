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


def test_no_part_reaches_another_through_the_shell() -> None:
    """The parts are wired in ui/assemble.py, with their links passed in; the shell has
    no ``__getattr__`` and nothing looks a part up on it."""
    part = re.compile(r"\b(shell|self\.shell)\.(queue|guides|slips|export|help)\b|getattr\(shell")
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name == "assemble.py":
            continue
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if part.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []
    assert "__getattr__" not in (ROOT / "ui" / "shell.py").read_text(encoding="utf-8")
