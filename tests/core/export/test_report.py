"""The coordinator's one-page PDF report, read back as a ward officer's PDF reader would:
the words in their language, Arabic joined and right-to-left, nothing off the page."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.collector.report import label_for, write_report
from tests.export_support import require

A4_WIDTH = 595.27
MARGIN = 18 * 72 / 25.4
LONG_SERVICE = (
    "Thủ tục đăng ký thường trú, tạm trú và khai báo lưu trú cho người cao tuổi "
    "sống một mình tại phường"
)


def summary(**by: list[tuple[str, int]]) -> dict:  # type: ignore[type-arg]
    groups = {
        "service": [("vneid", 9), ("etax", 4), (LONG_SERVICE, 2)],
        "priority": [("elderly", 7), ("none", 5), ("disability", 3)],
        "age_band": [("75+", 6), ("60-74", 5), ("under-18", 2), ("unknown", 2)],
        "outcome": [("level2_activated", 5), ("bank_linked", 3)],
        "point": [("Phường Hoàn Kiếm", 15)],
    }
    groups.update(by)
    return {
        "visits": 15,
        "kiosks": 2,
        "first_day": "2026-11-02",
        "last_day": "2026-11-27",
        "average_wait_seconds": 750,
        "visits_with_outcome": 8,
        "by": {k: [{"key": key, "visits": n} for key, n in rows] for k, rows in groups.items()},
    }


def words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """Every word pdftotext finds: (left x, right x, top y, text)."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(a), float(b), float(y), html.unescape(w))
        for a, y, b, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', out
        )
    ]


def plain(pdf: Path) -> str:
    from tests.core.slips.slip_helpers import tidy

    return tidy(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    )


def test_the_vietnamese_report_names_every_total_in_words(tmp_path: Path) -> None:
    pdf = write_report(summary(), tmp_path / "r.pdf", lang="vi", generated="2026-11-28 16:30")
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    text = plain(pdf)
    for phrase in (
        "Chiến dịch phổ cập kỹ năng số: kết quả",
        "Lập lúc 2026-11-28 16:30",
        "Theo dịch vụ",
        "Người cao tuổi",
        "Từ 75 tuổi trở lên",
        "Dưới 18 tuổi",
        "60-74 tuổi",
        "Không cho biết",
        "Đã kích hoạt mức 2",
        "13 phút",
        "Điểm / máy",
    ):
        assert phrase in text, phrase
    for raw in ("level2_activated", "75+", "under-18", "unknown", " min"):
        assert raw not in text, raw


def test_the_arabic_report_is_arabic_right_to_left(tmp_path: Path) -> None:
    pdf = write_report(summary(), tmp_path / "ar.pdf", lang="ar", generated="2026-11-28 16:30")
    found = words(pdf)
    text = plain(pdf)
    # (pdftotext moves spaces around colons and digits in Arabic lines, so the phrases
    # checked here have neither.)
    for phrase in (
        "حملة محو الأمية الرقمية",
        "حسب الخدمة",
        "سنة فأكثر",
        "لم يُذكر",
        "دقيقة",
        "تم ربط الحساب المصرفي",
    ):
        assert phrase in text, phrase
    assert "Digital-literacy" not in text
    raw = (tmp_path / "ar.pdf").read_bytes()
    assert b"NotoSansArabic" in raw
    # The title ends at the right margin; the English one starts at the left.
    top = min(y for _a, _b, y, _w in found)
    title = [(a, b) for a, b, y, _w in found if y == top]
    assert abs(max(b for _a, b in title) - (A4_WIDTH - MARGIN)) < 3
    assert min(a for a, _b in title) > MARGIN + 100
    en = words(write_report(summary(), tmp_path / "en.pdf", lang="en"))
    top = min(y for _a, _b, y, _w in en)
    title = [(a, b) for a, b, y, _w in en if y == top]
    assert abs(min(a for a, _b in title) - MARGIN) < 3
    assert max(b for _a, b in title) < A4_WIDTH - MARGIN - 100


@pytest.mark.parametrize("lang", ["vi", "en", "ar"])
def test_nothing_is_drawn_off_the_page_or_across_the_middle(tmp_path: Path, lang: str) -> None:
    huge = summary(point=[("Điểm " * 30, 123456789)], priority=[("elderly", 10**9)])
    pdf = write_report(
        huge,
        tmp_path / f"{lang}.pdf",
        lang=lang,
        title="Báo cáo " * 40,
        generated="2026-11-28 16:30",
    )
    found = words(pdf)
    assert found
    for a, b, _y, w in found:
        assert a >= MARGIN - 1 and b <= A4_WIDTH - MARGIN + 1, (w, a, b)
    # The long service name is cut with an ellipsis inside its own column.
    middle = A4_WIDTH / 2
    text = plain(pdf)
    assert "..." in text and "1000000000" in text  # names shortened, counts never
    lines = sorted({y for _a, _b, y, _w in found})
    columns = [w for w in found if lines[1] < w[2] < lines[-1]]  # not title, period, footer
    crossing = [w for a, b, _y, w in columns if a < middle - 12 < middle + 12 < b]
    assert not crossing, crossing


def test_labels_fall_back_to_the_key_only_when_there_are_no_words(tmp_path: Path) -> None:
    assert label_for("age_band", "unknown", "en") == "Not given"
    assert label_for("age_band", "75+", "en") == "75 and over"
    assert label_for("outcome", "bank_linked", "vi") == "Đã liên kết tài khoản ngân hàng"
    assert label_for("service", "a-new-service", "vi") == "a-new-service"
    assert label_for("day", "2026-11-02", "ar") == "2026-11-02"
