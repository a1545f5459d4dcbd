"""Every slip text exists in Vietnamese, English and Arabic, with the same placeholders."""

from __future__ import annotations

import re
import tomllib

from kiosk.i18n import _flatten
from kiosk.paths import resources_dir


def catalog(lang: str) -> dict[str, str]:
    path = resources_dir() / "i18n" / lang / "slips.toml"
    out: dict[str, str] = {}
    _flatten("", tomllib.loads(path.read_text(encoding="utf-8")), out, path)
    return out


def test_same_keys_and_placeholders_in_every_language() -> None:
    en = catalog("en")
    assert all(k.startswith("slips.") for k in en)
    for lang in ("vi", "ar"):
        other = catalog(lang)
        assert set(other) == set(en), lang
        for key, text in en.items():
            assert set(re.findall(r"{(\w+)}", other[key])) == set(re.findall(r"{(\w+)}", text)), (
                lang,
                key,
            )
            assert other[key] != text, (lang, key)  # translated, not copied
