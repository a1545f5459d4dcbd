"""Queue chores without the screen.

literacy-kiosk queue log [--day YYYY-MM-DD]    the day's visits as JSON lines (no names)
literacy-kiosk queue simulate [--days N]       fairness and estimate figures
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from kiosk.cli import EXTRA


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    q = sub.add_parser("queue", help="the walk-in queue: day log, simulation").add_subparsers(
        dest="action", required=True
    )
    log = q.add_parser("log", help="the day's visits as JSON lines, without names or phones")
    log.add_argument(
        "--day",
        type=date.fromisoformat,
        default=None,
        help="YYYY-MM-DD (default: today, Hanoi time)",
    )
    sim = q.add_parser("simulate", help="simulated days: waits and the estimate's accuracy")
    sim.add_argument("--days", type=int, default=30)


def run(args: argparse.Namespace) -> int:
    if args.action == "simulate":
        from kiosk.queue.policy import Policy
        from kiosk.queue.simulation import DayPlan
        from kiosk.queue.simulation import run as simulate

        s = simulate(DayPlan(), Policy(), args.days)
        print(
            f"{s.days} days, {s.tickets} tickets: worst ordinary wait {s.worst_normal:.0f} "
            f"min; mean wait ordinary {s.mean_normal:.1f} min, priority "
            f"{s.mean_priority:.1f} min; {s.within_range:.0%} of waits inside the range "
            f"shown, {s.within_5:.0%} within 5 minutes"
        )
        return 0
    from kiosk.app_context import open_context
    from kiosk.queue.log import session_log
    from kiosk.queue.tickets import local_day

    ctx = open_context(args.settings)
    for row in session_log(ctx.db, args.day or local_day(ctx.db)):
        print(json.dumps(row, ensure_ascii=False))
    return 0


EXTRA["queue"] = (add_parser, run)
