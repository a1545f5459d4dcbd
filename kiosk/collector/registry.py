"""The kiosks a collector knows: each one's public key (to check its bundles' signatures)
and the hash of its upload token."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock
from kiosk.collector.models import RegisteredKiosk
from kiosk.export.keys import BadKey, verify_key
from kiosk.export.schema import is_code


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Registry:
    """Registered kiosks, in the collector's database."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        read_sessions: sessionmaker[Session] | None = None,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.read_sessions = read_sessions or sessions

    def register_kiosk(
        self, kiosk_id: str, public_key: str, label: str = "", with_token: bool = True
    ) -> str:
        """Register (or re-key) a kiosk; return its new upload token (shown once)."""
        kiosk_id = kiosk_id.strip()
        if not is_code(kiosk_id):
            raise ValueError("a kiosk id is 1 to 64 characters, none of them a control")
        try:
            verify_key(public_key)
        except BadKey as exc:
            raise ValueError(f"not a kiosk public key: {exc}") from exc
        token = secrets.token_urlsafe(32) if with_token else ""
        with self.sessions() as s, s.begin():
            row = s.get(RegisteredKiosk, kiosk_id)
            if row is None:
                row = RegisteredKiosk(kiosk_id=kiosk_id, registered_at=self.clock.now())
                s.add(row)
            row.public_key = public_key.strip()
            row.label = label
            row.token_sha256 = hash_token(token) if token else row.token_sha256
        return token

    def kiosk_for_token(self, token: str) -> str | None:
        if not token:
            return None
        with self.read_sessions() as s:
            return s.scalar(
                select(RegisteredKiosk.kiosk_id).where(
                    RegisteredKiosk.token_sha256 == hash_token(token)
                )
            )

    def registered_key(self, kiosk_id: str) -> str | None:
        with self.read_sessions() as s:
            return s.scalar(
                select(RegisteredKiosk.public_key).where(RegisteredKiosk.kiosk_id == kiosk_id)
            )

    def kiosks(self) -> list[tuple[str, str, str]]:
        with self.read_sessions() as s:
            return [
                (k.kiosk_id, k.label, k.public_key)
                for k in s.scalars(select(RegisteredKiosk).order_by(RegisteredKiosk.kiosk_id))
            ]
