"""The collector under load: N kiosks upload distinct valid bundles at once while M
coordinators read the summary, against a real ``kiosk-collector serve`` process on
loopback (SQLite, then PostgreSQL with several workers).

Prints, per database: bundles imported per second, the summary reads' median and 95th
percentile latency (all of them made while the uploads run) and the errors (any answer
but 201 for an upload or 200 for a read, or a failed connection).

Targets: 20 uploads and 200 reads at once, 0 errors on both databases, read p95 at most
1 s on SQLite while the uploads run.

    .venv/bin/python benchmarks/collector_load.py [--uploads 20] [--reads 200]
        [--visits 1000] [--workers 4] [--only sqlite|postgresql]

PostgreSQL needs the server programs (Debian: apt-get install postgresql); a throwaway
server is started in a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

# Run as a script, this folder comes first on the path, where benchmarks/queue.py would
# hide the standard library's queue module: put the project there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from sqlalchemy import func, insert, select  # noqa: E402

from kiosk.clock import FakeClock  # noqa: E402
from kiosk.export.bundle import build_bundle, collect_records  # noqa: E402
from kiosk.export.keys import load_or_create_signing_key, public_key_b64  # noqa: E402
from kiosk.export.usb import mark_exported  # noqa: E402
from kiosk.queue.tickets import local_day, ticket_label  # noqa: E402
from kiosk.services import ensure_services  # noqa: E402
from kiosk.storage import open_database  # noqa: E402
from kiosk.storage.models import GuideView, Visit, VisitService  # noqa: E402

SERVICES = ("vneid", "public-service", "etax", "pension", "ihanoi", "scam-safety")


def add_visits(db, n: int, day_back: int) -> None:  # type: ignore[no-untyped-def]
    """n closed visits on one day, each with a service and two guide steps."""
    day = local_day(db) - timedelta(days=day_back)
    now = db.clock.now() - timedelta(days=day_back)
    with db.session() as s:
        first = (s.scalar(select(func.coalesce(func.max(Visit.id), 0))) or 0) + 1
        visits, services, views = [], [], []
        for k in range(n):
            vid = first + k
            at = now + timedelta(seconds=20 * k)
            visits.append(
                dict(
                    id=vid,
                    kiosk_id=db.kiosk_id,
                    day=day,
                    ticket_number=k + 1,
                    ticket=ticket_label(k + 1),
                    follow_up_code=f"L{vid:07d}",
                    language=("vi", "vi", "en")[k % 3],
                    state="done",
                    priority=("elderly", None, "disability")[k % 3],
                    age_band=("75+", "60-74", "40-59", "18-39")[k % 4],
                    desk=1 + k % 3,
                    volunteer_id=None,
                    created_at=at,
                    called_at=at + timedelta(minutes=5),
                    serving_at=at + timedelta(minutes=6),
                    finished_at=at + timedelta(minutes=18),
                    outcome=["vneid_activated"] if k % 2 else ["dossier_submitted"],
                    note="",
                    consent_at=None,
                    name=None,
                    phone=None,
                    previous_visit_id=None,
                    exported_at=None,
                )
            )
            services.append(dict(visit_id=vid, service_id=SERVICES[k % len(SERVICES)]))
            views.extend(
                dict(
                    visit_id=vid,
                    guide_id="vneid-activate",
                    step=st,
                    language="vi",
                    viewed_at=at + timedelta(seconds=30 * st),
                )
                for st in (1, 2)
            )
        conn = s.connection()
        conn.execute(insert(Visit.__table__), visits)
        conn.execute(insert(VisitService.__table__), services)
        conn.execute(insert(GuideView.__table__), views)


def make_bundles(work: Path, count: int, visits: int) -> tuple[list[bytes], str, str]:
    """``count`` bundles of ``visits`` new visits each, from one kiosk; its id and key."""
    db = open_database(f"sqlite:///{work / 'kiosk.sqlite3'}", clock=FakeClock())
    ensure_services(db)
    key = load_or_create_signing_key(work / "keys")
    bundles = []
    for i in range(count):
        add_visits(db, visits, day_back=count - i)
        b = build_bundle(db, collect_records(db), key, sequence=i + 1)
        mark_exported(db, b, kind="usb", mode="incremental", target="bench")
        bundles.append(b.data)
    kiosk_id = db.kiosk_id
    db.dispose()
    return bundles, kiosk_id, public_key_b64(key)


def cli(url: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.collector.cli", "--database", url, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout


class Server:
    """``kiosk-collector serve`` in a process of its own, on a free loopback port."""

    def __init__(self, url: str, workers: int) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk.collector.cli",
                "--database",
                url,
                "serve",
                "--port",
                "0",
                *(["--workers", str(workers)] if workers > 1 else []),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        self.port = int(line.split(":")[-1].split()[0].strip("/"))
        # Worker processes start after the socket listens: wait until a run of health
        # checks in a row is answered quickly, so start-up is not counted as load.
        quick, deadline = 0, time.monotonic() + 300
        while quick < 4 * workers and time.monotonic() < deadline:
            status, took = request(self.port, "GET", "/healthz", None, {})
            quick = quick + 1 if status == 200 and took < 0.5 else 0

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def request(
    port: int, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> tuple[int, float]:
    """(status or 0 for a failed connection, seconds taken)."""
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        conn.close()
        status = resp.status
    except OSError:
        status = 0
    return status, time.perf_counter() - start


def load(port: int, bundles: list[bytes], token: str, reads: int) -> dict[str, float]:
    """All uploads and all reads started at once; what they took."""
    upload_results: list[tuple[int, float]] = []
    read_results: list[tuple[int, float]] = []
    gate = threading.Barrier(len(bundles) + reads + 1)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/zip"}

    def upload(data: bytes) -> None:
        gate.wait()
        upload_results.append(request(port, "POST", "/api/v1/bundles", data, auth))

    def read() -> None:
        gate.wait()
        read_results.append(request(port, "GET", "/api/v1/summary", None, {}))

    threads = [threading.Thread(target=upload, args=(b,)) for b in bundles]
    threads += [threading.Thread(target=read) for _ in range(reads)]
    for t in threads:
        t.start()
    gate.wait()
    start = time.perf_counter()
    for t in threads[: len(bundles)]:
        t.join()
    uploads_took = time.perf_counter() - start
    for t in threads:
        t.join()
    latencies = sorted(s for _, s in read_results)
    return {
        "bundles_per_s": len(bundles) / uploads_took,
        "uploads_took": uploads_took,
        "upload_errors": sum(1 for st, _ in upload_results if st != 201),
        "read_errors": sum(1 for st, _ in read_results if st != 200),
        "read_p50": statistics.median(latencies),
        "read_p95": latencies[max(0, int(len(latencies) * 0.95) - 1)],
        "read_max": latencies[-1],
    }


def run(
    name: str, url: str, workers: int, bundles: list[bytes], kiosk: tuple[str, str], reads: int
) -> dict[str, float]:
    cli(url, "init-db")
    token = cli(url, "register-kiosk", kiosk[0], kiosk[1]).strip().splitlines()[-1]
    server = Server(url, workers)
    try:
        result = load(server.port, bundles, token, reads)
    finally:
        server.stop()
    print(
        f"{name} ({workers} worker{'s' if workers > 1 else ''}): {len(bundles)} uploads "
        f"+ {reads} summary reads at once\n"
        f"  uploads: {result['bundles_per_s']:.2f} bundles/s "
        f"(all in {result['uploads_took']:.2f} s), errors {result['upload_errors']}\n"
        f"  reads:   p50 {result['read_p50']:.3f} s, p95 {result['read_p95']:.3f} s, "
        f"max {result['read_max']:.3f} s, errors {result['read_errors']}",
        flush=True,
    )
    return result


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--uploads", type=int, default=20)
    ap.add_argument("--reads", type=int, default=200)
    ap.add_argument("--visits", type=int, default=1000, help="visits per bundle")
    ap.add_argument("--workers", type=int, default=4, help="PostgreSQL server processes")
    ap.add_argument("--only", choices=("sqlite", "postgresql"), default=None)
    args = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="collector-load-") as tmp:
        work = Path(tmp)
        bundles, kiosk_id, public = make_bundles(work, args.uploads, args.visits)
        print(
            f"{len(bundles)} bundles of {args.visits} visits, {sum(map(len, bundles)) / 1e6:.1f} MB"
        )
        if args.only in (None, "sqlite"):
            r = run(
                "SQLite",
                f"sqlite:///{work / 'collector.sqlite3'}",
                1,
                bundles,
                (kiosk_id, public),
                args.reads,
            )
            ok &= r["upload_errors"] == r["read_errors"] == 0 and r["read_p95"] <= 1.0
        if args.only in (None, "postgresql"):
            from tests.pgcluster import ThrowawayPostgres

            with ThrowawayPostgres() as pg:
                r = run("PostgreSQL", pg.url, args.workers, bundles, (kiosk_id, public), args.reads)
            ok &= r["upload_errors"] == r["read_errors"] == 0
    print("TARGET MET" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
