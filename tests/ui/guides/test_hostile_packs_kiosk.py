"""The kiosk starts whatever is wrong with a guide pack: the good guides are on the home
screen and each refused pack is named, with its reason, on the volunteer screen."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile_packs import CASES, Case, copy_pack, mutate, shipped_ids

START_BUDGET = 120.0  # seconds for a whole start of the app in its own process
KIOSK_STARTS = int(os.environ.get("KIOSK_FUZZ_STARTS", "8"))


def _shown_and_named(shell) -> tuple[set[str], str]:  # type: ignore[no-untyped-def]
    return set(shell.home.tiles), shell.staff.problems.text()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_kiosk_starts_with_a_hostile_pack(
    make_shell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    good_id, base_id = shipped_ids()[:2]
    root = tmp_path / "guides"
    copy_pack(good_id, root)
    case.make(copy_pack(base_id, root, case.name))
    monkeypatch.setenv("KIOSK_GUIDES_DIR", str(root))
    shell = make_shell()
    tiles, problems = _shown_and_named(shell)
    assert good_id in tiles and case.name not in tiles
    assert f"'{case.name}' was not loaded" in problems
    assert case.says in problems


@pytest.mark.parametrize("seed", range(KIOSK_STARTS))
def test_the_kiosk_starts_with_a_randomly_damaged_pack(
    make_shell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(1000 + seed)
    ids = shipped_ids()
    good_id = ids[seed % len(ids)]
    root = tmp_path / "guides"
    copy_pack(good_id, root)
    what = mutate(copy_pack(rng.choice([i for i in ids if i != good_id]), root, "damaged"), rng)
    monkeypatch.setenv("KIOSK_GUIDES_DIR", str(root))
    shell = make_shell()
    tiles, problems = _shown_and_named(shell)
    assert good_id in tiles, what
    if "damaged" not in tiles:  # refused: then it is named
        assert "'damaged' was not loaded" in problems, what


def test_the_app_starts_in_its_own_process_with_every_hostile_pack_at_once(
    tmp_path: Path,
) -> None:
    ids = shipped_ids()
    root = tmp_path / "guides"
    for gid in ids:
        copy_pack(gid, root)
    for case in CASES:
        case.make(copy_pack(ids[0], root, case.name))
    env = {
        **os.environ,
        "KIOSK_GUIDES_DIR": str(root),
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_TTS_ENGINE": "mock",
    }
    done = subprocess.run(
        [sys.executable, "-m", "ui.main", "--exit-when-ready", "--windowed"],
        env=env,
        capture_output=True,
        text=True,
        timeout=START_BUDGET,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("READY ")
    for case in CASES:
        assert f"'{case.name}' was not loaded" in done.stderr
    for gid in ids:
        assert f"'{gid}' was not loaded" not in done.stderr
