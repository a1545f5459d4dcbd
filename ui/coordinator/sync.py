"""Drives the outbox from a timer: every minute (and on demand) one round runs on the
background worker, so the screen never waits for the network."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ui.ops import Operations

if TYPE_CHECKING:
    from kiosk.export.outbox import Outbox, OutboxStatus

INTERVAL_MS = 60_000


class NetworkSync(QObject):
    status_changed = Signal(object)  # OutboxStatus

    def __init__(self, outbox: Outbox, ops: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox, self.ops = outbox, ops
        self.status: OutboxStatus | None = None
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        if self.outbox.configured:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def tick(self) -> None:
        """One round (queue what is new, send what is due), unless one is running."""
        if self.running:
            return
        self.running = True
        self.ops.run(self.outbox.tick, self._done, self._failed)

    def refresh(self) -> None:
        self.ops.run(self.outbox.status, self._done, self._failed)

    def _done(self, status: OutboxStatus) -> None:
        self.running = False
        self.status = status
        self.status_changed.emit(status)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        self.outbox.last_error = str(exc)
