"""The home screen's guide tiles as the last full reading of the guide packs gave them, so
the first screen can be drawn before the packs are read.

Reading and checking the packs (even unchanged ones, see :mod:`kiosk.guides.checked`) and
loading the guide model's code is the largest part of what the home screen would wait for.
The tiles (each guide's id, picture, minutes and title in every language, words already
kept together) are kept in the data folder's cache as JSON, with the name, size and time
of change of every file in every pack folder and of the glossary. When any of these
differs, or the file is missing or unreadable, the kept tiles are not used and the packs
are read before the first screen, as they would be without this file.

Right after the first paint the packs are read in full anyway (the guides need them); if
the tiles they give differ from the kept ones, the home screen is redrawn and this file
written again. So a stale file can only ever show the previous titles for a moment.

This module stays light on purpose: the standard library only.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any, NamedTuple

VERSION = 1


class HomeTile(NamedTuple):
    key: str  # the guide's id
    icon: str  # the drawing's path, or "" for none
    minutes: int
    titles: dict[str, str]  # language -> title
    labels: dict[str, str]  # language -> title with its words kept together, for the tile


def cache_file() -> Path:
    from kiosk.paths import data_dir

    return data_dir() / "cache" / "home-tiles.json"


def pack_files(root: Path, glossary: Path) -> list[list[Any]]:
    """Name, size and time of change of each file of each pack (in the order the loader
    reads them), then of the glossary: what the kept tiles were made from."""
    seen: list[list[Any]] = []
    try:
        folders = sorted(
            e.name for e in os.scandir(root) if e.is_dir() and not e.name.startswith(("_", "."))
        )
    except OSError:
        return [["no packs", str(root)]]
    for name in folders:
        for top, dirs, files in os.walk(root / name):
            dirs.sort()
            for f in sorted(files):
                path = os.path.join(top, f)
                try:
                    info = os.lstat(path)
                except OSError:
                    info = None
                rel = os.path.relpath(path, root)
                seen.append([rel, info.st_size, info.st_mtime_ns] if info else [rel])
    try:
        info = os.stat(glossary)
        seen.append(["glossary", str(glossary), info.st_size, info.st_mtime_ns])
    except OSError:
        seen.append(["glossary", str(glossary)])
    return seen


def read(root: Path, glossary: Path) -> list[HomeTile] | None:
    """The kept tiles, if they were made from exactly the packs as they are now."""
    try:
        saved = json.loads(cache_file().read_text("utf-8"))
        if (
            saved.get("version") != VERSION
            or saved.get("root") != str(root)
            or saved.get("files") != pack_files(root, glossary)
        ):
            return None
        tiles = [
            HomeTile(
                str(t["key"]),
                str(t["icon"]),
                int(t["minutes"]),
                dict(t["titles"]),
                dict(t["labels"]),
            )
            for t in saved["tiles"]
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    words = [v for t in tiles for v in (*t.titles.values(), *t.labels.values())]
    if not tiles or not all(isinstance(v, str) for v in words):
        return None
    return tiles


def write(root: Path, glossary: Path, tiles: list[HomeTile]) -> None:
    """Keep ``tiles`` (atomically; a cache that cannot be written is simply not kept)."""
    tmp: Path | None = None
    try:
        path = cache_file()
        body = {
            "version": VERSION,
            "root": str(root),
            "files": pack_files(root, glossary),
            "tiles": [t._asdict() for t in tiles],
        }
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(body, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except (OSError, ValueError):  # ValueError: a file name that is not UTF-8
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
