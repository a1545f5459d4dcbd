"""Runs queue actions off the GUI thread, tells the screens what changed, shows errors in
the user's language, and keeps the last action undoable for ten seconds."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.clock import Clock
from kiosk.events import Event
from kiosk.i18n import Translator
from kiosk.queue import Change, IllegalTransition, QueueError, UndoError
from ui.ops import Operations
from ui.qt_events import Relay

if TYPE_CHECKING:
    from kiosk.queue.service import QueueService


class QueueController(QObject):
    changed = Signal(object)  # a Change, on the GUI thread
    failed = Signal(str)  # a message for the volunteer or citizen
    undo_changed = Signal(object)  # the undoable Change, or None when it expired

    def __init__(
        self,
        service: QueueService,
        ops: Operations,
        clock: Clock,
        translator: Translator,
        parent: QObject | None = None,
        *,
        changed: Event[Change] | None = None,
        settings: Any = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.ops, self.clock, self.t = service, ops, clock, translator
        # ``changed``: the service's event, given when the service itself is built later.
        self.relay = Relay(changed if changed is not None else service.changed, self)
        self.relay.fired.connect(self.changed)
        self.settings = settings if settings is not None else service.settings
        self.undoable: Change | None = None
        self.undo_timer = QTimer(self)
        self.undo_timer.setInterval(500)
        self.undo_timer.timeout.connect(self.check_undo)

    @property
    def desks(self) -> int:
        return int(self.settings["queue.desks"])

    @property
    def categories(self) -> list[str]:
        return list(self.settings["queue.priority_categories"])

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        undoable: bool = True,
    ) -> None:
        """Run ``fn`` (a core action) in the background; a returned Change is undoable."""

        def done(result: Any) -> None:
            if undoable and isinstance(result, Change):
                self.undoable = result
                self.undo_timer.start()
                self.undo_changed.emit(result)
            if on_done is not None:
                on_done(result)

        self.ops.run(fn, done, self._error)

    def _error(self, exc: Exception) -> None:
        self.failed.emit(self.message(exc))

    def message(self, exc: Exception) -> str:
        t = self.t.t
        if isinstance(exc, IllegalTransition):
            return t("queue.err_state", ticket=exc.ticket, state=t(f"queue.state_{exc.state}"))
        if isinstance(exc, UndoError):
            return t("queue.err_undo")
        if isinstance(exc, QueueError):
            return t("queue.err_other", detail=str(exc))
        return t("queue.err_failed")

    def undo(self, volunteer_id: int | None) -> None:
        change = self.undoable
        if change is None:
            return
        self.undoable = None
        self.undo_timer.stop()
        self.undo_changed.emit(None)
        if self.clock.now() > change.undo_until:
            # The offer ran out since the timer last looked: too late, as the core would
            # say, without sending it an undo that can only fail.
            self.failed.emit(self.message(UndoError("too late")))
            return
        self.run(lambda: self.service.undo(change, volunteer_id), undoable=False)

    def check_undo(self) -> None:
        """Drop the undo offer once its ten seconds are over (called by the timer)."""
        if self.undoable is not None and self.clock.now() > self.undoable.undo_until:
            self.undoable = None
            self.undo_changed.emit(None)
        if self.undoable is None:
            self.undo_timer.stop()

    def forget(self) -> None:
        self.undoable = None
        self.undo_timer.stop()
        self.undo_changed.emit(None)
