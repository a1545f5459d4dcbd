"""The guide screens' words exist in Vietnamese, English and Arabic, with the same
placeholders, so no citizen meets a key name or an unfilled {gap}."""

from __future__ import annotations

import re
import tomllib

import pytest

from kiosk.paths import resources_dir


def catalog(lang: str) -> dict[str, str]:
    with open(resources_dir() / "i18n" / lang / "guides.toml", "rb") as fh:
        return tomllib.load(fh)["guides"]


@pytest.mark.parametrize("lang", ["vi", "ar"])
def test_same_keys_and_placeholders_as_english(lang: str) -> None:
    en, other = catalog("en"), catalog(lang)
    assert set(other) == set(en)
    for key, text in en.items():
        assert set(re.findall(r"\{(\w+)\}", other[key])) == set(re.findall(r"\{(\w+)\}", text)), key
        assert other[key].strip(), key
