"""The slip chores a volunteer runs from a terminal when setting up a printer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

import kiosk.slips.cli  # noqa: F401  (registers the "slip" chore)
from kiosk.cli import main


def test_sample_slip_in_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample.pdf"
    assert main(["slip", "sample", str(out), "--format", "58mm", "--lang", "en"]) == 0
    page = PdfReader(io.BytesIO(out.read_bytes())).pages[0]
    assert float(page.mediabox.width) == pytest.approx(164.41, abs=0.01)
    assert "Your follow-up code" in page.extract_text()


def test_test_print_with_no_printer_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('[printer]\nkind = "none"\n', encoding="utf-8")
    assert main(["--settings", str(settings), "slip", "test-print"]) == 1
    assert "no_printer" in capsys.readouterr().err


def test_print_and_failed_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.app_context import open_context
    from kiosk.queue.tickets import issue_ticket

    settings = tmp_path / "settings.toml"
    settings.write_text('[printer]\nkind = "none"\n', encoding="utf-8")
    ctx = open_context(settings)
    issued = issue_ticket(ctx.db, ["vneid"])
    ctx.db.dispose()
    assert main(["--settings", str(settings), "slip", "print", str(issued.visit_id)]) == 1
    assert main(["--settings", str(settings), "slip", "failed"]) == 0
    listed = capsys.readouterr().out
    assert f"{issued.visit_id}\t{issued.ticket}" in listed
    assert main(["--settings", str(settings), "slip", "print", "999"]) == 2
