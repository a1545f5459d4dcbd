from __future__ import annotations

import pytest

from kiosk.queue import QueueService
from kiosk.security import add_volunteer
from kiosk.settings import Settings
from kiosk.storage import Database


@pytest.fixture
def queue(db: Database, settings: Settings) -> QueueService:
    return QueueService(db, settings.replace(queue__desks=3))


@pytest.fixture
def lan(db: Database) -> int:
    return add_volunteer(db, "Lan", "2468").id
