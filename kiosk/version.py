"""This build's version: the bundle's VERSION file (written by installer/build.sh), else the
installed package's."""

from __future__ import annotations

import sys
from pathlib import Path


def version() -> str:
    here = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    stamp = here / "VERSION"
    if stamp.is_file():
        return stamp.read_text("utf-8").strip()
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("literacy-kiosk")
    except PackageNotFoundError:
        return "unknown"
