from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, select

from kiosk.clock import FakeClock
from kiosk.storage import open_database
from kiosk.storage.database import MIGRATIONS, SCHEMA_HEAD, current_revision
from kiosk.storage.models import AuditEvent, Base, Visit


def _heads() -> set[str]:
    from alembic.script import ScriptDirectory

    from kiosk.storage.database import alembic_config

    return set(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def test_migrations_build_the_whole_schema_from_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = open_database(f"sqlite:///{path}", clock=FakeClock())
    assert current_revision(db.engine) in _heads()
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    db.dispose()


def test_the_migrations_match_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    db = open_database(f"sqlite:///{tmp_path / 'm.sqlite3'}", clock=FakeClock())
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    db.dispose()


def test_one_head_only() -> None:
    assert len(_heads()) == 1, "migrations must form one line; re-chain down_revision"
    assert _heads() == {SCHEMA_HEAD}, "update kiosk.storage.database.SCHEMA_HEAD"
    assert (MIGRATIONS / "versions").is_dir()


def test_sqlite_is_set_up_for_power_cuts(db, db_path: Path) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_kiosk_id_is_stable_across_restarts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    first = open_database(url, clock=FakeClock())
    second = open_database(url, clock=FakeClock())
    assert first.kiosk_id == second.kiosk_id and first.kiosk_id.startswith("k-")
    third = open_database(url, clock=FakeClock(), kiosk_id="hanoi-ba-dinh-01")
    assert third.kiosk_id == "hanoi-ba-dinh-01"
    for d in (first, second, third):
        d.dispose()


def test_times_come_back_aware_utc(db, clock) -> None:
    from kiosk.security import audit

    audit(db, "test", "x")
    with db.session() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "test")).one()
    assert ev.at == clock.now() and ev.at.tzinfo is not None


def test_committed_visit_survives_a_new_connection(db, db_path: Path) -> None:
    from kiosk.queue.tickets import issue_ticket

    t = issue_ticket(db, ["vneid"], priority="elderly", age_band="75+")
    raw = sqlite3.connect(db_path)
    row = raw.execute(
        "select ticket, priority, age_band from visit where id=?", (t.visit_id,)
    ).fetchone()
    assert row == (t.ticket, "elderly", "75+")
    with db.session() as s:
        v = s.get(Visit, t.visit_id)
        assert [vs.service_id for vs in v.services] == ["vneid"]
        assert v.created_at == datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
