"""What a citizen reads on paper: every outcome in words, Arabic brackets and mixed runs
facing the right way, and a QR code a phone can read on every format."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from slip_helpers import have, pdftotext

from kiosk.i18n import load_catalog, translate
from kiosk.queue.model import OUTCOMES
from kiosk.settings import Settings
from kiosk.slips import NoPrinter, SlipGuide, SlipService
from kiosk.slips.content import outcome_text
from kiosk.slips.pdf import MM

LANGS = ("vi", "en", "ar")


@pytest.mark.parametrize("lang", LANGS)
def test_every_outcome_has_words_in_every_language(lang: str) -> None:
    for key in OUTCOMES:
        # Each outcome is in the slips' catalog of this language itself (not a fallback to
        # another language, not the key tidied up).
        assert f"slips.outcome.{key}" in load_catalog(lang), (key, lang)
        assert outcome_text(key, lang) == translate(f"slips.outcome.{key}", lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fee_paid_online_prints_in_words(
    require, db, guides, make_visit, tmp_path: Path, lang: str
) -> None:
    require(have("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF")
    visit_id = make_visit(lang, outcome=("fee_paid_online",))
    svc = SlipService(db, Settings(), guides=guides, printer=NoPrinter())
    text = pdftotext(svc.make_pdf(visit_id, "80mm"), tmp_path)
    assert translate("slips.outcome.fee_paid_online", lang) in text
    assert "fee paid online" not in text


def drawn_runs(pdf: bytes) -> list[tuple[float, float, str]]:
    """Every string the PDF draws, with its position: (y, x, text), top line first."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm, tm, font_dict, font_size) -> None:  # type: ignore[no-untyped-def]
        text = unicodedata.normalize("NFKC", text.replace("\n", ""))
        if text.strip():
            found.append((round(tm[5], 1), tm[4], text))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return sorted(found, key=lambda r: (-r[0], r[1]))


def drawn_line_containing(pdf: bytes, *needles: str) -> str:
    """The line holding every needle as it lies on paper, left to right (letters folded from
    their joined forms, so Arabic reads backwards here: this is the drawing, not the text)."""
    runs = drawn_runs(pdf)
    for y in dict.fromkeys(r[0] for r in runs):
        line = "".join(t for yy, _x, t in runs if yy == y)
        if all(n in line for n in needles):
            return line
    raise AssertionError(f"{needles!r} are drawn on no one line: {runs}")


ARABIC_STEP = "اضغط «دخول» (أزرق) ثم OTP"


def arabic_slip(db, make_visit) -> bytes:  # type: ignore[no-untyped-def]
    visit_id = make_visit("ar", guide_ids=("g",))
    svc = SlipService(
        db,
        Settings(),
        guides=lambda gid, lang: SlipGuide(gid, "VNeID من المستوى 2", ARABIC_STEP, ""),
        printer=NoPrinter(),
    )
    return svc.make_pdf(visit_id, "80mm")


def test_arabic_brackets_and_quotes_face_the_words_they_hold(db, make_visit) -> None:
    line = drawn_line_containing(arabic_slip(db, make_visit), "OTP", "(")
    # Left to right on paper the parenthesis that opens on the left must be "(" and the one
    # that closes on the right ")"; likewise « on the left and » on the right. Drawn without
    # mirroring the line shows ")…(" and "»…«".
    assert line.index("(") < line.index(")"), line
    assert line.index("«") < line.index("»"), line
    # Reading right to left, the quoted button comes before the bracket, which comes
    # before "OTP" at the far left end of the sentence.
    assert line.index("OTP") < line.index("(") < line.index("«"), line


def test_arabic_mixed_with_latin_and_digits_keeps_reading_order(db, make_visit) -> None:
    line = drawn_line_containing(arabic_slip(db, make_visit), "VNeID", "2")
    # "VNeID من المستوى 2": VNeID is read first, so it stands at the right end; the digit 2
    # ends the sentence, so it stands at the left end (the list bullet is at the far right).
    assert line.rstrip(" •").endswith("VNeID"), line
    assert line.lstrip().startswith("2"), line


def test_arabic_slip_text_layer_reads_in_reading_order(
    require, db, make_visit, tmp_path: Path
) -> None:
    require(have("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF")
    text = pdftotext(arabic_slip(db, make_visit), tmp_path)
    # Copying the slip's text gives the words in the order they are read.
    assert "دخول" in text
    assert "أزرق" in text
    assert text.index("اضغط") < text.index("دخول") < text.index("أزرق") < text.index("OTP")


def qr_side_mm(pdf: bytes) -> float:
    """The side of the QR code proper (dark modules' extent, no quiet zone), in mm.

    The slip draws rectangles only for the QR code's dark modules, so their bounding box is
    the code a phone has to read. A very long visit on a sheet may put it on the second page.
    """
    data = "\n".join(
        p.get_contents().get_data().decode("latin-1") for p in PdfReader(io.BytesIO(pdf)).pages
    )
    rects = [
        tuple(map(float, m.groups()))
        for m in re.finditer(r"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re", data)
    ]
    assert rects, "no QR code drawn"
    xs = [x for x, _y, w, _h in rects] + [x + w for x, _y, w, _h in rects]
    ys = [y for _x, y, _w, h in rects] + [y + h for _x, y, _w, h in rects]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert abs(width - height) < 0.01 * width, (width, height)
    return width / MM


@pytest.mark.parametrize("fmt", ["80mm", "58mm", "A6"])
@pytest.mark.parametrize("long_visit", [False, True])
def test_qr_is_at_least_20_mm_on_every_format(db, make_visit, fmt: str, long_visit: bool) -> None:
    long_step = " ".join(["Mở ứng dụng, đăng nhập và làm theo từng bước trên màn hình."] * 12)
    visit_id = make_visit(
        "vi",
        services=("vneid", "etax", "ihanoi", "pension") if long_visit else ("vneid",),
        guide_ids=("a", "b", "c") if long_visit else ("a",),
        outcome=tuple(OUTCOMES) if long_visit else ("app_installed",),
    )
    svc = SlipService(
        db,
        Settings(),
        guides=lambda gid, lang: SlipGuide(
            gid, f"Hướng dẫn {gid}", long_step, "https://dichvucong.gov.vn/p/dich-vu-cong"
        ),
        printer=NoPrinter(),
    )
    side = qr_side_mm(svc.make_pdf(visit_id, fmt))
    assert side >= 20.0, f"QR code is {side:.1f} mm on {fmt}"
