"""A database saved before the queue revision upgrades with its visits kept and usable."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from kiosk.queue import QueueService
from kiosk.services import ensure_services
from kiosk.settings import Settings
from kiosk.storage.database import current_revision, make_engine, open_database, upgrade


def test_upgrade_from_the_first_schema_keeps_waiting_visits(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine, "0001")
    when = datetime(2026, 11, 28, 0, 30, tzinfo=UTC).isoformat(" ")
    with engine.begin() as c:
        c.execute(
            text("INSERT INTO point (id, name, ward, created_at) VALUES (1, 'P', '', :t)"),
            {"t": when},
        )
        c.execute(
            text("INSERT INTO kiosk (id, point_id, created_at) VALUES ('k1', 1, :t)"), {"t": when}
        )
        c.execute(
            text(
                "INSERT INTO ticket_counter (kiosk_id, day, last_number) "
                "VALUES ('k1', '2026-11-28', 1)"
            )
        )
        c.execute(
            text(
                "INSERT INTO visit (kiosk_id, day, ticket_number, ticket, follow_up_code, "
                "language, state, created_at, outcome, note) VALUES ('k1', '2026-11-28', 1, "
                "'A001', 'ABCDEF', 'vi', 'waiting', :t, '[]', '')"
            ),
            {"t": when},
        )
    engine.dispose()
    db = open_database(url, clock=clock, kiosk_id="k1")
    ensure_services(db)
    assert current_revision(db.engine) not in (None, "0001")
    queue = QueueService(db, Settings())
    assert [w.ticket for w in queue.waiting()] == ["A001"]
    assert queue.call_next(1).ticket == "A001"
    assert queue.issue(["vneid"]).ticket == "A002"
    db.dispose()
