"""The guide packs shipped in resources/guides pass the validator."""

from __future__ import annotations

from kiosk.clock import SystemClock
from kiosk.guides import load_all
from kiosk.guides.loader import pack_folders
from kiosk.paths import resources_dir
from tests.conftest import require

SHIPPED = resources_dir() / "guides"
EXPECTED = {
    "vneid-level1",
    "vneid-level2",
    "public-service-portal",
    "pay-fee-online",
    "mps-portal",
    "ihanoi",
    "etax-mobile",
    "pension-bank-vssid",
    "scam-safety",
}


def test_shipped_packs_pass_the_check() -> None:
    folders = pack_folders(SHIPPED)
    require(
        bool(folders) and all((f / "guide.toml").exists() for f in folders),
        "the shipped guide packs (resources/guides/*/guide.toml) are not here",
    )
    library = load_all(SHIPPED, SystemClock().now().date())
    assert [str(i) for i in library.issues] == []
    assert {g.id for g in library.guides} >= EXPECTED
    for guide in library.guides:
        assert 4 <= len(guide.steps) <= 12
        assert set(guide.languages) == {"vi", "en", "ar"}, guide.id


def _shipped():  # type: ignore[no-untyped-def]
    folders = pack_folders(SHIPPED)
    require(bool(folders), "the shipped guide packs are not here")
    return load_all(SHIPPED, SystemClock().now().date())


def _words(guide) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Every text of a guide as (language, text), with the words in its drawings."""
    out = []
    for lang, t in guide.texts.items():
        out += [
            (lang, t.title),
            (lang, t.can_do),
            (lang, t.next_at_home),
            *((lang, b) for b in t.bring),
        ]
    for step in guide.steps:
        for lang, t in step.texts.items():
            out += [(lang, t.text), (lang, t.tip), (lang, t.warning)]
        out.append(("vi", step.picture.read_text(encoding="utf-8")))
    for p in guide.problems:
        for lang, t in p.texts.items():
            out += [(lang, t.problem), (lang, t.fix)]
    return out


def test_the_police_are_the_commune_or_ward_police_since_july_2025() -> None:
    """Since 1 July 2025 there are no districts: citizens go to the "công an xã, phường"."""
    wrong = []
    for guide in _shipped().guides:
        for lang, text in _words(guide):
            low = text.lower()
            if "công an phường" in low and "xã" not in low:
                wrong.append((guide.id, text))
            if lang == "en" and "ward police" in low and "commune or ward police" not in low:
                wrong.append((guide.id, text))
            if lang == "ar" and "شرطة الحي" in text and "شرطة البلدية أو الحي" not in text:
                wrong.append((guide.id, text))
    assert wrong == []


def test_etax_asks_for_the_personal_id_number() -> None:
    """Since 1 July 2025 the personal ID number is the tax code."""
    etax = _shipped().get("etax-mobile")
    assert etax is not None
    login = [s for s in etax.steps if "Đăng nhập" in s.text("vi").text]
    assert login, "no step of eTax Mobile logs in"
    assert "số định danh cá nhân" in login[0].text("vi").text
    assert "personal ID number" in login[0].text("en").text
    assert all("gõ mã số thuế" not in s.text("vi").text for s in etax.steps)


def test_every_pack_lists_a_dated_source() -> None:
    for guide in _shipped().guides:
        assert guide.sources_date is not None, guide.id
        assert all(s.url.startswith(("https://", "http://")) for s in guide.sources)


def test_the_kiosk_does_not_claim_walk_throughs_that_did_not_happen() -> None:
    """A field check is a person's date; the packs never carry the writing date as one."""
    for guide in _shipped().guides:
        assert guide.field_checked is None or guide.field_checked >= guide.sources_date, guide.id
