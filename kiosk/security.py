"""Volunteer and coordinator PINs: slow hashing, lockout after wrong tries, an audit trail.

PINs are hashed with scrypt and a random salt. Five wrong PINs in a row lock PIN entry;
each further run of five wrong PINs locks it longer (5, 15, then 60 minutes), and after
that it stays locked until a coordinator reopens it from the command line
(``literacy-kiosk volunteer unlock``). A right PIN starts the count again. The lock is
worked out from the audit trail, so restarting the app does not lift it.
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
# How long each lock in a row lasts; after the last one, PIN entry stays locked until a
# coordinator unlocks it.
LOCK_STEPS_SECONDS = (300, 900, 3600)
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
    # Locked until a coordinator unlocks it (no end time).
    locked_for_good: bool = False

    @property
    def ok(self) -> bool:
        return self.volunteer is not None

    @property
    def locked(self) -> bool:
        return self.locked_for_good or self.locked_until is not None


@dataclass(frozen=True)
class LockState:
    """Where the PIN door stands: wrong tries since the last lock (or success), how many
    locks in a row there have been, and the current lock, if any."""

    failures: int
    locks: int
    until: datetime | None
    for_good: bool = False

    @property
    def locked(self) -> bool:
        return self.for_good or self.until is not None


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
    """Checks PINs, counting wrong tries and locking entry after each :data:`MAX_TRIES`,
    longer each time (``steps``, in seconds), then until a coordinator unlocks it."""

    def __init__(
        self,
        db: Database,
        max_tries: int = MAX_TRIES,
        steps: tuple[int, ...] = LOCK_STEPS_SECONDS,
    ) -> None:
        self.db = db
        self.max_tries = max_tries
        self.steps = tuple(timedelta(seconds=s) for s in steps)

    def state(self) -> LockState:
        """The lock worked out from the audit trail since the last right PIN or unlock."""
        from sqlalchemy import select

        from kiosk.storage.models import AuditEvent

        now = self.db.clock.now()
        # Since the last success there are at most (locks + 1) runs of tries: enough rows.
        limit = (len(self.steps) + 2) * (self.max_tries + 1)
        with self.db.session() as s:
            events = s.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.in_(PIN_EVENTS))
                .order_by(AuditEvent.id.desc())
                .limit(limit)
            ).all()
        failures = locks = 0
        last_lock: datetime | None = None
        for e in events:  # newest first
            if e.action in ("pin_ok", "pin_unlocked"):
                break
            if e.action == "pin_failed" and last_lock is None and locks == 0:
                failures += 1
            elif e.action == "pin_locked":
                locks += 1
                if last_lock is None:
                    last_lock = e.at
        if last_lock is None:
            return LockState(failures, 0, None)
        if locks > len(self.steps):
            return LockState(failures, locks, None, for_good=True)
        until = last_lock + self.steps[locks - 1]
        return LockState(failures, locks, until if until > now else None)

    def locked_until(self) -> datetime | None:
        return self.state().until

    def check(self, pin: str) -> PinResult:
        from sqlalchemy import select

        from kiosk.storage.models import Volunteer

        st = self.state()
        if st.locked:
            audit(self.db, "pin_refused_locked")
            return PinResult(None, st.until, 0, st.for_good)
        with self.db.session() as s:
            vols = s.scalars(select(Volunteer).where(Volunteer.active)).all()
            match = next((v for v in vols if verify_pin(pin, v.pin_hash)), None)
            info = VolunteerInfo(match.id, match.name, match.role) if match else None
        if info is not None:
            audit(self.db, "pin_ok", info.role, info.id)
            return PinResult(info)
        failures = st.failures + 1
        audit(self.db, "pin_failed", f"try {failures}")
        if failures >= self.max_tries:
            locks = st.locks + 1
            if locks > len(self.steps):
                audit(self.db, "pin_locked", "until a coordinator unlocks")
                return PinResult(None, None, 0, True)
            length = self.steps[locks - 1]
            audit(self.db, "pin_locked", f"{int(length.total_seconds())} s (lock {locks})")
            return PinResult(None, self.db.clock.now() + length, 0)
        return PinResult(None, None, self.max_tries - failures)


PIN_EVENTS = ("pin_ok", "pin_failed", "pin_locked", "pin_unlocked")


def unlock_pins(db: Database, pin: str) -> VolunteerInfo:
    """Reopen PIN entry after locks: a coordinator proves who they are with their PIN
    (checked here, not through the locked door). Recorded in the audit trail."""
    from sqlalchemy import select

    from kiosk.storage.models import Volunteer

    with db.session() as s:
        coords = s.scalars(
            select(Volunteer).where(Volunteer.active, Volunteer.role == "coordinator")
        ).all()
        match = next((v for v in coords if verify_pin(pin, v.pin_hash)), None)
        info = VolunteerInfo(match.id, match.name, match.role) if match else None
    if info is None:
        audit(db, "pin_unlock_refused")
        raise PinError("That is not a coordinator's PIN; PIN entry stays locked.")
    audit(db, "pin_unlocked", "", info.id)
    return info
