"""The one relay through which the screens hear the core: a core :class:`Event` re-emitted
as a Qt signal on the GUI thread, for as long as the widget that listens lives.

``listen(widget, event, fn)`` is the only way ``ui/`` subscribes to a core event (a test
checks it). The subscription is owned by a small object parented to ``widget``: when the
widget is destroyed (a second-monitor call window closed, say), the subscription ends with
it, so a later event never reaches a deleted widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from shiboken6 import Shiboken

from kiosk.events import Event

T = TypeVar("T")


class Relay(QObject):
    """``Relay(event, owner).fired`` is a Qt signal carrying each payload of ``event``;
    the subscription ends when the relay (or its owner) is destroyed."""

    fired = Signal(object)

    def __init__(self, event: Event[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        unsubscribe = event.subscribe(self._fire)
        self._unsubscribe = unsubscribe
        # Not through ``self``: by the time ``destroyed`` is sent the C++ side is gone.
        self.destroyed.connect(lambda *_: unsubscribe())

    def _fire(self, payload: Any) -> None:
        if Shiboken.isValid(self):
            self.fired.emit(payload)
        else:  # destroyed without the signal reaching us (interpreter shutting down)
            self._unsubscribe()

    def close(self) -> None:
        """End the subscription now (the owner lives on)."""
        self._unsubscribe()


def listen(owner: QObject, event: Event[T], fn: Callable[[T], Any]) -> Relay:
    """Call ``fn(payload)`` on the GUI thread for each payload of ``event``, until
    ``owner`` is destroyed."""
    relay = Relay(event, owner)
    relay.fired.connect(fn)
    return relay
