"""The slip of a citizen who went through a guide alone, as one core call."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from slip_helpers import tidy

from kiosk.guides.visits import View, views_of
from kiosk.i18n import translate
from kiosk.queue import QueueService
from kiosk.queue.labels import code_label
from kiosk.settings import Settings
from kiosk.slips import SlipService
from kiosk.slips.pdf import render
from kiosk.slips.printing import NoPrinter


def test_the_visit_the_steps_read_and_the_slip_attempt_are_kept_together(db, guides) -> None:  # type: ignore[no-untyped-def]
    queue = QueueService(db, Settings())
    svc = SlipService(db, Settings(), guides=guides, printer=NoPrinter())
    at = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    read = [View("vneid-activate", 1, "vi", at), View("vneid-activate", 2, "vi", at)]
    outcome = svc.print_self_guided(queue, ["vneid"], language="vi", views=read)
    assert not outcome.ok and outcome.error_kind == "no_printer"  # recorded, not raised
    assert queue.waiting() == []  # never a place in the line
    visit = queue.get(outcome.visit_id)
    assert visit is not None and visit.ticket == outcome.ticket and outcome.follow_up_code
    assert [(v.guide_id, v.step) for v in views_of(db, outcome.visit_id)] == [
        ("vneid-activate", 1),
        ("vneid-activate", 2),
    ]
    assert [ok for _at, ok, _p, _e in svc.attempts(outcome.visit_id)] == [False]


# Words that speak of a place in the line, in each language the slip is printed in.
LINE_WORDS = {
    "vi": ("số thứ tự", "lượt", "hàng chờ", "chờ đến"),
    "en": ("your number", "your turn", "queue", "in line", "wait"),
    "ar": ("رقمك", "دورك", "الدور", "الانتظار", "طابور"),
}


def slip_text(pdf: bytes) -> str:
    return tidy(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))


@pytest.mark.parametrize("lang", ["vi", "en", "ar"])
def test_a_self_guided_slip_speaks_of_no_number_or_line(db, guides, lang: str) -> None:  # type: ignore[no-untyped-def]
    queue = QueueService(db, Settings())
    svc = SlipService(db, Settings(), guides=guides, printer=NoPrinter())
    queue.issue(["vneid"], language=lang)  # someone else in the line: numbers go on
    made = svc.self_guided_slip(queue, ["vneid"], language=lang)
    text = slip_text(render(made.data, "80mm")).lower()
    assert made.data.ticket.lower() not in text  # e.g. "A002": no number to remember
    assert translate("slips.your_number", lang).lower() not in text
    assert [w for w in LINE_WORDS[lang] if w in text] == []
    # What the citizen needs next time is there: the follow-up code, as screens show it.
    assert code_label(made.data.follow_up_code).lower() in text
    assert made.data.title == translate(
        "slips.pdf_title_code", lang, code=code_label(made.data.follow_up_code)
    )


def test_a_slip_with_a_place_in_the_line_keeps_its_number(db, guides) -> None:  # type: ignore[no-untyped-def]
    queue = QueueService(db, Settings())
    svc = SlipService(db, Settings(), guides=guides, printer=NoPrinter())
    issued = queue.issue(["vneid"], language="en")
    text = slip_text(svc.make_pdf(issued.visit_id))
    assert "Your number" in text and "A001" in text
