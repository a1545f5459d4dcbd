"""Exports a kiosk's visits to a folder in a process of its own (used by the kill test):

    python exporter.py KIOSK_DB KEY_FOLDER TARGET_FOLDER [die-before-marking]

With ``die-before-marking`` the process kills itself (SIGKILL) the moment the bundle is
written and read back, before its visits are marked: a power cut at the worst time."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import kiosk.export.usb as usb
from kiosk.export.keys import load_or_create_signing_key
from kiosk.storage import open_database


def main() -> None:
    db = open_database(f"sqlite:///{sys.argv[1]}")
    key = load_or_create_signing_key(Path(sys.argv[2]))
    if sys.argv[4:] == ["die-before-marking"]:

        def die(*_args: object, **_kwargs: object) -> None:
            os.kill(os.getpid(), signal.SIGKILL)

        usb.mark_exported = die  # type: ignore[assignment]
    result = usb.export_to_folder(db, Path(sys.argv[3]), key)
    print(result.path.name if result.path else "-", flush=True)


if __name__ == "__main__":
    main()
