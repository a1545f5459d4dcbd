"""What volunteers and citizens see of a guide's provenance and of its new words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.guides.conftest import settle
from tests.ui.guides.test_screens import open_steps


def test_volunteers_see_which_guides_were_never_tried_on_a_phone(gshell) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    notes = gshell.staff.guide_notes
    assert not notes.isHidden()
    assert notes.text().startswith("Guides not yet walked through on a real phone: ")
    assert "Example guide" in notes.text()
    gshell.t.set_language("vi")
    assert "Hướng dẫn mẫu" in notes.text()


def test_the_overview_says_how_old_the_sources_are_not_that_steps_were_checked(gshell) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    QTest.mouseClick(gshell.home.tiles["demo-guide"], Qt.MouseButton.LeftButton)
    line = gshell.guides.overview.checked.text()
    assert line == (
        "These steps follow public information from 20/11/2026. "
        "They have not yet been tried on a phone."
    )


def test_the_first_step_with_otp_explains_it_and_reads_the_answer(gshell) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    step = open_steps(gshell)
    assert not step.explain.isVisible()
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    settle()
    assert step.explain.isVisible()
    assert step.explain.text().startswith("What is an OTP? A code sent to your phone.")
    spoken = step.guide.steps[2].texts["en"].spoken()
    assert spoken.endswith(step.explain.text())
