"""Volunteer and coordinator PINs: slow hashing, lockout after wrong tries, an audit trail.

PINs are hashed with scrypt and a random salt. Five wrong PINs in a row lock PIN entry for
five minutes. The lock is worked out from the audit trail, so restarting the app does not
lift it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.storage import Database

# SQLAlchemy is imported inside the functions that use it, so the screens that only need
# VolunteerInfo do not pay for it at start (see kiosk.app_context).

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_TRIES = 5
LOCK_SECONDS = 300
ROLES = ("volunteer", "coordinator")
PIN_MIN, PIN_MAX = 4, 8


class PinError(ValueError):
    """A PIN that cannot be used, with a message for the person setting it."""


def check_pin_format(pin: str) -> None:
    if not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise PinError(f"A PIN is {PIN_MIN} to {PIN_MAX} digits.")
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise PinError("This PIN is too easy to guess; choose another.")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def audit(db: Database, action: str, detail: str = "", volunteer_id: int | None = None) -> None:
    from kiosk.storage.models import AuditEvent

    with db.session() as s:
        s.add(
            AuditEvent(
                at=db.clock.now(),
                kiosk_id=db.kiosk_id,
                volunteer_id=volunteer_id,
                action=action,
                detail=detail,
            )
        )


@dataclass(frozen=True)
class VolunteerInfo:
    id: int
    name: str
    role: str


@dataclass(frozen=True)
class PinResult:
    volunteer: VolunteerInfo | None
    locked_until: datetime | None = None
    tries_left: int = MAX_TRIES

    @property
    def ok(self) -> bool:
        return self.volunteer is not None


def add_volunteer(
    db: Database, name: str, pin: str, role: str = "volunteer", by: int | None = None
) -> VolunteerInfo:
    """Add a volunteer (or coordinator). The PIN must not be one another person uses."""
    from sqlalchemy import select

    from kiosk.storage.models import AuditEvent, Volunteer

    if role not in ROLES:
        raise PinError(f"Role must be one of: {', '.join(ROLES)}.")
    name = name.strip()
    if not name:
        raise PinError("A name is needed.")
    check_pin_format(pin)
    with db.session() as s:
        for v in s.scalars(select(Volunteer).where(Volunteer.active)):
            if verify_pin(pin, v.pin_hash):
                raise PinError("Another person already uses this PIN; choose another.")
        vol = Volunteer(
            name=name, role=role, pin_hash=hash_pin(pin), active=True, created_at=db.clock.now()
        )
        s.add(vol)
        s.flush()
        info = VolunteerInfo(vol.id, vol.name, vol.role)
        s.add(
            AuditEvent(
                at=db.clock.now(),
                kiosk_id=db.kiosk_id,
                volunteer_id=by,
                action="volunteer_added",
                detail=f"{info.id} {role}",
            )
        )
    return info


def set_pin(db: Database, volunteer_id: int, pin: str, by: int | None = None) -> None:
    from sqlalchemy import select

    from kiosk.storage.models import AuditEvent, Volunteer

    check_pin_format(pin)
    with db.session() as s:
        for v in s.scalars(select(Volunteer).where(Volunteer.active, Volunteer.id != volunteer_id)):
            if verify_pin(pin, v.pin_hash):
                raise PinError("Another person already uses this PIN; choose another.")
        vol = s.get(Volunteer, volunteer_id)
        if vol is None:
            raise PinError(f"No volunteer number {volunteer_id}.")
        vol.pin_hash = hash_pin(pin)
        s.add(
            AuditEvent(
                at=db.clock.now(),
                kiosk_id=db.kiosk_id,
                volunteer_id=by,
                action="pin_changed",
                detail=str(volunteer_id),
            )
        )


def list_volunteers(db: Database) -> list[VolunteerInfo]:
    from sqlalchemy import select

    from kiosk.storage.models import Volunteer

    with db.session() as s:
        return [
            VolunteerInfo(v.id, v.name, v.role)
            for v in s.scalars(select(Volunteer).where(Volunteer.active).order_by(Volunteer.id))
        ]


class PinGate:
    """Checks PINs, counting wrong tries and locking entry after :data:`MAX_TRIES`."""

    def __init__(
        self, db: Database, max_tries: int = MAX_TRIES, lock_seconds: int = LOCK_SECONDS
    ) -> None:
        self.db = db
        self.max_tries = max_tries
        self.lock = timedelta(seconds=lock_seconds)

    def _state(self) -> tuple[int, datetime | None]:
        """(wrong tries since the last success or lock, end of the current lock or None)."""
        from sqlalchemy import select

        from kiosk.storage.models import AuditEvent

        now = self.db.clock.now()
        with self.db.session() as s:
            events = s.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.in_(("pin_ok", "pin_failed", "pin_locked")))
                .order_by(AuditEvent.id.desc())
                .limit(self.max_tries + 1)
            ).all()
        failures = 0
        for e in events:
            if e.action == "pin_failed":
                failures += 1
                continue
            if e.action == "pin_locked" and e.at + self.lock > now:
                return failures, e.at + self.lock
            break
        return failures, None

    def locked_until(self) -> datetime | None:
        return self._state()[1]

    def check(self, pin: str) -> PinResult:
        from sqlalchemy import select

        from kiosk.storage.models import Volunteer

        failures, until = self._state()
        if until is not None:
            audit(self.db, "pin_refused_locked")
            return PinResult(None, until, 0)
        with self.db.session() as s:
            vols = s.scalars(select(Volunteer).where(Volunteer.active)).all()
            match = next((v for v in vols if verify_pin(pin, v.pin_hash)), None)
            info = VolunteerInfo(match.id, match.name, match.role) if match else None
        if info is not None:
            audit(self.db, "pin_ok", info.role, info.id)
            return PinResult(info)
        failures += 1
        audit(self.db, "pin_failed", f"try {failures}")
        if failures >= self.max_tries:
            audit(self.db, "pin_locked", f"{int(self.lock.total_seconds())} s")
            return PinResult(None, self.db.clock.now() + self.lock, 0)
        return PinResult(None, None, self.max_tries - failures)
