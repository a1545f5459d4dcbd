"""A database written by a newer version is refused, with a message that says what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.db_version import (
    SCHEMA_HEAD,
    DatabaseFromNewerVersion,
    known_revisions,
    sqlite_file,
    sqlite_revision,
)
from kiosk.storage import open_database


def _stamp(path: Path, revision: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))


def test_known_revisions_are_the_migrations_files() -> None:
    from tests.core.test_storage import _heads

    assert SCHEMA_HEAD in known_revisions()
    assert _heads() <= known_revisions()
    assert {"0001", "0003", "0004", "0005"} <= known_revisions()


def test_a_newer_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    _stamp(path, "0099")
    before = path.read_bytes()
    with pytest.raises(DatabaseFromNewerVersion) as caught:
        open_database(f"sqlite:///{path}")
    message = str(caught.value)
    assert "newer version" in message and "0099" in message and "--rollback" in message
    assert sqlite_revision(path) == "0099"
    assert path.read_bytes() == before


def test_an_older_database_is_still_upgraded(tmp_path: Path) -> None:
    from kiosk.storage.database import make_engine, upgrade

    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0003")
    engine.dispose()
    assert sqlite_revision(path) == "0003"
    open_database(f"sqlite:///{path}").dispose()
    assert sqlite_revision(path) == SCHEMA_HEAD


def test_revision_of_missing_or_empty_files(tmp_path: Path) -> None:
    assert sqlite_revision(tmp_path / "none.sqlite3") is None
    (tmp_path / "empty.sqlite3").touch()
    assert sqlite_revision(tmp_path / "empty.sqlite3") is None


def test_only_sqlite_files_are_checked_before_start() -> None:
    assert sqlite_file("sqlite:////var/k.sqlite3") == Path("/var/k.sqlite3")
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("postgresql+psycopg://h/db") is None
