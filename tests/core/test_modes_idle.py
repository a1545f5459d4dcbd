from __future__ import annotations

import pytest

from kiosk.citizen import CitizenSession
from kiosk.clock import FakeClock
from kiosk.idle import IdleMachine, IdleState
from kiosk.modes import Mode, ModeError, ModeMachine
from kiosk.security import VolunteerInfo
from kiosk.settings import Settings

LAN = VolunteerInfo(1, "Lan", "volunteer")
MINH = VolunteerInfo(2, "Minh", "coordinator")


def test_starts_in_citizen_mode_and_cannot_quit() -> None:
    m = ModeMachine()
    assert m.mode is Mode.CITIZEN and not m.can_quit()


def test_volunteer_enters_volunteer_mode_only() -> None:
    m = ModeMachine()
    seen = []
    m.changed.subscribe(seen.append)
    m.enter(Mode.VOLUNTEER, LAN)
    assert m.mode is Mode.VOLUNTEER and m.volunteer == LAN and m.can_quit()
    with pytest.raises(ModeError):
        m.enter(Mode.COORDINATOR, LAN)
    assert m.mode is Mode.VOLUNTEER  # unchanged after the refused change
    m.leave()
    assert m.mode is Mode.CITIZEN and m.volunteer is None and not m.can_quit()
    assert [(c.old, c.new) for c in seen] == [
        (Mode.CITIZEN, Mode.VOLUNTEER),
        (Mode.VOLUNTEER, Mode.CITIZEN),
    ]


def test_coordinator_may_use_both_staff_modes() -> None:
    m = ModeMachine()
    m.enter(Mode.VOLUNTEER, MINH)
    m.enter(Mode.COORDINATOR, MINH)
    assert m.mode is Mode.COORDINATOR
    m.enter(Mode.CITIZEN, MINH)
    assert m.mode is Mode.CITIZEN


def _events(machine: IdleMachine) -> list[str]:
    out: list[str] = []
    machine.warning.subscribe(lambda s: out.append(f"warning {round(s)}"))
    machine.resumed.subscribe(lambda _n: out.append("resumed"))
    machine.reset.subscribe(lambda _n: out.append("reset"))
    return out


def test_idle_warns_then_resets_without_sleeping() -> None:
    clock = FakeClock()
    m = IdleMachine(clock, timeout=180, countdown=30)
    events = _events(m)
    clock.advance(179)
    assert m.tick() is IdleState.ACTIVE
    clock.advance(1)
    assert m.tick() is IdleState.WARNING
    assert m.seconds_left() == 30
    clock.advance(10)
    m.tick()
    assert m.seconds_left() == 20
    clock.advance(20)
    m.tick()
    assert events == ["warning 30", "reset"]
    assert m.state is IdleState.ACTIVE
    clock.advance(179)
    m.tick()
    assert events == ["warning 30", "reset"]  # a fresh timer after the reset


def test_a_touch_during_the_warning_keeps_the_citizen() -> None:
    clock = FakeClock()
    m = IdleMachine(clock, timeout=60, countdown=20)
    events = _events(m)
    clock.advance(70)
    m.tick()
    m.activity()
    clock.advance(59)
    m.tick()
    assert events == ["warning 10", "resumed"]


def test_paused_while_staff_work() -> None:
    clock = FakeClock()
    m = IdleMachine(clock, timeout=60, countdown=20)
    events = _events(m)
    m.pause()
    clock.advance(3600)
    m.tick()
    m.resume()
    clock.advance(59)
    m.tick()
    assert events == []


def test_countdown_is_at_least_twenty_seconds() -> None:
    with pytest.raises(ValueError):
        IdleMachine(FakeClock(), countdown=10)


def test_clearing_the_citizen_restores_the_point_defaults() -> None:
    s = Settings().replace(display__text_scale=125)
    c = CitizenSession(s)
    looks = []
    c.look_changed.subscribe(looks.append)
    c.translator.set_language("ar")
    c.set_text_scale(200)
    c.set_high_contrast(True)
    c.volume = 0.1
    c.visit_id = 42
    c.clear()
    assert (c.lang, c.text_scale, c.high_contrast, c.volume, c.visit_id) == (
        "vi",
        125,
        False,
        0.8,
        None,
    )
    assert looks[-1].text_scale == 125 and not looks[-1].high_contrast


def test_text_scale_stays_between_100_and_200() -> None:
    c = CitizenSession(Settings())
    c.set_text_scale(250)
    assert c.text_scale == 200
    c.set_text_scale(50)
    assert c.text_scale == 100
