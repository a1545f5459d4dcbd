"""Reading aloud (Qt's mock engine, and no engine at all), refused packs, and the record of
viewed steps in the citizen's visit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.guides.visits import views_of
from kiosk.settings import Settings
from kiosk.storage.models import Visit
from tests.ui.guides.test_screens import open_steps


def test_speaker_reads_the_exact_step_text_with_tip_in_english(gshell, qtbot) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    step = open_steps(gshell)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(gshell.speaker.said, timeout=2000) as said:
        QTest.mouseClick(step.speak, Qt.MouseButton.LeftButton)
    text, locale = said.args
    assert text == "Step 2: touch the blue button. Look for the red number."
    assert locale.startswith("en")
    assert not step.speech_note.isVisible()


def test_arabic_guide_without_arabic_text_is_read_in_english(gshell, qtbot) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("ar")
    step = open_steps(gshell, "english-only")
    with qtbot.waitSignal(gshell.speaker.said, timeout=2000) as said:
        QTest.mouseClick(step.speak, Qt.MouseButton.LeftButton)
    assert said.args == ["Step 1: touch the blue button.", said.args[1]]
    assert said.args[1].startswith("en")


def test_no_vietnamese_voice_gives_a_calm_message(gshell) -> None:  # type: ignore[no-untyped-def]
    assert not gshell.speaker.has_voice("vi")  # the mock engine has no Vietnamese
    said: list[tuple[str, str]] = []
    gshell.speaker.said.connect(lambda *a: said.append(a))
    step = open_steps(gshell)
    QTest.mouseClick(step.speak, Qt.MouseButton.LeftButton)
    assert said == []
    assert step.speech_note.isVisible()
    assert step.speech_note.text().startswith("Máy tính này chưa có giọng đọc tiếng Việt")
    gshell.t.set_language("en")
    assert not step.speech_note.isVisible()


def test_without_any_speech_engine_nothing_crashes(make_shell, guides_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_TTS_ENGINE", "none")
    shell = make_shell()
    assert not shell.speaker.available
    shell.t.set_language("en")
    step = open_steps(shell)
    QTest.mouseClick(step.speak, Qt.MouseButton.LeftButton)
    assert step.speech_note.isVisible()
    assert "Reading aloud does not work on this laptop" in step.speech_note.text()
    QTest.mouseClick(shell.guides.step.nav.back, Qt.MouseButton.LeftButton)
    QTest.mouseClick(shell.guides.overview.speak, Qt.MouseButton.LeftButton)
    assert "Reading aloud does not work" in shell.guides.overview.speech_note.text()


def test_always_read_aloud_speaks_each_step_on_arrival(
    make_shell, guides_dir, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    s = Settings(path=tmp_path / "s.toml").replace(
        speech__always_read_aloud=True, display__default_language="en"
    )
    shell = make_shell(s)
    QTest.mouseClick(shell.home.tiles["demo-guide"], Qt.MouseButton.LeftButton)
    assert shell.guides.overview.always.isChecked()
    with qtbot.waitSignal(shell.speaker.said, timeout=2000) as said:
        QTest.mouseClick(shell.guides.overview.nav.next, Qt.MouseButton.LeftButton)
    assert said.args[0] == "Step 1: touch the blue button."
    with qtbot.waitSignal(shell.speaker.said, timeout=2000) as said:
        QTest.mouseClick(shell.guides.step.nav.next, Qt.MouseButton.LeftButton)
    assert said.args[0] == "Step 2: touch the blue button. Look for the red number."


def test_the_citizen_can_turn_on_read_aloud_and_reset_turns_it_off(gshell, qtbot) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    QTest.mouseClick(gshell.home.tiles["demo-guide"], Qt.MouseButton.LeftButton)
    ov = gshell.guides.overview
    with qtbot.waitSignal(gshell.speaker.said, timeout=2000) as said:
        QTest.mouseClick(ov.always, Qt.MouseButton.LeftButton)
    assert said.args[0].startswith("Example guide What you will be able to do:")
    assert gshell.session.read_aloud
    gshell.reset_citizen()
    assert not gshell.session.read_aloud
    assert gshell.window.current == "home"


def test_a_broken_pack_is_refused_and_the_others_still_work(make_shell, guides_dir) -> None:  # type: ignore[no-untyped-def]
    (guides_dir / "english-only" / "step02.svg").write_text("<svg", encoding="utf-8")
    shell = make_shell()
    assert list(shell.home.tiles) == ["demo-guide"]
    problems = shell.staff.problems
    assert not problems.isHidden()
    assert "english-only" in problems.text() and "not well-formed" in problems.text()
    assert "guides check" in problems.text()
    open_steps(shell)


def make_visit(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        v = Visit(
            kiosk_id=db.kiosk_id,
            day=db.clock.now().date(),
            ticket_number=7,
            ticket="A007",
            follow_up_code="FU7",
            created_at=db.clock.now(),
        )
        s.add(v)
        s.flush()
        return v.id


def test_viewed_steps_go_into_the_current_visit(gshell, db, clock, qtbot) -> None:  # type: ignore[no-untyped-def]
    visit = make_visit(db)
    gshell.session.visit_id = visit
    gshell.t.set_language("en")
    step = open_steps(gshell)
    clock.advance(30)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gshell.ops.pending == 0)
    views = views_of(db, visit)
    assert [(v.guide_id, v.step, v.language) for v in views] == [
        ("demo-guide", 0, "en"),
        ("demo-guide", 1, "en"),
        ("demo-guide", 2, "en"),
    ]
    assert views[-1].viewed_at == clock.now()


def test_views_before_taking_a_number_are_attached_to_the_new_visit(gshell, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    step = open_steps(gshell)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    assert gshell.guides.views.pending  # no visit yet: kept in memory only
    visit = make_visit(db)
    gshell.session.visit_id = visit  # the queue part does this when a number is taken
    gshell.go_home()
    qtbot.waitUntil(lambda: gshell.ops.pending == 0)
    assert [(v.step, v.language) for v in views_of(db, visit)] == [(0, "vi"), (1, "vi"), (2, "vi")]


def test_views_of_a_citizen_who_left_are_forgotten(gshell, db, qtbot) -> None:  # type: ignore[no-untyped-def]
    open_steps(gshell)
    gshell.reset_citizen()
    visit = make_visit(db)
    gshell.session.visit_id = visit
    gshell.go_home()
    qtbot.waitUntil(lambda: gshell.ops.pending == 0)
    assert views_of(db, visit) == []
