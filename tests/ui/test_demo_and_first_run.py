"""The demo is a kiosk of its own, with a mark on screen; a real point with no volunteer
starts at the first-run screen, and the coordinator made there can open coordinator mode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from kiosk import settings as settings_mod
from kiosk.app_context import AppContext
from kiosk.modes import Mode
from kiosk.security import add_volunteer, list_volunteers
from kiosk.settings import Settings
from kiosk.storage import open_database

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        env={**os.environ, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_the_demo_leaves_the_real_kiosk_untouched(tmp_path: Path) -> None:
    real_settings = tmp_path / "real" / "settings.toml"
    real_settings.parent.mkdir()
    real_settings.write_text('[point]\nname = "Điểm Phường Láng"\n', "utf-8")
    env = {
        "KIOSK_DATA_DIR": str(tmp_path / "real" / "data"),
        "KIOSK_SETTINGS": str(real_settings),
        "KIOSK_DEMO_DIR": str(tmp_path / "demo"),
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_TTS_ENGINE": "mock",
    }
    # The real point has its coordinator and one visit before anyone tries the demo.
    added = _run(["volunteer", "add", "Thu", "--coordinator", "--pin-stdin"], env, "2580\n")
    assert added.returncode == 0, added.stderr
    leftover = tmp_path / "demo" / "data" / "left-from-the-last-demo.txt"
    for run in range(2):  # a second demo starts afresh, again apart from the real kiosk
        demo = _run(["--demo", "--exit-when-ready"], env)
        assert demo.returncode == 0, demo.stderr
        assert demo.stdout.startswith("READY ")
        assert not leftover.exists()
        if run == 0:
            leftover.write_text("x", "utf-8")

    real = _run(["volunteer", "list"], env)
    assert real.returncode == 0, real.stderr
    assert [line.split("\t")[2] for line in real.stdout.splitlines()] == ["Thu"]
    assert real_settings.read_text("utf-8") == '[point]\nname = "Điểm Phường Láng"\n'

    real_db = open_database(f"sqlite:///{tmp_path / 'real' / 'data' / 'kiosk.sqlite3'}")
    with real_db.session() as s:
        from sqlalchemy import func, select

        from kiosk.storage.models import Visit

        assert s.scalar(select(func.count()).select_from(Visit)) == 0
    assert not real_db.kiosk_id.startswith("demo-")
    real_db.dispose()

    demo_db = open_database(f"sqlite:///{tmp_path / 'demo' / 'data' / 'kiosk.sqlite3'}")
    names = [v.name for v in list_volunteers(demo_db)]
    assert names == ["Lan", "Hùng", "Minh (điều phối)"]
    assert demo_db.kiosk_id == "demo-kiosk"
    with demo_db.session() as s:
        visits = s.scalar(select(func.count()).select_from(Visit))
    assert visits == 11  # one morning's sample queue
    demo_db.dispose()
    assert (tmp_path / "demo" / "THIS-IS-THE-DEMO.txt").is_file()


def test_demo_refuses_other_settings_or_database(tmp_path: Path) -> None:
    done = _run(["--demo", "--settings", str(tmp_path / "s.toml"), "--exit-when-ready"], {})
    assert done.returncode == 2
    assert "--demo keeps its own settings and database" in done.stderr


def test_the_demo_shows_its_mark_on_every_screen(qtbot, db, clock, tmp_path: Path) -> None:
    from ui.app import build_shell

    ctx = AppContext(Settings(path=tmp_path / "s.toml"), db, clock, demo=True)
    shell = build_shell(ctx, fullscreen=False)
    qtbot.addWidget(shell.window)
    shell.window.resize(1366, 768)
    shell.window.show()
    qtbot.waitExposed(shell.window)
    try:
        mark = shell.top_bar.findChild(type(shell.staff.title), "demo_mark")
        assert mark is not None
        for screen in ("home", "pin", "settings"):
            shell.show(screen)
            assert mark.isVisible() and mark.text() == "Bản dùng thử"
        shell.t.set_language("en")
        assert mark.text() == "Demo"
    finally:
        shell.quit_allowed = True
        shell.shutdown()
        shell.window.close()


def test_the_real_kiosk_has_no_demo_mark(shell) -> None:
    assert shell.top_bar.findChild(type(shell.staff.title), "demo_mark") is None


def _first_run(qtbot, shell, point: str, name: str, pin: str, again: str) -> None:
    screen = shell.window.screens["first_run"]
    for key, value in (("point", point), ("name", name), ("pin", pin), ("pin_again", again)):
        screen.fields[key].setText(value)
    qtbot.mouseClick(screen.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)


def _tap_pin(qtbot, shell, pin: str) -> None:
    for d in pin:
        qtbot.mouseClick(shell.pin.digits[d], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.pin.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shell.pin.busy, timeout=10000)


def test_a_fresh_point_starts_at_first_run_and_its_pin_opens_coordinator_mode(
    make_shell, qtbot, db, tmp_path: Path
) -> None:
    from ui.screens.first_run import offer_first_run

    path = tmp_path / "settings.toml"
    shell = make_shell(Settings(path=path))
    offer_first_run(shell)
    qtbot.waitUntil(lambda: shell.window.current == "first_run", timeout=10000)
    screen = shell.window.screens["first_run"]

    # Mistakes are pointed out in the kiosk's language, and nothing typed is lost.
    _first_run(qtbot, shell, "Điểm Láng Thượng", "", "2580", "2580")
    assert screen.message.text() == "Vui lòng điền đủ các ô."
    # What went wrong and the button that saves are in view on a 1366x768 laptop.
    for w in (screen.message, screen.start):
        top = w.mapTo(shell.window, QPoint(0, 0)).y()
        assert w.isVisible() and top >= 0 and top + w.height() <= shell.window.height()
    assert screen.fields["point"].text() == "Điểm Láng Thượng"
    _first_run(qtbot, shell, "Điểm Láng Thượng", "Thu", "2580", "2581")
    assert "không giống nhau" in screen.message.text()
    assert screen.fields["name"].text() == "Thu" and screen.fields["pin"].text() == ""
    _first_run(qtbot, shell, "Điểm Láng Thượng", "Thu", "1111", "1111")
    assert "quá dễ đoán" in screen.message.text()
    assert list_volunteers(db) == []

    # Home, the idle reset and the volunteer door all lead back here until it is done.
    qtbot.mouseClick(shell.top_bar.home, Qt.MouseButton.LeftButton)
    assert shell.window.current == "first_run"
    shell.reset_citizen()
    assert shell.window.current == "first_run"

    _first_run(qtbot, shell, "Điểm Láng Thượng", "Thu", "2580", "2580")
    assert shell.window.current == "home"
    (coordinator,) = list_volunteers(db)
    assert (coordinator.name, coordinator.role) == ("Thu", "coordinator")
    saved, problems = settings_mod.load(path)
    assert problems == [] and saved["point.name"] == "Điểm Láng Thượng"

    shell.open_pin()
    _tap_pin(qtbot, shell, "2580")
    assert shell.window.current == "staff"
    qtbot.mouseClick(shell.staff.buttons["coordinator"], Qt.MouseButton.LeftButton)
    assert shell.modes.mode is Mode.COORDINATOR


def test_a_point_with_volunteers_skips_first_run(make_shell, qtbot, db) -> None:
    from ui.screens.first_run import offer_first_run

    add_volunteer(db, "Lan", "2468")
    shell = make_shell()
    offer_first_run(shell)
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=10000)
    assert "first_run" not in shell.window.screens
    assert shell.window.current == "home"


def test_the_demo_never_asks_for_first_run(make_shell, qtbot, db) -> None:
    from ui.screens.first_run import offer_first_run

    shell = make_shell()
    shell.ctx.demo = True
    offer_first_run(shell)
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=10000)
    assert "first_run" not in shell.window.screens
