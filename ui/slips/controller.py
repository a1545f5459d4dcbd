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

from ui.ops import Lane, Operations

if TYPE_CHECKING:
    from kiosk.guides.visits import View
    from kiosk.queue.service import QueueService
    from kiosk.slips import FailedSlip, PrintOutcome, SlipService
    from kiosk.slips.content import SlipData
    from kiosk.slips.service import SelfGuidedSlip

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
        sent on ``failed`` (the citizen's screen); reprints by volunteers pass False.

        The slip's data is read and the attempt recorded on the database lane; rendering
        and printing run on the I/O lane, so a slow printer delays no queue action."""
        self.started.emit(visit_id)
        self.ops.run(
            lambda: self.service.slip_data(visit_id),
            lambda data: self._print(visit_id, data, show_failure),
            lambda exc: self._not_made(visit_id, exc),
        )

    def print_self_guided(
        self,
        queue: QueueService,
        services: list[str],
        language: str,
        views: list[View],
        on_visit: Callable[[int], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """The slip of a citizen who went through a guide alone: the visit and the steps
        read are recorded in one database action (``on_visit`` gets its id), then the slip
        prints like any other."""
        service = self.service

        def made(slip: SelfGuidedSlip) -> None:
            on_visit(slip.visit_id)
            self.started.emit(slip.visit_id)
            self._print(slip.visit_id, slip.data, True)

        self.ops.run(
            lambda: service.self_guided_slip(queue, services, language=language, views=views),
            made,
            on_error,
        )

    def _print(self, visit_id: int, data: SlipData, show_failure: bool) -> None:
        """Render and print on the I/O lane, then record the attempt on the database
        lane, so a slow printer delays no queue action."""
        service = self.service

        def done(outcome: PrintOutcome) -> None:
            self.last = outcome
            if outcome.ok:
                self.printed.emit(outcome)
            elif show_failure:
                self.failed.emit(outcome)
            self.finished.emit(outcome)

        self.ops.run(
            lambda: service.send_to_printer(data),
            lambda printed: self.ops.run(
                lambda: service.record(visit_id, data, printed),
                done,
                lambda exc: self._not_made(visit_id, exc),
            ),
            lambda exc: self._not_made(visit_id, exc),
            lane=Lane.IO,
        )

    def _not_made(self, visit_id: int, exc: Exception) -> None:
        """Not even made (the visit could not be read): the person is told calmly, and
        the screens that wait for this slip get their answer."""
        from kiosk.slips.service import PrintOutcome

        log.error("no slip for visit %s: %s", visit_id, exc)
        self.ops.failed.emit(self.ops.message(exc))
        self.finished.emit(PrintOutcome(visit_id, "", "", "", False, "", "failed", str(exc)))

    def preview(self, visit_id: int, width_px: int = 600) -> None:
        """Render the slip for the screen; ``preview_ready`` carries PNG pages."""
        service = self.service

        def render(data: SlipData) -> list[bytes]:
            from kiosk.slips.pdf import render
            from kiosk.slips.printing import PrintError, render_pages

            pdf = render(data, service.settings["printer.format"])
            try:
                return render_pages(pdf, width_px=width_px)
            except PrintError as exc:
                log.warning("slip preview not available: %s", exc)
                return []

        def none(_exc: Exception) -> None:
            self.preview_ready.emit(visit_id, [])

        self.ops.run(
            lambda: service.slip_data(visit_id),
            lambda data: self.ops.run(
                lambda: render(data),
                lambda pages: self.preview_ready.emit(visit_id, pages),
                none,
                lane=Lane.IO,
            ),
            none,
        )

    def load_failed(self, on_done: Callable[[list[FailedSlip]], Any]) -> None:
        self.ops.run(self.service.failed_today, on_done)

    def latest_visit(self, on_done: Callable[[int | None], Any]) -> None:
        self.ops.run(self.service.latest_visit_today, on_done)
