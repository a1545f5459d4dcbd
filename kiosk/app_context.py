"""Everything the kiosk opens at start, without Qt: settings, database, services."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk import settings as settings_mod
from kiosk.clock import Clock, SystemClock
from kiosk.services import ensure_services
from kiosk.settings import Problem, Settings
from kiosk.storage import Database, open_database


@dataclass
class AppContext:
    settings: Settings
    db: Database
    clock: Clock
    problems: list[Problem] = field(default_factory=list)


def open_context(settings_path: Path | None = None, *, clock: Clock | None = None,
                 database_url: str | None = None, demo: bool = False) -> AppContext:
    """Load settings (bad values reported, defaults used) and open the database."""
    clock = clock or SystemClock()
    settings, problems = settings_mod.load(settings_path)
    url = database_url or settings["storage.database_url"] or None
    db = open_database(url, clock=clock, point_name=settings["point.name"],
                       ward=settings["point.ward"], kiosk_id=settings["point.kiosk_id"])
    ensure_services(db)
    if demo:
        from kiosk.demo import fill_demo

        fill_demo(db)
    return AppContext(settings, db, clock, problems)
