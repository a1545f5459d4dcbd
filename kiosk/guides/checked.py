"""Guide packs already checked, kept by their exact content so the kiosk does not check
unchanged packs again at every start.

A pack's full check (safe reading, every field, the drawings, the plain-language rules)
is most of what the home screen waits for. A pack that passed is stored here with its
warnings, under a key made of the SHA-256 of every file in its folder, the folder's
place, the checking code and glossary, and the day (some warnings depend on the date).
Any change to any of these, down to one byte, and the pack is checked again in full.
Refused packs are never stored: their problems are always found afresh.

The file holds plain JSON, read back only into the guide model's own classes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import stat
import sys
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.guides.model import (
    Explainer,
    Guide,
    GuideText,
    Issue,
    Problem,
    ProblemText,
    Source,
    Step,
    StepText,
)

log = logging.getLogger(__name__)

VERSION = 1
MAX_FILES = 64  # a shipped pack has a guide.toml, an icon and up to a dozen drawings
MAX_BYTES = 8 * 1024 * 1024  # bigger folders are simply checked every time
MAX_SAVED = 400  # entries kept in the file (old days and old versions drop out)

_CLASSES: dict[str, type] = {
    c.__name__: c
    for c in (Guide, GuideText, Step, StepText, Explainer, Problem, ProblemText, Source, Issue)
}


@cache
def code_digest() -> str:
    """What the result of a check depends on besides the pack: the checking code and the
    glossary. The code is its source files; a bundle, which has none, stands for its code
    with its version and its program file."""
    from kiosk.paths import glossary_path

    h = hashlib.sha256(f"{VERSION}".encode())
    sources = sorted(Path(__file__).parent.glob("*.py"))
    for path in sources:
        with contextlib.suppress(OSError):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    if not sources:
        from kiosk.version import version

        h.update(version().encode() + b"\0")
        with contextlib.suppress(OSError):
            info = os.stat(sys.executable)
            h.update(f"{sys.executable}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    with contextlib.suppress(OSError):
        h.update(b"glossary\0" + glossary_path().read_bytes())
    return h.hexdigest()


def _regular_bytes(path: str) -> bytes:
    """The bytes of a regular file, never waiting on a pipe swapped in meanwhile."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    return f"{len(data)}\0".encode() + data


def pack_digest(folder: Path) -> str | None:
    """SHA-256 over the names, kinds and bytes of every file in the pack's folder; None
    when the folder is too big or odd to be worth keeping (it is then checked each time)."""
    h = hashlib.sha256()
    total = count = 0
    try:
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(top, d))]:
                path = os.path.join(top, name)
                rel = os.path.relpath(path, folder)
                count += 1
                if count > MAX_FILES:
                    return None
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode):
                    h.update(b"L" + rel.encode("utf-8", "surrogateescape") + b"\0")
                    h.update(os.readlink(path).encode("utf-8", "surrogateescape") + b"\0")
                    continue
                if not stat.S_ISREG(info.st_mode):
                    return None  # a pipe or a device: never read here, the check refuses it
                total += info.st_size
                if total > MAX_BYTES:
                    return None
                h.update(b"F" + rel.encode("utf-8", "surrogateescape") + b"\0")
                h.update(_regular_bytes(path))
    except OSError:
        return None
    return h.hexdigest()


def _encode(value: object) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        body = {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
        return {"$": type(value).__name__, **body}
    if isinstance(value, Path):
        return {"$path": str(value)}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, Mapping):
        return {"$map": {str(k): _encode(v) for k, v in value.items()}}
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict):
        if "$path" in value:
            return Path(value["$path"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        if "$map" in value:
            return {k: _decode(v) for k, v in value["$map"].items()}
        cls = _CLASSES[value["$"]]  # only the guide model's own classes
        return cls(**{k: _decode(v) for k, v in value.items() if k != "$"})
    return value


Check = Callable[[Path, date | None], tuple[Guide | None, list[Issue]]]


class PackCache:
    """Checked packs by key, in the data folder's cache (read once, written atomically)."""

    def __init__(self) -> None:
        self._entries: dict[str, Any] | None = None
        self._dirty = False

    @staticmethod
    def path() -> Path:
        from kiosk.paths import data_dir

        return data_dir() / "cache" / "guide-checks.json"

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = {}
            with contextlib.suppress(OSError, ValueError):
                saved = json.loads(self.path().read_text("utf-8"))
                if saved.get("version") == VERSION and isinstance(saved.get("packs"), dict):
                    self._entries = saved["packs"]
        return self._entries

    def check(
        self, folder: Path, today: date | None, check: Check
    ) -> tuple[Guide | None, list[Issue]]:
        """``check(folder, today)``, or what it gave last time for the very same pack."""
        digest = pack_digest(folder)
        if digest is None:
            return check(folder, today)
        day = (today or date.today()).isoformat()
        key = hashlib.sha256(
            f"{code_digest()}\0{folder.resolve()}\0{day}\0{digest}".encode(
                "utf-8", "surrogateescape"
            )
        ).hexdigest()
        entries = self._load()
        kept = entries.get(key)
        if kept is not None:
            try:
                guide = _decode(kept["guide"])
                issues = list(_decode(kept["issues"]))
                if isinstance(guide, Guide) and all(isinstance(i, Issue) for i in issues):
                    return guide, issues
            except (KeyError, TypeError, ValueError):
                log.warning("a kept guide check could not be read; checking %s again", folder)
            entries.pop(key, None)
        guide, issues = check(folder, today)
        if guide is not None:
            entries[key] = {"guide": _encode(guide), "issues": _encode(issues)}
            self._dirty = True
        return guide, issues

    def save(self) -> None:
        """Write the entries down (atomically); a read-only data folder is no problem."""
        if not self._dirty or self._entries is None:
            return
        path = self.path()
        entries = dict(list(self._entries.items())[-MAX_SAVED:])
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"version": VERSION, "packs": entries}), "utf-8")
            os.replace(tmp, path)
            self._dirty = False

    def forget(self) -> None:
        """Drop what is held in memory (the next check reads the file again)."""
        self._entries, self._dirty = None, False


PACKS = PackCache()
