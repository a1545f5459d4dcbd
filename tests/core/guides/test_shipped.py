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
