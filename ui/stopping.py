"""Ctrl+C and SIGTERM end the kiosk cleanly.

Qt's event loop runs in C++: Python only runs a signal's handler when some Python code
runs next, so by default Ctrl+C surfaced as a ``KeyboardInterrupt`` in whatever Python
callback came next (an event filter, say) and the kiosk carried on. Here the signals'
wake-up byte goes to a pipe Qt watches, so Python's handler runs at once, and it asks
the event loop to stop; the caller then shuts down and closes the database as on quit.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopOnSignals(QObject):
    """While it exists, SIGINT and SIGTERM call ``stop(signal name)`` on the GUI thread."""

    def __init__(self, stop: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stop = stop
        self.received: list[str] = []
        # A pipe rather than a socket pair: the same wake-up, without importing socket
        # (a few milliseconds) before the home screen is up.
        self._reader, self._writer = os.pipe()
        os.set_blocking(self._reader, False)
        os.set_blocking(self._writer, False)
        self._old_fd = signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        self._old: dict[int, Any] = {}
        for sig in STOP_SIGNALS:
            self._old[sig] = signal.signal(sig, self._handle)
        self.notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        # Running this slot is enough: Python runs the waiting signal handler before it.
        self.notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            while os.read(self._reader, 64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        self.received.append(name)
        self.stop(name)

    def close(self) -> None:
        """Give the signals back to what handled them before."""
        self.notifier.setEnabled(False)
        for sig, old in self._old.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(self._old_fd)
        os.close(self._reader)
        os.close(self._writer)
