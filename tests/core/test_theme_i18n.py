from __future__ import annotations

import re
import string

import pytest

from kiosk import i18n
from kiosk.theme import (
    BODY_CAP_MM,
    CAP_HEIGHT_EM,
    HIGH_CONTRAST,
    MIN_CONTRAST,
    MIN_TARGET_MM,
    NORMAL,
    TEXT_PAIRS,
    Metrics,
    contrast_ratio,
)


@pytest.mark.parametrize("pal", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("fg,bg", TEXT_PAIRS)
def test_every_text_pair_has_7_to_1_contrast(pal, fg: str, bg: str) -> None:
    assert contrast_ratio(getattr(pal, fg), getattr(pal, bg)) >= MIN_CONTRAST


def test_contrast_formula_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("dpi", [96, 120, 157])
@pytest.mark.parametrize("scale", [100, 150, 200])
def test_physical_sizes(dpi: int, scale: int) -> None:
    m = Metrics(dpi, scale)
    px_per_mm = dpi / 25.4
    assert m.button_px / px_per_mm >= MIN_TARGET_MM
    assert m.tile_px / px_per_mm >= MIN_TARGET_MM
    cap_mm = m.body_px * CAP_HEIGHT_EM / px_per_mm
    assert cap_mm >= BODY_CAP_MM * scale / 100 - 0.1
    assert m.small_px * CAP_HEIGHT_EM / px_per_mm >= BODY_CAP_MM - 0.1


LANGS = ("vi", "en", "ar")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_catalog_has_every_key_with_the_same_placeholders() -> None:
    cats = {lang: i18n.load_catalog(lang) for lang in LANGS}
    keys = set().union(*cats.values())
    problems = []
    for key in sorted(keys):
        for lang in LANGS:
            if key not in cats[lang]:
                problems.append(f"{lang}: missing {key}")
            elif _fields(cats[lang][key]) != _fields(cats["en"].get(key, cats[lang][key])):
                problems.append(f"{lang}: {key} placeholders differ from English")
    assert problems == []


def test_arabic_catalog_is_arabic_script() -> None:
    ar = i18n.load_catalog("ar")
    # Strings made only of placeholders and punctuation ("{title}: {items}") have no words.
    latin_only = [
        k
        for k, v in ar.items()
        if not re.search(r"[\u0600-\u06FF]", v)
        and not re.fullmatch(r"[\w\s.:·+−-]*", re.sub(r"\{\w+\}", "", v))
    ]
    assert latin_only == []


def test_translate_fills_placeholders_and_falls_back() -> None:
    assert i18n.translate("idle.body", "en", seconds=25).count("25") == 1
    assert i18n.translate("no.such.key", "vi") == "no.such.key"
    assert i18n.translate("home.title", "vi") == "Bạn muốn học gì hôm nay?"


def test_pseudo_locale_is_longer_than_english() -> None:
    en = i18n.translate("home.subtitle", "en")
    qps = i18n.translate("home.subtitle", "qps")
    assert len(qps) >= 1.3 * len(en) and qps.startswith("⟦")
    assert "{seconds}" not in i18n.translate("idle.body", "qps", seconds=9)


def test_translator_tells_listeners() -> None:
    t = i18n.Translator("vi")
    seen = []
    t.subscribe(seen.append)
    t.set_language("ar")
    t.set_language("ar")
    assert seen == ["ar"] and t.rtl


def test_the_translator_tells_listeners_until_they_unsubscribe() -> None:
    from kiosk.i18n import Translator

    t = Translator("vi")
    heard: list[str] = []
    stop = t.changed.subscribe(heard.append)
    t.set_language("en")
    t.set_language("en")  # no change, nobody told
    stop()
    t.set_language("ar")
    assert heard == ["en"] and t.lang == "ar"
