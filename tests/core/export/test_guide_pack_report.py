"""What a kiosk reports about its guide packs reaches the kiosk-health page: carried in
the signed manifest, kept with the bundle, shown as the kiosk last reported it; older
kiosks that report nothing and hostile reports never break the page."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from kiosk.collector.dashboard import views
from kiosk.collector.models import SCHEMA_VERSION, CollectorMeta, ImportedBundle
from kiosk.collector.store import Collector
from kiosk.export.bundle import build_bundle, collect_records
from kiosk.export.keys import public_key_b64

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _kiosk_row(c: Collector) -> dict[str, object]:
    with c.read_sessions() as s:
        page = views.health(s.connection(), NOW)
    (row,) = page.tables[0].rows
    return dict(zip(page.tables[0].columns, row, strict=True))


def test_the_manifest_carries_the_shipped_packs_and_the_collector_keeps_them(
    db, make_visits, kiosk_key, collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    bundle = build_bundle(db, collect_records(db), kiosk_key, sequence=1)
    packs = bundle.manifest["software"]["guide_packs"]
    assert {"vneid-level1", "etax-mobile", "scam-safety"} <= set(packs)
    assert all(v for v in packs.values())  # every shipped pack says which edition it is
    collector.import_bundle(bundle.data)
    shown = _kiosk_row(collector)["guide_packs"]
    assert len(set(packs.values())) == 1  # one edition of everything: named once
    assert shown == f"{packs['etax-mobile']}: " + ", ".join(sorted(packs))


def test_a_kiosk_that_reports_no_packs_or_strange_ones_still_shows(
    db, make_visits, kiosk_key, collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    records = collect_records(db, "full")
    collector.import_bundle(build_bundle(db, records, kiosk_key, sequence=1, guide_packs={}).data)
    assert _kiosk_row(collector)["guide_packs"] == ""  # as a kiosk from before
    strange = {
        "../../etc": "1",
        "Upper-Case": "1",
        "scam-safety": "2026\u202e.11",  # a direction override is dropped
        "ihanoi": "9" * 100,  # cut to 40 characters
        "pay-fee-online": "",  # a pack that declares no version
    }
    collector.import_bundle(
        build_bundle(db, records, kiosk_key, sequence=2, mode="full", guide_packs=strange).data
    )
    row = _kiosk_row(collector)
    assert row["guide_packs"] == f"{'9' * 40}: ihanoi; 2026.11: scam-safety; ?: pay-fee-online"
    assert row["last_sequence"] == 2
    with collector.read_sessions() as s:
        editions = views.health(s.connection(), NOW).tables[1].rows
    assert [r[:3] for r in editions] == [
        ["ihanoi", "9" * 40, 1],
        ["pay-fee-online", "?", 1],
        ["scam-safety", "2026.11", 1],
    ]


def test_a_collector_database_from_before_gains_the_packs_column_and_keeps_its_bundles(
    tmp_path, db, make_visits, kiosk_key
) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Collector(url)
    old.register_kiosk(db.kiosk_id, public_key_b64(kiosk_key))
    make_visits(2)
    old.import_bundle(build_bundle(db, collect_records(db), kiosk_key, sequence=1).data)
    with old.engine.begin() as conn:  # as schema 2 left it
        conn.exec_driver_sql("ALTER TABLE collector_bundle DROP COLUMN guide_packs")
        conn.execute(
            CollectorMeta.__table__.update()
            .where(CollectorMeta.key == "schema_version")
            .values(value="2")
        )
    old.dispose()
    c = Collector(url)
    with c.read_sessions() as s:
        assert s.get(CollectorMeta, "schema_version").value == str(SCHEMA_VERSION) == "3"
        assert s.scalar(select(ImportedBundle.guide_packs)) == ""
    assert _kiosk_row(c)["guide_packs"] == ""  # the old bundle: nothing was reported
    make_visits(1)
    c.import_bundle(
        build_bundle(db, collect_records(db, "full"), kiosk_key, sequence=2, mode="full").data
    )
    assert "vneid-level1" in str(_kiosk_row(c)["guide_packs"])
    c.dispose()
