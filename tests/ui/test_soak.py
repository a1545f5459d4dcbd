"""A day at a point in a few minutes: thousands of taps on the real shell, and nothing may
crash, log an exception, grow without bound or show the previous citizen's number.

The walk is tests/soak_driver.py (benchmarks/soak.py runs it for a whole day). Slips go to
the real CUPS-PDF test queue; the folder dialog is answered with a scratch "USB stick".
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from kiosk.queue import OUTCOMES
from tests.conftest import require
from tests.soak_driver import (
    BOUNDS,
    PRINTER_QUEUE,
    SoakWalk,
    add_staff,
    cups_queue_ready,
    landed_pdfs,
    soak_settings,
    summary_lines,
)

ACTIONS = 3000
PDF_DIR = Path(os.environ.get("KIOSK_CUPS_PDF_DIR", "/var/spool/cups-pdf/kiosk"))


def test_a_day_of_taps_leaves_the_kiosk_as_it_found_it(  # type: ignore[no-untyped-def]
    qtbot, make_shell, db, db_path: Path, clock, tmp_path: Path
) -> None:
    require(cups_queue_ready(), f"CUPS with the {PRINTER_QUEUE} queue (installer/services.d)")
    require(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils)")
    add_staff(db)
    shell = make_shell(soak_settings(tmp_path))
    walk = SoakWalk(shell, clock=clock, db=db, db_file=db_path, scratch=tmp_path, seed=11)
    began = time.time()
    r = walk.run(ACTIONS, hours=6, overnight=(0.5,), sample_every=100)
    print("\n".join(summary_lines(r)))

    assert r.actions == ACTIONS
    assert r.problems == []
    assert r.over_bounds() == [], BOUNDS

    # Every screen and flow of the day was really gone through, not just the home screen.
    kinds = set(r.taps)
    citizen = {"guide_next", "guide_speak", "guide_print_slip", "ticket_print_slip"}
    look = {"lang_en", "lang_ar", "lang_vi", "bar_bigger", "bar_smaller", "bar_contrast"}
    priorities = {f"take_priority_{c}" for c in shell.ctx.settings["queue.priority_categories"]}
    desk = {
        "desk_call_next",
        "desk_start",
        "desk_recall",
        "desk_hold",
        "desk_resume",
        "desk_transfer",
        "transfer_to",
        "desk_no_show",
        "desk_rejoin",
        "desk_finish",
        "queue_undo",
        "finish_ok",
        "walkin_add",
    }
    staff = {"pin_ok", "staff_call_screen", "call_exit", "usb_start", "coord_report"}
    wanted = citizen | look | priorities | {"take_priority_none"} | desk | staff
    assert wanted <= kinds, sorted(wanted - kinds)
    assert {f"outcome_{o}" for o in OUTCOMES} & kinds
    for event in ("idle_reset", "still_here", "midnight", "pin_wrong", "folder_chosen"):
        assert r.events[event] > 0, event
    assert r.events["idle_reset"] >= 10
    assert list((tmp_path / "usb").glob("LOG_*.zip")), "nothing was saved to the stick"

    # The slips reached the printer: cups-pdf wrote them where the paper would be.
    assert len(r.printed_codes) >= 10
    some = {r.printed_codes[0], r.printed_codes[len(r.printed_codes) // 2]}
    found: set[str] = set()

    def landed() -> bool:
        found.update(landed_pdfs(PDF_DIR, some - found, began - 5))
        return found == some

    qtbot.waitUntil(landed, timeout=90000)
