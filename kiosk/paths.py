"""Where the kiosk keeps its files: resources shipped with it, and per-user data."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

APP_NAME = "literacy-kiosk"
DEMO_NOTE = "THIS-IS-THE-DEMO.txt"

# Set by use_demo(): where this process keeps its data and settings instead.
_overrides: dict[str, Path] = {}


def guides_dir() -> Path:
    """Where the guide packs are: ``KIOSK_GUIDES_DIR``, or the shipped ones."""
    env = os.environ.get("KIOSK_GUIDES_DIR")
    return Path(env) if env else resources_dir() / "guides"


def glossary_path() -> Path:
    """The plain-language glossary the guide checks use."""
    return resources_dir() / "i18n" / "glossary.toml"


def resources_dir() -> Path:
    """The folder with guide packs, fonts and translations.

    ``KIOSK_RESOURCES`` overrides; otherwise the checkout's ``resources/`` folder, then the
    installed copy under ``<prefix>/share/literacy-kiosk/resources``.
    """
    env = os.environ.get("KIOSK_RESOURCES")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / APP_NAME / "resources"


def data_dir() -> Path:
    """Per-user data folder (database, keys, outbox). ``KIOSK_DATA_DIR`` overrides; in the
    demo, the demo's own folder is used whatever is set."""
    path = _overrides.get("data") or _real_data_path()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _real_data_path() -> Path:
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The settings file. ``KIOSK_SETTINGS`` overrides; the demo has its own."""
    if "settings" in _overrides:
        return _overrides["settings"]
    env = os.environ.get("KIOSK_SETTINGS")
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "settings.toml"


def demo_dir() -> Path:
    """The demo's own folder, next to (never inside) the real data: ``KIOSK_DEMO_DIR``
    overrides, otherwise the per-user data folder of "literacy-kiosk-demo"."""
    env = os.environ.get("KIOSK_DEMO_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path(f"{APP_NAME}-demo", appauthor=False)


def use_demo(*, fresh: bool = True) -> Path:
    """Make this process the demo kiosk: its data (database, keys, outbox, reports) in
    ``<demo folder>/data``, emptied at each start when ``fresh``, and its settings in
    ``<demo folder>/settings.toml``. The real data and settings are not touched."""
    root = demo_dir()
    real = _real_data_path().resolve()
    if real == root.resolve() or real.is_relative_to(root.resolve()):
        raise SystemExit(f"The demo folder {root} holds the real data; choose another.")
    data = root / "data"
    if fresh and (root / DEMO_NOTE).is_file() and data.is_dir():
        shutil.rmtree(data)  # only ever a folder this function made (it has the note)
    root.mkdir(parents=True, exist_ok=True)
    (root / DEMO_NOTE).write_text(
        "This folder belongs to the demo (literacy-kiosk --demo). Its sample volunteers,\n"
        "visits and settings never reach the real kiosk, and are made afresh at each start.\n",
        "utf-8",
    )
    _overrides["data"] = data
    _overrides["settings"] = root / "settings.toml"
    return root


def leave_demo() -> None:
    """Back to the real folders (tests)."""
    _overrides.clear()
