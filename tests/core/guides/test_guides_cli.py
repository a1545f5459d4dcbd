"""``literacy-kiosk guides check``: what a coordinator sees in the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk import cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_clean_packs_give_a_summary_and_exit_0(pack) -> None:  # type: ignore[no-untyped-def]
    out = run("guides", "check", str(pack.root))
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == "1 guides, 5 steps: no problems."


def test_every_problem_is_printed_as_path_field_message(pack) -> None:  # type: ignore[no-untyped-def]
    (pack.folder / "step02.svg").unlink()
    pack.replace("minutes = 10", "minutes = 10\nvideo = 1")
    out = run("guides", "check", str(pack.root))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    toml = str(pack.toml)
    assert (
        lines[0] == f"{toml}: video: unknown field; allowed here: id, service, order, "
        "icon, official_url, sources, field_checked, minutes, version, text, steps, problems"
    )
    assert (
        lines[1] == f"{toml}: steps[2].picture: the picture step02.svg is missing from the folder"
    )
    assert lines[2] == "2 problems in 1 of 1 guides; the kiosk will not show those guides."


def test_warnings_fail_the_check_but_the_guide_loads(pack, capsys) -> None:  # type: ignore[no-untyped-def]
    import unicodedata

    pack.replace(
        'title = "Hướng dẫn mẫu"', 'title = "' + unicodedata.normalize("NFD", "Hướng dẫn mẫu") + '"'
    )
    assert cli.main(["guides", "check", str(pack.root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{pack.toml}: text.vi.title: is not in NFC form")
    assert lines[0].endswith("(warning: the guide is still shown)")
    assert lines[1] == "1 guides, 5 steps: 1 warning to fix."


def test_empty_or_missing_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["guides", "check", str(tmp_path)]) == 1
    assert "no guide folders found" in capsys.readouterr().out
    assert cli.main(["guides", "check", str(tmp_path / "nope")]) == 2


def test_new_writes_a_pack_that_passes(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["guides", "new", "my-guide", str(tmp_path)]) == 0
    assert (tmp_path / "my-guide" / "guide.toml").is_file()
    assert cli.main(["guides", "check", str(tmp_path)]) == 0
    assert cli.main(["guides", "new", "my-guide", str(tmp_path)]) == 2
    assert cli.main(["guides", "new", "Bad Id", str(tmp_path)]) == 2
