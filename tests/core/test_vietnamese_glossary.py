"""One word for each thing in Vietnamese: every catalog string and every guide pack follows
the glossary (resources/i18n/glossary.toml), so a citizen is not "bạn" on one screen and
"Bác" on the next, and "Hủy" is not "Huỷ" elsewhere."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.guides.loader import default_dir
from kiosk.guides.plain import Glossary, Prefer, avoided_terms, default_glossary, keep_together
from kiosk.guides.validate import check_pack
from kiosk.paths import resources_dir


def strings(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, str):
        yield where, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from strings(v, f"{where}.{k}" if where else k)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from strings(v, f"{where}[{i}]")


def catalog_strings() -> list[tuple[str, str]]:
    found = []
    for path in sorted((resources_dir() / "i18n" / "vi").glob("*.toml")):
        with open(path, "rb") as fh:
            found += [(f"{path.name}: {k}", v) for k, v in strings(tomllib.load(fh))]
    return found


def test_the_glossary_names_the_terms_the_kiosk_settled_on() -> None:
    rules = {p.avoid.lower(): p for p in default_glossary().prefer if p.scope == "all"}
    for avoid, use in [
        ("bác", "bạn"),
        ("hàng đợi", "hàng chờ"),
        ("huỷ", "hủy"),
        ("khoá", "khóa"),
        ("xoá", "xóa"),
    ]:
        assert avoid in rules and use in rules[avoid].use, avoid


def test_every_vietnamese_catalog_string_uses_the_glossarys_terms() -> None:
    texts = catalog_strings()
    assert len(texts) > 300  # the catalogs were read
    wrong = [
        f"{where}: write {p.use} instead of “{p.avoid}”: {text}"
        for where, text in texts
        for p in avoided_terms(text, "vi", catalogs=True)
    ]
    assert wrong == []


def test_the_rule_flags_a_variant_and_leaves_longer_words_alone() -> None:
    g = Glossary(prefer=(Prefer("vi", "Bác", "“bạn”", ("bác sĩ",), "all"),))
    assert [p.avoid for p in avoided_terms("Bác vui lòng chờ", "vi", g, catalogs=True)] == ["Bác"]
    assert avoided_terms("Hỏi bác sĩ của bạn", "vi", g, catalogs=True) == []
    assert avoided_terms("Bác vui lòng chờ", "en", g, catalogs=True) == []
    # A rule for the guide packs only ("máy" is fine on a volunteer's screen).
    packs_only = Glossary(prefer=(Prefer("vi", "máy", "“điện thoại”"),))
    assert avoided_terms("Máy sẽ tự thử lại", "vi", packs_only, catalogs=True) == []
    assert avoided_terms("Máy sẽ tự thử lại", "vi", packs_only) != []


def pack_folders() -> list[Path]:
    return sorted(p.parent for p in default_dir().glob("*/guide.toml"))


@pytest.mark.parametrize("folder", pack_folders(), ids=lambda p: p.name)
def test_every_guide_pack_uses_the_glossarys_terms(folder: Path) -> None:
    _guide, found = check_pack(folder)
    issues = [str(i) for i in found if "one term per thing" in i.message]
    assert issues == []


def test_words_kept_together_join_their_syllables() -> None:
    assert keep_together("Dịch vụ công Bộ Công an", "vi") == "Dịch\u00a0vụ công Bộ Công\u00a0an"
    assert keep_together("Public services", "en") == "Public services"
