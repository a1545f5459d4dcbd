"""The kiosk's own storage on a real PostgreSQL server: one setting, same behaviour."""

from __future__ import annotations

from kiosk.app_context import open_context
from kiosk.clock import FakeClock
from kiosk.queue.tickets import issue_ticket
from kiosk.security import PinGate, add_volunteer
from kiosk.storage import open_database
from kiosk.storage.database import SCHEMA_HEAD, current_revision


def test_migrations_and_visits_on_postgresql(postgres_url: str) -> None:
    db = open_database(postgres_url, clock=FakeClock())
    assert current_revision(db.engine) == SCHEMA_HEAD
    from kiosk.services import ensure_services

    ensure_services(db)
    first = issue_ticket(db, ["vneid"], priority="elderly", age_band="75+")
    second = issue_ticket(db, ["etax"])
    assert (first.ticket, second.ticket) == ("A001", "A002")
    again = open_database(postgres_url, clock=FakeClock())
    assert again.kiosk_id == db.kiosk_id
    db.dispose()
    again.dispose()


def test_the_database_url_setting_selects_postgresql(postgres_url: str, tmp_path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[storage]\ndatabase_url = "{postgres_url}"\n', encoding="utf-8")
    ctx = open_context(settings, clock=FakeClock())
    assert ctx.db.engine.dialect.name == "postgresql"
    add_volunteer(ctx.db, "Lan", "2468")
    assert PinGate(ctx.db).check("2468").ok
    ctx.db.dispose()
