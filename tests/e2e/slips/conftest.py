"""Real CUPS for slip tests: the queues installer/services.d/slips.sh makes, a shell on a
tmp database, and ``require`` from tests/conftest.py (skip locally, fail in CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app_context import AppContext
from kiosk.settings import Settings

ROOT_CONFTEST = Path(__file__).resolve().parents[2] / "conftest.py"
PDF_DIR = Path(os.environ.get("KIOSK_CUPS_PDF_DIR", "/var/spool/cups-pdf/kiosk"))


@pytest.fixture
def require(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    for plugin in request.config.pluginmanager.get_plugins():
        if Path(getattr(plugin, "__file__", "") or "/").resolve() == ROOT_CONFTEST:
            return plugin.require
    raise RuntimeError("tests/conftest.py is not loaded")


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


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture
def make_shell(qtbot, qapp, db, clock, tmp_path: Path):  # type: ignore[no-untyped-def]
    from ui.assemble import App, build_kiosk
    from ui.fonts import register_fonts

    register_fonts()
    made: list[App] = []

    def make(settings: Settings) -> App:
        shell = build_kiosk(AppContext(settings, db, clock, []), fullscreen=False)
        qtbot.addWidget(shell.window)
        shell.window.resize(1366, 768)
        shell.window.show()
        qtbot.waitExposed(shell.window)
        made.append(shell)
        return shell

    yield make
    for shell in made:
        shell.quit_allowed = True
        shell.shutdown()
        shell.window.close()
