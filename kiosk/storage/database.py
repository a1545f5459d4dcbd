"""The engine, with SQLite set up so that what was acknowledged on screen survives a power
cut, and migrations applied at start."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock, SystemClock

# The newest migration and the newer-version guard live in kiosk.db_version, which the app
# reads before the window opens without importing SQLAlchemy.
from kiosk.db_version import MIGRATIONS, SCHEMA_HEAD, check_not_newer
from kiosk.storage.models import Kiosk, Point

if TYPE_CHECKING:  # alembic is imported only when a migration runs
    import sqlite3

    from alembic.config import Config

__all__ = ["MIGRATIONS", "SCHEMA_HEAD", "Database", "open_database", "upgrade"]


def default_url() -> str:
    from kiosk.paths import data_dir

    return f"sqlite:///{data_dir() / 'kiosk.sqlite3'}"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy, not the driver, open transactions, so BEGIN IMMEDIATE works.
        event.listen(engine, "connect", _sqlite_no_autobegin)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_begin(conn: Connection) -> None:
    """Writers take SQLite's write lock at once (BEGIN IMMEDIATE), so two never deadlock
    half-way; an engine made by :func:`for_reading` begins a plain transaction, which in
    WAL mode reads a snapshot beside a writer and never waits for it."""
    how = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    conn.exec_driver_sql("BEGIN DEFERRED" if how == "DEFERRED" else "BEGIN IMMEDIATE")


def for_reading(engine: Engine) -> Engine:
    """The same engine (same pool) for sessions that only read: on SQLite they do not
    take the write lock, so they run beside a writer."""
    return engine.execution_options(sqlite_begin="DEFERRED")


def _sqlite_no_autobegin(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.isolation_level = None


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (the newest by default)."""
    stored = _stored_revision(engine)
    if revision == "head" and stored == SCHEMA_HEAD:
        return
    check_not_newer(stored, engine.url.render_as_string(hide_password=True))
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _stored_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass
class Database:
    """The open database, this kiosk's id, and a short-session factory."""

    engine: Engine
    sessions: sessionmaker[Session]
    kiosk_id: str
    clock: Clock

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short session per action; committed on success, rolled back on error."""
        with self.sessions() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    url: str | None = None,
    *,
    clock: Clock | None = None,
    point_name: str = "Điểm hỗ trợ chuyển đổi số",
    ward: str = "",
    kiosk_id: str = "",
) -> Database:
    """Open (creating and migrating if needed) the database and make sure this kiosk and
    its point exist. ``kiosk_id`` from the settings wins; otherwise the stored one is kept,
    and at first start a new random one is made."""
    clock = clock or SystemClock()
    engine = make_engine(url or default_url())
    upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions() as s, s.begin():
        point = s.scalars(select(Point).order_by(Point.id)).first()
        if point is None:
            point = Point(name=point_name, ward=ward, created_at=clock.now())
            s.add(point)
            s.flush()
        elif point_name and (point.name != point_name or point.ward != ward):
            point.name, point.ward = point_name, ward
        kiosk = s.get(Kiosk, kiosk_id) if kiosk_id else None
        if kiosk is None and not kiosk_id:
            kiosk = s.scalars(select(Kiosk).order_by(Kiosk.created_at)).first()
        if kiosk is None:
            kiosk = Kiosk(
                id=kiosk_id or f"k-{uuid.uuid4().hex[:12]}",
                point_id=point.id,
                created_at=clock.now(),
            )
            s.add(kiosk)
        the_id = kiosk.id
    return Database(engine, sessions, the_id, clock)
