"""The follow-up code reads the same wherever it is shown, and a citizen who went through a
guide alone is never told of a place in the line (on screen or on paper)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.queue.labels import code_label
from tests.ui.slips import test_slip_hooks as hooks
from tests.ui.slips.test_slip_hooks import (
    FolderPrinter,
    JammedPrinter,
    last_step,
    press_and_wait,
    take_number,
    ticket_button,
    visits,
)

# The kiosk with guides, a queue and a folder for paper, as the slip hook tests have it.
guides_dir, paper, kiosk = hooks.guides_dir, hooks.paper, hooks.kiosk


def test_the_code_on_the_ticket_screen_is_the_code_on_the_slip(
    qtbot, kiosk, paper: FolderPrinter
) -> None:  # type: ignore[no-untyped-def]
    take_number(qtbot, kiosk)
    screen = kiosk.queue.ticket_screen
    shown = code_label(screen.change.follow_up_code)
    assert shown in screen.code.text()
    press_and_wait(qtbot, kiosk, ticket_button(kiosk))
    [text] = paper.texts()
    assert shown in text  # written the same way, not "W72BQ4" here and "W72 BQ4" there

    kiosk.slips.controller.service.printer = JammedPrinter()
    press_and_wait(qtbot, kiosk, ticket_button(kiosk))
    failed = kiosk.screen("slip_failed")
    assert failed.findChild(QLabel, "slip_failed_code").text() == shown


LINE_WORDS = ("number", "turn", "line", "queue", "wait")


def test_a_guide_slip_without_a_number_speaks_of_the_code_only(
    qtbot, kiosk, paper: FolderPrinter
) -> None:  # type: ignore[no-untyped-def]
    step = last_step(qtbot, kiosk, "english-only")
    press_and_wait(qtbot, kiosk, step.slip)
    [visit] = visits(kiosk)
    [text] = paper.texts()
    assert code_label(visit.follow_up_code) in text
    assert visit.ticket not in text
    assert [w for w in LINE_WORDS if w in text.lower()] == []

    # The printer jams on a second try: the calm screen asks to note the code, nothing else.
    kiosk.slips.controller.service.printer = JammedPrinter()
    press_and_wait(qtbot, kiosk, step.slip)
    assert kiosk.window.current == "slip_failed"
    failed = kiosk.screen("slip_failed")
    shown = " ".join(
        w.text() for w in failed.findChildren(QLabel) if w.isVisible() and w.text()
    ).lower()
    assert code_label(visit.follow_up_code).lower() in shown
    assert visit.ticket.lower() not in shown
    assert [w for w in LINE_WORDS if w in shown] == [], shown
    kiosk.t.set_language("vi")
    shown = " ".join(w.text() for w in failed.findChildren(QLabel) if w.isVisible()).lower()
    assert "số thứ tự" not in shown and "lượt" not in shown and "hàng chờ" not in shown
