"""Feeds the core idle machine: every touch, click or key is activity; a timer ticks it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from kiosk.idle import IdleMachine

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    def __init__(
        self, machine: IdleMachine, parent: QObject | None = None, interval_ms: int = 1000
    ) -> None:
        super().__init__(parent)
        self.machine = machine
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(machine.tick)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in INPUT_EVENTS:
            self.machine.activity()
        return False
