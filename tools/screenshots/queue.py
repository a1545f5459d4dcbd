"""Pictures of the queue's screens for the README (used by installer/screenshots.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication


def _settle(shell) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        shell.ops.wait()
        QApplication.processEvents()


def capture_queue(shell, out_dir: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """Save the console, the citizen's ticket and the call screen as PNGs in ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    console = shell.queue.console
    shell.show("queue_console")
    console.pick_desk(1)
    _settle(shell)
    path = out_dir / "queue-console.png"
    shell.window.grab().save(str(path))
    saved.append(path)

    change = shell.queue.service.issue(["vneid"], priority="elderly", language=shell.t.lang)
    shell.queue.ticket_screen.show_ticket(change, shell.queue.service.estimate_for(change.visit_id))
    shell.show("queue_ticket")
    _settle(shell)
    path = out_dir / "queue-ticket.png"
    shell.window.grab().save(str(path))
    saved.append(path)

    shell.window.top_bar.setVisible(False)  # as in display mode
    shell.show("queue_display")
    shell.queue.call_screen.refresh()
    _settle(shell)
    path = out_dir / "queue-call-screen.png"
    shell.window.grab().save(str(path))
    saved.append(path)
    shell.window.top_bar.setVisible(True)
    shell.show("home")
    return saved
