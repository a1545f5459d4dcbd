"""The slip PDF as a citizen gets it: their language's words, exact diacritics, Arabic in
the right order, a QR that opens the official page, and the paper's width."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from slip_helpers import GUIDES, decode_qr, have, pdftotext, tidy

from kiosk.queue.labels import code_label
from kiosk.services import SERVICES
from kiosk.settings import Settings
from kiosk.slips import NoPrinter, SlipService
from kiosk.slips.pdf import FORMATS, MM

POINT = "Điểm hỗ trợ chuyển đổi số phường Ba Đình"


def service(db, guides, **changes) -> SlipService:  # type: ignore[no-untyped-def]
    settings = Settings().replace(point__name=POINT, **changes)
    return SlipService(db, settings, guides=guides, printer=NoPrinter())


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            [
                "Số thứ tự của bạn",
                "Hôm nay bạn đã làm",
                "VNeID – định danh điện tử",
                "Kích hoạt tài khoản VNeID mức 2",
                "Đã kích hoạt tài khoản mức 2",
                "Việc tiếp theo ở nhà",
                GUIDES["vneid-level2"]["vi"][1],
                "Mã theo dõi của bạn",
            ],
        ),
        (
            "en",
            [
                "Your number",
                "What you did today",
                "Activate a level-2 VNeID account",
                "Level 2 account activated",
                "Your next step at home",
                GUIDES["vneid-level2"]["en"][1],
                "Your follow-up code",
            ],
        ),
        (
            "ar",
            [
                "رقمك",
                "ما قمت به اليوم",
                "تفعيل حساب VNeID من المستوى 2",
                "تم تفعيل حساب المستوى 2",
                "خطوتك التالية في المنزل",
                GUIDES["vneid-level2"]["ar"][1],
                "رمز المتابعة الخاص بك",
            ],
        ),
    ],
)
def test_slip_text_is_in_the_visits_language(
    require, db, guides, make_visit, tmp_path: Path, lang: str, expected: list[str]
) -> None:
    require(have("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF")
    visit_id = make_visit(lang)
    svc = service(db, guides)
    data = svc.slip_data(visit_id)
    text = pdftotext(svc.make_pdf(visit_id, "80mm"), tmp_path)
    for phrase in [*expected, POINT, data.ticket, code_label(data.follow_up_code)]:
        if lang == "ar" and any(c.isascii() and c.isalpha() for c in phrase):
            # Where Arabic meets Latin letters pdftotext drops or moves the space between
            # the two (a reading artefact); the letters themselves must all be there, in
            # logical order.
            assert "".join(phrase.split()) in "".join(text.split()), phrase
        else:
            assert tidy(phrase) in text, f"{phrase!r} missing from the {lang} slip:\n{text}"
    # Nothing of another language leaks in (the services' names are translated too).
    if lang != "vi":
        assert "Số thứ tự" not in text


def test_pypdf_reads_vietnamese_with_every_diacritic(db, guides, make_visit) -> None:
    visit_id = make_visit("vi")
    pdf = service(db, guides).make_pdf(visit_id)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Mở ứng dụng VNeID, đăng nhập và tự đặt mật khẩu mới của riêng bạn." in text
    assert "Đã cài ứng dụng" in text


def test_arabic_is_drawn_right_to_left_with_joined_letters(
    require, db, guides, make_visit, tmp_path: Path
) -> None:
    require(have("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF")
    visit_id = make_visit("ar")
    pdf = service(db, guides).make_pdf(visit_id)
    src = tmp_path / "ar.pdf"
    src.write_bytes(pdf)
    import subprocess

    raw = subprocess.run(
        ["pdftotext", str(src), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Joined forms (presentation forms) are what is drawn, not isolated letters...
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in raw)
    # ...and read back in logical order: "your number" is رقمك, not its mirror كمقر.
    assert "رقمك" in tidy(raw)
    assert "كمقر" not in tidy(raw)


def test_text_is_nfc_even_when_the_guide_is_not(require, db, make_visit, tmp_path: Path) -> None:
    require(have("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF")
    from kiosk.slips import SlipGuide

    decomposed = unicodedata.normalize("NFD", "Đặt lịch hẹn tại Trung tâm")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    visit_id = make_visit("vi", guide_ids=("x",))
    svc = service(db, lambda gid, lang: SlipGuide(gid, "Hướng dẫn", decomposed, ""))
    raw = pdftotext(svc.make_pdf(visit_id), tmp_path)
    assert "Đặt lịch hẹn tại Trung tâm" in raw


@pytest.mark.parametrize("lang", ["vi", "en", "ar"])
def test_qr_opens_the_first_viewed_guides_official_page(
    require, db, guides, make_visit, tmp_path: Path, lang: str
) -> None:
    require(have("zbarimg") and have("pdftoppm"), "zbarimg (zbar-tools) and pdftoppm")
    visit_id = make_visit(
        lang, services=("scam-safety", "vneid"), guide_ids=("scam-safety", "vneid-level2")
    )
    pdf = service(db, guides).make_pdf(visit_id, "58mm")
    assert decode_qr(pdf, tmp_path) == ["https://khonggianmang.vn/canh-bao"]


def pack_urls_by_service() -> dict[str, set[str]]:
    """Read straight from the guide packs shipped with the kiosk: service -> addresses."""
    import tomllib

    from kiosk.paths import resources_dir

    found: dict[str, set[str]] = {}
    for path in sorted((resources_dir() / "guides").glob("*/guide.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found.setdefault(data["service"], set()).add(data["official_url"])
    return found


@pytest.mark.parametrize("sid", SERVICES)
def test_without_a_guide_the_qr_opens_the_address_its_guide_pack_gives(
    require, db, make_visit, tmp_path: Path, sid: str
) -> None:
    require(have("zbarimg") and have("pdftoppm"), "zbarimg (zbar-tools) and pdftoppm")
    packs = pack_urls_by_service()
    assert sid in packs, f"no guide pack teaches {sid}"
    assert len(packs[sid]) == 1, f"the packs of {sid} disagree: {packs[sid]}"
    visit_id = make_visit("vi", services=(sid,), guide_ids=("no-such-guide",))
    pdf = service(db, lambda gid, lang: None).make_pdf(visit_id, "58mm")
    assert decode_qr(pdf, tmp_path) == sorted(packs[sid])


@pytest.mark.parametrize(("fmt", "width_pt"), [("80mm", 226.77), ("58mm", 164.41), ("A6", 297.64)])
def test_page_width_matches_the_paper(db, guides, make_visit, fmt: str, width_pt: float) -> None:
    pdf = service(db, guides).make_pdf(make_visit("vi"), fmt)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(width_pt, abs=0.01)
    if fmt == "A6":
        assert float(page.mediabox.height) == pytest.approx(148 * MM, abs=0.01)


def test_roll_height_follows_the_content(db, guides, make_visit) -> None:
    svc = service(db, guides)
    short = svc.make_pdf(make_visit("vi", guide_ids=(), outcome=()), "80mm")
    long = svc.make_pdf(
        make_visit(
            "vi",
            services=("vneid", "scam-safety", "etax"),
            guide_ids=("vneid-level2", "scam-safety"),
        ),
        "80mm",
    )
    h_short = float(PdfReader(io.BytesIO(short)).pages[0].mediabox.height)
    h_long = float(PdfReader(io.BytesIO(long)).pages[0].mediabox.height)
    assert 60 * MM < h_short < h_long
    assert len(PdfReader(io.BytesIO(long)).pages) == 1


def test_fonts_are_embedded(db, guides, make_visit) -> None:
    pdf = service(db, guides).make_pdf(make_visit("ar"))
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    assert any("NotoSans-" in n for n in names)
    assert any("NotoSansArabic" in n for n in names)
    # Every font is an embedded TrueType subset: no base-14 font that cannot draw "ư" or "ع".
    for f in fonts.values():
        assert "/FontFile2" in f.get_object()["/FontDescriptor"].get_object()


def test_logo_and_footer_from_settings(db, guides, make_visit, tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), (200, 30, 30)).save(logo)
    svc = service(db, guides, printer__logo=str(logo), printer__footer="Đoàn phường Ba Đình")
    pdf = svc.make_pdf(make_visit("vi"))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
    assert "Đoàn phường Ba Đình" in " ".join(page.extract_text().split())


def test_missing_logo_file_still_makes_a_slip(db, guides, make_visit, tmp_path: Path) -> None:
    svc = service(db, guides, printer__logo=str(tmp_path / "gone.png"))
    pdf = svc.make_pdf(make_visit("vi"))
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 0


def test_formats_cover_the_thermal_widths() -> None:
    assert FORMATS["80mm"].dots == 576 and FORMATS["58mm"].dots == 384
    # The printable part of each roll is exactly the printer's dot row at 203 dpi.
    for key in ("80mm", "58mm"):
        f = FORMATS[key]
        assert f.content_width / 72 * 203 == pytest.approx(f.dots, rel=0.01)


def test_a6_keeps_everything_on_one_sheet(db, guides, make_visit) -> None:
    visit_id = make_visit(
        "ar", services=("vneid", "scam-safety"), guide_ids=("vneid-level2", "scam-safety")
    )
    pdf = service(db, guides).make_pdf(visit_id, "A6")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    code = service(db, guides).slip_data(visit_id).follow_up_code
    assert code_label(code) in reader.pages[0].extract_text()
