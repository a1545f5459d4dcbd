"""Where the kiosk keeps its files: resources shipped with it, and per-user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "literacy-kiosk"


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
    """Per-user data folder (database, keys, outbox). ``KIOSK_DATA_DIR`` overrides."""
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        path = Path(env)
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_file() -> Path:
    """The settings file. ``KIOSK_SETTINGS`` overrides."""
    env = os.environ.get("KIOSK_SETTINGS")
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "settings.toml"
