"""The application shell as a citizen and a volunteer would use it, on real screens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.security import add_volunteer
from kiosk.settings import Msg, Problem, Settings
from kiosk.theme import MIN_TARGET_MM


def visible_buttons(widget) -> list[QAbstractButton]:
    return [b for b in widget.findChildren(QAbstractButton) if b.isVisible()]


def tap_pin(qtbot, shell, pin: str) -> None:
    for d in pin:
        qtbot.mouseClick(shell.pin.digits[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.pin.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shell.pin.busy, timeout=10000)


def test_home_buttons_are_big_enough_and_named(shell) -> None:
    min_px = MIN_TARGET_MM * shell.theme.dpi / 25.4
    buttons = visible_buttons(shell.window)
    home = shell.home
    tiles = [t for t in home.tiles.values() if t.isVisible()]
    # The tiles that fit (all of them, or a page with More services), take a number, the bar.
    assert len(tiles) == len(home.tiles) or home.pager.more.isVisible()
    assert len(buttons) >= len(tiles) + 1 + 8
    for b in buttons:
        assert b.width() >= min_px and b.height() >= min_px, b.objectName()
        assert b.accessibleName().strip(), f"{b.objectName()} has no accessible name"
        assert b.accessibleDescription().strip(), f"{b.objectName()} has no description"


def test_buttons_stay_big_and_unclipped_at_200_percent(shell, qtbot, clipped) -> None:
    body_100 = shell.theme.metrics.body_px
    qtbot.mouseClick(shell.top_bar.bigger, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.top_bar.bigger, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.top_bar.bigger, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.top_bar.bigger, Qt.MouseButton.LeftButton)
    assert shell.session.text_scale == 200
    assert not shell.top_bar.bigger.isEnabled()
    assert shell.theme.metrics.body_px >= 2 * body_100 - 1
    assert f"font-size: {shell.theme.metrics.body_px}px" in QApplication.instance().styleSheet()
    qtbot.waitUntil(lambda: clipped(shell.window) == [], timeout=3000)


@pytest.mark.parametrize("lang", ["vi", "en", "ar", "qps"])
@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("contrast", [False, True])
def test_home_text_is_never_cut_off(
    shell, qtbot, clipped, lang: str, scale: int, contrast: bool
) -> None:
    shell.session.translator.set_language(lang)
    shell.session.set_text_scale(scale)
    shell.session.set_high_contrast(contrast)
    qtbot.waitUntil(lambda: clipped(shell.window) == [], timeout=3000)


def test_high_contrast_applies_at_once(shell, qtbot) -> None:
    qtbot.mouseClick(shell.top_bar.contrast, Qt.MouseButton.LeftButton)
    assert shell.session.high_contrast
    assert "background: #000000" in QApplication.instance().styleSheet()


def test_language_buttons_change_text_and_direction(shell, qtbot) -> None:
    assert shell.home.title.text() == "Bạn muốn học gì hôm nay?"
    qtbot.mouseClick(shell.top_bar.lang_buttons["ar"], Qt.MouseButton.LeftButton)
    assert shell.home.title.text() == "ماذا تريد أن تتعلم اليوم؟"
    assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.mouseClick(shell.top_bar.lang_buttons["en"], Qt.MouseButton.LeftButton)
    assert shell.home.title.text() == "What would you like to learn today?"
    assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_escape_and_close_do_nothing_in_citizen_mode(shell, qtbot) -> None:
    esc = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(shell.window, esc)
    assert not shell.window.close()
    assert shell.window.isVisible()


def test_wrong_pin_then_right_pin_opens_volunteer_mode(shell, qtbot, db) -> None:
    add_volunteer(db, "Lan", "2468")
    qtbot.mouseClick(shell.top_bar.staff, Qt.MouseButton.LeftButton)
    assert shell.window.current == "pin"
    tap_pin(qtbot, shell, "9999")
    assert shell.pin.message.isVisible()
    assert "4" in shell.pin.message.text()
    tap_pin(qtbot, shell, "2468")
    assert shell.window.current == "staff"
    assert shell.staff.title.text() == "Xin chào, Lan"
    assert shell.modes.can_quit()
    # Handing back goes home in citizen mode.
    qtbot.mouseClick(shell.staff.buttons["to_citizen"], Qt.MouseButton.LeftButton)
    assert shell.window.current == "home" and not shell.modes.is_staff


def test_lockout_message_after_five_wrong_pins(shell, qtbot, db) -> None:
    add_volunteer(db, "Lan", "2468")
    shell.open_pin()
    for _ in range(5):
        tap_pin(qtbot, shell, "9999")
    assert "5" in shell.pin.message.text()  # "try again in 5 minutes"
    tap_pin(qtbot, shell, "2468")
    assert shell.window.current == "pin"


def test_only_a_coordinator_sees_the_coordinator_tile(shell, qtbot, db) -> None:
    add_volunteer(db, "Lan", "2468")
    add_volunteer(db, "Minh", "1357", role="coordinator")
    shell.open_pin()
    tap_pin(qtbot, shell, "2468")
    assert not shell.staff.buttons["coordinator"].isVisible()
    shell.modes.leave()
    shell.open_pin()
    tap_pin(qtbot, shell, "1357")
    assert shell.staff.buttons["coordinator"].isVisible()
    qtbot.mouseClick(shell.staff.buttons["coordinator"], Qt.MouseButton.LeftButton)
    assert shell.staff.mode_label.text() == "Chế độ điều phối viên"


def test_quit_needs_the_volunteer_mode(shell, qtbot, db) -> None:
    shell.quit()
    assert shell.window.isVisible()
    add_volunteer(db, "Lan", "2468")
    shell.open_pin()
    tap_pin(qtbot, shell, "2468")
    qtbot.mouseClick(shell.staff.buttons["quit"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.confirm.yes, Qt.MouseButton.LeftButton)
    # The audit line is written off the GUI thread; the window closes once it is.
    qtbot.waitUntil(lambda: not shell.window.isVisible(), timeout=5000)
    from sqlalchemy import select

    from kiosk.storage.models import AuditEvent

    with db.session() as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-1] == "quit"


def test_idle_prompt_then_reset_forgets_the_citizen(shell, qtbot, clock) -> None:
    qtbot.mouseClick(shell.top_bar.lang_buttons["en"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.top_bar.bigger, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.top_bar.contrast, Qt.MouseButton.LeftButton)
    shell.session.visit_id = 7
    shell.speaker.set_volume(0.2)
    clock.advance(180)
    shell.idle.tick()
    assert shell.prompt.isVisible()
    # Built only now, and still covering the whole window.
    assert shell.prompt.geometry() == shell.window.centralWidget().rect()
    assert "30 seconds" in shell.prompt.body.text()
    assert shell.prompt.button.accessibleName() == "I am still here"
    clock.advance(30)
    shell.idle.tick()
    assert not shell.prompt.isVisible()
    assert shell.window.current == "home"
    assert (
        shell.session.lang,
        shell.session.text_scale,
        shell.session.high_contrast,
        shell.session.visit_id,
    ) == ("vi", 100, False, None)
    assert shell.home.title.text() == "Bạn muốn học gì hôm nay?"
    assert abs(shell.speaker.volume - 0.8) < 0.01


def test_still_here_keeps_the_citizen(shell, qtbot, clock) -> None:
    qtbot.mouseClick(shell.top_bar.lang_buttons["en"], Qt.MouseButton.LeftButton)
    clock.advance(185)
    shell.idle.tick()
    qtbot.mouseClick(shell.prompt.button, Qt.MouseButton.LeftButton)
    assert not shell.prompt.isVisible()
    clock.advance(100)
    shell.idle.tick()
    assert shell.session.lang == "en"


def test_pin_screen_is_cleared_by_idle_reset(shell, qtbot, clock) -> None:
    shell.open_pin()
    qtbot.mouseClick(shell.pin.digits["2"], Qt.MouseButton.LeftButton)
    clock.advance(300)
    shell.idle.tick()
    shell.idle.tick()
    assert shell.window.current == "home" and shell.pin.pin == ""


def test_settings_problems_are_shown_to_volunteers(make_shell, qtbot, db) -> None:
    problem = Problem("queue.desks", Msg("int_range", (("lo", 1), ("hi", 20))))
    shell = make_shell(Settings(), [problem])
    assert shell.staff.problems.isVisibleTo(shell.staff)
    assert "queue.desks" in shell.staff.problems.text()


def test_settings_screen_names_a_bad_key_and_saves_good_ones(
    make_shell, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "kiosk-settings.toml"
    shell = make_shell(Settings(path=path))
    screen = shell.settings_screen
    shell.show("settings")
    screen.fields["display.languages"].setText("vi, fr")
    qtbot.mouseClick(screen.save, Qt.MouseButton.LeftButton)
    assert screen.message.text() == (
        "Chưa lưu: display.languages: không có ngôn ngữ 'fr'; có: vi, en, ar"
    )
    assert not path.exists()
    screen.fields["display.languages"].setText("vi, en")
    screen.fields["point.name"].setText("Điểm Phường Kim Liên")
    qtbot.mouseClick(screen.save, Qt.MouseButton.LeftButton)
    text = path.read_text(encoding="utf-8")
    assert 'name = "Điểm Phường Kim Liên"' in text and 'languages = ["vi", "en"]' in text
    qtbot.waitUntil(lambda: shell.ops.pending == 0)
    from sqlalchemy import select

    from kiosk.storage.models import AuditEvent

    with shell.ctx.db.session() as s:
        details = list(
            s.scalars(select(AuditEvent.detail).where(AuditEvent.action == "settings_saved"))
        )
    assert details == ["point.name display.languages"]


def test_every_label_wraps_or_fits(shell) -> None:
    for lab in shell.home.findChildren(QLabel):
        if lab.isVisible() and lab.text():
            assert lab.wordWrap() or lab.sizeHint().width() <= lab.width()


def test_the_app_starts_with_demo_data(tmp_path: Path) -> None:
    env = {
        "KIOSK_DATA_DIR": str(tmp_path / "d"),
        "KIOSK_SETTINGS": str(tmp_path / "s.toml"),
        "KIOSK_DEMO_DIR": str(tmp_path / "demo"),
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_TTS_ENGINE": "mock",
    }
    import os

    out = subprocess.run(
        [sys.executable, "-m", "ui.main", "--demo", "--exit-when-ready"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("READY ")
    listing = subprocess.run(
        [sys.executable, "-m", "ui.main", "volunteer", "list"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert "Lan" not in listing.stdout  # the demo is a kiosk of its own (see test_demo)


def test_a_database_that_cannot_open_is_explained_and_guides_still_work(
    qtbot, tmp_path: Path
) -> None:
    from kiosk.app_context import AppContext
    from ui.assemble import build_kiosk

    bad = Settings(path=tmp_path / "s.toml").replace(
        storage__database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    ctx = AppContext(bad)
    ctx.open_in_background()
    shell = build_kiosk(ctx, fullscreen=False)
    qtbot.addWidget(shell.window)
    shell.window.show()
    shell.open_pin()
    for d in "2468":
        qtbot.mouseClick(shell.pin.digits[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.pin.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shell.pin.busy, timeout=20000)
    assert "storage.database_url" in shell.pin.message.text()
    assert shell.window.current == "pin" and not shell.modes.is_staff
    shell.go_home()
    assert shell.window.current == "home"
    shell.quit_allowed = True
    shell.shutdown()
