"""Slips through a real CUPS print queue (cups-pdf writes what would be on paper to a file),
and a stopped or missing queue that must not cost the citizen their turn."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.queue.labels import code_label
from kiosk.queue.tickets import issue_ticket
from kiosk.settings import Settings
from kiosk.storage.models import SlipPrint, Visit

pytestmark = pytest.mark.e2e


def shell_printing_to(make_shell, tmp_path: Path, queue: str):  # type: ignore[no-untyped-def]
    settings = Settings(path=tmp_path / "settings.toml").replace(
        printer__kind="system", printer__name=queue, point__name="Điểm phường Ba Đình"
    )
    return make_shell(settings)


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=False
    ).stdout


def landed(folder: Path, code: str, before: set[Path]) -> list[Path]:
    """PDFs cups-pdf has written since ``before`` was taken that carry this follow-up code.

    The queue's folder keeps every slip any earlier run printed (the soak prints hundreds),
    so only the new ones are read."""
    found = []
    for pdf in set(folder.glob("*.pdf")) - before:
        try:
            # The code is printed in two groups ("W72 BQ4"); the reader may space them apart.
            if code.replace(" ", "") in "".join(text_of(pdf).split()):
                found.append(pdf)
        except OSError:
            continue
    return found


def test_slip_prints_through_a_real_cups_queue(
    qtbot, cups: Path, make_shell, db, tmp_path: Path
) -> None:
    shell = shell_printing_to(make_shell, tmp_path, "KioskPDF")
    issued = issue_ticket(db, ["mps"], language="vi")
    before = set(cups.glob("*.pdf"))
    with qtbot.waitSignal(shell.slips.controller.finished, timeout=30000) as blocker:
        shell.slips.controller.print_slip(issued.visit_id)
    outcome = blocker.args[0]
    assert outcome.ok, outcome
    assert outcome.job.startswith("KioskPDF-")
    assert shell.window.current == "home"  # nothing to apologise for

    code = code_label(issued.follow_up_code)
    qtbot.waitUntil(lambda: bool(landed(cups, code, before)), timeout=60000)
    printed = landed(cups, code, before)[0]
    text = text_of(printed)
    assert issued.ticket in text and code.replace(" ", "") in "".join(text.split())
    # What came out of the printer still opens the official page when scanned.
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(printed),
            str(tmp_path / "paper"),
        ],
        check=True,
    )
    png = sorted(tmp_path.glob("paper*.png"))[0]
    scan = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
    assert scan.stdout.split() == ["https://dichvucong.bocongan.gov.vn/"]  # the mps pack
    with db.session() as s:
        row = s.query(SlipPrint).filter_by(visit_id=issued.visit_id).one()
        assert (row.ok, row.printer, row.error) == (True, "KioskPDF", "")


def test_stopped_queue_keeps_the_ticket_and_says_so(
    qtbot, cups: Path, make_shell, db, tmp_path: Path
) -> None:
    shell = shell_printing_to(make_shell, tmp_path, "KioskStopped")
    issued = issue_ticket(db, ["vneid"], language="vi")
    with qtbot.waitSignal(shell.slips.controller.failed, timeout=30000) as blocker:
        shell.slips.controller.print_slip(issued.visit_id)
    outcome = blocker.args[0]
    assert (outcome.ok, outcome.error_kind) == (False, "stopped")
    # The citizen sees their ticket, large, and a calm sentence naming the problem.
    assert shell.window.current == "slip_failed"
    screen = shell.window.screens["slip_failed"]
    assert screen.findChild(QLabel, "slip_failed_ticket").text() == issued.ticket
    assert screen.findChild(QLabel, "slip_failed_code").text() == code_label(issued.follow_up_code)
    assert screen.findChild(QLabel, "slip_failed_reason").text() == (
        "Máy in KioskStopped đang dừng (hết giấy, mở nắp hay lỏng dây?)."
    )
    # The turn survives, and the failure is on record with the printer's own words.
    with db.session() as s:
        visit = s.get(Visit, issued.visit_id)
        assert visit is not None and visit.state == "waiting"
        row = s.query(SlipPrint).filter_by(visit_id=issued.visit_id).one()
        assert not row.ok and row.printer == "KioskStopped"
        assert row.error.startswith("stopped:") and "out of paper" in row.error
    assert [f.visit_id for f in shell.slips.controller.service.failed_today()] == [issued.visit_id]


def test_missing_queue_keeps_the_ticket(qtbot, cups: Path, make_shell, db, tmp_path: Path) -> None:
    shell = shell_printing_to(make_shell, tmp_path, "NoSuchKioskPrinter")
    shell.t.set_language("en")
    issued = issue_ticket(db, ["etax"], language="en")
    with qtbot.waitSignal(shell.slips.controller.failed, timeout=30000) as blocker:
        shell.slips.controller.print_slip(issued.visit_id)
    assert blocker.args[0].error_kind == "missing"
    screen = shell.window.screens["slip_failed"]
    assert screen.title.text() == "Your turn is safe"
    assert screen.findChild(QLabel, "slip_failed_reason").text() == (
        "The printer NoSuchKioskPrinter is not found."
    )
    assert screen.findChild(QLabel, "slip_failed_ticket").text() == issued.ticket
