"""``literacy-kiosk``: the app, or a chore for volunteers and coordinators.

``literacy-kiosk [--demo] [--windowed]`` starts the kiosk; ``literacy-kiosk volunteer ...``,
``settings ...``, ``guides ...`` and the others run a chore without opening a window (and
without loading Qt).
"""

from __future__ import annotations

import sys

TAKES_VALUE = frozenset({"--settings", "--database"})


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is not an option or an option's value."""
    skip = False
    for a in argv:
        if skip:
            skip = False
        elif a in TAKES_VALUE:
            skip = True
        elif not a.startswith("-"):
            return a
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--speech-engine"]:
        # The read-aloud engine's own process (see ui.speech.engine_command): an installed
        # bundle has no "python -m", so the kiosk's program starts it.
        from ui import speech_engine

        return speech_engine.main(argv[1:])
    from kiosk import cli

    first = _first_word(argv)
    if first in cli.CHORES or first in cli.EXTRA_MODULES:
        return cli.main(argv)
    from ui import app

    problem = app.prepare_environment(argv)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    return app.run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
