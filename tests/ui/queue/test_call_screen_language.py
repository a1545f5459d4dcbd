"""The call screen keeps the language the volunteer was using, and so does the kiosk once
the volunteer leaves it."""

from __future__ import annotations

import pytest

from kiosk.i18n import translate
from kiosk.modes import Mode
from tests.ui.conftest import Tapper


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_call_screen_and_the_way_back_keep_the_language(
    make_shell, queue_settings, lan, qtbot, lang: str
) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(queue_settings)
    shell.modes.enter(Mode.VOLUNTEER, lan)
    shell.t.set_language(lang)
    tap = Tapper(qtbot, shell)
    tap(shell.staff.buttons["call_screen"])  # one screen here: display mode
    assert shell.window.current == "queue_display"
    call = shell.queue.call_screen
    assert shell.t.lang == lang
    assert call.title.text() == translate("queue.call_title", lang)
    tap(tap.find("call_exit"))
    for d in "2468":
        tap(tap.find(f"pin_{d}"))
    tap(tap.find("pin_ok"))
    qtbot.waitUntil(lambda: shell.window.current == "staff")
    assert shell.t.lang == lang  # not back to Vietnamese
    assert shell.staff.buttons["call_screen"].accessibleName() == translate(
        "queue.staff_call", lang
    )
