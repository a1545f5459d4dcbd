"""The slip screens as people meet them: a citizen whose slip did not print sees their
ticket and a calm sentence; a volunteer reprints and previews from the staff screen."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.modes import Mode
from kiosk.queue.labels import code_label
from kiosk.queue.tickets import issue_ticket
from kiosk.security import add_volunteer
from kiosk.settings import Settings
from kiosk.slips import EscposPrinter
from kiosk.storage.models import SlipPrint, Visit
from tests.conftest import require


def no_printer_shell(make_shell, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_shell(Settings(path=tmp_path / "settings.toml").replace(printer__kind="none"))


def print_and_wait(qtbot, shell, visit_id: int):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(shell.slips.controller.finished, timeout=20000) as blocker:
        shell.slips.controller.print_slip(visit_id)
    return blocker.args[0]


def test_failed_slip_shows_the_ticket_and_keeps_the_turn(
    qtbot, make_shell, db, tmp_path: Path
) -> None:
    shell = no_printer_shell(make_shell, tmp_path)
    issued = issue_ticket(db, ["vneid"], language="vi")
    outcome = print_and_wait(qtbot, shell, issued.visit_id)
    assert not outcome.ok
    assert shell.window.current == "slip_failed"
    screen = shell.window.screens["slip_failed"]
    ticket = screen.findChild(QLabel, "slip_failed_ticket")
    assert ticket.text() == issued.ticket and ticket.isVisible()
    assert screen.findChild(QLabel, "slip_failed_code").text() == code_label(issued.follow_up_code)
    assert screen.title.text() == "Lượt của bạn vẫn được giữ"
    assert screen.findChild(QLabel, "slip_failed_reason").text() == "Chưa cài đặt máy in."
    # The ticket is in large type: bigger than the body text around it.
    assert ticket.font().pixelSize() > screen.body.font().pixelSize() * 2
    with db.session() as s:
        assert s.get(Visit, issued.visit_id) is not None
        rows = s.query(SlipPrint).filter_by(visit_id=issued.visit_id).all()
        assert [(r.ok, r.printer) for r in rows] == [(False, "none")]
    qtbot.mouseClick(screen.findChild(QAbstractButton, "slip_failed_ok"), Qt.MouseButton.LeftButton)
    assert shell.window.current == "home"


def test_failure_message_in_arabic_right_to_left(qtbot, make_shell, db, tmp_path: Path) -> None:
    shell = no_printer_shell(make_shell, tmp_path)
    shell.t.set_language("ar")
    issued = issue_ticket(db, ["etax"], language="ar")
    print_and_wait(qtbot, shell, issued.visit_id)
    screen = shell.window.screens["slip_failed"]
    assert screen.title.text() == "دورك محفوظ"
    assert screen.isRightToLeft()


def test_idle_reset_forgets_the_ticket(qtbot, make_shell, db, tmp_path: Path) -> None:
    shell = no_printer_shell(make_shell, tmp_path)
    issued = issue_ticket(db, ["vneid"])
    print_and_wait(qtbot, shell, issued.visit_id)
    shell.reset_citizen()
    screen = shell.window.screens["slip_failed"]
    assert screen.findChild(QLabel, "slip_failed_ticket").text() == ""
    assert shell.window.current == "home"


def enter_volunteer_mode(shell, db) -> None:  # type: ignore[no-untyped-def]
    vol = add_volunteer(db, "Nguyễn Thị Lan", "2468")
    shell.modes.enter(Mode.VOLUNTEER, vol)


def test_volunteer_reprints_a_failed_slip(qtbot, make_shell, db, tmp_path: Path) -> None:
    require(
        bool(shutil.which("pdftoppm")),
        "pdftoppm (poppler-utils) is needed for the thermal printer path",
    )
    shell = no_printer_shell(make_shell, tmp_path)
    first = issue_ticket(db, ["vneid"])
    second = issue_ticket(db, ["etax"])
    print_and_wait(qtbot, shell, first.visit_id)
    print_and_wait(qtbot, shell, second.visit_id)
    enter_volunteer_mode(shell, db)
    qtbot.mouseClick(shell.staff.buttons["slips"], Qt.MouseButton.LeftButton)
    screen = shell.window.screens["slips"]
    qtbot.waitUntil(lambda: len(screen.rows) == 2, timeout=10000)
    assert shell.window.current == "slips"
    row = screen.rows[first.visit_id]
    assert first.ticket in row.findChild(QLabel, "text").text()
    assert "No printer is set up." not in row.findChild(QLabel, "text").text()  # vi UI

    # The paper is back: a thermal printer on a device file.
    device = tmp_path / "lp0"
    device.touch()
    shell.slips.controller.service.printer = EscposPrinter(str(device))
    with qtbot.waitSignal(shell.slips.controller.finished, timeout=20000) as blocker:
        qtbot.mouseClick(row.findChild(QAbstractButton, "reprint"), Qt.MouseButton.LeftButton)
    assert blocker.args[0].ok
    assert device.stat().st_size > 1000
    assert shell.window.current == "slips"  # a volunteer's reprint stays on their screen
    assert list(screen.rows) == [second.visit_id]
    assert screen.status.text() == f"Đã in phiếu của số {first.ticket}."


def test_volunteer_previews_a_slip(qtbot, make_shell, db, tmp_path: Path) -> None:
    require(bool(shutil.which("pdftoppm")), "pdftoppm (poppler-utils) renders the preview")
    shell = no_printer_shell(make_shell, tmp_path)
    issued = issue_ticket(db, ["vneid"])
    print_and_wait(qtbot, shell, issued.visit_id)
    enter_volunteer_mode(shell, db)
    qtbot.mouseClick(shell.staff.buttons["slips"], Qt.MouseButton.LeftButton)
    screen = shell.window.screens["slips"]
    qtbot.waitUntil(lambda: issued.visit_id in screen.rows, timeout=10000)
    qtbot.mouseClick(
        screen.rows[issued.visit_id].findChild(QAbstractButton, "preview"),
        Qt.MouseButton.LeftButton,
    )
    preview = shell.screen("slip_preview")
    qtbot.waitUntil(lambda: shell.window.current == "slip_preview", timeout=20000)
    assert len(preview.pages) == 1
    pix = preview.pages[0].pixmap()
    assert pix.width() == 600 and pix.height() > pix.width() * 1.4  # a receipt roll
    assert issued.ticket in preview.title.text()
    qtbot.mouseClick(preview.back_button, Qt.MouseButton.LeftButton)
    assert shell.window.current == "slips"


def test_preview_latest_when_no_visit_today(qtbot, make_shell, db, tmp_path: Path) -> None:
    shell = no_printer_shell(make_shell, tmp_path)
    enter_volunteer_mode(shell, db)
    qtbot.mouseClick(shell.staff.buttons["slips"], Qt.MouseButton.LeftButton)
    screen = shell.window.screens["slips"]
    qtbot.waitUntil(lambda: screen.empty.isVisible(), timeout=10000)
    qtbot.mouseClick(screen.latest, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.status.text() == "Hôm nay chưa có lượt nào.", timeout=10000)


def test_every_slip_control_is_named_for_screen_readers(
    qtbot, make_shell, db, tmp_path: Path
) -> None:
    shell = no_printer_shell(make_shell, tmp_path)
    issued = issue_ticket(db, ["vneid"])
    print_and_wait(qtbot, shell, issued.visit_id)
    enter_volunteer_mode(shell, db)
    qtbot.mouseClick(shell.staff.buttons["slips"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shell.window.screens["slips"].rows) == 1, timeout=10000)
    for key in ("slip_failed", "slips", "slip_preview"):
        for b in shell.screen(key).findChildren(QAbstractButton):
            assert b.accessibleName().strip(), (key, b.objectName())
            assert b.accessibleDescription().strip(), (key, b.objectName())
            assert b.focusPolicy() & Qt.FocusPolicy.TabFocus
    tile = shell.staff.buttons["slips"]
    assert tile.accessibleName() == "Phiếu: in lại và xem trước"


def test_qt_spooler_path_prints_a_readable_slip(qtbot, db, tmp_path: Path) -> None:
    """The Windows spooler path, driven here into Qt's PDF output instead of paper."""
    require(
        bool(shutil.which("pdftoppm") and shutil.which("zbarimg")),
        "pdftoppm and zbarimg (poppler-utils, zbar-tools) are needed",
    )
    import subprocess

    from kiosk.slips import SlipService
    from ui.slips.spooler import QtSpoolerPrinter

    out = tmp_path / "spooled.pdf"
    svc = SlipService(db, Settings(), printer=QtSpoolerPrinter(output_file=str(out)))
    issued = issue_ticket(db, ["mps"])
    assert svc.print_slip(issued.visit_id).ok
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "p")], check=True)
    png = sorted(tmp_path.glob("p*.png"))[0]
    res = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
    assert res.stdout.split() == ["https://dichvucong.bocongan.gov.vn/"]  # the mps guide pack


def test_starting_the_kiosk_does_not_load_the_pdf_libraries(tmp_path: Path) -> None:
    """The slip machinery is installed at start, but ReportLab, qrcode, escpos and the
    bidi libraries load only when the first slip is made."""
    import subprocess
    import sys

    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["KIOSK_TTS_ENGINE"] = "mock"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kiosk.app_context import AppContext
from kiosk.clock import FakeClock
from kiosk.services import ensure_services
from kiosk.settings import Settings
from kiosk.storage import open_database
from ui.assemble import build_kiosk
clock = FakeClock()
db = open_database("sqlite:///{tmp_path / "k.sqlite3"}", clock=clock)
ensure_services(db)
shell = build_kiosk(AppContext(Settings(), db, clock, []), fullscreen=False)
assert callable(shell.slips.controller.print_slip)
heavy = ("reportlab", "qrcode", "escpos", "bidi", "arabic_reshaper", "pypdf")
print(sorted({{m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy}}))
shell.shutdown()
"""
    env = {
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_SETTINGS": str(tmp_path / "settings.toml"),
    }
    import os

    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
