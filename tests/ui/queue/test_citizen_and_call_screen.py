"""Taking a number as a citizen, and the call screen that shows and speaks each call."""

from __future__ import annotations

from kiosk.modes import Mode
from kiosk.theme import CAP_HEIGHT_EM
from ui.queue.call_screen import font_sizes


def test_a_citizen_takes_a_number_in_three_taps(make_shell, queue_settings, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import Tapper

    shell = make_shell(queue_settings.replace(printer__kind="none"))
    tap = Tapper(qtbot, shell)
    tap(shell.home.number)
    assert shell.window.current == "queue_take"
    tap(tap.find("take_service_vneid"))
    tap(tap.find("take_priority_disability"))
    # The open-ended age bands are said in words, not as "under-18 tuổi".
    ages = [tap.find(f"take_age_{b}").accessibleName() for b in ("under-18", "60-74", "75+")]
    assert ages == ["Dưới 18 tuổi", "60-74 tuổi", "Từ 75 tuổi trở lên"]
    tap(tap.find("take_age_60-74"))
    assert shell.window.current == "queue_ticket"
    screen = shell.queue.ticket_screen
    assert screen.number.text() == "A001"
    assert (
        "minutes" in screen.estimate.text()
        or "phút" in screen.estimate.text()
        or "soon" in screen.estimate.text()
        or "sắp" in screen.estimate.text()
    )
    assert shell.session.visit_id == screen.visit_id
    v = shell.queue.service.get(screen.visit_id)
    assert (v.priority, v.age_band) == ("disability", "60-74")
    # The slip part's button on the ticket screen prints this visit's slip; with no
    # printer set up, the citizen is shown their number and code instead, calmly.
    slips = shell.slips.controller
    with qtbot.waitSignal(slips.finished, timeout=20000) as sig:
        tap(tap.find("ticket_print_slip"))
    assert sig.args[0].visit_id == v.id and not sig.args[0].ok
    tap.settle()
    assert shell.window.current == "slip_failed"
    assert tap.find("slip_failed_ticket").text() == "A001"
    tap(tap.find("slip_failed_ok"))
    assert shell.window.current == "home" and shell.session.visit_id == v.id
    shell.reset_citizen()
    assert shell.session.visit_id is None and screen.number.text() == ""


def test_the_ticket_shows_the_wait_in_the_citizens_language(
    make_shell, queue_settings, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import Tapper

    shell = make_shell(queue_settings)
    for _ in range(4):
        shell.queue.service.issue(["vneid"])
    shell.session.translator.set_language("en")
    tap = Tapper(qtbot, shell)
    tap(shell.home.number)
    tap(tap.find("take_service_etax"))
    tap(tap.find("take_priority_none"))
    tap(tap.find("take_age_skip"))
    # Four ahead, three desks, 10 minutes each (the default before any history): three
    # start now, the fourth and then this citizen when desks free after 10 minutes.
    assert shell.queue.ticket_screen.estimate.text() == "Expected wait: about 5-15 minutes"


def test_call_screen_shows_and_announces_each_call(make_shell, queue_settings, lan, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import Tapper

    settings = queue_settings.replace(queue__announce_languages=["vi", "en"])
    shell = make_shell(settings)
    shell.modes.enter(Mode.VOLUNTEER, lan)
    tap = Tapper(qtbot, shell)
    for _ in range(3):
        shell.queue.service.issue(["vneid"])
    tap(shell.staff.buttons["call_screen"])  # one screen here: display mode
    call = shell.queue.call_screen
    assert shell.window.current == "queue_display" and not shell.modes.is_staff
    assert not shell.window.top_bar.isVisible()
    missing: list[str] = []
    shell.queue.announcer.no_voice.connect(missing.append)
    with (
        qtbot.waitSignal(shell.speaker.said, timeout=10000) as said,
        qtbot.waitSignal(shell.queue.announcer.chimed),
    ):
        shell.queue.controller.run(lambda: shell.queue.service.call_next(2, lan.id))
        tap.settle()
    # Qt's test engine has no Vietnamese voice: that is reported, and English is spoken.
    assert missing == ["vi"]
    assert said.args == ["Number A001, please come to desk 2.", "en_GB"]
    tap.settle()
    col2 = call.columns[1]
    assert col2.number.text() == "A001" and col2.highlighted
    assert call.columns[0].number.text() == "—" and not call.columns[0].highlighted
    assert call.next_line.text().endswith("A002 A003")
    shell.queue.controller.run(lambda: shell.queue.service.call_next(1, lan.id))
    tap.settle()
    assert call.columns[0].number.text() == "A002" and call.columns[0].highlighted
    assert not call.columns[1].highlighted


def test_vietnamese_announcement_text(make_shell, queue_settings) -> None:  # type: ignore[no-untyped-def]
    from ui.queue.announcer import announcement

    assert announcement("A012", 2, "vi") == "Mời số A012 đến bàn 2."


def test_leaving_display_mode_needs_a_volunteer_pin(make_shell, queue_settings, lan, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import Tapper

    shell = make_shell(queue_settings)
    shell.modes.enter(Mode.VOLUNTEER, lan)
    tap = Tapper(qtbot, shell)
    tap(shell.staff.buttons["call_screen"])
    tap(tap.find("call_exit"))
    assert shell.window.current == "pin"
    tap(tap.find("pin_cancel"))
    assert shell.window.current == "queue_display"
    tap(tap.find("call_exit"))
    for d in "2468":
        tap(tap.find(f"pin_{d}"))
    tap(tap.find("pin_ok"))
    qtbot.waitUntil(lambda: shell.window.current == "staff")
    assert shell.modes.is_staff and shell.window.top_bar.isVisible()
    assert not shell.queue.display.active


def test_numbers_are_sized_for_reading_from_five_metres() -> None:
    # A 24-inch full-HD monitor (92 dpi), three desks: capitals at least 40 mm tall.
    number_px, text_px = font_sizes(92, 1920, 1080, 3)
    assert number_px * CAP_HEIGHT_EM / 92 * 25.4 >= 40
    assert text_px * CAP_HEIGHT_EM / 92 * 25.4 >= 15
    # A small laptop screen: shrunk to fit four characters per column, never below.
    number_px, _ = font_sizes(96, 1366, 768, 3)
    assert number_px * 0.6 * 4 <= 1366 / 3


def test_on_a_second_monitor_the_call_screen_is_its_own_window(
    make_shell, queue_settings, lan, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    from tests.ui.conftest import Tapper

    shell = make_shell(queue_settings)
    shell.modes.enter(Mode.VOLUNTEER, lan)
    tap = Tapper(qtbot, shell)
    shell.queue.service.issue(["vneid"])
    # The test machine has one screen; hand the display the one it has as "the second".
    shell.queue.display.open_on(QGuiApplication.primaryScreen())
    win = shell.queue.display.window
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    assert win.isFullScreen() and shell.modes.is_staff  # the kiosk itself stays as it was
    shell.queue.controller.run(lambda: shell.queue.service.call_next(1, lan.id))
    tap.settle()
    assert win.columns[0].number.text() == "A001" and win.columns[0].highlighted
    win.close()
    assert win.isVisible()  # the window manager cannot close it
    shell.queue.display.close_window()
    assert shell.queue.display.window is None


def test_closing_the_call_window_then_switching_language_updates_the_other_screens(
    make_shell, queue_settings, lan, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication
    from shiboken6 import Shiboken

    shell = make_shell(queue_settings)
    shell.modes.enter(Mode.VOLUNTEER, lan)
    console = shell.show("queue_console")
    shell.queue.display.open_on(QGuiApplication.primaryScreen())
    win = shell.queue.display.window
    qtbot.waitExposed(win)
    shell.queue.display.close_window()
    qtbot.waitUntil(lambda: not Shiboken.isValid(win), timeout=5000)  # really deleted

    shell.t.set_language("en")  # nothing raised: the window's listeners ended with it
    assert console.line.accessibleName() == "Waiting"
    assert shell.home.title.text() == "What would you like to learn today?"
    assert shell.staff.buttons["queue"].accessibleName() == "Queue"
    shell.t.set_language("vi")
    assert console.line.accessibleName() == "Đang chờ"
