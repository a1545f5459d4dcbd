"""A valid example pack in a temporary folder, and a way to break it on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.guides.example import write_example


class Pack:
    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.folder = folder
        self.toml = folder / "guide.toml"

    def replace(self, old: str, new: str, count: int = 1) -> None:
        text = self.toml.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in the example pack"
        self.toml.write_text(text.replace(old, new, count), encoding="utf-8")

    def append(self, text: str) -> None:
        with open(self.toml, "a", encoding="utf-8") as fh:
            fh.write("\n" + text + "\n")

    def svg(self, name: str, body: str) -> Path:
        path = self.folder / name
        path.write_text(body, encoding="utf-8")
        return path


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    root = tmp_path / "guides"
    return Pack(root, write_example(root / "demo-guide"))
