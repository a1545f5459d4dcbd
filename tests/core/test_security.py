from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.cli import main as cli_main
from kiosk.security import (
    PinError,
    PinGate,
    add_volunteer,
    hash_pin,
    list_volunteers,
    set_pin,
    unlock_pins,
    verify_pin,
)
from kiosk.storage.models import AuditEvent, Volunteer


def _actions(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_pins_are_hashed_with_scrypt_and_a_salt() -> None:
    a, b = hash_pin("2468"), hash_pin("2468")
    assert a.startswith("scrypt$") and "2468" not in a
    assert a != b  # different salts
    assert verify_pin("2468", a) and verify_pin("2468", b)
    assert not verify_pin("2469", a)
    assert not verify_pin("2468", "garbage")


def test_the_database_holds_no_plain_pin(db) -> None:
    add_volunteer(db, "Lan", "2468")
    with db.session() as s:
        stored = s.scalars(select(Volunteer.pin_hash)).one()
    assert "2468" not in stored


@pytest.mark.parametrize("pin", ["12", "123456789", "12a4", "1111", "1234", "9876"])
def test_weak_or_malformed_pins_are_refused(db, pin: str) -> None:
    with pytest.raises(PinError):
        add_volunteer(db, "Lan", pin)
    assert list_volunteers(db) == []


def test_two_people_cannot_share_a_pin(db) -> None:
    add_volunteer(db, "Lan", "2468")
    with pytest.raises(PinError, match="Another person"):
        add_volunteer(db, "Hùng", "2468")
    hung = add_volunteer(db, "Hùng", "3579")
    with pytest.raises(PinError, match="Another person"):
        set_pin(db, hung.id, "2468")


def test_right_pin_opens_and_is_audited(db) -> None:
    lan = add_volunteer(db, "Lan", "2468")
    minh = add_volunteer(db, "Minh", "1357", role="coordinator")
    gate = PinGate(db)
    assert gate.check("2468").volunteer == lan
    assert gate.check("1357").volunteer == minh
    assert _actions(db).count("pin_ok") == 2


def test_five_wrong_pins_lock_for_five_minutes(db, clock) -> None:
    add_volunteer(db, "Lan", "2468")
    gate = PinGate(db)
    tries = [gate.check("0000").tries_left for _ in range(4)]
    assert tries == [4, 3, 2, 1]
    fifth = gate.check("0000")
    assert not fifth.ok and fifth.locked_until is not None
    # Even the right PIN is refused while locked.
    clock.advance(299)
    locked = gate.check("2468")
    assert not locked.ok and locked.locked_until is not None
    clock.advance(2)
    assert gate.check("2468").ok
    acts = _actions(db)
    assert acts.count("pin_failed") == 5
    assert "pin_locked" in acts and "pin_refused_locked" in acts


def test_the_lock_survives_a_restart(db, clock) -> None:
    add_volunteer(db, "Lan", "2468")
    for _ in range(5):
        PinGate(db).check("0000")
    fresh_gate = PinGate(db)  # as after restarting the app
    assert fresh_gate.locked_until() is not None
    assert not fresh_gate.check("2468").ok


def test_a_success_resets_the_count(db) -> None:
    add_volunteer(db, "Lan", "2468")
    gate = PinGate(db)
    for _ in range(4):
        gate.check("0000")
    assert gate.check("2468").ok
    assert gate.check("0000").tries_left == 4


def _wrong_run(gate: PinGate, n: int = 5):
    return [gate.check("0000") for _ in range(n)][-1]


def test_lock_lengths_grow_five_fifteen_sixty_then_until_unlocked(db, clock) -> None:
    add_volunteer(db, "Lan", "2468")
    coord = add_volunteer(db, "Minh", "1357", role="coordinator")
    gate = PinGate(db)
    for minutes in (5, 15, 60):
        start = clock.now()
        result = _wrong_run(gate)
        assert result.locked_until == start + timedelta(minutes=minutes)
        clock.advance(minutes * 60 - 1)
        assert gate.state().locked
        clock.advance(1)
        assert not gate.state().locked
    result = _wrong_run(gate)
    assert result.locked_for_good and result.locked_until is None
    clock.advance(30 * 24 * 3600)  # a month later: still locked
    still = gate.check("1357")
    assert not still.ok and still.locked_for_good
    with pytest.raises(PinError):
        unlock_pins(db, "2468")  # a volunteer's PIN cannot unlock
    assert gate.state().for_good
    assert unlock_pins(db, "1357") == coord
    assert gate.check("2468").ok
    acts = _actions(db)
    assert acts.count("pin_locked") == 4
    assert "pin_unlock_refused" in acts and "pin_unlocked" in acts


def test_a_right_pin_between_locks_starts_again_at_five_minutes(db, clock) -> None:
    add_volunteer(db, "Lan", "2468")
    gate = PinGate(db)
    _wrong_run(gate)
    clock.advance(300)
    assert gate.check("2468").ok
    result = _wrong_run(gate)
    assert result.locked_until == clock.now() + timedelta(minutes=5)


def test_the_escalation_survives_a_restart(db, clock) -> None:
    add_volunteer(db, "Lan", "2468")
    _wrong_run(PinGate(db))
    clock.advance(300)
    result = _wrong_run(PinGate(db))  # a new gate, as after restarting the app
    assert result.locked_until == clock.now() + timedelta(minutes=15)
    assert PinGate(db).state().locks == 2


def test_unlock_from_the_command_line(db, db_path, tmp_path, monkeypatch, capsys) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(f'[storage]\ndatabase_url = "sqlite:///{db_path}"\n', "utf-8")
    add_volunteer(db, "Minh", "1357", role="coordinator")
    gate = PinGate(db, steps=())  # the first lock is already the one that waits for a person
    _wrong_run(gate)
    assert gate.state().for_good
    monkeypatch.setattr("sys.stdin", io.StringIO("0000\n"))
    assert cli_main(["volunteer", "unlock", "--pin-stdin"]) == 2
    assert gate.state().for_good
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    assert cli_main(["volunteer", "unlock", "--pin-stdin"]) == 0
    assert "open again" in capsys.readouterr().out
    assert not gate.state().locked
