"""A real process issuing tickets is killed (SIGKILL) at random moments; afterwards the
day's numbers are 1..N with no gap and no duplicate, and issuing carries on at N+1."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.queue.tickets import issue_ticket
from kiosk.storage import open_database
from kiosk.storage.models import QueueEvent, TicketCounter, Visit

pytestmark = pytest.mark.e2e
ISSUER = Path(__file__).with_name("issuer.py")
ROOT = Path(__file__).resolve().parents[3]


def _run_and_kill(db_file: Path, rng: random.Random) -> int:
    """Start the issuer, let it issue a random number of tickets, SIGKILL it mid-loop;
    return the last number it reported as issued."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, str(ISSUER), str(db_file)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    last = 0
    for _ in range(rng.randint(1, 40)):
        line = proc.stdout.readline()
        if not line:
            break
        last = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    return last


def test_numbers_survive_kills_in_the_middle_of_issuing(tmp_path: Path) -> None:
    db_file = tmp_path / "kiosk.sqlite3"
    rng = random.Random(4)
    reported = [_run_and_kill(db_file, rng) for _ in range(8)]
    db = open_database(f"sqlite:///{db_file}")
    with db.session() as s:
        numbers = sorted(s.scalars(select(Visit.ticket_number)))
        counter = s.scalars(select(TicketCounter)).one()
        events = s.scalars(select(QueueEvent.visit_id)).all()
    n = len(numbers)
    assert numbers == list(range(1, n + 1))  # contiguous, no duplicates
    assert counter.last_number == n  # the counter never ran ahead
    assert sorted(events) == sorted(set(events)) and len(events) == n  # history whole
    assert n >= max(reported)  # nothing acknowledged was lost
    assert issue_ticket(db, ["vneid"]).number == n + 1
    db.dispose()
