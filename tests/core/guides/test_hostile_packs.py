"""One bad guide pack, whatever is wrong with it, is refused with a reason and the others
are shown; ``guides check`` always finishes, within a time budget the test enforces by
running it in its own process."""

from __future__ import annotations

import os
import random
import tomllib
from pathlib import Path

import pytest

from kiosk.guides.loader import load_all
from kiosk.guides.safe_read import MAX_TOML_DEPTH, scan_toml, toml_depth
from tests.hostile_packs import CASES, Case, copy_pack, mutate, run_check, shipped_ids

FUZZ_CASES = int(os.environ.get("KIOSK_FUZZ_CASES", "30"))


def _problem_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": " in line and "/" in line.split(": ")[0]]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_hostile_pack_is_refused_with_its_reason_and_the_others_load(
    tmp_path: Path, case: Case
) -> None:
    good_id, base_id = shipped_ids()[:2]
    root = tmp_path / "guides"
    copy_pack(good_id, root)
    bad = copy_pack(base_id, root, case.name)
    case.make(bad)

    done = run_check(root)  # first in its own process: a hang would end here, not below
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 1, done.stdout
    lines = _problem_lines(done.stdout)
    named = [line for line in lines if f"{case.name}/{case.file}: " in line]
    assert named, done.stdout
    assert any(case.says in line for line in named), named
    assert not [line for line in lines if f"/{good_id}/" in line]
    assert "the kiosk will not show those guides" in done.stdout

    library = load_all(root)
    assert [g.id for g in library.guides] == [good_id]
    assert [r.folder.name for r in library.refused] == [case.name]
    assert case.says in library.refused[0].message


@pytest.mark.parametrize(
    "text",
    [
        "deep = " + "[" * 100_000 + "]" * 100_000,
        "deep = " + "{a = " * 5000 + "1" + "}" * 5000,
        "a = 1\nb = [" + "{c = [" * 40_000,
    ],
)
def test_deep_nesting_is_measured_before_the_recursive_parser(text: str) -> None:
    assert toml_depth(text, MAX_TOML_DEPTH) is not None
    with pytest.raises(RecursionError):  # what the scan saves the kiosk from
        tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        'a = "[[[[[[[[[[[[[[[[[[[["',
        "a = '{{{{{{{{{{{{{{{{{{{{{{'",
        'a = """\n[[[[[[[[[[[[[[[[[[[\\"""\n"""',
        "a = '''\n{{{{{{{{{{{{{{{{{{'''",
        "# [[[[[[[[[[[[[[[[[[[[[[[[[[\na = 1",
        'a = [[["x\\"]"]]]',
        '[[steps]]\n[steps.vi]\ntext = "[1] {2}"',
    ],
)
def test_brackets_inside_text_and_comments_are_not_nesting(text: str) -> None:
    tomllib.loads(text)  # valid TOML
    assert toml_depth(text, 4) is None


def test_a_key_of_thousands_of_dotted_parts_is_refused_before_parsing() -> None:
    assert scan_toml("x" + ".x" * 60_000 + " = 1", MAX_TOML_DEPTH) == (1, "dots")
    assert scan_toml('[steps.vi]\ntext = "a. b. c. d. ' + ". " * 100 + '"', MAX_TOML_DEPTH) is None


def test_hidden_characters_in_a_reason_are_shown_as_codes(tmp_path: Path) -> None:
    root = tmp_path / "guides"
    bad = copy_pack(shipped_ids()[0], root, "sneaky")
    path = bad / "guide.toml"
    path.write_text('"a\\u202eb\\u001b[2J" = 1\n' + path.read_text("utf-8"), "utf-8")
    done = run_check(root)
    assert done.returncode == 1
    assert "\u202e" not in done.stdout and "\x1b" not in done.stdout
    assert "a\\u202eb\\u001b[2J: unknown field" in done.stdout


@pytest.mark.parametrize("seed", range(FUZZ_CASES))
def test_randomly_damaged_packs_never_crash_or_hang_the_check(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    ids = shipped_ids()
    good_id = ids[seed % len(ids)]
    base_id = rng.choice([i for i in ids if i != good_id])
    root = tmp_path / "guides"
    copy_pack(good_id, root)
    damaged = copy_pack(base_id, root, "damaged")
    what = mutate(damaged, rng)

    done = run_check(root)
    assert "Traceback" not in done.stderr + done.stdout, what
    assert done.returncode in (0, 1), (what, done.stdout, done.stderr)
    lines = _problem_lines(done.stdout)
    assert not [line for line in lines if f"/{good_id}/" in line], what
    summary = done.stdout.strip().splitlines()[-1]
    assert "guides" in summary, (what, done.stdout)
    library = load_all(root)
    assert good_id in [g.id for g in library.guides], what
