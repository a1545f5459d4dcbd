"""Network export: an outbox of bundles waiting for the collector to confirm them.

New closed visits are put in a bundle in the outbox folder (written safely) and recorded as
a queued batch. Each queued batch is offered to the collector when due; until the
collector confirms it, it stays, and after each failure the next try waits twice as long
(30 s, 1 min, 2 min ... at most an hour). Time comes from the injected clock, so nothing
here sleeps: a screen's timer calls :meth:`Outbox.tick` on the background worker.

Uploads are idempotent: the collector knows each bundle by its id, so a bundle sent twice
(say, the confirmation was lost) is stored once and still confirmed.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from nacl.signing import SigningKey
from sqlalchemy import delete, func, select

from kiosk.changes import Kind
from kiosk.export.bundle import build_bundle, collect_records
from kiosk.export.safe_write import WriteError, write_verified
from kiosk.export.usb import next_sequence, set_exported
from kiosk.storage import Database
from kiosk.storage.models import ExportBatch

UPLOAD_PATH = "/api/v1/bundles"
BASE_DELAY = 30.0
MAX_DELAY = 3600.0

# (url, body, headers, timeout) -> (HTTP status, response body); raises OSError offline.
Transport = Callable[[str, bytes, dict[str, str], float], tuple[int, bytes]]


def check_url(url: str) -> str:
    """The collector address, refused unless it is HTTPS (plain HTTP only to this machine)."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url.strip().rstrip("/")
    if parts.scheme == "http":
        loopback = host == "localhost"
        with contextlib.suppress(ValueError):
            loopback = loopback or ipaddress.ip_address(host).is_loopback
        if loopback:
            return url.strip().rstrip("/")
    raise ValueError(
        "the collector address must start with https:// (plain http only to this machine)"
    )


def urllib_transport(
    url: str, body: bytes, headers: dict[str, str], timeout: float
) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (checked)
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@dataclass(frozen=True)
class OutboxStatus:
    configured: bool
    queued: int
    queued_visits: int
    last_success: datetime | None
    last_error: str
    next_attempt: datetime | None


@dataclass(frozen=True)
class Attempt:
    bundle_id: str
    ok: bool
    message: str

    @property
    def kinds(self) -> frozenset[Kind]:
        """What a try changed: the batch's state (confirmed, or its next try)."""
        return frozenset({Kind.EXPORT}) if self.bundle_id else frozenset()


@dataclass(frozen=True)
class Upload:
    """One bundle ready to offer to the collector (made by :meth:`Outbox.prepare`)."""

    batch_id: int
    bundle_id: str
    file_name: str
    url: str
    data: bytes = field(repr=False)
    headers: dict[str, str] = field(repr=False)


@dataclass(frozen=True)
class Reply:
    """What the collector answered; ``status`` is None when it could not be reached."""

    status: int | None
    body: bytes
    error: str


