"""The kiosk's outbox and the real collector (uvicorn on loopback) on a real PostgreSQL
server: uploads, offline then online, duplicates, and requests that must be refused."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.collector.app import create_app
from kiosk.collector.store import Collector
from kiosk.export.bundle import BundleError, build_bundle, collect_records
from kiosk.export.keys import public_key_b64
from kiosk.export.outbox import BASE_DELAY, Outbox
from kiosk.storage.models import Visit
from tests.export_support import bulk_visits, loopback_socket, rebuild

pytestmark = pytest.mark.e2e


def _post(url: str, body: bytes, token: str | None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/zip"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url + "/api/v1/bundles", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read()


def _exported(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(
            select(func.count()).select_from(Visit).where(Visit.exported_at.is_not(None))
        )


@pytest.fixture
def pg_collector(postgres_url, db, kiosk_key):  # type: ignore[no-untyped-def]
    c = Collector(postgres_url)
    assert c.is_postgres
    c.token = c.register_kiosk(db.kiosk_id, public_key_b64(kiosk_key))
    yield c
    c.dispose()


def test_outbox_waits_while_offline_then_delivers_once_online(
    db, clock, make_visits, kiosk_key, pg_collector, serve, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    make_visits(4, consent=True)
    sock = loopback_socket()  # the collector's address, but nobody answers yet
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    box = Outbox(db, tmp_path / "outbox", kiosk_key, url=url, token=pg_collector.token)

    status = box.tick()
    assert status.queued == 1 and status.queued_visits == 4
    assert "cannot reach the collector" in status.last_error
    assert _exported(db) == 0 and pg_collector.visit_count() == 0
    assert len(list((tmp_path / "outbox").iterdir())) == 1  # kept until confirmed

    clock.advance(BASE_DELAY - 1)
    assert box.due() == []  # backing off
    clock.advance(1)
    assert len(box.due()) == 1
    assert not box.attempt(box.due()[0]).ok
    clock.advance(BASE_DELAY)
    assert box.due() == []  # the second wait is twice as long
    clock.advance(BASE_DELAY)

    make_visits(2)  # more visits while offline: a second bundle
    serve(create_app(pg_collector), sock)  # the network comes back
    status = box.tick()
    assert status.queued == 0 and status.last_error == ""
    assert status.last_success == clock.now()
    assert _exported(db) == 6 and pg_collector.visit_count() == 6
    assert pg_collector.bundle_count() == 2
    assert list((tmp_path / "outbox").iterdir()) == []
    assert box.tick().queued == 0 and pg_collector.bundle_count() == 2  # nothing new


def test_the_same_bundle_twice_is_stored_once(
    db, make_visits, kiosk_key, pg_collector, serve, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    make_visits(3)
    url = serve(create_app(pg_collector))
    box = Outbox(db, tmp_path / "outbox", kiosk_key, url=url, token=pg_collector.token)
    box.enqueue_new()
    (path,) = (tmp_path / "outbox").iterdir()
    # The first upload arrived, but its answer was lost on the way back...
    assert _post(url, path.read_bytes(), pg_collector.token)[0] == 201
    # ...so the kiosk sends it again: stored once, and now confirmed.
    attempt = box.attempt(box.due()[0])
    assert attempt.ok and attempt.message == "duplicate"
    assert _exported(db) == 3
    assert pg_collector.visit_count() == 3 and pg_collector.bundle_count() == 1
    totals = json.loads(_get(url + "/api/v1/totals?by=service"))
    assert totals["visits"] == 4 and dict((r["key"], r["visits"]) for r in totals["rows"]) == {
        "vneid": 3,
        "etax": 1,
    }
    for path in ("/api/v1/totals?by=name", "/api/v1/totals.csv?by=phone"):
        with pytest.raises(urllib.error.HTTPError) as err:
            _get(url + path)
        assert err.value.code == 400
        assert json.loads(err.value.read())["detail"]["code"] == "bad_grouping"


def test_unauthenticated_foreign_and_tampered_uploads_are_refused(
    db, make_visits, kiosk_key, pg_collector, serve
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    data = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data
    url = serve(create_app(pg_collector))

    assert _post(url, data, None)[0] == 401
    assert _post(url, data, "not-a-token")[0] == 401
    from nacl.signing import SigningKey

    other_token = pg_collector.register_kiosk("k-other", public_key_b64(SigningKey.generate()))
    status, body = _post(url, data, other_token)
    assert status == 403 and body["detail"]["code"] == "wrong_kiosk"
    tampered = rebuild(
        data, lambda p: p.update({"visits.csv": p["visits.csv"].replace(b"done", b"DONE")})
    )
    status, body = _post(url, tampered, pg_collector.token)
    assert status == 422 and body["detail"]["code"] == "checksum_mismatch"
    assert "visits.csv" in body["detail"]["message"]
    status, body = _post(url, b"hello", pg_collector.token)
    assert status == 400 and body["detail"]["code"] == "not_a_bundle"
    assert pg_collector.visit_count() == 0 and pg_collector.bundle_count() == 0


def test_oversized_requests_are_refused_with_413(db, kiosk_key, pg_collector, serve) -> None:  # type: ignore[no-untyped-def]
    url = serve(create_app(pg_collector, max_bytes=200_000))
    host, port = url.removeprefix("http://").split(":")
    # Declared too large: refused before a byte of the body is read.
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.putrequest("POST", "/api/v1/bundles")
    conn.putheader("Authorization", f"Bearer {pg_collector.token}")
    conn.putheader("Content-Length", str(21 * 1024 * 1024))
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 413 and json.loads(resp.read())["detail"]["code"] == "too_large"
    conn.close()
    # Sent in chunks with no length given: counted as it arrives, refused past the limit.
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    chunks = (b"x" * 50_000 for _ in range(10))
    conn.request(
        "POST",
        "/api/v1/bundles",
        body=chunks,
        encode_chunked=True,
        headers={"Authorization": f"Bearer {pg_collector.token}", "Transfer-Encoding": "chunked"},
    )
    resp = conn.getresponse()
    assert resp.status == 413
    conn.close()
    assert pg_collector.bundle_count() == 0


def test_two_collectors_share_one_database_and_the_command_line_imports(
    db, kiosk_key, postgres_url, pg_collector, serve, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bulk_visits(db, 40)
    full = build_bundle(db, collect_records(db, "full"), kiosk_key, sequence=1, mode="full")
    stick = tmp_path / full.file_name
    stick.write_bytes(full.data)
    first = serve(create_app(Collector(postgres_url)))
    second = serve(create_app(Collector(postgres_url)))
    assert _post(first, full.data, pg_collector.token)[0] == 201
    assert _post(second, full.data, pg_collector.token)[0] == 200  # the other one has it

    # A bundle brought on a USB stick, imported with the collector's own command.
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk.collector.cli",
            "--database",
            postgres_url,
            "import",
            str(stick),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "duplicate, 0 new of 40 visits" in out.stdout
    bulk_visits(db, 5)
    newer = build_bundle(db, collect_records(db), kiosk_key, sequence=2)
    stick2 = tmp_path / newer.file_name
    stick2.write_bytes(newer.data)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk.collector.cli",
            "--database",
            postgres_url,
            "import",
            str(stick2),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "imported, 5 new of 45 visits" in out.stdout, out.stderr
    summary = json.loads(_get(second + "/api/v1/summary"))
    assert summary["visits"] == 45 and summary["bundles"] == 2
    csv_text = _get(first + "/api/v1/totals.csv?by=priority").decode("utf-8-sig")
    assert csv_text.startswith("priority,visits\r\n")


def test_the_served_command_answers_on_loopback(postgres_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk.collector.cli",
            "--database",
            postgres_url,
            "serve",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("collector listening on http://127.0.0.1:")
        base = line.split()[-1]
        assert json.loads(_get(base + "/healthz")) == {"status": "ok"}
        assert json.loads(_get(base + "/api/v1/totals?by=day")) == {
            "by": "day",
            "rows": [],
            "visits": 0,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("chunks", [False, True])
def test_postgresql_stores_exactly_what_sqlite_stores(
    db,
    make_visits,
    kiosk_key,
    collector,
    pg_collector,
    chunks,
    monkeypatch,
) -> None:  # type: ignore[no-untyped-def]
    import kiosk.collector.pg_copy

    if chunks:  # many chunks of few records: the COPYs start and end between records
        monkeypatch.setattr(kiosk.collector.pg_copy, "_BATCH", 7)
        monkeypatch.setattr(kiosk.collector.pg_copy, "_CHUNK", 21)
    make_visits(5, consent=True, outcome=["=1+1", "đã nộp hồ sơ, chờ kết quả"])
    # Texts JSON writes with escapes take the long way through the checks.
    make_visits(3, outcome=['nói "cảm ơn"', "a\\b c\\td", "null", "\\N"])
    bulk_visits(db, 30)
    data = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data
    assert collector.import_bundle(data).new_visits == 38
    assert pg_collector.import_bundle(data).new_visits == 38
    assert b"".join(pg_collector.visits_csv()) == b"".join(collector.visits_csv())
    assert pg_collector.summary() == collector.summary()


@pytest.mark.parametrize("damage", ["desk", "huge", "time", "json", "twice"])
def test_postgresql_refuses_a_signed_bundle_that_breaks_the_schema(
    db, make_visits, kiosk_key, pg_collector, damage
) -> None:  # type: ignore[no-untyped-def]
    make_visits(3)
    data = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data

    def change(parts: dict[str, bytes]) -> None:
        lines = parts["visits.jsonl"].split(b"\n")
        if damage == "desk":
            lines[1] = lines[1].replace(b'"desk":2', b'"desk":"two"')
        elif damage == "huge":  # more than the collector's 32-bit columns hold
            lines[1] = lines[1].replace(b'"desk":2', b'"desk":4294967296')
        elif damage == "time":
            lines[1] = lines[1].replace(
                b'"created_at":"2026-11-28T01:00:00Z"', b'"created_at":"yesterday"'
            )
        elif damage == "json":
            lines[1] = lines[1][:-5]
        else:
            lines[2] = lines[1]
        parts["visits.jsonl"] = b"\n".join(lines)

    with pytest.raises(BundleError) as err:
        pg_collector.import_bundle(rebuild(data, change, key=kiosk_key, fix_hashes=True))
    assert err.value.code == "schema_error"
    expected = {
        "desk": "line 2: desk",
        "huge": "line 2: desk",
        "time": "line 2: created_at",
        "json": "not valid JSON",
        "twice": "appears twice",
    }[damage]
    assert expected in str(err.value)
    assert pg_collector.visit_count() == 0 and pg_collector.bundle_count() == 0


@pytest.mark.parametrize("damage", ["desk", "time", "early time", "service", "csv"])
def test_postgresql_stores_nothing_when_a_record_late_in_a_big_bundle_is_at_fault(
    db, kiosk_key, pg_collector, damage, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import kiosk.collector.pg_copy

    # Batches of 1000: the records before the bad one are sent to the server first.
    monkeypatch.setattr(kiosk.collector.pg_copy, "_BATCH", 1000)
    bulk_visits(db, 2600)
    data = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data

    def change(parts: dict[str, bytes]) -> None:
        if damage == "csv":  # the CSV part is checked alongside the records
            parts["visits.csv"] = parts["visits.csv"].replace(b"vneid_activated", b"done", 1)
            return
        lines = parts["visits.jsonl"].split(b"\n")
        if damage == "desk":
            lines[2499] = lines[2499].replace(b'"desk":', b'"desk":"one","x":', 1)
        elif damage == "early time":  # refused before it reaches the server
            lines[9] = lines[9].replace(
                b'"created_at":"2026-11-28T01:00:00Z"', b'"created_at":"28/11/2026 01:00"'
            )
        elif damage == "service":
            lines[2549] = lines[2549].replace(b'"services":[', b'"services":[[7],', 1)
        else:
            lines[2599] = lines[2599].replace(
                b'"created_at":"2026-11-28T01:00:00Z"', b'"created_at":"2026-11-28T01:00:00"'
            )
        parts["visits.jsonl"] = b"\n".join(lines)

    with pytest.raises(BundleError) as err:
        pg_collector.import_bundle(rebuild(data, change, key=kiosk_key, fix_hashes=damage != "csv"))
    expected = {
        "desk": ("schema_error", "line 2500: fields differ"),
        "time": ("schema_error", "line 2600: created_at"),
        "early time": ("schema_error", "line 10: created_at"),
        "service": ("schema_error", "line 2550: services"),
        "csv": ("checksum_mismatch", "visits.csv"),
    }[damage]
    assert err.value.code == expected[0] and expected[1] in str(err.value)
    assert pg_collector.visit_count() == 0 and pg_collector.bundle_count() == 0
    with pg_collector.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM collector_visit_item").scalar() == 0


def test_postgresql_counts_each_visit_and_its_items_once_across_bundles(
    db, make_visits, kiosk_key, pg_collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(3)
    first = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data
    assert pg_collector.import_bundle(first).new_visits == 3
    make_visits(2)
    bulk_visits(db, 1500)
    full = build_bundle(db, collect_records(db, "full"), kiosk_key, sequence=2, mode="full").data
    result = pg_collector.import_bundle(full)
    assert (result.visits, result.new_visits) == (1505, 1502)
    again = pg_collector.import_bundle(full)
    assert (again.status, again.new_visits) == ("duplicate", 0)
    assert pg_collector.visit_count() == 1505
    services = dict(pg_collector.totals("service"))
    assert sum(services.values()) == 1505 + 2  # every other visit of make_visits has two
    with pg_collector.engine.connect() as conn:
        items = conn.exec_driver_sql(
            "SELECT count(*), count(DISTINCT (kiosk_id, visit_id, "
            "kind, value)) FROM collector_visit_item"
        ).one()
    assert items[0] == items[1] == 1507 + 1505


def test_an_earlier_collector_database_loses_the_item_key_and_keeps_its_data(
    db, make_visits, kiosk_key, postgres_url, pg_collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    assert (
        pg_collector.import_bundle(
            build_bundle(db, collect_records(db), kiosk_key, sequence=1).data
        ).new_visits
        == 2
    )
    key = "SELECT count(*) FROM pg_constraint WHERE conname = 'pk_collector_visit_item'"
    with pg_collector.engine.begin() as conn:  # as earlier versions made the table
        conn.exec_driver_sql(
            "ALTER TABLE collector_visit_item ADD CONSTRAINT "
            "pk_collector_visit_item PRIMARY KEY "
            "(kiosk_id, visit_id, kind, value)"
        )
        assert conn.exec_driver_sql(key).scalar() == 1
    upgraded = Collector(postgres_url)
    try:
        with upgraded.engine.connect() as conn:
            assert conn.exec_driver_sql(key).scalar() == 0
        assert dict(upgraded.totals("service")) == {"vneid": 2, "etax": 1}
    finally:
        upgraded.dispose()
