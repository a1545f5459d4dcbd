"""Packs that passed their check are not checked again at the next start (the home screen
waits for them), but any change to a pack, the day or the kept file brings a full check."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from kiosk.guides import loader
from kiosk.guides.checked import PACKS, PackCache
from kiosk.guides.example import write_example
from kiosk.guides.loader import default_dir, load_all

DAY = date(2026, 11, 30)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the packs really checked (memory empty at the start and the end)."""
    PACKS.forget()
    calls: list[str] = []
    real = loader.check_isolated

    def counting(folder: Path, today: date | None = None):  # type: ignore[no-untyped-def]
        calls.append(folder.name)
        return real(folder, today)

    monkeypatch.setattr(loader, "check_isolated", counting)
    yield calls
    PACKS.forget()


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    root = tmp_path / "guides"
    shutil.copytree(default_dir(), root, ignore=shutil.ignore_patterns("_*", "*.md"))
    return root


def test_the_next_start_shows_the_same_guides_without_checking_them(
    shipped: Path, checks: list[str]
) -> None:
    first = load_all(shipped, DAY)
    assert len(first.guides) == 9 and len(checks) == 9
    checks.clear()
    PACKS.forget()  # a new start: only the file in the data folder remains
    again = load_all(shipped, DAY)
    assert checks == []
    assert again == first  # every text, step, drawing path, source and warning


def test_one_changed_byte_brings_a_full_check_of_that_pack(
    shipped: Path, checks: list[str]
) -> None:
    load_all(shipped, DAY)
    checks.clear()
    drawing = shipped / "ihanoi" / "step02.svg"
    drawing.write_bytes(drawing.read_bytes().replace(b"<svg", b"<svg ", 1))
    load_all(shipped, DAY)
    assert checks == ["ihanoi"]


def test_a_broken_edit_is_refused_although_the_pack_passed_before(
    tmp_path: Path, checks: list[str]
) -> None:
    write_example(tmp_path / "g" / "demo-guide", steps=4)
    assert load_all(tmp_path / "g", DAY).guides
    toml = tmp_path / "g" / "demo-guide" / "guide.toml"
    toml.write_text(toml.read_text("utf-8").replace('id = "demo-guide"', 'id = "Demo Guide"'))
    PACKS.forget()
    library = load_all(tmp_path / "g", DAY)
    assert not library.guides and library.refused
    assert any(i.field == "id" for i in library.refused[0].issues)


def test_a_new_day_checks_again(shipped: Path, checks: list[str]) -> None:
    load_all(shipped, DAY)
    checks.clear()
    load_all(shipped, date(2026, 12, 1))
    assert len(checks) == 9


def test_refused_packs_are_never_kept(tmp_path: Path, checks: list[str]) -> None:
    (tmp_path / "g" / "broken").mkdir(parents=True)
    (tmp_path / "g" / "broken" / "guide.toml").write_text("id = ", "utf-8")
    load_all(tmp_path / "g", DAY)
    load_all(tmp_path / "g", DAY)
    assert checks == ["broken", "broken"]


@pytest.mark.parametrize(
    "kept",
    [
        "{ not json",
        json.dumps({"version": 1, "packs": []}),
        "WRONG",  # every entry replaced by something that is not a guide
    ],
)
def test_a_damaged_or_tampered_file_only_costs_a_full_check(
    shipped: Path, checks: list[str], kept: str
) -> None:
    first = load_all(shipped, DAY)
    path = PackCache.path()
    if kept == "WRONG":
        saved = json.loads(path.read_text("utf-8"))
        evil = {"$": "Popen", "args": ["touch", str(shipped / "owned")]}
        saved["packs"] = {k: {"guide": evil, "issues": []} for k in saved["packs"]}
        kept = json.dumps(saved)
    path.write_text(kept, "utf-8")
    PACKS.forget()
    checks.clear()
    again = load_all(shipped, DAY)
    assert len(checks) == 9
    assert again == first
    assert not (shipped / "owned").exists()
