"""The first start of a real point: no volunteer yet, so no one could unlock the kiosk.

The first-run screen asks for the point's name and the first coordinator's name and PIN;
:func:`complete` checks them, adds the coordinator, names the point (in the database and
the settings file) and records it in the audit trail. Every refusal is a code with a
message in the catalogs (``first_run.err.<code>``), and nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk import settings as settings_mod
from kiosk.security import PIN_MAX, PIN_MIN, PinError, VolunteerInfo, check_pin_format
from kiosk.textcheck import bad_char

if TYPE_CHECKING:
    from kiosk.settings import Settings
    from kiosk.storage import Database

NAME_MAX = 60
POINT_MAX = 80


class FirstRunError(ValueError):
    """What to fix, as a catalog code and the field it concerns."""

    def __init__(self, code: str, field: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.field, self.params = code, field, params


@dataclass(frozen=True)
class FirstRunDone:
    coordinator: VolunteerInfo
    settings: Settings


def needed(db: Database) -> bool:
    """Whether this kiosk has no active volunteer or coordinator yet."""
    from kiosk.security import list_volunteers

    return not list_volunteers(db)


def _text(value: str, field: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise FirstRunError("empty", field)
    if len(value) > limit:
        raise FirstRunError("too_long", field, limit=limit)
    if bad_char(value) is not None:
        raise FirstRunError("hidden_char", field)
    return value


def check(point_name: str, name: str, pin: str, pin_again: str) -> tuple[str, str]:
    """The cleaned point and coordinator names; raises :class:`FirstRunError`."""
    point = _text(point_name, "point", POINT_MAX)
    person = _text(name, "name", NAME_MAX)
    if not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise FirstRunError("pin_digits", "pin", lo=PIN_MIN, hi=PIN_MAX)
    try:
        check_pin_format(pin)
    except PinError as exc:
        raise FirstRunError("pin_easy", "pin") from exc
    if pin != pin_again:
        raise FirstRunError("pin_differ", "pin_again")
    return point, person


def complete(
    db: Database, settings: Settings, point_name: str, name: str, pin: str, pin_again: str
) -> FirstRunDone:
    """Add the first coordinator and name the point. Refused (``already_done``) when a
    volunteer was added meanwhile, e.g. from the command line."""
    from sqlalchemy import select

    from kiosk.security import add_volunteer, audit
    from kiosk.storage.models import Point

    point, person = check(point_name, name, pin, pin_again)
    if not needed(db):
        raise FirstRunError("already_done", "")
    new = settings.replace(point__name=point)
    try:
        settings_mod.save(new)
    except OSError as exc:
        raise FirstRunError("unsaved", "", error=exc.strerror or str(exc)) from exc
    info = add_volunteer(db, person, pin, "coordinator")
    with db.session() as s:
        for row in s.scalars(select(Point)):
            row.name = point
    audit(db, "first_run", "coordinator and point name set", info.id)
    return FirstRunDone(info, new)