class Outbox:
    def __init__(
        self,
        db: Database | Callable[[], Database],
        folder: Path,
        signing_key: SigningKey,
        *,
        url: str,
        token: str,
        coordinator_key: str = "",
        transport: Transport | None = None,
        timeout: float = 30.0,
    ) -> None:
        # ``db`` may be a function giving the database, so the kiosk can build the outbox
        # before its database has finished opening; nothing here touches it until used.
        self._db, self.folder, self.key = db, Path(folder), signing_key
        self.url = check_url(url) if url else ""
        self.token, self.coordinator_key = token, coordinator_key
        self.transport = transport or urllib_transport
        self.timeout = timeout
        self.last_error = ""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._tidied = False

    @property
    def db(self) -> Database:
        return self._db() if callable(self._db) else self._db

    @property
    def configured(self) -> bool:
        return bool(self.url and self.token)

    # -- filling ------------------------------------------------------------------------
    def _queued(self) -> list[ExportBatch]:
        if not self._tidied:
            self._tidied = True
            self._drop_orphans()
        with self.db.session() as s:
            return list(
                s.scalars(
                    select(ExportBatch)
                    .where(ExportBatch.kind == "network", ExportBatch.status == "queued")
                    .order_by(ExportBatch.id)
                )
            )

    def _drop_orphans(self) -> None:
        """Bundle files no queued batch knows (a crash between writing and recording)."""
        known = {b.file_name for b in self._queued()}
        for path in self.folder.glob("*.zip*"):
            if path.name not in known:
                with contextlib.suppress(OSError):
                    path.unlink()

    def enqueue_new(self) -> int:
        """Put closed visits that are neither exported nor already queued in a new bundle;
        return how many visits were queued."""
        waiting = {vid for b in self._queued() for vid in b.visit_ids}
        records = collect_records(
            self.db, "incremental", coordinator_key=self.coordinator_key, exclude=waiting
        )
        if not records:
            return 0
        bundle = build_bundle(
            self.db,
            records,
            self.key,
            sequence=next_sequence(self.db),
            coordinator_key=self.coordinator_key,
        )
        write_verified(self.folder, bundle.file_name, bundle.data)
        now = self.db.clock.now()
        with self.db.session() as s:
            s.add(
                ExportBatch(
                    bundle_id=bundle.bundle_id,
                    kind="network",
                    mode="incremental",
                    status="queued",
                    sequence=bundle.manifest["sequence"],
                    file_name=bundle.file_name,
                    target=self.url,
                    sha256=bundle.sha256,
                    visit_count=len(records),
                    visit_ids=bundle.visit_ids,
                    created_at=now,
                    attempts=0,
                    next_attempt_at=now,
                    last_error="",
                )
            )
        return len(records)

    # -- sending ------------------------------------------------------------------------
    def due(self) -> list[int]:
        """Queued batches whose next try is due now, oldest first."""
        now = self.db.clock.now()
        return [
            b.id for b in self._queued() if b.next_attempt_at is None or b.next_attempt_at <= now
        ]

    def attempt(self, batch_id: int) -> Attempt:
        """Offer one queued bundle to the collector; on confirmation mark its visits
        exported (one transaction) and remove the file; otherwise back off.

        The three steps are also callable one by one, so the kiosk can run the database
        steps (:meth:`prepare`, :meth:`record`) in order with its other database work and
        the network step (:meth:`send`) apart, where a slow collector delays nothing."""
        upload = self.prepare(batch_id)
        if isinstance(upload, Attempt):
            return upload
        return self.record(upload, self.send(upload))

    def prepare(self, batch_id: int) -> Upload | Attempt:
        """Database step: what to send for a queued batch, or the Attempt that settles it
        without the network (already confirmed, file missing, nothing configured)."""
        with self.db.session() as s:
            batch = s.get(ExportBatch, batch_id)
            if batch is None or batch.status != "queued":
                return Attempt("", True, "already confirmed")
            bundle_id, file_name = batch.bundle_id, batch.file_name
        path = self.folder / file_name
        try:
            data = path.read_bytes()
        except OSError:
            # The file is gone: forget the batch so its visits go into a new bundle.
            with self.db.session() as s:
                s.execute(delete(ExportBatch).where(ExportBatch.id == batch_id))
            return self._failed(
                None, bundle_id, "the bundle file was missing; it will be made again"
            )
        if not self.configured:
            return self._failed(batch_id, bundle_id, "no collector address or token is set")
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/zip",
            "X-Bundle-Id": bundle_id,
        }
        return Upload(batch_id, bundle_id, file_name, self.url + UPLOAD_PATH, data, headers)

    def send(self, upload: Upload) -> Reply:
        """Network step: offer the bundle to the collector. Touches no database and never
        raises for a network failure (the reply says what went wrong)."""
        try:
            status, body = self.transport(upload.url, upload.data, upload.headers, self.timeout)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Reply(None, b"", f"cannot reach the collector: {reason}")
        return Reply(status, body, "")

    def record(self, upload: Upload, reply: Reply) -> Attempt:
        """Database step: keep what the collector answered (confirm, or back off)."""
        if reply.status is None:
            return self._failed(upload.batch_id, upload.bundle_id, reply.error)
        if 200 <= reply.status < 300:
            self._confirm(upload.batch_id)
            with contextlib.suppress(OSError):
                (self.folder / upload.file_name).unlink()
            self.last_error = ""
            return Attempt(upload.bundle_id, True, _detail(reply.body) or "stored")
        return self._failed(
            upload.batch_id,
            upload.bundle_id,
            f"the collector answered {reply.status}: {_detail(reply.body)}",
        )

    def _confirm(self, batch_id: int) -> None:
        now = self.db.clock.now()
        with self.db.session() as s:
            batch = s.get(ExportBatch, batch_id)
            assert batch is not None
            ids = list(batch.visit_ids)
            batch.status, batch.confirmed_at, batch.visit_ids = "confirmed", now, []
            batch.attempts += 1
            batch.next_attempt_at, batch.last_error = None, ""
            set_exported(s, ids, now)

    def _failed(self, batch_id: int | None, bundle_id: str, message: str) -> Attempt:
        self.last_error = message
        if batch_id is not None:
            with self.db.session() as s:
                batch = s.get(ExportBatch, batch_id)
                if batch is not None:
                    batch.attempts += 1
                    delay = min(MAX_DELAY, BASE_DELAY * 2 ** (batch.attempts - 1))
                    batch.next_attempt_at = self.db.clock.now() + timedelta(seconds=delay)
                    batch.last_error = message
        return Attempt(bundle_id, False, message)

    def begin_round(self) -> list[int]:
        """Database step of a round: queue what is new; the batches due now."""
        if not self.configured:
            return []
        try:
            self.enqueue_new()
        except WriteError as exc:
            self.last_error = f"cannot write to the outbox: {exc.detail}"
        return self.due()

    def tick(self) -> OutboxStatus:
        """One round: queue what is new, send what is due. Safe to call often."""
        for batch_id in self.begin_round():
            if not self.attempt(batch_id).ok:
                break  # offline: the rest waits for their own turn
        return self.status()

    def status(self) -> OutboxStatus:
        queued = self._queued()
        with self.db.session() as s:
            last_ok = s.scalar(
                select(func.max(ExportBatch.confirmed_at)).where(ExportBatch.kind == "network")
            )
        errors = [b for b in queued if b.last_error]
        nexts = [b.next_attempt_at for b in queued if b.next_attempt_at is not None]
        return OutboxStatus(
            self.configured,
            len(queued),
            sum(b.visit_count for b in queued),
            last_ok,
            self.last_error or (errors[-1].last_error if errors else ""),
            min(nexts) if nexts else None,
        )


def _detail(body: bytes) -> str:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return body[:200].decode("utf-8", "replace")
    if isinstance(data, dict):
        for key in ("detail", "message", "status"):
            if key in data:
                d = data[key]
                return d.get("message", str(d)) if isinstance(d, dict) else str(d)
    return str(data)[:200]
