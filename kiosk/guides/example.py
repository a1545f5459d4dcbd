"""A small, valid guide pack: the starting point for authors (``guides new``) and the
material for tests and benchmarks that must not depend on the shipped content."""

from __future__ import annotations

from datetime import date
from pathlib import Path

_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">
  <rect x="0" y="0" width="400" height="300" fill="#ffffff"/>
  <rect x="115" y="10" width="170" height="280" rx="20" fill="#1a1a1a"/>
  <rect x="123" y="32" width="154" height="240" rx="4" fill="#ffffff"/>
  <rect x="140" y="{y}" width="120" height="40" rx="20" fill="#0b57d0"/>
  <circle cx="300" cy="{cy}" r="18" fill="#b3261e"/>
  <text x="300" y="{ty}" font-family="Noto Sans, sans-serif" font-size="20"
        font-weight="bold" text-anchor="middle" fill="#ffffff">{n}</text>
</svg>
"""
_ICON = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect x="10" y="10" width="80" height="80" rx="12" fill="#e8f0fe" stroke="#1a1a1a"
        stroke-width="3"/>
  <circle cx="50" cy="50" r="20" fill="#0b57d0"/>
</svg>
"""

TEXTS = {
    "vi": (
        "Hướng dẫn mẫu",
        "Bạn sẽ biết cách làm một việc trên điện thoại.",
        ["Điện thoại của bạn", "Thẻ căn cước gắn chip"],
        "Ở nhà, hãy thử lại một lần nữa.",
        "Bước {n}: chạm vào nút màu xanh.",
        "Nhìn kỹ số màu đỏ.",
        "Đừng đưa mã OTP cho ai.",
        "Không thấy nút màu xanh.",
        "Kéo màn hình lên.",
    ),
    "en": (
        "Example guide",
        "You will know how to do one thing on your phone.",
        ["Your own phone", "Your chip ID card"],
        "At home, try it once more.",
        "Step {n}: touch the blue button.",
        "Look for the red number.",
        "Never give your OTP code to anyone.",
        "I cannot see the blue button.",
        "Slide the screen up.",
    ),
    "ar": (
        "دليل تجريبي",
        "ستعرف كيف تقوم بأمر واحد على هاتفك.",
        ["هاتفك الخاص", "بطاقة الهوية ذات الشريحة"],
        "في البيت، جرّب مرة أخرى.",
        "الخطوة {n}: المس الزر الأزرق.",
        "ابحث عن الرقم الأحمر.",
        "لا تعطِ رمز التحقق لأي أحد.",
        "لا أرى الزر الأزرق.",
        "اسحب الشاشة إلى الأعلى.",
    ),
}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def example_toml(
    guide_id: str,
    steps: int = 5,
    langs: tuple[str, ...] = ("vi", "en", "ar"),
    today: date = date(2026, 11, 20),
    service: str = "vneid",
    order: int = 10,
) -> str:
    lines = [
        f"id = {_q(guide_id)}",
        f"service = {_q(service)}",
        f"order = {order}",
        'icon = "icon.svg"',
        'official_url = "https://vneid.gov.vn/"',
        'field_checked = ""',
        "minutes = 10",
        f"version = {_q(today.isoformat().replace('-', '.'))}",
        "",
        "[[sources]]",
        'title = "Name the public page the steps rely on"',
        'url = "https://vneid.gov.vn/"',
        f"date = {today.isoformat()}",
        "",
    ]
    for lang in langs:
        title, can_do, bring, home, *_ = TEXTS[lang]
        lines += [
            f"[text.{lang}]",
            f"title = {_q(title)}",
            f"can_do = {_q(can_do)}",
            "bring = [" + ", ".join(_q(b) for b in bring) + "]",
            f"next_at_home = {_q(home)}",
            "",
        ]
    for n in range(1, steps + 1):
        lines += ["[[steps]]", f'picture = "step{n:02d}.svg"']
        for lang in langs:
            text, tip, warning = TEXTS[lang][4:7]
            lines += [f"[steps.{lang}]", f"text = {_q(text.format(n=n))}"]
            if n == 2:
                lines.append(f"tip = {_q(tip)}")
            if n == 3:
                lines.append(f"warning = {_q(warning)}")
        lines.append("")
    for _ in range(2):
        lines.append("[[problems]]")
        for lang in langs:
            problem, fix = TEXTS[lang][7:9]
            lines += [f"[problems.{lang}]", f"problem = {_q(problem)}", f"fix = {_q(fix)}"]
        lines.append("")
    return "\n".join(lines)


def write_example(
    folder: Path,
    steps: int = 5,
    langs: tuple[str, ...] = ("vi", "en", "ar"),
    today: date = date(2026, 11, 20),
    *,
    service: str = "vneid",
    order: int = 10,
) -> Path:
    """Write a valid pack into ``folder`` (its name is the guide id)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "guide.toml").write_text(
        example_toml(folder.name, steps, langs, today, service, order), encoding="utf-8"
    )
    (folder / "icon.svg").write_text(_ICON, encoding="utf-8")
    for n in range(1, steps + 1):
        y = 60 + 20 * (n % 8)
        (folder / f"step{n:02d}.svg").write_text(
            _SVG.format(y=y, cy=y + 20, ty=y + 27, n=n), encoding="utf-8"
        )
    return folder
