"""Issues tickets in a loop against a real SQLite file until killed (used by the test)."""

from __future__ import annotations

import sys

from kiosk.queue.tickets import issue_ticket
from kiosk.services import ensure_services
from kiosk.storage import open_database


def main() -> None:
    db = open_database(f"sqlite:///{sys.argv[1]}")
    ensure_services(db)
    print("ready", flush=True)
    while True:
        t = issue_ticket(db, ["vneid"])
        print(t.number, flush=True)


if __name__ == "__main__":
    main()
