""" "Ask a volunteer": the citizen's request reaches the volunteers (an alert on the queue
console and on the volunteer screen, with a soft chime), stays until one of them says
they are on their way, and the citizen's screen says so.

:class:`HelpPart` is built by :func:`ui.assemble.build_kiosk` with the guides part (the
step screen the request comes from). The request's life is :mod:`kiosk.help`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal

from kiosk.help import HelpChange, HelpDesk, HelpError, record
from kiosk.modes import ModeChange
from kiosk.paths import data_dir
from ui.help.alert import HelpAlert
from ui.qt_events import listen

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

    from ui.guides import GuidesPart
    from ui.guides.step import StepScreen
    from ui.queue.console import QueueConsole
    from ui.shell import Shell

log = logging.getLogger(__name__)


class HelpPart(QObject):
    chimed = Signal()  # the soft chime was played for the volunteers

    def __init__(self, shell: Shell, *, guides: GuidesPart) -> None:
        super().__init__(shell)
        self.shell, self.guides = shell, guides
        self.desk = HelpDesk(shell.ctx.clock)
        self._effect: QSoundEffect | None = None  # made at the first chime
        self._step: StepScreen | None = None
        self._chime_due = False  # a request came while no volunteer was signed in
        self.staff_alert = self._alert()
        shell.staff.add_banner(self.staff_alert)
        self.console_alert: HelpAlert | None = None
        shell.when_built("queue_console", self._console_built)
        shell.when_built("guide_step", self._step_built)
        # The alerts follow the requests themselves, so a request reaches the volunteers
        # even when its audit line cannot be written.
        listen(self, self.desk.changed, self._changed)
        listen(self, shell.modes.changed, self._mode_changed)
        shell.resetters.append(self._citizen_gone)

    # -- building -----------------------------------------------------------------------
    def _alert(self) -> HelpAlert:
        alert = HelpAlert(self.shell.t, self._guide_title, self.shell.ctx.clock.now)
        alert.acknowledge.connect(self.acknowledge)
        return alert

    def _guide_title(self, guide_id: str, lang: str) -> str:
        guide = self.guides.library.get(guide_id)
        return guide.text(lang).title if guide is not None else guide_id

    def _console_built(self, console: QueueConsole) -> None:
        self.console_alert = self._alert()
        console.add_banner(self.console_alert)
        self._show()

    def _step_built(self, step: StepScreen) -> None:
        self._step = step
        step.volunteer_requested.connect(lambda gid: self.ask(gid, step.index + 1))

    # -- the citizen --------------------------------------------------------------------
    def ask(self, guide_id: str, step: int) -> None:
        change = self.desk.ask(guide_id, step, self.shell.t.lang)
        self._tell_citizen("help.citizen_sent")
        if change.action == "asked":
            self._record(change)

    def _citizen_gone(self) -> None:
        self.desk.clear_citizen()

    def _tell_citizen(self, key: str) -> None:
        if self._step is not None:
            self._step.note(self.shell.t.t(key))

    # -- the volunteers -----------------------------------------------------------------
    def acknowledge(self, request_id: int) -> None:
        vol = self.shell.modes.volunteer
        try:
            change = self.desk.acknowledge(request_id, vol.id if vol else None)
        except HelpError:
            self._show()  # someone else was quicker: the alert simply goes
            return
        self._record(change)

    def _record(self, change: HelpChange) -> None:
        ctx = self.shell.ctx  # the database is reached on the lane: it may still be opening
        # The request already reached the screens; the audit line follows on the database
        # lane (and is broadcast as a help and audit change).
        self.shell.ops.run(
            lambda: record(ctx.db, change),
            on_error=lambda exc: log.error("help request not written to the audit: %s", exc),
        )

    def _changed(self, change: HelpChange) -> None:
        self._show()
        if change.action == "asked":
            if self.shell.modes.is_staff:
                self._chime()
            else:
                self._chime_due = True
        elif change.action == "seen" and change.request.citizen_here:
            self._tell_citizen("help.citizen_seen")

    def _mode_changed(self, change: ModeChange) -> None:
        # A request made before anyone signed in is shown (and chimed) when one does.
        self._show()
        if self.shell.modes.is_staff and self._chime_due and self.desk.open_requests():
            self._chime()

    def _show(self) -> None:
        requests = self.desk.open_requests()
        for alert in (self.staff_alert, self.console_alert):
            if alert is not None:
                alert.show_requests(requests)

    def _chime(self) -> None:
        self._chime_due = False
        if self._effect is None:
            try:
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError:
                self.chimed.emit()
                return
            from kiosk.queue.chime import write_chime

            self._effect = QSoundEffect(self)
            path = write_chime(data_dir() / "sounds" / "chime.wav")
            self._effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effect.setVolume(0.4)  # softer than a queue call
        self._effect.play()
        self.chimed.emit()
