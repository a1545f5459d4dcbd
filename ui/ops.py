"""The one action runner: a core action runs off the GUI thread, its result comes back on
the GUI thread, what it changed is broadcast, and a failure is shown to the person.

Two lanes, so that waiting for a device never delays the queue:

- ``Lane.DB``: one thread, actions in the order they were asked for. Everything that
  reads or writes the database runs here.
- ``Lane.IO``: the network, USB sticks, printers and previews. A few threads, so a
  collector that never answers does not hold up a slip either. Actions here do not keep
  a database transaction open while they wait.

Widgets are touched only in the callbacks, which Qt delivers on the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import Shiboken

from kiosk.changes import Changes, changes_of
from kiosk.errors import message_for
from kiosk.i18n import Translator

log = logging.getLogger(__name__)

IO_THREADS = 3


def alive(callback: Callable[..., Any] | None) -> bool:
    """False when ``callback`` is a method of a widget that has since been deleted (a call
    window closed while its refresh was running): its answer has nowhere to go."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or Shiboken.isValid(owner)


class Lane(Enum):
    DB = "database"
    IO = "io"


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
        except Exception as exc:  # handed to the caller, or shown to the person
            log.error("background action failed:\n%s", traceback.format_exc())
            done.failed.emit(exc)
        else:
            done.ok.emit(result)


class Operations(QObject):
    """``ops.run(fn, on_done, on_error, lane=...)``.

    - ``changed`` carries the :class:`~kiosk.changes.Changes` of every action whose result
      says what it changed; screens refresh from the kinds they show.
    - ``failed`` carries the message for the person when an action failed and its caller
      gave no ``on_error``: calm, in the current language, with what to do next.
    - ``pending`` counts actions not yet finished, on both lanes.
    """

    changed = Signal(Changes)
    failed = Signal(str)

    def __init__(self, translator: Translator | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.t = translator
        self.pools = {Lane.DB: QThreadPool(self), Lane.IO: QThreadPool(self)}
        self.pools[Lane.DB].setMaxThreadCount(1)
        self.pools[Lane.IO].setMaxThreadCount(IO_THREADS)
        self.pending = 0
        self.pending_by_lane = {Lane.DB: 0, Lane.IO: 0}
        self._keep: set[_Done] = set()
        self.closed = False  # after close(): results still arriving reach no screen

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        *,
        lane: Lane = Lane.DB,
    ) -> None:
        done = _Done()
        self._keep.add(done)
        self.pending += 1
        self.pending_by_lane[lane] += 1

        def finish() -> None:
            self.pending -= 1
            self.pending_by_lane[lane] -= 1
            self._keep.discard(done)
            # Its connections hold these closures and the closures hold it: a cycle the
            # garbage collector cannot see, one object per action for the whole day,
            # until the Qt object goes.
            done.deleteLater()

        def ok(result: Any) -> None:
            finish()
            if self.closed:
                return
            if on_done is not None and alive(on_done):
                on_done(result)
            change = changes_of(result)
            if change is not None:
                self.changed.emit(change)

        def failed(exc: Exception) -> None:
            finish()
            if self.closed:
                return
            if on_error is not None:
                if alive(on_error):
                    on_error(exc)
            else:
                self.failed.emit(self.message(exc))

        done.ok.connect(ok)
        done.failed.connect(failed)
        self.pools[lane].start(_Job(fn, done))

    def message(self, exc: BaseException) -> str:
        return message_for(exc, self.t.lang if self.t is not None else "vi")

    def announce(self, change: Changes) -> None:
        """Broadcast a change made on the GUI thread (nothing ran in the background)."""
        self.changed.emit(change)

    def close(self) -> None:
        """The kiosk is shutting down: the answers of actions that finish from now on (or
        finished and are still on their way to this thread) go to no screen, whose
        widgets may be gone by the time they arrive."""
        self.closed = True

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for both lanes to finish (tests and quitting)."""
        return all(pool.waitForDone(msecs) for pool in self.pools.values())
