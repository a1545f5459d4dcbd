"""``kiosk-collector``: the coordinator's collector of session logs.

    kiosk-collector keygen                          the coordinator's key pair (once)
    kiosk-collector register-kiosk ID PUBLIC_KEY    register a kiosk; prints its upload token
    kiosk-collector kiosks                          the registered kiosks
    kiosk-collector import FILE...                  import bundles from a USB stick
    kiosk-collector totals [--by service]           visits per service, point, day...
    kiosk-collector serve [--host 127.0.0.1] [--port 8750]
    kiosk-collector init-db                         create or upgrade the tables
    kiosk-collector demo                            three sample points, to try the dashboard

The database is an SQLite file in the data folder unless ``--database`` (or
``KIOSK_COLLECTOR_DATABASE``) names another, e.g. ``postgresql+psycopg://user@host/db``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.export.keys import fingerprint, make_coordinator_keys

if TYPE_CHECKING:  # the database code is imported by the commands that use it
    from kiosk.collector.store import Collector


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kiosk-collector",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--database", default=None, help="SQLAlchemy URL of the collector database")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("keygen", help="make the coordinator's key pair")
    reg = sub.add_parser("register-kiosk", help="register a kiosk and print its token")
    reg.add_argument("kiosk_id")
    reg.add_argument("public_key", help="the kiosk's public key (literacy-kiosk export key)")
    reg.add_argument("--label", default="", help="a note, e.g. the ward")
    sub.add_parser("kiosks", help="list the registered kiosks")
    imp = sub.add_parser("import", help="import bundle files (from a USB stick)")
    imp.add_argument("files", nargs="+", type=Path)
    tot = sub.add_parser("totals", help="print totals")
    tot.add_argument("--by", default="service")
    sub.add_parser("init-db", help="create or upgrade the collector's tables")
    demo = sub.add_parser(
        "demo", help="import two weeks of visits from three sample points (to try the dashboard)"
    )
    demo.add_argument("--days", type=int, default=14)
    srv = sub.add_parser("serve", help="run the web API")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8750)
    srv.add_argument("--max-mb", type=float, default=20.0, help="largest bundle accepted")
    srv.add_argument(
        "--read-token",
        default="",
        help="token needed to read totals (default: only this machine may read)",
    )
    srv.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        help="address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are "
        "believed (repeatable)",
    )
    srv.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (PostgreSQL only; SQLite writes one at a time anyway)",
    )
    srv.add_argument("--ssl-certfile", default=None)
    srv.add_argument("--ssl-keyfile", default=None)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "keygen":
        keys = make_coordinator_keys()
        print(
            "Coordinator key pair. Put the PUBLIC key in every kiosk's settings\n"
            "([export] coordinator_public_key); keep the PRIVATE key safe and offline:\n"
            "it is the only way to read the names and phones in the logs.\n"
        )
        print(f"public:  {keys.public}")
        print(f"private: {keys.private}")
        print(f"fingerprint: {fingerprint(keys.public)}")
        return 0

    from kiosk.collector.store import Collector, CollectorBusy
    from kiosk.export.parts import BundleError

    store = Collector(args.database)
    try:
        if args.command == "init-db":
            print(f"collector database ready: {store.engine.url.render_as_string()}")
            return 0
        if args.command == "demo":
            from kiosk.collector.demo import load_demo

            n = load_demo(store, days=max(2, min(args.days, 120)))
            print(f"demo data: {n} new visits from 3 sample points")
            print("now run kiosk-collector serve on the same database; open the address it prints")
            return 0
        if args.command == "register-kiosk":
            try:
                token = store.register_kiosk(args.kiosk_id, args.public_key, args.label)
            except ValueError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            print(f"registered {args.kiosk_id} (key {fingerprint(args.public_key)})")
            print(
                "Upload token (put it in the kiosk's settings, [export] collector_token; "
                "it is shown only now):"
            )
            print(token)
            return 0
        if args.command == "kiosks":
            for kid, label, key in store.kiosks():
                print(f"{kid}\t{fingerprint(key)}\t{label}")
            return 0
        if args.command == "import":
            failed = 0
            for path in args.files:
                try:
                    result = store.import_bundle(path.read_bytes(), source="usb")
                except (OSError, BundleError, CollectorBusy) as exc:
                    failed += 1
                    code = getattr(exc, "code", "unreadable")
                    print(f"{path.name}: REJECTED ({code}): {exc}", file=sys.stderr)
                    continue
                print(
                    f"{path.name}: {result.status}, {result.new_visits} new of "
                    f"{result.visits} visits"
                )
            return 1 if failed else 0
        if args.command == "totals":
            try:
                rows = store.totals(args.by)
            except ValueError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            print(json.dumps({"by": args.by, "rows": rows}, ensure_ascii=False, indent=1))
            return 0
        if args.command == "serve":
            return _serve(store, args)
    finally:
        store.dispose()
    return 2


def _serve(store: Collector, args: argparse.Namespace) -> int:
    import os
    import socket

    import uvicorn

    from kiosk.collector.app import create_app

    workers = max(1, args.workers)
    if workers > 1 and not getattr(store, "is_postgres", False):
        print("error: several workers need a PostgreSQL database", file=sys.stderr)
        return 2
    common = dict(
        log_level="warning",
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        proxy_headers=False,  # the app itself decides whom to believe (--trusted-proxy)
    )
    # Listen first, then say so: a client that read the line can connect at once.
    sock = socket.create_server((args.host, args.port), backlog=512)
    port = sock.getsockname()[1]
    scheme = "https" if args.ssl_certfile else "http"
    if workers == 1:
        app = create_app(
            store,
            max_bytes=int(args.max_mb * 1024 * 1024),
            read_token=args.read_token,
            trusted_proxies=args.trusted_proxy,
        )
        server = uvicorn.Server(uvicorn.Config(app, **common))
        print(f"collector listening on {scheme}://{args.host}:{port}", flush=True)
        print(f"dashboard: {scheme}://{args.host}:{port}/", flush=True)
        server.run(sockets=[sock])
        return 0
    from uvicorn.supervisors import Multiprocess

    # Each worker process makes its own app from these (see app_from_environment).
    os.environ.update(
        {
            "KIOSK_COLLECTOR_DATABASE": store.engine.url.render_as_string(hide_password=False),
            "KIOSK_COLLECTOR_MAX_BYTES": str(int(args.max_mb * 1024 * 1024)),
            "KIOSK_COLLECTOR_READ_TOKEN": args.read_token,
            "KIOSK_COLLECTOR_TRUSTED_PROXIES": ",".join(args.trusted_proxy),
        }
    )
    config = uvicorn.Config(
        "kiosk.collector.app:app_from_environment",
        factory=True,
        workers=workers,
        **common,
    )
    print(f"collector listening on {scheme}://{args.host}:{port} ({workers} workers)", flush=True)
    Multiprocess(config, sockets=[sock]).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
