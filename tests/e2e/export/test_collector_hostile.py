"""The collector under hostile or unlucky conditions, on real servers and processes:
damaged uploads over HTTP, reads while a writer holds SQLite's lock, who may read, and
a USB export killed between writing the file and marking its visits."""

from __future__ import annotations

import http.client
import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kiosk.collector.app import create_app
from kiosk.collector.store import Collector
from kiosk.export.bundle import build_bundle, collect_records
from kiosk.export.keys import public_key_b64
from tests.fuzz_support import flipped, sample_offsets

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[3]
EXPORTER = Path(__file__).with_name("exporter.py")
REFUSALS = {400, 403, 413, 422}


class _Errors(logging.Handler):
    """Error records (a traceback is logged at ERROR) from the server's loggers."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _client(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def _request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    body: bytes | None = None,
    **headers: str,
) -> tuple[int, bytes]:
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    return resp.status, resp.read()


def test_flipped_bits_never_give_500_nor_store_a_bad_bundle(
    db, make_visits, kiosk_key, collector, serve, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    make_visits(3, consent=False)
    data = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data
    url = serve(create_app(collector))
    errors = _Errors()
    for name in ("uvicorn.error", "uvicorn", ""):
        logging.getLogger(name).addHandler(errors)
    auth = {"Authorization": f"Bearer {collector.token}"}
    conn = _client(url)
    seen: Counter[int] = Counter()
    codes: Counter[str] = Counter()
    try:
        for offset, bit in sample_offsets(len(data), 160):
            before = collector.bundle_count()
            status, body = _request(
                conn, "POST", "/api/v1/bundles", flipped(data, offset, bit), **auth
            )
            seen[status] += 1
            assert status in REFUSALS | {200, 201}, (offset, bit, status, body)
            if status in REFUSALS:
                codes[json.loads(body)["detail"]["code"]] += 1
                assert collector.bundle_count() == before, (offset, bit)
        status, _ = _request(conn, "POST", "/api/v1/bundles", data, **auth)
        assert status in (200, 201)
    finally:
        conn.close()
        for name in ("uvicorn.error", "uvicorn", ""):
            logging.getLogger(name).removeHandler(errors)
    assert not errors.records, [r.getMessage() for r in errors.records]
    assert sum(seen[s] for s in REFUSALS) > 100 and len(codes) >= 3, (seen, codes)
    # What is stored is exactly the real bundle's content.
    reference = Collector(f"sqlite:///{tmp_path / 'reference.sqlite3'}")
    reference.register_kiosk(db.kiosk_id, public_key_b64(kiosk_key), with_token=False)
    reference.import_bundle(data)
    assert b"".join(collector.visits_csv()) == b"".join(reference.visits_csv())
    assert collector.bundle_count() == 1
    reference.dispose()


def test_reads_go_on_while_another_program_holds_the_write_lock(
    db, make_visits, kiosk_key, collector, serve, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    collector.import_bundle(build_bundle(db, collect_records(db), kiosk_key, sequence=1).data)
    url = serve(create_app(collector))
    writer = sqlite3.connect(tmp_path / "collector.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # e.g. `kiosk-collector import` in the middle of a bundle
    conn = _client(url)
    try:
        start = time.perf_counter()
        status, body = _request(conn, "GET", "/api/v1/summary")
        took = time.perf_counter() - start
        assert status == 200 and json.loads(body)["visits"] == 2
        # SQLite's busy wait is 5 s: a read that queued behind the writer would take that.
        assert took < 4, f"{took:.2f} s"
        status, _ = _request(conn, "GET", "/api/v1/totals?by=day")
        assert status == 200
    finally:
        conn.close()
        writer.execute("ROLLBACK")
        writer.close()


def test_only_the_read_token_or_this_machine_may_read(collector, serve) -> None:  # type: ignore[no-untyped-def]
    forwarded = {"X-Forwarded-For": "203.0.113.9"}

    def status(url: str, **headers: str) -> int:
        conn = _client(url)
        try:
            return _request(conn, "GET", "/api/v1/summary", **headers)[0]
        finally:
            conn.close()

    plain = serve(create_app(collector))
    assert status(plain) == 200  # this machine
    assert status(plain, **forwarded) == 200  # the header is not believed from anyone

    with_token = serve(create_app(collector, read_token="s3cret-read"))
    assert status(with_token) == 401
    assert status(with_token, Authorization="Bearer guess") == 401
    assert status(with_token, Authorization="Bearer s3cret-read") == 200

    behind_proxy = serve(create_app(collector, trusted_proxies=["127.0.0.1"]))
    assert status(behind_proxy) == 200  # the proxy's own request
    assert status(behind_proxy, **forwarded) == 401  # someone outside, through the proxy
    assert status(behind_proxy, **{"X-Forwarded-For": "203.0.113.9, 127.0.0.1"}) == 200


def _export(
    db_file: Path, keys: Path, stick: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, str(EXPORTER), str(db_file), str(keys), str(stick), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_an_export_killed_before_marking_never_reuses_its_number(
    db, db_path, make_visits, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    make_visits(3)
    keys, stick = tmp_path / "keys", tmp_path / "stick"
    stick.mkdir()
    killed = _export(db_path, keys, stick, "die-before-marking")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    first = sorted(p.name for p in stick.iterdir())
    assert len(first) == 1 and first[0].endswith("_0001.zip")

    make_visits(2)
    again = _export(db_path, keys, stick)
    assert again.returncode == 0, again.stderr
    second = again.stdout.strip()
    assert second.endswith("_0002.zip")  # never 0001 again
    assert sorted(p.name for p in stick.iterdir()) == sorted([*first, second])
    assert _export(db_path, keys, stick).stdout.strip() == "-"  # all marked now

    # The collector takes both files; the three visits in both count once.
    from kiosk.export.keys import load_or_create_signing_key

    c = Collector(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    c.register_kiosk(
        db.kiosk_id, public_key_b64(load_or_create_signing_key(keys)), with_token=False
    )
    results = [c.import_bundle((stick / name).read_bytes()) for name in sorted(os.listdir(stick))]
    assert [r.new_visits for r in results] == [3, 2] and c.visit_count() == 5
    c.dispose()


def test_an_upload_that_finds_the_database_busy_is_told_to_come_back(
    db, make_visits, kiosk_key, collector, serve, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import kiosk.collector.importer

    monkeypatch.setattr(kiosk.collector.importer, "BUSY_TRIES", 1)  # one wait of 5 s
    make_visits(2)
    data = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data
    url = serve(create_app(collector))
    writer = sqlite3.connect(tmp_path / "collector.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another program keeps writing
    conn = _client(url)
    auth = {"Authorization": f"Bearer {collector.token}"}
    try:
        conn.request("POST", "/api/v1/bundles", body=data, headers=auth)
        resp = conn.getresponse()
        body = json.loads(resp.read())
        assert resp.status == 503 and resp.getheader("Retry-After") == "2"
        assert body["detail"]["code"] == "busy"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    status, _ = _request(conn, "POST", "/api/v1/bundles", data, **auth)
    conn.close()
    assert status == 201 and collector.visit_count() == 2


def test_several_server_processes_share_one_postgresql_database(
    db, make_visits, kiosk_key, postgres_url
) -> None:  # type: ignore[no-untyped-def]
    c = Collector(postgres_url)
    token = c.register_kiosk(db.kiosk_id, public_key_b64(kiosk_key))
    make_visits(3)
    data = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "kiosk.collector.cli", "--database", postgres_url, "serve"]
        + ["--port", "0", "--workers", "2"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert "(2 workers)" in line, line
        url = line.split()[3]
        deadline = time.monotonic() + 120  # the workers start after the socket listens
        while True:
            assert time.monotonic() < deadline, "the workers did not start"
            conn = _client(url)
            try:
                if _request(conn, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass  # not accepting yet: try again
            finally:
                conn.close()
        auth = {"Authorization": f"Bearer {token}"}
        conn = _client(url)
        assert _request(conn, "POST", "/api/v1/bundles", data, **auth)[0] == 201
        assert _request(conn, "POST", "/api/v1/bundles", data, **auth)[0] == 200
        status, body = _request(conn, "GET", "/api/v1/summary")
        conn.close()
        assert status == 200 and json.loads(body)["visits"] == 3
    finally:
        server.terminate()
        server.wait(timeout=60)
        if server.stdout is not None:
            server.stdout.close()
        c.dispose()
