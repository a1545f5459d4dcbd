"""``literacy-kiosk guides check [DIR]``: every problem in every guide pack, at once.

Prints one line per problem as ``path: field: message`` and exits with 1 when there is any;
prints a short summary and exits with 0 when every pack is fine.
``literacy-kiosk guides new ID [DIR]`` writes a starting pack that passes the check.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from kiosk.cli import EXTRA
from kiosk.clock import SystemClock
from kiosk.guides.loader import default_dir, load_all, pack_folders
from kiosk.guides.validate import ID_RE


def _add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    guides = sub.add_parser("guides", help="check or start guide packs").add_subparsers(
        dest="action", required=True
    )
    check = guides.add_parser("check", help="report every problem in the guide packs")
    check.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=None,
        help="folder holding the guide folders (default: resources/guides)",
    )
    new = guides.add_parser("new", help="write a starting guide pack to fill in")
    new.add_argument("id", help="the new guide's id, e.g. vneid-level1")
    new.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=None,
        help="folder holding the guide folders (default: resources/guides)",
    )


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check(root: Path, today: date | None = None, out: TextIO | None = None) -> int:
    """Print every problem of the packs under ``root``; 0 when all are fine."""
    out = out or sys.stdout
    if not root.is_dir():
        print(f"{_shown(root)}: no such folder", file=out)
        return 2
    folders = pack_folders(root)
    if not folders:
        print(f"{_shown(root)}: no guide folders found", file=out)
        return 1
    library = load_all(root, today)
    refused = {id(i) for r in library.refused for i in r.issues}
    for issue in library.issues:
        note = ""
        if issue.severity == "warning":
            shown = id(issue) not in refused
            note = " (warning: the guide is still shown)" if shown else " (warning)"
        print(f"{_shown(issue.path)}: {issue.field}: {issue.message}{note}", file=out)
    warned = len(library.warnings)
    if library.refused:
        n = sum(len(r.issues) for r in library.refused)
        print(
            f"{n} problem{'s' if n != 1 else ''} in {len(library.refused)} of "
            f"{len(folders)} guides; the kiosk will not show those guides.",
            file=out,
        )
    steps = sum(len(g.steps) for g in library.guides)
    if not library.refused:
        print(
            f"{len(library.guides)} guides, {steps} steps: "
            + (
                f"{warned} warning{'s' if warned != 1 else ''} to fix."
                if warned
                else "no problems."
            ),
            file=out,
        )
    elif warned:
        print(
            f"{warned} warning{'s' if warned != 1 else ''} about guides that are shown.", file=out
        )
    return 1 if library.refused or warned else 0


def _run(args: argparse.Namespace) -> int:
    root = args.dir or default_dir()
    if args.action == "new":
        from kiosk.guides.example import write_example

        if not ID_RE.match(args.id):
            print("error: the id must be lowercase letters a-z, digits and '-'", file=sys.stderr)
            return 2
        folder = root / args.id
        if folder.exists():
            print(f"error: {_shown(folder)} already exists", file=sys.stderr)
            return 2
        write_example(folder, today=SystemClock().now().date())
        print(
            f"wrote {_shown(folder)}; fill in the texts and drawings, then run "
            "'literacy-kiosk guides check'"
        )
        return 0
    return check(root, SystemClock().now().date())


EXTRA["guides"] = (_add_parser, _run)
