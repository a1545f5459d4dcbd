"""Runs queue actions off the GUI thread, tells the screens what changed, shows errors in
the user's language, and keeps the last action undoable for ten seconds."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.changes import Changes, Kind
from kiosk.clock import Clock
from kiosk.i18n import Translator
from kiosk.queue import (
    Change,
    ConsoleView,
    IllegalTransition,
    Issued,
    QueueError,
    UndoError,
)
from ui.ops import Operations, alive

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
        settings: Any = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.ops, self.clock, self.t = service, ops, clock, translator
        # Screens hear of queue changes from the runner's one broadcast.
        ops.changed.connect(self._broadcast)
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
            if on_done is not None and alive(on_done):
                on_done(result)

        self.ops.run(fn, done, self._error)

    # -- what the console asks for ------------------------------------------------------
    def act(
        self,
        action: str,
        visit_id: int,
        desk: int,
        volunteer_id: int | None,
        on_done: Callable[[Change | None], None] | None = None,
    ) -> None:
        """One of the desk's buttons (see ``ui.queue.desk.ACTIONS``) for ``visit_id``."""
        s, vol = self.service, volunteer_id
        calls: dict[str, Callable[[], Change | None]] = {
            "call_next": lambda: s.call_next(desk, vol),
            "recall": lambda: s.recall(visit_id, vol),
            "start": lambda: s.start(visit_id, vol),
            "hold": lambda: s.hold(visit_id, vol),
            "transfer": lambda: s.transfer(visit_id, desk, vol),
            "no_show": lambda: s.no_show(visit_id, vol),
            "resume": lambda: s.resume(visit_id, desk, vol),
            "rejoin": lambda: s.rejoin(visit_id, vol),
            "hold_then_call": lambda: self._hold_then_call(visit_id, desk, vol),
        }
        self.run(calls[action], on_done)

    def _hold_then_call(self, visit_id: int, desk: int, vol: int | None) -> Change | None:
        """Put the person at the desk on hold, then call the next one: the call (what
        Undo takes back), or the hold when nobody is waiting."""
        held = self.service.hold(visit_id, vol)
        return self.service.call_next(desk, vol) or held

    def read_console(self, desk: int | None, on_done: Callable[[ConsoleView], None]) -> None:
        """What the console shows, read in one action on the database lane."""
        s = self.service
        self.run(lambda: s.console_view(desk), on_done, undoable=False)

    def _broadcast(self, changes: Changes) -> None:
        if Kind.QUEUE not in changes.kinds:
            return
        detail = changes.detail
        change = detail.change if isinstance(detail, Issued) else detail
        if isinstance(change, Change):
            self.changed.emit(change)

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
