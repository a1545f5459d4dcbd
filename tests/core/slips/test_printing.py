"""Printing never costs a turn: failures are recorded and listed for reprint, and the
driverless thermal path sends a raster image, not text in a code page."""

from __future__ import annotations

from pathlib import Path

import pytest
from slip_helpers import have

from kiosk.settings import Settings
from kiosk.slips import EscposPrinter, NoPrinter, SlipService
from kiosk.slips.printing import CupsPrinter, PrintError, make_printer
from kiosk.storage.models import Visit

GS_V_0 = b"\x1dv0"


def escpos_settings(device: Path, fmt: str = "80mm") -> Settings:
    return Settings().replace(
        printer__kind="escpos", printer__escpos_device=str(device), printer__format=fmt
    )


@pytest.mark.parametrize(("fmt", "dots"), [("80mm", 576), ("58mm", 384)])
def test_escpos_prints_the_slip_as_a_raster_image(
    require, db, guides, make_visit, tmp_path: Path, fmt: str, dots: int
) -> None:
    require(have("pdftoppm"), "pdftoppm (poppler-utils) rasterises slips for ESC/POS")
    device = tmp_path / "lp0"
    device.touch()
    settings = escpos_settings(device, fmt)
    svc = SlipService(db, settings, guides=guides, printer=make_printer(settings))
    visit_id = make_visit("vi")
    outcome = svc.print_slip(visit_id)
    assert outcome.ok, outcome
    sent = device.read_bytes()
    at = sent.find(GS_V_0)
    assert at >= 0, "no GS v 0 raster image command"
    # GS v 0 m xL xH yL yH: the width in bytes is the printer's dot row / 8.
    width_bytes = sent[at + 4] + 256 * sent[at + 5]
    assert width_bytes == dots // 8
    # The ticket and the code are in the picture, never sent as text.
    assert outcome.ticket.encode() not in sent
    assert outcome.follow_up_code.encode() not in sent
    assert outcome.follow_up_code[:3].encode() not in sent
    assert b"\x1dV" in sent  # paper cut at the end


def test_a_failed_slip_is_recorded_and_listed_for_reprint(
    db, guides, make_visit, tmp_path: Path
) -> None:
    visit_id = make_visit("vi")
    svc = SlipService(db, Settings(), guides=guides, printer=NoPrinter())
    outcome = svc.print_slip(visit_id)
    assert not outcome.ok
    assert outcome.error_kind == "no_printer"
    assert outcome.message("vi") == "Chưa cài đặt máy in."
    assert outcome.message("en") == "No printer is set up."
    # The visit and its ticket are untouched.
    with db.session() as s:
        visit = s.get(Visit, visit_id)
        assert visit is not None and visit.ticket == outcome.ticket
    failed = svc.failed_today()
    assert [(f.visit_id, f.ticket) for f in failed] == [(visit_id, outcome.ticket)]
    assert failed[0].error.startswith("no_printer")

    # Reprint on a printer that works: the slip leaves the list, both attempts are kept.
    device = tmp_path / "lp0"
    device.touch()
    svc.printer = EscposPrinter(str(device))
    if have("pdftoppm"):
        assert svc.print_slip(visit_id).ok
        assert svc.failed_today() == []
        assert [ok for _at, ok, _p, _e in svc.attempts(visit_id)] == [False, True]


def test_failed_list_is_only_today(db, guides, make_visit, clock) -> None:
    svc = SlipService(db, Settings(), guides=guides, printer=NoPrinter())
    svc.print_slip(make_visit("vi"))
    clock.advance(24 * 3600)
    assert svc.failed_today() == []
    today = make_visit("en")
    svc.print_slip(today)
    assert [f.visit_id for f in svc.failed_today()] == [today]


def test_escpos_device_that_is_not_there(db, guides, make_visit, tmp_path: Path, require) -> None:
    require(have("pdftoppm"), "pdftoppm (poppler-utils) rasterises slips for ESC/POS")
    settings = escpos_settings(tmp_path / "no-dir" / "lp0")
    svc = SlipService(db, settings, guides=guides, printer=make_printer(settings))
    outcome = svc.print_slip(make_visit("ar"))
    assert not outcome.ok and outcome.error_kind == "missing"
    assert outcome.message() == "الطابعة escpos:{} غير موجودة.".format(tmp_path / "no-dir" / "lp0")


def test_unknown_visit_is_a_bug_not_a_printer_problem(db) -> None:
    svc = SlipService(db, Settings(), printer=NoPrinter())
    with pytest.raises(LookupError):
        svc.print_slip(12345)


def test_settings_choose_the_printer(tmp_path: Path) -> None:
    assert isinstance(make_printer(Settings().replace(printer__kind="none")), NoPrinter)
    cups = make_printer(Settings().replace(printer__name="KioskPDF"))
    assert isinstance(cups, CupsPrinter) and cups.label == "KioskPDF"
    esc = make_printer(escpos_settings(tmp_path / "lp0", "58mm"))
    assert isinstance(esc, EscposPrinter) and esc.print_px == 384


def test_print_error_names_kind_and_printer() -> None:
    err = PrintError("stopped", "KioskPDF", "out of paper ")
    assert (err.kind, err.printer, err.detail) == ("stopped", "KioskPDF", "out of paper")


def test_usb_thermal_printer_that_is_not_plugged_in(require, db, guides, make_visit) -> None:
    require(have("pdftoppm"), "pdftoppm (poppler-utils) rasterises slips for ESC/POS")
    settings = Settings().replace(printer__kind="escpos", printer__escpos_device="usb:04b8:0e28")
    svc = SlipService(db, settings, guides=guides, printer=make_printer(settings))
    outcome = svc.print_slip(make_visit("vi"))
    assert (outcome.ok, outcome.error_kind) == (False, "missing")
    assert outcome.message() == "Không tìm thấy máy in escpos:usb:04b8:0e28."
