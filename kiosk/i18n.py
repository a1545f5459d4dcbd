"""One Qt-free translation API for the screens and the slip PDF alike.

Catalogs are TOML files a translator can edit: ``resources/i18n/<lang>/*.toml``. Tables
give the dotted key (``[home]`` + ``title = ...`` is ``home.title``); the file names only
split the work. Placeholders use ``{name}``. A missing key falls back to English, then
Vietnamese, then shows the key itself, so a gap is visible but never a crash.

The pseudo-locale ``qps`` stretches English text by about 40% and wraps it in brackets,
so layouts that would clip a long translation are caught by tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.events import Event
from kiosk.paths import resources_dir

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English", "ar": "العربية", "qps": "[Ƥšéûđö]"}
RTL_LANGUAGES = frozenset({"ar"})
FALLBACK = ("en", "vi")
PSEUDO = "qps"


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, str], source: Path) -> None:
    for k, v in table.items():
        key = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict):
            _flatten(key, v, out, source)
        elif isinstance(v, str):
            if key in out:
                raise ValueError(f"{source}: key {key!r} is defined twice")
            out[key] = unicodedata.normalize("NFC", v)
        else:
            raise ValueError(f"{source}: {key!r} must be text")


def load_catalog(lang: str, root: Path | None = None) -> dict[str, str]:
    """Every key of one language's catalog files. The result is kept in the data folder's
    cache with the files' names, sizes and times of change, and used instead of reading
    the TOML again while these are all the same (see :func:`_kept`)."""
    folder = (root or resources_dir() / "i18n") / lang
    paths = sorted(folder.glob("*.toml"))
    stamp = _stamp(folder, paths)
    kept = _kept(lang, stamp)
    if kept is not None:
        return kept
    import tomllib

    out: dict[str, str] = {}
    for path in paths:
        with open(path, "rb") as fh:
            _flatten("", tomllib.load(fh), out, path)
    _keep(lang, stamp, out)
    return out


def _stamp(folder: Path, paths: list[Path]) -> list[Any]:
    stamp: list[Any] = [str(folder)]
    for path in paths:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            stamp.append([path.name, info.st_size, info.st_mtime_ns])
    return stamp


def _cache_file(lang: str) -> Path:
    from kiosk.paths import data_dir

    return data_dir() / "cache" / f"catalog-{lang}.json"


def _kept(lang: str, stamp: list[Any]) -> dict[str, str] | None:
    """The catalog as last read, if made from exactly these files (a missing, broken or
    odd file is simply not used)."""
    try:
        saved = json.loads(_cache_file(lang).read_text("utf-8"))
        keys: dict[str, str] = saved["keys"]
        if saved.get("stamp") != stamp or not isinstance(keys, dict):
            return None
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
        return None
    return keys


def _keep(lang: str, stamp: list[Any], keys: dict[str, str]) -> None:
    tmp: Path | None = None
    try:
        path = _cache_file(lang)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"stamp": stamp, "keys": keys}, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except (OSError, ValueError):  # a read-only data folder: read the TOML each time
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


@cache
def _catalog(lang: str) -> dict[str, str]:
    if lang == PSEUDO:
        return {k: _stretch(v) for k, v in load_catalog("en").items()}
    return load_catalog(lang)


_STRETCH = str.maketrans("aeiouAEIOU", "àéîõüÀÉÎÕÜ")


def _stretch(text: str) -> str:
    out, in_brace = [], False
    for ch in text:
        if ch == "{":
            in_brace = True
        if in_brace:
            out.append(ch)
        else:
            out.append(ch.translate(_STRETCH))
            if ch in "aeiouAEIOU":
                out.append(ch.translate(_STRETCH))
        if ch == "}":
            in_brace = False
    return "⟦" + "".join(out) + "⟧"


def translate(key: str, lang: str, **kwargs: Any) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    for code in (lang, *FALLBACK):
        text = _catalog(code).get(key)
        if text is not None:
            break
    else:
        return key
    if kwargs:
        with contextlib.suppress(KeyError, IndexError, ValueError):
            text = text.format(**kwargs)
    return text


class Translator:
    """The current language; :attr:`changed` is told the new one when it changes."""

    def __init__(self, lang: str = "vi") -> None:
        self.lang = lang
        self.changed: Event[str] = Event()

    def t(self, key: str, **kwargs: Any) -> str:
        return translate(key, self.lang, **kwargs)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    def set_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        self.changed.emit(lang)

    def subscribe(self, fn: Callable[[str], None]) -> Callable[[], None]:
        """Plain-Python listeners (the slip PDF, the CLI); screens use ``ui.qt_events``."""
        return self.changed.subscribe(fn)
