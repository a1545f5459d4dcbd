"""The home tiles kept from the last reading of the packs (kiosk.home_tiles): the first
screen shows them without reading the packs, and never keeps showing wrong ones."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk import home_tiles
from kiosk.app_context import AppContext
from kiosk.paths import glossary_path
from kiosk.settings import Settings
from tests.conftest import assert_nothing_left_running
from ui.assemble import App, build_kiosk


@pytest.fixture
def start(qtbot: Any, db: Any, clock: Any, tmp_path: Path) -> Iterator[Callable[[], App]]:
    """Start the kiosk as ui.app does: home screen first, the rest by build_rest()."""
    made: list[App] = []

    def make() -> App:
        s = Settings(path=tmp_path / "settings.toml")
        shell = build_kiosk(AppContext(s, db, clock, []), fullscreen=False, home_first=True)
        qtbot.addWidget(shell.window)
        made.append(shell)
        return shell

    yield make
    for shell in made:
        shell.build_rest()
        shell.quit_allowed = True
        shell.shutdown()
        shell.window.close()
        assert_nothing_left_running(shell)


def tile_words(shell: App) -> dict[str, str]:
    return {key: tile.words() for key, tile in shell.home.tiles.items()}


def rename(pack: Path, old: str, new: str) -> None:
    toml = pack / "guide.toml"
    text = toml.read_text("utf-8")
    assert old in text
    toml.write_text(text.replace(old, new), "utf-8")
    later = os.stat(toml).st_mtime_ns + 5_000_000_000
    os.utime(toml, ns=(later, later))  # a different time of change, even on a coarse clock


def test_second_start_shows_the_same_tiles_before_reading_the_packs(
    start: Callable[[], App], guides_dir: Path
) -> None:
    assert not home_tiles.cache_file().exists()
    first = start()
    assert first.guides._loaded  # nothing kept yet: the packs were read at once
    assert len(first.home.tiles) == 2
    first.build_rest()
    expected = tile_words(first)
    assert home_tiles.cache_file().exists()

    second = start()
    assert not second.guides._loaded  # the packs are not read before the first paint
    assert tile_words(second) == expected
    assert all(t._icon.pixmap() is not None for t in second.home.tiles.values())
    second.build_rest()
    assert second.guides._loaded
    assert tile_words(second) == expected


def test_a_changed_pack_is_read_before_the_first_screen(
    start: Callable[[], App], guides_dir: Path
) -> None:
    start().build_rest()
    rename(guides_dir / "demo-guide", "Hướng dẫn mẫu", "Tiêu đề mới của hướng dẫn")
    shell = start()
    assert shell.guides._loaded  # the kept tiles no longer match: the packs were read
    assert "Tiêu đề mới của hướng dẫn" in " ".join(tile_words(shell).values()).replace(
        "\u00a0", " "
    )


def test_stale_kept_tiles_are_replaced_once_the_packs_are_read(
    start: Callable[[], App], guides_dir: Path
) -> None:
    first = start()
    first.build_rest()
    right = tile_words(first)
    path = home_tiles.cache_file()
    saved = json.loads(path.read_text("utf-8"))
    for t in saved["tiles"]:
        t["labels"] = {lang: "Old words" for lang in t["labels"]}
    path.write_text(json.dumps(saved), "utf-8")

    shell = start()
    assert set(tile_words(shell).values()) == {"Old words"}  # still matching the files
    shell.build_rest()
    assert tile_words(shell) == right  # the packs said otherwise: redrawn
    kept = home_tiles.read(guides_dir, glossary_path())
    assert kept is not None and "Old words" not in {v for t in kept for v in t.labels.values()}


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\x00\xff garbage",
        b"[]",
        b'{"version": 1}',
        b"{" * 100_000,
        b"[" * 100_000,
        b'{"version": 1, ',
    ],
)
def test_a_broken_kept_file_is_ignored(
    start: Callable[[], App], guides_dir: Path, body: bytes
) -> None:
    start().build_rest()
    right = tile_words(start())
    home_tiles.cache_file().write_bytes(body)
    shell = start()
    assert shell.guides._loaded  # read from the packs instead
    assert tile_words(shell) == right


def test_a_file_name_that_is_not_utf8_does_not_stop_the_kiosk(
    start: Callable[[], App], guides_dir: Path
) -> None:
    odd = os.fsencode(guides_dir / "demo-guide") + b"/notes-\xff.txt"
    with open(odd, "wb") as fh:
        fh.write(b"x")
    shell = start()  # the tiles cannot be kept under that name: no file, no crash
    shell.build_rest()
    assert len(shell.home.tiles) == 2
    assert home_tiles.read(guides_dir, glossary_path()) is None


def test_with_no_guide_the_home_screen_has_a_tile_per_service(
    start: Callable[[], App], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-guides"
    empty.mkdir()
    monkeypatch.setenv("KIOSK_GUIDES_DIR", str(empty))
    shell = start()
    shell.build_rest()
    assert list(shell.home.tiles) == list(shell.home.services) != []
    assert all(tile.words() for tile in shell.home.tiles.values())
    assert not home_tiles.cache_file().exists()  # nothing to keep
