"""At large text the console's three columns would each be too narrow for their words:
they become parts shown one at a time across the full width, chosen by a row of three
buttons, and come back side by side when the text is smaller again."""

from __future__ import annotations

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def _open_console(vshell, tap, scale: int):  # type: ignore[no-untyped-def]
    vshell.window.setFixedSize(1366, 768)
    vshell.window.activateWindow()
    tap(vshell.staff.buttons["queue"])
    vshell.session.set_text_scale(scale)
    tap.settle()
    return vshell.queue.console


def test_columns_side_by_side_at_100_percent(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open_console(vshell, tap, 100)
    assert not console.paged and not console.part_bar.isVisible()
    assert console.walk_in.isVisible() and console.line.isVisible()
    assert tap.find("desk_call_next").isVisible() and tap.find("my_desk_1").isVisible()
    # The desk's choice stays at the top, beside the console's title.
    assert console.title.isVisible()
    assert not tap.find("desk_change").isVisible()


def test_parts_one_at_a_time_at_200_percent(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open_console(vshell, tap, 200)
    assert console.paged and console.part_bar.isVisible()
    walk_in, line = console.walk_in, console.line
    # The walk-in part first, and nothing of the others.
    assert walk_in.isVisible() and not line.isVisible()
    assert not tap.find("desk_call_next").isVisible()
    tap("walkin_service_vneid")
    tap("walkin_priority_none")
    tap("walkin_add")
    assert "A001" in console.message.text() and console.message.isVisible()
    assert walk_in.isVisible() and tap.find("walkin_service_vneid").isVisible()

    # The line, with its count on the part's button.
    tap("console_part_line")
    assert line.isVisible() and not walk_in.isVisible()
    assert "1" in tap.find("console_part_line").text()
    assert any("A001" in line.item(i).text() for i in range(line.count()))

    # The desk: first its choice, then its actions, the choice giving way.
    tap("console_part_desk")
    assert tap.find("my_desk_1").isVisible() and not line.isVisible()
    tap("my_desk_2")
    assert not tap.find("my_desk_1").isVisible()
    assert "2" in tap.find("console_part_desk").text()
    tap("desk_call_next")
    assert tap.find("desk_current").text() == "A001"
    # Change desk shows the choice alone; the same desk again keeps it.
    tap("desk_change")
    assert tap.find("my_desk_1").isVisible() and not tap.find("desk_call_next").isVisible()
    tap("my_desk_2")
    assert tap.find("desk_call_next").isVisible() and not tap.find("my_desk_1").isVisible()
    assert console.desk == 2


def test_a_scanned_code_turns_to_the_line(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open_console(vshell, tap, 200)
    assert console.walk_in.isVisible()
    first = console.walk_in.service_buttons["vneid"]
    first.setFocus()
    # A scanner types like a keyboard: the first key lands on a button, the rest follow
    # the focus.
    for key in "ab12":
        QTest.keyClick(QApplication.focusWidget(), key)
    assert console.code.isVisible() and console.code.text().upper() == "AB12"
    assert not console.walk_in.isVisible()


def test_smaller_text_brings_the_columns_back(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open_console(vshell, tap, 200)
    tap("console_part_desk")
    tap("my_desk_1")
    vshell.session.set_text_scale(100)
    tap.settle()
    assert not console.paged and not console.part_bar.isVisible()
    assert console.walk_in.isVisible() and console.line.isVisible()
    assert tap.find("desk_call_next").isVisible()
    # The desk's choice is back at the top of the console, the chosen desk still marked.
    desk_1 = tap.find("my_desk_1")
    assert desk_1.isVisible() and desk_1.isChecked()
    assert desk_1.mapTo(console, desk_1.rect().topLeft()).y() < console.walk_in.y()
    assert not tap.find("desk_change").isVisible()
    # Leaving volunteer mode forgets the part as well as the desk.
    vshell.session.set_text_scale(200)
    tap.settle()
    console.reset()
    assert console.walk_in.isVisible() and console.desk is None
    assert tap.find("console_part_walk_in").isChecked()


def test_a_new_language_rewrites_the_line_and_refits_the_tiles(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    console = _open_console(vshell, tap, 100)
    tap("walkin_service_vneid")
    tap("walkin_priority_none")
    tap("walkin_add")
    vshell.t.set_language("en")
    tap.settle()
    # The line and the estimate speak the new language at once, not after the next change.
    assert "min" in console.line.item(0).text() and "phút" not in console.line.item(0).text()
    assert "phút" not in console.estimate.text()
    # English words are longer: the service tiles took as many columns as they fit.
    for tile in console.walk_in.service_tiles.shown():
        assert tile.widest_word() <= tile.width(), tile.words()
    # Their page buttons keep their words: the page number gives way when both would not.
    bar = console.walk_in.service_tiles.pager
    assert bar.isVisible()
    for b in (bar.previous, bar.more):
        assert b.width() >= b.sizeHint().width(), b.text()
