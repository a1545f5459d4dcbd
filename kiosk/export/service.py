"""What the screens and the chores share: the coordinator key from the settings, this
kiosk's signing key, and the outbox, made from the settings in one place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nacl.signing import SigningKey

from kiosk.export.keys import BadKey, load_or_create_signing_key, unb64
from kiosk.export.outbox import Outbox, Transport
from kiosk.settings import Settings
from kiosk.storage import Database

OUTBOX_FOLDER = "outbox"


def coordinator_key(settings: Settings) -> str:
    """The coordinator's public key, or "" when none (or an unusable one) is set: then
    names and phones are not exported at all."""
    key = str(settings["export.coordinator_public_key"] or "").strip()
    if not key:
        return ""
    try:
        unb64(key, 32, "coordinator public key")
    except BadKey:
        return ""
    return key


def signing_key(folder: Path | None = None) -> SigningKey:
    return load_or_create_signing_key(folder)


def make_outbox(
    db: Database | Callable[[], Database],
    settings: Settings,
    *,
    folder: Path | None = None,
    key: SigningKey | None = None,
    transport: Transport | None = None,
) -> Outbox:
    """The outbox for the configured collector (an unusable address leaves it
    unconfigured: bundles then wait, and the status says why)."""
    if folder is None:
        from kiosk.paths import data_dir

        folder = data_dir()
    url = str(settings["export.collector_url"] or "")
    try:
        box = Outbox(
            db,
            folder / OUTBOX_FOLDER,
            key or signing_key(folder),
            url=url,
            token=str(settings["export.collector_token"] or ""),
            coordinator_key=coordinator_key(settings),
            transport=transport,
        )
    except ValueError as exc:
        box = Outbox(
            db,
            folder / OUTBOX_FOLDER,
            key or signing_key(folder),
            url="",
            token="",
            coordinator_key=coordinator_key(settings),
            transport=transport,
        )
        box.last_error = str(exc)
    return box
