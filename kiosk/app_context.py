"""Everything the kiosk opens at start, without Qt: settings, then the database.

The settings are read at once (they shape the first screen). The database can be opened
on a background thread while the home screen is drawn — SQLAlchemy alone takes longer
to import than Qt takes to show a window — and ``ctx.db`` waits for it on first use.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import settings as settings_mod
from kiosk.clock import Clock, SystemClock
from kiosk.settings import Problem, Settings

if TYPE_CHECKING:
    from kiosk.storage import Database


class AppContext:
    def __init__(
        self,
        settings: Settings,
        db: Database | None = None,
        clock: Clock | None = None,
        problems: list[Problem] | None = None,
        *,
        database_url: str | None = None,
        demo: bool = False,
    ) -> None:
        self.settings = settings
        self.clock = clock or (db.clock if db is not None else SystemClock())
        self.problems = list(problems or [])
        self.database_url = database_url or settings["storage.database_url"] or None
        self.demo = demo
        self._db = db
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def _open(self) -> None:
        try:
            from kiosk.services import ensure_services
            from kiosk.storage import open_database

            s = self.settings
            kiosk_id = s["point.kiosk_id"]
            if self.demo:
                from kiosk.demo import DEMO_KIOSK_ID

                kiosk_id = DEMO_KIOSK_ID  # marks everything it records as a sample
            db = open_database(
                self.database_url,
                clock=self.clock,
                point_name=s["point.name"],
                ward=s["point.ward"],
                kiosk_id=kiosk_id,
            )
            ensure_services(db)
            if self.demo:
                from kiosk.demo import fill_demo

                fill_demo(db)
            else:
                from kiosk.demo import retire_demo_volunteers

                retire_demo_volunteers(db)  # left by older versions' demo, PINs published
            self._db = db
        except BaseException as exc:  # handed to whoever first needs the database
            self._error = exc

    def open_in_background(self) -> None:
        """Start opening the database; ``db`` waits for it."""
        if self._db is None and self._thread is None:
            self._thread = threading.Thread(target=self._open, name="open-database", daemon=True)
            self._thread.start()

    @property
    def db_ready(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> Database:
        if self._db is None:
            if self._thread is not None:
                self._thread.join()
            else:
                self._open()
            if self._error is not None:
                raise self._error
        assert self._db is not None
        return self._db


def load_context(
    settings_path: Path | None = None,
    *,
    clock: Clock | None = None,
    database_url: str | None = None,
    demo: bool = False,
) -> AppContext:
    """Settings now (bad values reported, defaults used); the database when first needed.

    A database address whose driver is not installed is reported by key at start (the
    settings check it), and the one from the settings or the embedded file is used."""
    settings, problems = settings_mod.load(settings_path)
    if database_url and (msg := settings_mod.database_problem(database_url)) is not None:
        problems.append(Problem("--database", msg))
        database_url = None
    return AppContext(settings, None, clock, problems, database_url=database_url, demo=demo)


def open_context(
    settings_path: Path | None = None,
    *,
    clock: Clock | None = None,
    database_url: str | None = None,
    demo: bool = False,
) -> AppContext:
    """Settings and the open database."""
    ctx = load_context(settings_path, clock=clock, database_url=database_url, demo=demo)
    ctx.db  # noqa: B018 - opens it now
    return ctx
