from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk import cli


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_add_and_list_volunteers_without_a_screen() -> None:
    out = run("volunteer", "add", "Nguyễn Thị Lan", "--pin-stdin", stdin="2468\n")
    assert out.returncode == 0, out.stderr
    assert "added volunteer Nguyễn Thị Lan" in out.stdout
    out = run("volunteer", "add", "Trần Minh", "--coordinator", "--pin-stdin", stdin="1357\n")
    assert out.returncode == 0
    listing = run("volunteer", "list").stdout
    assert "volunteer\tNguyễn Thị Lan" in listing and "coordinator\tTrần Minh" in listing


def test_a_weak_pin_is_refused_with_a_message() -> None:
    out = run("volunteer", "add", "Lan", "--pin-stdin", stdin="1111\n")
    assert out.returncode == 2 and "too easy" in out.stderr


def test_settings_show_names_bad_keys(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[queue]\ndesks = 0\n", encoding="utf-8")
    out = run("--settings", str(path), "settings", "show")
    assert out.returncode == 1
    assert "queue.desks: must be from 1 to 20, not 0" in out.stderr
    assert "desks = 2" in out.stdout


def test_chores_do_not_load_qt() -> None:
    code = (
        "import sys; from ui.main import main; main(['settings', 'path']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_parser_lists_the_chores() -> None:
    text = cli.build_parser().format_help()
    for chore in cli.CHORES:
        assert chore in text


def test_every_chore_a_part_adds_is_known_without_importing_it() -> None:
    """``literacy-kiosk export ...`` must reach the chore even though the app's start no
    longer imports every part's CLI: the name list and the registered chores agree."""
    from kiosk import cli

    cli._load_extras()
    assert set(cli.EXTRA) == set(cli.EXTRA_MODULES)
