"""Actions a screen makes in one call: taking a number with its estimate, and the
console's whole view."""

from __future__ import annotations

from kiosk.changes import Kind
from kiosk.queue import QueueService


def test_taking_a_number_gives_the_ticket_and_the_wait(queue: QueueService) -> None:
    queue.issue(["vneid"])
    issued = queue.take_number(["etax"], priority="elderly", age_band="75+", language="en")
    assert issued.change.ticket == "A002" and issued.change.action == "issue"
    assert issued.wait is not None and issued.wait == queue.estimate_for(issued.change.visit_id)
    assert issued.kinds == {Kind.QUEUE, Kind.VISITS}
    v = queue.get(issued.change.visit_id)
    assert v is not None and (v.priority, v.age_band, v.language) == ("elderly", "75+", "en")


def test_the_console_reads_everything_it_shows_at_once(queue: QueueService, lan: int) -> None:
    a = queue.issue(["vneid"])
    b = queue.issue(["etax"])
    queue.call_next(1, lan)
    view = queue.console_view(1)
    assert [w.ticket for w in view.line] == [b.ticket]
    assert view.desk is not None and view.desk.ticket == a.ticket
    assert view.on_hold == [] and view.no_shows == []
    assert queue.console_view(None).desk is None
