"""Real services for end-to-end tests: a throwaway PostgreSQL cluster on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import require
from tests.pgcluster import ThrowawayPostgres, find_bin_dir


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayPostgres]:
    """A PostgreSQL cluster in a temporary folder for the whole session."""
    require(
        find_bin_dir() is not None,
        "PostgreSQL server programs (installer/apt-test-packages.txt: postgresql)",
    )
    with ThrowawayPostgres() as pg:
        yield pg


@pytest.fixture(scope="session")
def postgres_server(pg_server: ThrowawayPostgres) -> str:
    """The session server's base URL (no database name)."""
    return pg_server.url.rsplit("/", 1)[0]


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server for one test."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    dsn = postgres_server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
