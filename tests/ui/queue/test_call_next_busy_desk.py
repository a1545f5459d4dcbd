"""Call next while someone is still at the desk: the console asks what to do with them,
and never hides them."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.storage.models import Visit


def _open(vshell, tap):  # type: ignore[no-untyped-def]
    tap(vshell.staff.buttons["queue"])
    tap(tap.find("my_desk_1"))
    return vshell.queue.console


def _add(tap, n: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        tap(tap.find("walkin_service_vneid"))
        tap(tap.find("walkin_add"))


def _state(vshell, ticket: str) -> str:  # type: ignore[no-untyped-def]
    with vshell.ctx.db.session() as s:
        return s.scalars(select(Visit.state).where(Visit.ticket == ticket)).one()


def test_call_next_with_someone_served_asks_and_hold_calls_the_next(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap)
    panel = console.desk_panel
    _add(tap, 3)
    tap(tap.find("desk_call_next"))
    tap(tap.find("desk_start"))
    assert panel.current.text() == "A001" and _state(vshell, "A001") == "serving"

    tap(tap.find("desk_call_next"))
    # Nothing was called: a question naming A001, who is still shown at the desk.
    ask = tap.find("desk_ask")
    assert ask.isVisible()
    assert "A001" in tap.find("desk_ask_text").text()
    assert panel.current.text() == "A001" and panel.current.isVisible()
    assert _state(vshell, "A001") == "serving" and _state(vshell, "A002") == "waiting"

    # Back: nothing changes, the desk's buttons return.
    tap(tap.find("desk_ask_back"))
    assert not ask.isVisible() and tap.find("desk_finish").isVisible()
    assert _state(vshell, "A002") == "waiting"

    tap(tap.find("desk_call_next"))
    tap(tap.find("desk_ask_hold"))
    assert _state(vshell, "A001") == "on_hold" and _state(vshell, "A002") == "called"
    assert panel.current.text() == "A002"
    # A001 is not lost: offered back from the held list.
    assert tap.find("desk_resume_A001").isVisible()


def test_finish_first_records_the_visit_then_calls_the_next(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap)
    _add(tap, 2)
    tap(tap.find("desk_call_next"))
    tap(tap.find("desk_start"))
    tap(tap.find("desk_call_next"))
    tap(tap.find("desk_ask_finish"))
    # The checklist for A001 first; nobody is called yet.
    assert tap.find("finish_ok").isVisible()
    assert _state(vshell, "A002") == "waiting"
    tap(tap.find("outcome_app_installed"))
    tap(tap.find("finish_ok"))
    assert _state(vshell, "A001") == "done" and _state(vshell, "A002") == "called"
    assert console.desk_panel.current.text() == "A002"


def test_two_people_at_one_desk_are_both_shown(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap)
    panel = console.desk_panel
    _add(tap, 2)
    tap(tap.find("desk_call_next"))
    tap(tap.find("desk_hold"))
    tap(tap.find("desk_call_next"))
    # A001 is brought back to the same desk while A002 is there (an older console, or
    # the undo of a hold): the desk shows both.
    tap(tap.find("desk_resume_A001"))
    assert panel.current.text() == "A002"
    assert tap.find("desk_also").isVisible()
    other = tap.find("desk_show_A001")
    assert other.isVisible()
    tap(other)
    # One tap brings A001 forward with its buttons; A002 is still named.
    assert panel.current.text() == "A001"
    assert tap.find("desk_show_A002").isVisible()
    tap(tap.find("desk_finish"))
    tap(tap.find("finish_ok"))
    assert _state(vshell, "A001") == "done" and _state(vshell, "A002") == "called"
    assert panel.current.text() == "A002" and not tap.find("desk_also").isVisible()
