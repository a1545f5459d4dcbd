"""Catalogs are kept ready to use between starts (kiosk.i18n), never out of date."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk import i18n


def write(root: Path, text: str, bump: int = 0) -> Path:
    path = root / "vi" / "core.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    if bump:
        t = os.stat(path).st_mtime_ns + bump
        os.utime(path, ns=(t, t))
    return path


def test_a_catalog_read_once_is_kept_and_then_used(tmp_path: Path) -> None:
    root = tmp_path / "i18n"
    write(root, '[home]\ntitle = "Chào bác"\n')
    assert i18n.load_catalog("vi", root) == {"home.title": "Chào bác"}
    kept = json.loads(i18n._cache_file("vi").read_text("utf-8"))
    assert kept["keys"] == {"home.title": "Chào bác"}
    # The kept copy is what the next start reads: change it and the start shows the change.
    kept["keys"]["home.title"] = "from the kept copy"
    i18n._cache_file("vi").write_text(json.dumps(kept), "utf-8")
    assert i18n.load_catalog("vi", root) == {"home.title": "from the kept copy"}


def test_an_edited_catalog_is_read_again(tmp_path: Path) -> None:
    root = tmp_path / "i18n"
    write(root, '[home]\ntitle = "Chào bác"\n')
    i18n.load_catalog("vi", root)
    write(root, '[home]\ntitle = "Xin chào bác"\n', bump=2_000_000_000)
    assert i18n.load_catalog("vi", root) == {"home.title": "Xin chào bác"}


def test_a_new_catalog_file_is_read(tmp_path: Path) -> None:
    root = tmp_path / "i18n"
    write(root, '[home]\ntitle = "Chào bác"\n')
    i18n.load_catalog("vi", root)
    (root / "vi" / "queue.toml").write_text('[queue]\ntitle = "Hàng chờ"\n', "utf-8")
    assert i18n.load_catalog("vi", root)["queue.title"] == "Hàng chờ"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\xff\xfe not json",
        b"[]",
        b'{"stamp": null, "keys": {}}',
        b'{"keys": {"home.title": 5}}',
        b"[" * 50_000,
    ],
)
def test_a_broken_kept_copy_is_ignored(tmp_path: Path, body: bytes) -> None:
    root = tmp_path / "i18n"
    write(root, '[home]\ntitle = "Chào bác"\n')
    i18n.load_catalog("vi", root)
    i18n._cache_file("vi").write_bytes(body)
    assert i18n.load_catalog("vi", root) == {"home.title": "Chào bác"}


def test_a_broken_catalog_is_never_kept(tmp_path: Path) -> None:
    root = tmp_path / "i18n"
    write(root, '[home]\ntitle = "Chào bác"\ntitle = "twice"\n')
    with pytest.raises(ValueError):
        i18n.load_catalog("vi", root)
    assert not i18n._cache_file("vi").exists()


def test_a_read_only_data_folder_still_gives_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "i18n"
    write(root, '[home]\ntitle = "Chào bác"\n')
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be", "utf-8")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(blocked))
    assert i18n.load_catalog("vi", root) == {"home.title": "Chào bác"}
