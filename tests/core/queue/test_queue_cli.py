from __future__ import annotations

import json

import kiosk.queue.cli  # noqa: F401  (registers the chore)
from kiosk.cli import main


def test_queue_log_prints_the_days_visits_without_names(capsys) -> None:  # type: ignore[no-untyped-def]
    from kiosk.app_context import open_context
    from kiosk.queue import QueueService

    ctx = open_context()
    QueueService(ctx.db, ctx.settings).issue(["vneid"], consent=True, name="Lê Thị Mai")
    ctx.db.dispose()
    assert main(["queue", "log"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["ticket"] == "A001"
    assert "Mai" not in lines[0]


def test_queue_simulate_prints_figures(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["queue", "simulate", "--days", "2"]) == 0
    assert "worst ordinary wait" in capsys.readouterr().out
