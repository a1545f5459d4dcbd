"""The thin adapter that re-emits core events as Qt signals on the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.events import Event


class Relay(QObject):
    """``Relay(event).fired`` is a Qt signal carrying each payload of ``event``."""

    fired = Signal(object)

    def __init__(self, event: Event[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = event.subscribe(self.fired.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())
