"""Flip a bit at every offset of a real bundle and post each copy to a real
``kiosk-collector serve`` process (SQLite, loopback): the CI test does a sample of the
offsets, this does all of them.

Prints how the server answered (by status and refusal code) and fails if any answer is
a 5xx, the server printed a traceback, or anything but the real bundle's visits got
stored.

    .venv/bin/python benchmarks/fuzz_bundle.py [--visits 3] [--all-bits] [--clients 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # benchmarks/queue.py would hide the standard library's queue

from kiosk.clock import FakeClock  # noqa: E402
from kiosk.collector.store import Collector  # noqa: E402
from kiosk.export.bundle import build_bundle, collect_records  # noqa: E402
from kiosk.export.keys import load_or_create_signing_key, public_key_b64  # noqa: E402
from kiosk.queue.tickets import issue_ticket  # noqa: E402
from kiosk.services import ensure_services  # noqa: E402
from kiosk.storage import open_database  # noqa: E402
from kiosk.storage.models import Visit  # noqa: E402
from tests.fuzz_support import every_offset, flipped  # noqa: E402


def real_bundle(work: Path, visits: int) -> tuple[bytes, str, str]:
    db = open_database(f"sqlite:///{work / 'kiosk.sqlite3'}", clock=FakeClock())
    ensure_services(db)
    for _ in range(visits):
        t = issue_ticket(db, ["vneid"])
        with db.session() as s:
            v = s.get(Visit, t.visit_id)
            v.state, v.finished_at, v.outcome = "done", db.clock.now(), ["vneid_activated"]
    key = load_or_create_signing_key(work / "keys")
    data = build_bundle(db, collect_records(db), key, sequence=1).data
    kiosk_id = db.kiosk_id
    db.dispose()
    return data, kiosk_id, public_key_b64(key)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--visits", type=int, default=3)
    ap.add_argument("--all-bits", action="store_true", help="all 8 bits of every byte")
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fuzz-bundle-") as tmp:
        work = Path(tmp)
        data, kiosk_id, public = real_bundle(work, args.visits)
        url = f"sqlite:///{work / 'collector.sqlite3'}"
        collector = Collector(url)
        token = collector.register_kiosk(kiosk_id, public)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk.collector.cli",
                "--database",
                url,
                "serve",
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert server.stdout is not None
        port = int(server.stdout.readline().rsplit(":", 1)[1])
        todo = every_offset(len(data), args.all_bits)
        answers: Counter[str] = Counter()
        bad: list[str] = []
        lock = threading.Lock()
        started = time.perf_counter()

        def client(share: list[tuple[int, int]]) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for offset, bit in share:
                conn.request(
                    "POST",
                    "/api/v1/bundles",
                    body=flipped(data, offset, bit),
                    headers={"Authorization": f"Bearer {token}"},
                )
                resp = conn.getresponse()
                body = resp.read()
                if resp.status in (200, 201):
                    what = str(resp.status)
                else:
                    try:
                        what = f"{resp.status} {json.loads(body)['detail']['code']}"
                    except (ValueError, KeyError, TypeError):
                        what = f"{resp.status} ?"
                with lock:
                    answers[what] += 1
                    if resp.status >= 500 or what.endswith("?"):
                        bad.append(f"offset {offset} bit {bit}: {resp.status} {body[:200]!r}")
            conn.close()

        threads = [
            threading.Thread(target=client, args=(todo[i :: args.clients],))
            for i in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.perf_counter() - started
        server.terminate()
        _out, err = server.communicate(timeout=60)
        stored = collector.visit_count(), collector.bundle_count()
        collector.dispose()
    print(f"{len(todo)} damaged copies of a {len(data)}-byte bundle in {took:.1f} s:")
    for what, n in sorted(answers.items()):
        print(f"  {what}: {n}")
    tracebacks = err.count("Traceback")
    print(f"server tracebacks: {tracebacks}; stored: {stored[0]} visits in {stored[1]} bundles")
    for line in bad[:20]:
        print("  BAD", line)
    ok = not bad and tracebacks == 0 and stored in ((0, 0), (args.visits, 1))
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
