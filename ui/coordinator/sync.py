"""Drives the outbox from a timer: every minute (and on demand) one round runs. Its
database steps go on the database lane, in order with the queue's actions; the upload
itself goes on the I/O lane, so a collector that never answers delays no queue action
and the screen never waits for the network."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ui.ops import Lane, Operations

if TYPE_CHECKING:
    from kiosk.export.outbox import Attempt, Outbox, OutboxStatus, Reply, Upload

INTERVAL_MS = 60_000


class NetworkSync(QObject):
    status_changed = Signal(object)  # OutboxStatus

    def __init__(self, outbox: Outbox, ops: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox, self.ops = outbox, ops
        self.status: OutboxStatus | None = None
        self.running = False
        self._due: list[int] = []
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
        self.ops.run(self.outbox.begin_round, self._round, self._failed)

    def refresh(self) -> None:
        self.ops.run(self.outbox.status, self._done, self._failed)

    # -- one round: database, network, database, for each batch due --------------------
    def _round(self, due: list[int]) -> None:
        self._due = list(due)
        self._next()

    def _next(self) -> None:
        if not self._due:
            self.ops.run(self.outbox.status, self._done, self._failed)
            return
        batch_id = self._due.pop(0)
        self.ops.run(lambda: self.outbox.prepare(batch_id), self._prepared, self._failed)

    def _prepared(self, upload: Upload | Attempt) -> None:
        from kiosk.export.outbox import Attempt

        if isinstance(upload, Attempt):
            self._attempted(upload)
            return
        self.ops.run(
            lambda: self.outbox.send(upload),
            lambda reply: self._replied(upload, reply),
            self._failed,
            lane=Lane.IO,
        )

    def _replied(self, upload: Upload, reply: Reply) -> None:
        self.ops.run(lambda: self.outbox.record(upload, reply), self._attempted, self._failed)

    def _attempted(self, attempt: Attempt) -> None:
        if not attempt.ok:
            self._due = []  # offline: the rest waits for their own turn
        self._next()

    def _done(self, status: OutboxStatus) -> None:
        self.running = False
        self.status = status
        self.status_changed.emit(status)

    def _failed(self, exc: Exception) -> None:
        # Sending is background work: the coordinator's screen shows the last error.
        self.running = False
        self._due = []
        self.outbox.last_error = str(exc)
