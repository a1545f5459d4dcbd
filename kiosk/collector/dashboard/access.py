"""Who may see the dashboard: sign-in with the collector's read token gives a signed
session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS); forms that change
anything carry a token tied to that session (CSRF). Kiosk upload tokens never sign in.
The signing secret lives in the database, so every collector process shares it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from kiosk.collector.models import CollectorMeta

COOKIE = "kc_session"
LIFETIME = 12 * 3600


def session_secret(engine: Engine) -> bytes:
    """The secret that signs session cookies, made once per database."""
    with engine.begin() as conn:
        value = conn.scalar(
            select(CollectorMeta.value).where(CollectorMeta.key == "session_secret")
        )
        if value:
            return bytes.fromhex(value)
    try:
        with engine.begin() as conn:
            conn.execute(
                CollectorMeta.__table__.insert().values(
                    key="session_secret", value=secrets.token_hex(32)
                )
            )
    except IntegrityError:
        pass  # another collector made it first
    return session_secret(engine)


class Sessions:
    def __init__(self, secret: bytes, read_token: str) -> None:
        # Changing the read token ends every session signed in with the old one.
        self.key = hmac.new(secret, read_token.encode(), hashlib.sha256).digest()
        self.read_token = read_token

    def token_ok(self, token: str) -> bool:
        return bool(self.read_token) and hmac.compare_digest(
            token.encode(), self.read_token.encode()
        )

    def _mac(self, text: str) -> str:
        return hmac.new(self.key, text.encode(), hashlib.sha256).hexdigest()

    def make(self, who: str = "coordinator", now: float | None = None) -> str:
        expires = int((now or time.time()) + LIFETIME)
        body = f"{expires}.{secrets.token_hex(8)}.{who}"
        return f"{body}.{self._mac(body)}"

    def who(self, cookie: str | None, now: float | None = None) -> str | None:
        """The signed-in name a cookie carries, or None if it is missing, forged or old."""
        if not cookie or cookie.count(".") < 3:
            return None
        body, _, mac = cookie.rpartition(".")
        if not hmac.compare_digest(mac, self._mac(body)):
            return None
        expires, _, rest = body.partition(".")
        if not expires.isdigit() or int(expires) < (now or time.time()):
            return None
        return rest.partition(".")[2]

    def csrf(self, cookie: str) -> str:
        return self._mac("csrf:" + cookie)

    def csrf_ok(self, cookie: str, token: str) -> bool:
        return bool(cookie) and hmac.compare_digest(self.csrf(cookie), token)
