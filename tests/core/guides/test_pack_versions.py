"""A guide pack's version: written by its author, checked, and read quickly for the log
bundle so the coordinator can see which edition each kiosk holds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.guides.example import write_example
from kiosk.guides.loader import pack_versions
from kiosk.guides.validate import check_pack


def test_each_pack_reports_the_version_its_author_wrote(tmp_path: Path) -> None:
    root = tmp_path / "guides"
    newer = write_example(root / "vneid-help")
    toml = newer / "guide.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('version = "2026.11.20"', 'version = "3.1"'),
        encoding="utf-8",
    )
    unversioned = write_example(root / "etax-help")
    toml = unversioned / "guide.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('version = "2026.11.20"\n', ""),
        encoding="utf-8",
    )
    (write_example(root / "broken") / "guide.toml").write_text("id = [", encoding="utf-8")
    write_example(root / "_draft")
    guide, found = check_pack(newer, today=date(2026, 11, 28))
    assert guide is not None and guide.version == "3.1"
    guide, found = check_pack(unversioned, today=date(2026, 11, 28))
    assert guide is not None and guide.version == ""
    assert pack_versions(root) == {"vneid-help": "3.1", "etax-help": ""}


def test_a_version_that_is_not_short_plain_text_is_refused(tmp_path: Path) -> None:
    folder = write_example(tmp_path / "vneid-help")
    toml = folder / "guide.toml"
    text = toml.read_text(encoding="utf-8")
    for bad in ("3", '"bản mới"', '"2026.11.30 final"', '"' + "9" * 21 + '"'):
        toml.write_text(text.replace('version = "2026.11.20"', f"version = {bad}"), "utf-8")
        guide, found = check_pack(folder, today=date(2026, 11, 28))
        assert guide is None, bad
        assert [i.field for i in found] == ["version"], bad
        assert 'e.g. "2026.11.30"' in found[0].message
        assert pack_versions(tmp_path) == {"vneid-help": ""}, bad
