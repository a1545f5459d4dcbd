"""End-to-end fixtures for export: the real collector app under uvicorn on loopback (the
PostgreSQL server and its fresh databases come from tests/e2e/conftest.py)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest

from tests.export_support import (  # noqa: F401
    collector,
    coordinator,
    kiosk_key,
    loopback_socket,
    make_visits,
    require,
)


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    """``serve(app, sock=None)`` runs the app under uvicorn in a thread; returns its URL."""
    import uvicorn

    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app, sock: socket.socket | None = None) -> str:  # type: ignore[no-untyped-def]
        sock = sock or loopback_socket()
        sock.listen(64)  # from here connections queue, so no waiting for start-up
        # As `kiosk-collector serve` runs it: the app, not uvicorn, decides whether to
        # believe X-Forwarded-For.
        server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", lifespan="off", proxy_headers=False)
        )
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
