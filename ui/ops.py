"""Run a core action off the GUI thread and hand its result back on the GUI thread.

One worker thread for the database (actions run one at a time, in order); widgets are
touched only in the callbacks, which Qt delivers on the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Done(QObject):
    ok = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], done: _Done) -> None:
        super().__init__()
        self.fn, self.done = fn, done

    def run(self) -> None:
        # Let go of the action and its callbacks before reporting: the binding does not
        # always free a finished runnable, and it must not keep a screen's data alive.
        fn, done = self.fn, self.done
        self.fn = self.done = None  # type: ignore[assignment]
        try:
            result = fn()
        except Exception as exc:  # shown to the user by the on_error callback
            log.error("background action failed:\n%s", traceback.format_exc())
            done.failed.emit(exc)
        else:
            done.ok.emit(result)


class Operations(QObject):
    """``ops.run(fn, on_done, on_error)``; ``pending`` counts actions not yet finished."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pending = 0
        self._keep: set[_Done] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        done = _Done()
        self._keep.add(done)
        self.pending += 1

        def finish(cb: Callable[[Any], None] | None, value: Any) -> None:
            self.pending -= 1
            self._keep.discard(done)
            # Its connections hold these closures and the closures hold it: a cycle the
            # garbage collector cannot see, one object per action for the whole day,
            # until the Qt object goes.
            done.deleteLater()
            if cb is not None:
                cb(value)

        done.ok.connect(lambda r: finish(on_done, r))
        done.failed.connect(lambda e: finish(on_error, e))
        self.pool.start(_Job(fn, done))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
