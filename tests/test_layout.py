"""Test files are collected by their base name, so two with the same name in different
folders would stop the whole run; this says which ones clash before that happens."""

from collections import Counter
from pathlib import Path


def test_every_test_file_has_its_own_name() -> None:
    names = Counter(p.name for p in Path(__file__).parent.rglob("test_*.py"))
    assert [n for n, count in names.items() if count > 1] == []
