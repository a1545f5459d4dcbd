"""Chores for volunteers and coordinators, without the screen.

literacy-kiosk volunteer add NAME [--coordinator]      (asks for the PIN)
literacy-kiosk volunteer list
literacy-kiosk volunteer pin ID                          (asks for the new PIN)
literacy-kiosk volunteer unlock                          (a coordinator's PIN reopens PIN entry)
literacy-kiosk settings show | path | example
literacy-kiosk db upgrade
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import settings as settings_mod

if TYPE_CHECKING:  # the app's context is only loaded by the chores that need it
    from kiosk.app_context import AppContext

CHORES = ("volunteer", "settings", "db")

# Later parts of the kiosk add their own chores here: name -> (add_parser, run).
# The chores other parts add, and the module that adds each (imported only for a chore,
# so starting the app does not pay for them).
EXTRA_MODULES = {
    "guides": "kiosk.guides.cli",
    "queue": "kiosk.queue.cli",
    "slip": "kiosk.slips.cli",
    "export": "kiosk.export.cli",
}
EXTRA: dict[
    str,
    tuple[
        Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None],
        Callable[[argparse.Namespace], int],
    ],
] = {}


def _read_pin(prompt: str, args: argparse.Namespace) -> str:
    if getattr(args, "pin_stdin", False):
        return sys.stdin.readline().strip()
    first = getpass.getpass(prompt)
    again = getpass.getpass("Again: ")
    if first != again:
        raise SystemExit("The two PINs differ; nothing was changed.")
    return first


def _open(args: argparse.Namespace) -> AppContext:
    from kiosk.app_context import open_context

    ctx = open_context(args.settings)
    for p in ctx.problems:
        print(f"settings: {p}", file=sys.stderr)
    return ctx


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="literacy-kiosk",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--settings", type=Path, default=None, help="settings file (default: the per-user one)"
    )
    sub = parser.add_subparsers(dest="chore", required=True)

    vol = sub.add_parser("volunteer", help="add volunteers, set PINs").add_subparsers(
        dest="action", required=True
    )
    add = vol.add_parser("add", help="add a volunteer (asks for a PIN)")
    add.add_argument("name")
    add.add_argument("--coordinator", action="store_true")
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    vol.add_parser("list", help="list volunteers")
    pin = vol.add_parser("pin", help="set a new PIN")
    pin.add_argument("id", type=int)
    pin.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    unlock = vol.add_parser(
        "unlock", help="reopen PIN entry after too many wrong PINs (asks for a coordinator's PIN)"
    )
    unlock.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")

    st = sub.add_parser("settings", help="show the settings").add_subparsers(
        dest="action", required=True
    )
    st.add_parser("show", help="the settings in force, with problems")
    st.add_parser("path", help="where the settings file is")
    st.add_parser("example", help="a documented settings file with every default")

    db = sub.add_parser("db", help="database chores").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="apply migrations now")
    for add_parser, _run in EXTRA.values():
        add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _load_extras()
    args = build_parser().parse_args(argv)
    if args.chore in EXTRA:
        return EXTRA[args.chore][1](args)
    if args.chore == "settings":
        if args.action == "example":
            print(settings_mod.dumps(settings_mod.defaults()))
            return 0
        s, problems = settings_mod.load(args.settings)
        if args.action == "path":
            print(s.path)
            return 0
        print(f"# {s.path} ({'found' if s.path and s.path.exists() else 'not found: defaults'})")
        print(settings_mod.dumps(s, with_docs=False))
        for p in problems:
            print(f"problem: {p}", file=sys.stderr)
        return 1 if problems else 0
    if args.chore == "db":
        ctx = _open(args)
        print(f"database ready, kiosk id {ctx.db.kiosk_id}")
        return 0
    if args.chore == "volunteer":
        from kiosk import security

        ctx = _open(args)
        if args.action == "list":
            for v in security.list_volunteers(ctx.db):
                print(f"{v.id}\t{v.role}\t{v.name}")
            return 0
        try:
            if args.action == "unlock":
                pin = (
                    sys.stdin.readline().strip()
                    if args.pin_stdin
                    else getpass.getpass("Coordinator's PIN: ")
                )
                who = security.unlock_pins(ctx.db, pin)
                print(f"PIN entry is open again (unlocked by {who.name})")
            elif args.action == "add":
                role = "coordinator" if args.coordinator else "volunteer"
                info = security.add_volunteer(ctx.db, args.name, _read_pin("PIN: ", args), role)
                print(f"added {info.role} {info.name} as number {info.id}")
            else:
                security.set_pin(ctx.db, args.id, _read_pin("New PIN: ", args))
                print("PIN changed")
        except security.PinError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    return 2


def _load_extras() -> None:
    """Import the modules that register extra chores (guides, export, collector...)."""
    import importlib

    for name in EXTRA_MODULES.values():
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise


if __name__ == "__main__":
    raise SystemExit(main())
