"""Slip chores without the screen, for setting up a printer and for reprints:

literacy-kiosk slip sample OUT.pdf [--format 80mm|58mm|A6] [--lang vi|en|ar]
literacy-kiosk slip test-print [--lang vi]     (a sample slip on the configured printer)
literacy-kiosk slip print VISIT_ID             (print or reprint a visit's slip)
literacy-kiosk slip failed                     (today's slips that did not print)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli import EXTRA


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("slip", help="follow-up slips: samples, test print, reprint")
    acts = p.add_subparsers(dest="action", required=True)
    sample = acts.add_parser("sample", help="write a sample slip PDF")
    sample.add_argument("out", type=Path)
    sample.add_argument("--format", choices=("80mm", "58mm", "A6"), default=None)
    sample.add_argument("--lang", choices=("vi", "en", "ar"), default="vi")
    test = acts.add_parser("test-print", help="print a sample slip on the configured printer")
    test.add_argument("--lang", choices=("vi", "en", "ar"), default="vi")
    pr = acts.add_parser("print", help="print (or reprint) the slip of a visit")
    pr.add_argument("visit_id", type=int)
    acts.add_parser("failed", help="today's slips that did not print")


def run(args: argparse.Namespace) -> int:
    from kiosk import settings as settings_mod
    from kiosk.slips.pdf import render
    from kiosk.slips.sample import sample_slip

    if args.action in ("sample", "test-print"):
        settings, problems = settings_mod.load(args.settings)
        for p in problems:
            print(f"settings: {p}", file=sys.stderr)
        data = sample_slip(
            args.lang,
            point_name=settings["point.name"],
            footer=settings["printer.footer"],
            logo=settings["printer.logo"],
        )
        fmt = getattr(args, "format", None) or settings["printer.format"]
        pdf = render(data, fmt)
        if args.action == "sample":
            args.out.write_bytes(pdf)
            print(f"wrote {args.out} ({fmt})")
            return 0
        from kiosk.slips.printing import PrintError, make_printer

        printer = make_printer(settings)
        try:
            job = printer.print_pdf(pdf, "Test slip")
        except PrintError as exc:
            print(
                f"not printed on {exc.printer or printer.label}: {exc.kind} {exc.detail}",
                file=sys.stderr,
            )
            return 1
        print(f"sent to {printer.label}: {job}")
        return 0

    from kiosk.app_context import open_context
    from kiosk.slips.guides import pack_source
    from kiosk.slips.service import SlipService

    ctx = open_context(args.settings)
    service = SlipService(ctx.db, ctx.settings, guides=pack_source())
    if args.action == "failed":
        for f in service.failed_today():
            print(f"{f.visit_id}\t{f.ticket}\t{f.at:%H:%M} UTC\t{f.printer}\t{f.error}")
        return 0
    try:
        outcome = service.print_slip(args.visit_id)
    except LookupError:
        print(f"no visit {args.visit_id}", file=sys.stderr)
        return 2
    if outcome.ok:
        print(f"printed {outcome.ticket} on {outcome.printer}: {outcome.job}")
        return 0
    print(
        f"not printed {outcome.ticket} on {outcome.printer}: {outcome.error_kind} {outcome.detail}",
        file=sys.stderr,
    )
    return 1


EXTRA["slip"] = (add_parser, run)
