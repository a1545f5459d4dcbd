"""The kiosk's modes as a state machine: citizen (default), volunteer, coordinator.

Citizen mode is what the public sees. Volunteer and coordinator modes are entered with a
PIN (see :class:`kiosk.security.PinGate`); a coordinator may also work in volunteer mode.
Quitting or leaving full-screen is allowed only in a volunteer or coordinator mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.events import Event

if TYPE_CHECKING:  # the PIN code (hashlib) is not needed to know the mode
    from kiosk.security import VolunteerInfo


class Mode(StrEnum):
    CITIZEN = "citizen"
    VOLUNTEER = "volunteer"
    COORDINATOR = "coordinator"


ALLOWED = {
    "volunteer": {Mode.VOLUNTEER},
    "coordinator": {Mode.VOLUNTEER, Mode.COORDINATOR},
}


class ModeError(Exception):
    """A mode change that is not allowed; the mode is unchanged."""


@dataclass(frozen=True)
class ModeChange:
    old: Mode
    new: Mode
    volunteer: VolunteerInfo | None


class ModeMachine:
    def __init__(self) -> None:
        self.mode = Mode.CITIZEN
        self.volunteer: VolunteerInfo | None = None
        self.changed: Event[ModeChange] = Event()

    def enter(self, mode: Mode, volunteer: VolunteerInfo) -> ModeChange:
        """Enter a staff mode as ``volunteer`` (who has just given a correct PIN)."""
        if mode is Mode.CITIZEN:
            return self.leave()
        if mode not in ALLOWED.get(volunteer.role, set()):
            raise ModeError(f"{volunteer.role} cannot enter {mode} mode")
        return self._set(mode, volunteer)

    def leave(self) -> ModeChange:
        """Back to citizen mode (no PIN needed to hand the screen back)."""
        return self._set(Mode.CITIZEN, None)

    @property
    def is_staff(self) -> bool:
        return self.mode is not Mode.CITIZEN

    def can_quit(self) -> bool:
        """Quitting or leaving full-screen needs a volunteer or coordinator PIN."""
        return self.is_staff

    def _set(self, mode: Mode, volunteer: VolunteerInfo | None) -> ModeChange:
        change = ModeChange(self.mode, mode, volunteer)
        self.mode, self.volunteer = mode, volunteer
        if change.old is not change.new:
            self.changed.emit(change)
        return change
