"""The walk-in form in short steps: an answer turns to the next step with the focus on
it, Back goes one step back, and the form is not in a scroll area."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QScrollArea


def test_answers_turn_the_steps_and_back_returns(vshell, tap) -> None:  # type: ignore[no-untyped-def]
    vshell.window.activateWindow()
    tap(vshell.staff.buttons["queue"])
    tap(tap.find("my_desk_1"))
    walk = vshell.queue.console.walk_in
    service, none = tap.find("walkin_service_vneid"), tap.find("walkin_priority_none")
    back, consent, add = tap.find("walkin_back"), tap.find("walkin_consent"), tap.find("walkin_add")
    # Step 1: the services, no Back, nothing of the later steps on screen.
    assert service.isVisible() and not back.isVisible() and not none.isVisible()
    assert not add.isVisible()
    tap(service)
    # Step 2: the priorities, the focus on one of them (a keyboard user goes on there).
    assert none.isVisible() and back.isVisible() and not service.isVisible()
    assert QApplication.focusWidget() in walk.priority_buttons.values()
    tap(back)
    assert service.isVisible() and not back.isVisible()
    tap(service)
    tap(none)
    # Step 3: consent and Add, with the focus on the consent toggle.
    assert consent.isVisible() and add.isVisible() and back.isVisible()
    assert QApplication.focusWidget() is consent
    # Nothing of the form is inside a scroll area: every step fits as it is.
    parent = walk.parentWidget()
    while parent is not None:
        assert not isinstance(parent, QScrollArea)
        parent = parent.parentWidget()
    tap(add)
    # Added: the form is back at its first step for the next person.
    assert "A001" in vshell.queue.console.message.text()
    assert service.isVisible() and not service.isChecked() and not add.isVisible()
