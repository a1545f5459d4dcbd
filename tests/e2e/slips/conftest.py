"""Real CUPS for slip tests: the queues installer/services.d/slips.sh makes, the shared
``make_shell`` and ``require`` come from tests/conftest.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PDF_DIR = Path(os.environ.get("KIOSK_CUPS_PDF_DIR", "/var/spool/cups-pdf/kiosk"))


def queue_ready(name: str) -> bool:
    if not shutil.which("lpstat"):
        return False
    run = subprocess.run(
        ["lpstat", "-r"], capture_output=True, text=True, env=dict(os.environ, LC_ALL="C")
    )
    if "is running" not in run.stdout:
        return False
    return subprocess.run(["lpstat", "-p", name], capture_output=True).returncode == 0


@pytest.fixture
def cups(require):  # type: ignore[no-untyped-def]
    """The scheduler and both test queues, as the setup script leaves them."""
    require(
        queue_ready("KioskPDF") and queue_ready("KioskStopped"),
        "CUPS with the KioskPDF and KioskStopped queues (bash installer/services.d/slips.sh)",
    )
    require(
        shutil.which("pdftotext") is not None and shutil.which("zbarimg") is not None,
        "pdftotext (poppler-utils) and zbarimg (zbar-tools)",
    )
    return PDF_DIR


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.fonts import register_fonts

    register_fonts()
