"""The coordinator's desk counts this kiosk's own visits, each once, the demo's too."""

from __future__ import annotations

from pathlib import Path

from nacl.signing import SigningKey

from kiosk.collector.desk import CoordinatorDesk
from kiosk.collector.local import take_in_own
from kiosk.export.keys import public_key_b64


def desk_for(db, folder: Path) -> CoordinatorDesk:  # type: ignore[no-untyped-def]
    return CoordinatorDesk(db, public_key=public_key_b64(SigningKey.generate()), data_folder=folder)


def test_own_visits_are_taken_in_once(db, make_visits, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    desk = desk_for(db, tmp_path)
    assert desk.summary()["visits"] == 2
    assert take_in_own(desk.collector, db) == 0  # nothing new: nothing counted twice
    make_visits(1)
    assert desk.summary()["visits"] == 3
    desk.close()


def test_the_demos_finished_visits_are_counted(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from kiosk.demo import DEMO_KIOSK_ID, fill_demo
    from kiosk.services import ensure_services
    from kiosk.storage.database import open_database
    from kiosk.storage.models import Visit

    db = open_database(
        f"sqlite:///{tmp_path / 'demo.sqlite3'}", clock=clock, kiosk_id=DEMO_KIOSK_ID
    )
    ensure_services(db)
    fill_demo(db)
    with db.session() as s:
        done = s.scalar(select(func.count()).select_from(Visit).where(Visit.state == "done"))
    assert done
    desk = desk_for(db, tmp_path)
    assert desk.summary()["visits"] >= done
    desk.close()
    db.dispose()
