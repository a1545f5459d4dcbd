"""The demo kiosk's sample visits never leave it as real ones, and a collector refuses
anything that claims to come from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.demo import DEMO_KIOSK_ID, fill_demo
from kiosk.export.bundle import BundleError, build_bundle, collect_records
from kiosk.export.keys import load_or_create_signing_key
from kiosk.export.usb import export_to_folder
from kiosk.services import ensure_services
from kiosk.storage import open_database
from tests.export_support import rebuild


def test_the_demo_kiosk_exports_nothing(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    db = open_database(
        f"sqlite:///{tmp_path / 'demo.sqlite3'}", clock=clock, kiosk_id=DEMO_KIOSK_ID
    )
    ensure_services(db)
    fill_demo(db)
    key = load_or_create_signing_key(tmp_path / "keys")
    records = collect_records(db, "full")
    assert len(records) >= 4  # there are finished sample visits to refuse
    with pytest.raises(BundleError) as refused:
        export_to_folder(db, tmp_path / "usb", key, mode="full")
    assert refused.value.code == "demo"
    assert not (tmp_path / "usb").exists() or not list((tmp_path / "usb").iterdir())
    with pytest.raises(BundleError):
        build_bundle(db, records, key, sequence=1)
    db.dispose()


def test_a_collector_refuses_a_bundle_naming_the_demo_kiosk(
    db, make_visits, kiosk_key, collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    real = build_bundle(db, collect_records(db, "incremental"), kiosk_key, sequence=1)
    assert collector.check(real.data).visit_count == 2

    def as_demo(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["kiosk_id"] = DEMO_KIOSK_ID
        parts["manifest.json"] = json.dumps(manifest).encode()

    with pytest.raises(BundleError) as refused:
        collector.check(rebuild(real.data, as_demo, key=kiosk_key))
    assert refused.value.code == "demo"
