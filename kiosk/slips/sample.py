"""A sample slip in each language, for pictures, the benchmark and trying a printer."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.slips.content import SlipData, SlipGuide

_GUIDE = {
    "vi": (
        "Kích hoạt tài khoản VNeID mức 2",
        "Mở ứng dụng VNeID, đăng nhập và tự đặt mật khẩu mới của riêng bạn. Không đọc mã "
        "OTP cho bất kỳ ai.",
    ),
    "en": (
        "Activate a level-2 VNeID account",
        "Open VNeID, log in and choose a new password of your own. Never read an OTP code "
        "to anyone.",
    ),
    "ar": (
        "تفعيل حساب VNeID من المستوى 2",
        "افتح تطبيق VNeID وسجّل الدخول واختر كلمة مرور جديدة خاصة بك. لا تقرأ رمز التحقق لأي شخص.",
    ),
}


def sample_slip(
    lang: str = "vi",
    *,
    point_name: str = "Điểm hỗ trợ chuyển đổi số phường Ba Đình",
    footer: str = "Đoàn Thanh niên phường Ba Đình",
    logo: str = "",
) -> SlipData:
    title, step = _GUIDE.get(lang, _GUIDE["vi"])
    guide = SlipGuide("vneid-level2", title, step, "https://vneid.gov.vn")
    return SlipData(
        lang,
        point_name,
        datetime(2026, 11, 28, 2, 5, tzinfo=UTC),
        "A027",
        "7KQ3MZ",
        ("vneid", "public-service"),
        (guide,),
        ("app_installed", "level2_activated"),
        guide.official_url,
        footer=footer,
        logo=logo,
    )
