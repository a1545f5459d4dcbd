"""End-to-end fixtures: a real PostgreSQL server (a throwaway cluster for the session, a
fresh database per test) and the real collector app under uvicorn on loopback."""

from __future__ import annotations

import itertools
import socket
import threading
from collections.abc import Callable, Iterator

import pytest
from export_support import (  # noqa: F401
    collector,
    coordinator,
    kiosk_key,
    loopback_socket,
    make_visits,
    require,
)

from kiosk.collector.pgcluster import ThrowawayPostgres, find_bin_dir

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayPostgres]:
    require(find_bin_dir() is not None,
            "PostgreSQL server programs (installer/apt-test-packages.txt: postgresql)")
    with ThrowawayPostgres() as pg:
        yield pg


@pytest.fixture
def pg_url(pg_server: ThrowawayPostgres) -> Iterator[str]:
    """A new, empty database on the throwaway server."""
    import psycopg

    name = f"collector_{next(_numbers)}"
    admin = f"host=127.0.0.1 port={pg_server.port} user={pg_server.user} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_server.url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    """``serve(app, sock=None)`` runs the app under uvicorn in a thread; returns its URL."""
    import uvicorn

    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app, sock: socket.socket | None = None) -> str:  # type: ignore[no-untyped-def]
        sock = sock or loopback_socket()
        sock.listen(64)  # from here connections queue, so no waiting for start-up
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        running.append((server, thread))
        host, port = sock.getsockname()[:2]
        return f"http://{host}:{port}"

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=30)
        assert not thread.is_alive(), "the collector did not stop"
