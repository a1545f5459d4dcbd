"""The volunteer console, driven by taps as a volunteer would."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt

from kiosk.storage.models import Visit


def _open(vshell, tap, desk: int = 1):  # type: ignore[no-untyped-def]
    tap(vshell.staff.buttons["queue"])
    assert vshell.window.current == "queue_console"
    tap(tap.find(f"my_desk_{desk}"))
    return vshell.queue.console


def _line(console) -> list[str]:  # type: ignore[no-untyped-def]
    return [console.line.item(i).text() for i in range(console.line.count())]


def _visit(vshell, ticket: str) -> Visit:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    with vshell.ctx.db.session() as s:
        return s.scalars(select(Visit).where(Visit.ticket == ticket)).one()


def _add(tap, service: str = "vneid", priority: str = "none") -> None:  # type: ignore[no-untyped-def]
    tap(tap.find(f"walkin_service_{service}"))
    if priority != "none":
        tap(tap.find(f"walkin_priority_{priority}"))
    tap(tap.find("walkin_add"))


def test_add_a_walk_in_in_three_taps(vshell, tap, lan) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap)
    tap(tap.find("walkin_add"))  # a service first: nothing is added, and it says so
    assert console.line.count() == 1 and console.message.text() != ""
    assert vshell.queue.service.waiting() == []
    tap(tap.find("walkin_service_vneid"))
    tap(tap.find("walkin_priority_elderly"))
    tap(tap.find("walkin_add"))
    assert "A001" in console.message.text()
    assert _line(console)[0].startswith("A001") and "★" in _line(console)[0]
    v = _visit(vshell, "A001")
    assert v.priority == "elderly" and [s.service_id for s in v.services] == ["vneid"]
    assert v.name is None and v.consent_at is None


def test_name_and_phone_need_the_consent_tick(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    _open(vshell, tap)
    name, phone = tap.find("walkin_name"), tap.find("walkin_phone")
    assert not name.isEnabled() and not phone.isEnabled()
    tap(tap.find("walkin_consent"))
    assert name.isEnabled()
    tap.qtbot.keyClicks(name, "Nguyen Thi Hoa")
    tap.qtbot.keyClicks(phone, "0912345678")
    _add(tap, "pension")
    v = _visit(vshell, "A001")
    assert (v.name, v.phone) == ("Nguyen Thi Hoa", "0912345678") and v.consent_at is not None
    assert not tap.find("walkin_consent").isChecked() and name.text() == ""


def test_call_recall_hold_resume_transfer_and_finish(vshell, tap, lan) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap)
    _add(tap)
    _add(tap, "etax")
    tap(tap.find("desk_call_next"))
    assert console.desk_panel.current.text() == "A001"
    assert "desk 1" in console.message.text() or "bàn 1" in console.message.text()
    tap(tap.find("desk_recall"))
    assert _visit(vshell, "A001").recalls == 1
    tap(tap.find("desk_start"))
    tap(tap.find("desk_hold"))
    assert _visit(vshell, "A001").state == "on_hold"
    assert console.desk_panel.current.text() == "—"
    tap(tap.find("desk_call_next"))
    assert console.desk_panel.current.text() == "A002"
    tap(tap.find("desk_transfer"))
    tap(tap.find("transfer_to_3"))
    v2 = _visit(vshell, "A002")
    assert (v2.state, v2.desk) == ("waiting", 3)
    tap(tap.find("desk_resume_A001"))
    assert console.desk_panel.current.text() == "A001"
    tap(tap.find("desk_finish"))
    tap(tap.find("outcome_app_installed"))
    tap(tap.find("outcome_level2_activated"))
    tap.qtbot.keyClicks(tap.find("finish_note"), "back next week for the portal")
    tap(tap.find("finish_ok"))
    v1 = _visit(vshell, "A001")
    assert v1.state == "done" and v1.volunteer_id == lan.id and v1.desk == 1
    assert v1.outcome == ["app_installed", "level2_activated"]
    assert v1.note == "back next week for the portal"
    assert console.desk_panel.current.text() == "—"


def test_no_show_and_rejoin(vshell, tap, clock) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap)
    _add(tap)
    _add(tap)
    tap(tap.find("desk_call_next"))
    tap(tap.find("desk_no_show"))
    assert _visit(vshell, "A001").state == "no_show"
    clock.advance(300)
    tap(tap.find("desk_rejoin_A001"))
    assert [x.split(" · ")[0] for x in _line(console)] == ["A002", "A001"]


def test_undo_the_last_action_for_ten_seconds(vshell, tap, clock) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap)
    _add(tap)
    tap(tap.find("desk_call_next"))
    undo = tap.find("queue_undo")
    assert undo.isVisible()
    clock.advance(8)
    vshell.queue.controller.check_undo()
    tap(undo)
    assert _visit(vshell, "A001").state == "waiting"
    assert console.desk_panel.current.text() == "—" and not undo.isVisible()
    tap(tap.find("desk_call_next"))
    assert undo.isVisible()
    clock.advance(11)
    vshell.queue.controller.check_undo()
    assert not undo.isVisible()
    assert _visit(vshell, "A001").state == "called"


def test_a_scanned_code_opens_earlier_visits_and_links_the_new_one(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap)
    _add(tap)
    tap(tap.find("desk_call_next"))
    tap(tap.find("desk_finish"))
    tap(tap.find("outcome_account_registered"))
    tap(tap.find("finish_ok"))
    code = _visit(vshell, "A001").follow_up_code
    box = tap.find("queue_code")
    tap.qtbot.keyClicks(box, code.lower())  # a scanner types the code, then Enter
    tap.qtbot.keyClick(box, Qt.Key.Key_Return)
    tap.settle()
    text = console.history.text()
    assert "A001" in text and ("Account registered" in text or "Đã đăng ký" in text)
    tap(tap.find("queue_history_new"))
    _add(tap, "public-service")
    assert _visit(vshell, "A002").previous_visit_id == _visit(vshell, "A001").id
    tap.qtbot.keyClicks(box, "ZZZ999")
    tap.qtbot.keyClick(box, Qt.Key.Key_Return)
    tap.settle()
    assert "A001" not in console.history.text()


def test_leaving_volunteer_mode_forgets_the_desk(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open(vshell, tap, desk=2)
    assert console.desk == 2
    vshell.modes.leave()
    assert console.desk is None and not tap.find("desk_call_next").isEnabled()


def test_every_queue_control_has_an_accessible_name(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    _open(vshell, tap)
    _add(tap)
    tap(tap.find("desk_call_next"))  # the held/missed buttons and the undo appear
    screens = [
        vshell.queue.console,
        vshell.queue.take_screen,
        vshell.queue.ticket_screen,
        vshell.queue.call_screen,
    ]
    controls = [
        w for s in screens for w in s.findChildren(QAbstractButton) + s.findChildren(QLineEdit)
    ]
    assert len(controls) > 40
    unnamed = [
        w.objectName() for w in controls if not (w.accessibleName() and w.accessibleDescription())
    ]
    assert unnamed == []


def test_a_scan_works_without_first_touching_the_code_box(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    console = _open(vshell, tap)
    _add(tap)
    code = _visit(vshell, "A001").follow_up_code
    button = tap.find("desk_call_next")
    button.setFocus()
    tap.qtbot.keyClick(button, code[0])  # the scanner's first key lands on a button
    focus = QApplication.focusWidget()
    assert focus is console.code
    tap.qtbot.keyClicks(focus, code[1:])
    tap.qtbot.keyClick(focus, Qt.Key.Key_Return)
    tap.settle()
    assert "A001" in console.history.text()
    assert _visit(vshell, "A001").state == "waiting"  # Enter did not press the button


def test_undo_tapped_as_its_ten_seconds_run_out_says_too_late(  # type: ignore[no-untyped-def]
    vshell, tap, clock, caplog
) -> None:
    console = _open(vshell, tap)
    _add(tap, "vneid")
    undo = tap.find("queue_undo")
    assert undo.isVisible()
    clock.advance(11)  # the button's timer has not looked at the clock since
    with caplog.at_level(logging.ERROR):
        tap(undo)
    assert console.message.text() == vshell.t.t("queue.err_undo")
    assert not undo.isVisible()
    assert [w.ticket for w in vshell.queue.service.waiting()] == ["A001"]  # nothing was undone
    # A volunteer's ordinary tap is not a failure of the kiosk: nothing in the error log.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_undoing_the_call_closes_the_finish_checklist(  # type: ignore[no-untyped-def]
    vshell, tap, caplog
) -> None:
    console = _open(vshell, tap)
    _add(tap, "etax")
    tap(tap.find("desk_call_next"))
    tap(tap.find("desk_finish"))
    assert tap.find("finish_ok").isVisible()
    tap(tap.find("queue_undo"))  # the call was a mistake: A001 goes back to the line
    assert [w.ticket for w in vshell.queue.service.waiting()] == ["A001"]
    # Nothing at the desk to finish: the checklist is gone, the desk's buttons are back.
    assert not tap.find("finish_ok").isVisible()
    assert tap.find("desk_call_next").isVisible()
    assert not tap.find("desk_finish").isEnabled()
    assert console.message.text() == vshell.t.t("queue.undone", ticket="A001")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
