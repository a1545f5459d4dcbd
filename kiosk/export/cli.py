"""Export chores for ``literacy-kiosk`` (registered in :data:`kiosk.cli.EXTRA`).

literacy-kiosk export key                 this kiosk's id and public key (to register it)
literacy-kiosk export usb FOLDER [--full] write a bundle to a USB stick or folder
literacy-kiosk export drives              removable drives mounted now
literacy-kiosk export send                send what is due to the collector now
literacy-kiosk export status              the outbox: queued, last success, last error
literacy-kiosk export purge               erase names and phones past the retention days
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk import cli


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="session-log export: USB, collector, keys, purge")
    acts = p.add_subparsers(dest="action", required=True)
    acts.add_parser("key", help="this kiosk's id and public key, to register it")
    usb = acts.add_parser("usb", help="write a bundle to a USB stick or any folder")
    usb.add_argument("folder", type=Path)
    usb.add_argument(
        "--full", action="store_true", help="every visit, not only those not yet exported"
    )
    acts.add_parser("drives", help="removable drives mounted now")
    acts.add_parser("send", help="send queued bundles to the collector now")
    acts.add_parser("status", help="what waits in the outbox")
    acts.add_parser("purge", help="erase names and phones older than the retention days")


def run(args: argparse.Namespace) -> int:
    from kiosk.export import service

    if args.action == "drives":
        from kiosk.export.drives import removable_drives

        for d in removable_drives():
            ro = " (read-only)" if d.read_only else ""
            print(f"{d.path}\t{d.fs_type}\t{d.free_bytes // (1024 * 1024)} MB free{ro}")
        return 0
    ctx = cli._open(args)
    if args.action == "key":
        from kiosk.export.keys import fingerprint, public_key_b64

        public = public_key_b64(service.signing_key())
        print(f"kiosk id:    {ctx.db.kiosk_id}")
        print(f"public key:  {public}")
        print(f"fingerprint: {fingerprint(public)}")
        print(f"register with: kiosk-collector register-kiosk {ctx.db.kiosk_id} {public}")
        return 0
    if args.action == "purge":
        from kiosk.export.retention import purge_personal_data

        n = purge_personal_data(ctx.db, ctx.settings["privacy.retention_days"])
        print(f"names and phones erased from {n} visits")
        return 0
    if args.action == "usb":
        from kiosk.export.usb import WriteError, export_to_folder

        try:
            result = export_to_folder(
                ctx.db,
                args.folder,
                service.signing_key(),
                mode="full" if args.full else "incremental",
                coordinator_key=service.coordinator_key(ctx.settings),
            )
        except WriteError as exc:
            print(f"error ({exc.kind}): {exc.detail}; nothing was marked exported", file=sys.stderr)
            return 1
        if result.path is None:
            print("nothing new to export")
        else:
            print(f"wrote {result.path} with {result.visits} visits")
        return 0
    box = service.make_outbox(ctx.db, ctx.settings)
    status = box.tick() if args.action == "send" else box.status()
    print(f"collector: {box.url or '(not set)'}")
    print(f"queued bundles: {status.queued} ({status.queued_visits} visits)")
    print(f"last success: {status.last_success.isoformat() if status.last_success else '-'}")
    if status.last_error:
        print(f"last error: {status.last_error}")
    if status.next_attempt:
        print(f"next try: {status.next_attempt.isoformat()}")
    return 0 if not status.last_error else 1


cli.EXTRA["export"] = (add_parser, run)
