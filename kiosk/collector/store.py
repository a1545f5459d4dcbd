"""The collector's store: registered kiosks, imported bundles, visits, and their totals.

Stateless: everything lives in the database (SQLite by default, PostgreSQL with one
setting), so several collector processes can share one database. :class:`Collector`
gathers what the parts do, each in a module of its own:

- :mod:`kiosk.collector.registry`: the kiosks and their keys and tokens;
- :mod:`kiosk.collector.importer`: checking and importing bundles (and
  :mod:`kiosk.collector.pg_copy`, the PostgreSQL COPY path);
- :mod:`kiosk.collector.totals`: totals, the summary and CSV downloads (reads only).
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

from kiosk.clock import Clock, SystemClock
from kiosk.collector.importer import CollectorBusy, Importer, ImportResult
from kiosk.collector.models import migrate
from kiosk.collector.registry import Registry, hash_token
from kiosk.collector.totals import DIMENSIONS, Totals
from kiosk.export.bundle_read import CheckedBundle
from kiosk.storage.database import for_reading, make_engine

__all__ = [
    "DIMENSIONS",
    "Collector",
    "CollectorBusy",
    "ImportResult",
    "default_url",
    "hash_token",
]


def default_url() -> str:
    from kiosk.paths import data_dir

    return (
        os.environ.get("KIOSK_COLLECTOR_DATABASE")
        or f"sqlite:///{data_dir() / 'collector.sqlite3'}"
    )


class Collector:
    def __init__(
        self, url: str | None = None, *, clock: Clock | None = None, engine: Engine | None = None
    ) -> None:
        self.url = url or default_url()
        self.engine = engine or make_engine(self.url)
        self.clock = clock or SystemClock()
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Reads never take the write lock (on SQLite they run beside a writer).
        self.read_sessions = sessionmaker(for_reading(self.engine), expire_on_commit=False)
        self.registry = Registry(self.sessions, self.clock, self.read_sessions)
        self.importer = Importer(self.engine, self.registry, self.clock)
        self.totals_of = Totals(self.read_sessions)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def dispose(self) -> None:
        self.engine.dispose()

    # -- kiosks -------------------------------------------------------------------------
    def register_kiosk(
        self, kiosk_id: str, public_key: str, label: str = "", with_token: bool = True
    ) -> str:
        """Register (or re-key) a kiosk; return its new upload token (shown once)."""
        return self.registry.register_kiosk(kiosk_id, public_key, label, with_token)

    def kiosk_for_token(self, token: str) -> str | None:
        return self.registry.kiosk_for_token(token)

    def registered_key(self, kiosk_id: str) -> str | None:
        return self.registry.registered_key(kiosk_id)

    def kiosks(self) -> list[tuple[str, str, str]]:
        return self.registry.kiosks()

    # -- importing ----------------------------------------------------------------------
    def check(self, data: bytes) -> CheckedBundle:
        """Check a bundle completely (signature, checksums, schema) without importing."""
        return self.importer.check(data)

    def import_bundle(
        self, data: bytes, *, source: str = "usb", expect_kiosk: str | None = None
    ) -> ImportResult:
        """Check and import one bundle (see :meth:`Importer.import_bundle`)."""
        return self.importer.import_bundle(data, source=source, expect_kiosk=expect_kiosk)

    # -- reading ------------------------------------------------------------------------
    def totals(self, by: str, **filters: Any) -> list[tuple[str, int]]:
        return self.totals_of.totals(by, **filters)

    def summary(self, **filters: Any) -> dict[str, Any]:
        return self.totals_of.summary(**filters)

    def totals_csv(self, by: str, **filters: Any) -> bytes:
        return self.totals_of.totals_csv(by, **filters)

    def visits_csv(self, batch: int = 5000) -> Any:
        return self.totals_of.visits_csv(batch)

    def bundle_count(self) -> int:
        return self.totals_of.bundle_count()

    def visit_count(self) -> int:
        return self.totals_of.visit_count()

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.scalar(text("SELECT 1")) == 1)
