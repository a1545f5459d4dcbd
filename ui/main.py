"""``literacy-kiosk``: the app, or a chore for volunteers and coordinators.

``literacy-kiosk [--demo] [--windowed]`` starts the kiosk; ``literacy-kiosk volunteer ...``,
``settings ...``, ``guides ...`` and the others run a chore without opening a window (and
without loading Qt).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from kiosk import cli

    cli._load_extras()
    first = next((a for a in argv if not a.startswith("-")), None)
    if first in cli.CHORES or first in cli.EXTRA:
        return cli.main(argv)
    from ui import app

    app.prepare_environment()
    return app.run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
