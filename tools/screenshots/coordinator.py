"""A picture of the coordinator screen with totals, for the README's screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop


def capture_coordinator(shell: Any, out_dir: Path) -> Path:
    """Show the coordinator screen with its totals loaded and save it as a PNG. The
    totals count the kiosk's own visits (the demo's visits are never exported)."""
    screen = shell.export.coordinator
    summary = shell.export.desk.summary()
    status = shell.export.outbox.status()
    screen.totals.set_summary(summary)
    screen.show_status(status)
    shell.show("coordinator_reports")
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 200)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "coordinator.png"
    shell.window.grab().save(str(path))
    return path
