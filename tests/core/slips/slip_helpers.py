"""Helpers for slip tests: sample guides in three languages and PDF readers."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from kiosk.slips.content import SlipGuide

GUIDES = {
    "vneid-level2": {
        "official_url": "https://vneid.gov.vn/kich-hoat",
        "vi": (
            "Kích hoạt tài khoản VNeID mức 2",
            "Mở ứng dụng VNeID, đăng nhập và tự đặt mật khẩu mới của riêng bạn.",
        ),
        "en": (
            "Activate a level-2 VNeID account",
            "Open VNeID, log in and choose a new password of your own.",
        ),
        "ar": (
            "تفعيل حساب VNeID من المستوى 2",
            "افتح تطبيق VNeID وسجّل الدخول واختر كلمة مرور جديدة خاصة بك.",
        ),
    },
    "scam-safety": {
        "official_url": "https://khonggianmang.vn/canh-bao",
        "vi": ("Phòng tránh lừa đảo", "Không bao giờ đọc mã OTP cho người khác qua điện thoại."),
        "en": ("Stay safe from scams", "Never read an OTP code to anyone on the phone."),
        "ar": ("الحماية من الاحتيال", "لا تقرأ رمز التحقق لأي شخص عبر الهاتف أبدًا."),
    },
}


def guide_source(guide_id: str, lang: str) -> SlipGuide | None:
    g = GUIDES.get(guide_id)
    if g is None:
        return None
    title, step = g[lang]
    return SlipGuide(guide_id, title, step, g["official_url"])


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    """The text a reader gets from the PDF: pdftotext, presentation forms folded (NFKC),
    bidi marks dropped, whitespace collapsed."""
    src = tmp_path / "extract.pdf"
    src.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", str(src), "-"], capture_output=True, text=True, check=True
    ).stdout
    return tidy(out)


def tidy(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return " ".join(text.split())


def decode_qr(pdf: bytes, tmp_path: Path) -> list[str]:
    """Render the PDF to PNG at 200 dpi as a phone camera would see it; read every QR."""
    src = tmp_path / "qr.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(src), str(tmp_path / "qr")], check=True)
    found = []
    for png in sorted(tmp_path.glob("qr*.png")):
        res = subprocess.run(
            ["zbarimg", "--raw", "-q", "-Sqrcode.enable", str(png)], capture_output=True, text=True
        )
        found += [line for line in res.stdout.splitlines() if line]
    return found


def have(tool: str) -> bool:
    return shutil.which(tool) is not None
