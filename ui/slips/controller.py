"""Runs slip actions off the GUI thread and reports back by signal.

``print_slip(visit_id)`` is the one hook the ticket screen, a guide's last step and the
console's Finish call. The visit is already saved; whatever the printer does, the result
comes back as a :class:`~kiosk.slips.PrintOutcome` on ``finished`` (and on ``printed`` or
``failed``), never as an exception.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ui.ops import Operations

if TYPE_CHECKING:
    from kiosk.slips import FailedSlip, PrintOutcome, SlipService

log = logging.getLogger(__name__)


class SlipController(QObject):
    started = Signal(int)  # visit id: printing has begun
    printed = Signal(object)  # PrintOutcome: the slip is out of the printer
    failed = Signal(object)  # PrintOutcome: not printed; the citizen sees the ticket
    finished = Signal(object)  # PrintOutcome, either way
    preview_ready = Signal(int, object)  # visit id, list of PNG bytes (empty: no preview)

    def __init__(
        self, service: SlipService, ops: Operations, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.ops = service, ops
        self.last: PrintOutcome | None = None

    def print_slip(self, visit_id: int, *, show_failure: bool = True) -> None:
        """Print the slip of saved visit ``visit_id``. With ``show_failure`` a failure is
        sent on ``failed`` (the citizen's screen); reprints by volunteers pass False."""
        self.started.emit(visit_id)

        def done(outcome: PrintOutcome) -> None:
            self.last = outcome
            if outcome.ok:
                self.printed.emit(outcome)
            elif show_failure:
                self.failed.emit(outcome)
            self.finished.emit(outcome)

        def error(exc: Exception) -> None:
            log.error("no slip for visit %s: %s", visit_id, exc)

        self.ops.run(lambda: self.service.print_slip(visit_id), done, error)

    def preview(self, visit_id: int, width_px: int = 600) -> None:
        """Render the slip for the screen; ``preview_ready`` carries PNG pages."""
        from kiosk.slips.printing import PrintError, render_pages

        def work() -> list[bytes]:
            pdf = self.service.make_pdf(visit_id)
            try:
                return render_pages(pdf, width_px=width_px)
            except PrintError as exc:
                log.warning("slip preview not available: %s", exc)
                return []

        self.ops.run(
            work,
            lambda pages: self.preview_ready.emit(visit_id, pages),
            lambda exc: self.preview_ready.emit(visit_id, []),
        )

    def load_failed(self, on_done: Callable[[list[FailedSlip]], Any]) -> None:
        self.ops.run(self.service.failed_today, on_done)

    def latest_visit(self, on_done: Callable[[int | None], Any]) -> None:
        self.ops.run(self.service.latest_visit_today, on_done)
