"""The session-log bundle: what goes in, what a collector accepts, what it refuses."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import zipfile

import pytest
from nacl.signing import SigningKey

from kiosk.export.bundle import BundleError, build_bundle, bundle_file_name, collect_records
from kiosk.export.keys import (
    SealedError,
    load_or_create_signing_key,
    make_coordinator_keys,
    public_key_b64,
    unseal,
)
from tests.export_support import rebuild


def _bundle(db, key, coordinator_key: str = "", mode: str = "incremental"):  # type: ignore[no-untyped-def]
    records = collect_records(db, mode, coordinator_key=coordinator_key)
    return build_bundle(db, records, key, sequence=1, mode=mode, coordinator_key=coordinator_key)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_round_trip_keeps_every_visit_and_reads_in_a_spreadsheet(
    db, make_visits, kiosk_key, collector, coordinator
) -> None:  # type: ignore[no-untyped-def]
    ids = make_visits(3, consent=True)
    make_visits(1, outcome=['=HYPERLINK("http://evil")', "đã kích hoạt, mức 2"])
    bundle = _bundle(db, kiosk_key, coordinator.public)

    checked = collector.check(bundle.data)
    assert [r["visit_id"] for r in checked.records] == [*ids, ids[-1] + 1]
    first = checked.records[0]
    assert first["services"] == ["vneid"] and first["priority"] == "elderly"
    assert first["wait_seconds"] == 240 and first["service_seconds"] == 720
    assert first["guides"][1] == ["vneid-activate", 2, "vi", "2026-11-28T01:00:40Z"]
    assert checked.manifest["counts"] == {"visits": 4, "guide_views": 8, "with_personal": 3}
    assert checked.manifest["time_range"]["from"] == "2026-11-28T01:00:00Z"

    raw_csv = _parts(bundle.data)["visits.csv"]
    assert raw_csv.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw_csv and b"\n" not in raw_csv.replace(b"\r\n", b"")
    rows = list(csv.DictReader(io.StringIO(raw_csv.decode("utf-8-sig"), newline="")))
    assert len(rows) == 4
    assert rows[0]["services"] == "vneid" and rows[1]["services"] == "etax; vneid"
    # A cell a spreadsheet would run as a formula is shown as text; Vietnamese is intact.
    assert rows[3]["outcome"] == '\'=HYPERLINK("http://evil"); đã kích hoạt, mức 2'
    assert rows[0]["guide_steps_viewed"] == "2"


def test_names_and_phones_leave_only_sealed_for_the_coordinator(
    db, make_visits, kiosk_key, collector, coordinator
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2, consent=True, name="Trần Văn Bình")
    bundle = _bundle(db, kiosk_key, coordinator.public)
    unpacked = b"".join(_parts(bundle.data).values())
    assert "Trần Văn Bình".encode() not in unpacked and b"0912345678" not in unpacked

    sealed = collector.check(bundle.data).records[0]["personal"]
    opened = json.loads(unseal(coordinator.private, sealed))
    assert opened["name"] == "Trần Văn Bình" and opened["phone"] == "0912345678"
    # Someone else's key (the finder of the stick, another coordinator) cannot open it.
    with pytest.raises(SealedError):
        unseal(make_coordinator_keys().private, sealed)


def test_without_a_coordinator_key_personal_fields_are_not_exported(
    db, make_visits, kiosk_key, collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2, consent=True)
    bundle = _bundle(db, kiosk_key, "")
    assert all(r["personal"] is None for r in collector.check(bundle.data).records)
    assert bundle.manifest["personal_data"] is None
    assert "Nguyễn Thị Hoà".encode() not in b"".join(_parts(bundle.data).values())


def test_visits_still_open_today_wait_for_a_later_export(db, make_visits, kiosk_key) -> None:  # type: ignore[no-untyped-def]
    closed = make_visits(2)
    make_visits(1, closed=False)
    assert [r["visit_id"] for r in collect_records(db)] == closed


@pytest.mark.parametrize("what", ["csv", "jsonl", "sealed"])
def test_a_changed_part_is_refused_and_nothing_imported(
    db, make_visits, kiosk_key, collector, coordinator, what
) -> None:  # type: ignore[no-untyped-def]
    make_visits(3, consent=True)
    data = _bundle(db, kiosk_key, coordinator.public).data

    def change(parts: dict[str, bytes]) -> None:
        if what == "csv":
            parts["visits.csv"] = parts["visits.csv"].replace(b"vneid_activated", b"nothing")
        elif what == "jsonl":
            parts["visits.jsonl"] = parts["visits.jsonl"].replace(b'"75+"', b'"18-39"', 1)
        else:  # flip one character inside the sealed name and phone
            lines = parts["visits.jsonl"].decode().splitlines(keepends=True)
            rec = json.loads(lines[0])
            p = rec["personal"]
            rec["personal"] = p[:10] + ("A" if p[10] != "A" else "B") + p[11:]
            lines[0] = json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"
            parts["visits.jsonl"] = "".join(lines).encode()

    with pytest.raises(BundleError) as err:
        collector.import_bundle(rebuild(data, change))
    assert err.value.code == "checksum_mismatch"
    assert ("visits.csv" if what == "csv" else "visits.jsonl") in str(err.value)
    assert collector.visit_count() == 0 and collector.bundle_count() == 0


def test_a_changed_manifest_or_signature_is_refused(db, make_visits, kiosk_key, collector) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    data = _bundle(db, kiosk_key).data

    def more_visits(parts: dict[str, bytes]) -> None:
        parts["manifest.json"] = parts["manifest.json"].replace(b'"visits":2', b'"visits":20')

    def other_signature(parts: dict[str, bytes]) -> None:
        sig = parts["manifest.sig"]
        parts["manifest.sig"] = (b"B" if sig[:1] != b"B" else b"C") + sig[1:]

    for change in (more_visits, other_signature):
        with pytest.raises(BundleError) as err:
            collector.import_bundle(rebuild(data, change))
        assert err.value.code == "bad_signature"
        assert "changed or forged" in str(err.value)
    assert collector.visit_count() == 0


def test_a_forged_bundle_signed_with_another_key_is_refused(
    db, make_visits, kiosk_key, collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    data = _bundle(db, kiosk_key).data
    # The forger changes the data, fixes every checksum and signs with their own key.
    forged = rebuild(
        data,
        lambda p: p.update({"visits.jsonl": p["visits.jsonl"].replace(b'"done"', b'"finished"')}),
        key=SigningKey.generate(),
        fix_hashes=True,
    )
    with pytest.raises(BundleError) as err:
        collector.import_bundle(forged)
    assert err.value.code == "bad_signature"
    assert collector.visit_count() == 0


def test_a_record_that_breaks_the_schema_is_refused_even_when_signed(
    db, make_visits, kiosk_key, collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    data = _bundle(db, kiosk_key).data

    def break_record(parts: dict[str, bytes]) -> None:
        lines = parts["visits.jsonl"].decode().splitlines(keepends=True)
        rec = json.loads(lines[1])
        rec["desk"] = "one"
        lines[1] = json.dumps(rec) + "\n"
        parts["visits.jsonl"] = "".join(lines).encode()

    with pytest.raises(BundleError) as err:
        collector.import_bundle(rebuild(data, break_record, key=kiosk_key, fix_hashes=True))
    assert err.value.code == "schema_error" and "line 2: desk" in str(err.value)
    assert collector.visit_count() == 0 and collector.bundle_count() == 0


def test_not_a_bundle_and_unknown_kiosks_are_refused_with_a_reason(
    db, make_visits, tmp_path, collector
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BundleError) as err:
        collector.import_bundle(b"PK\x03\x04 not really a zip")
    assert err.value.code == "not_a_bundle"

    make_visits(1)
    stranger = SigningKey.generate()
    data = build_bundle(db, collect_records(db), stranger, sequence=1).data
    # The collector knows this kiosk id, but with another key.
    with pytest.raises(BundleError) as err:
        collector.import_bundle(data)
    assert err.value.code == "bad_signature"

    other = rebuild(
        data,
        lambda p: p.update(
            {"manifest.json": p["manifest.json"].replace(db.kiosk_id.encode(), b"k-elsewhere")}
        ),
        key=stranger,
    )
    with pytest.raises(BundleError) as err:
        collector.check(other)
    assert err.value.code == "unknown_kiosk"
    assert err.value.info["public_key"] == public_key_b64(stranger)


def test_the_same_bundle_twice_and_overlapping_bundles_count_each_visit_once(
    db, make_visits, kiosk_key, collector
) -> None:  # type: ignore[no-untyped-def]
    make_visits(3)
    first = _bundle(db, kiosk_key)
    assert collector.import_bundle(first.data).status == "imported"
    again = collector.import_bundle(first.data)
    assert (again.status, again.new_visits) == ("duplicate", 0)
    make_visits(2)
    full = _bundle(db, kiosk_key, mode="full")
    result = collector.import_bundle(full.data)
    assert (result.status, result.visits, result.new_visits) == ("imported", 5, 2)
    assert collector.visit_count() == 5
    assert dict(collector.totals("service")) == {"vneid": 5, "etax": 2}


def test_file_names_are_valid_on_fat32_and_exfat(clock) -> None:  # type: ignore[no-untyped-def]
    name = bundle_file_name('k:1/"ward 5"*?<>|', clock.now(), 7)
    assert name == "LOG_k-1-ward-5_20261128-080000_0007.zip"
    assert len(name) <= 255 and not set(name) & set('<>:"/\\|?*') and name.isascii()


def test_the_kiosk_key_is_made_once_and_readable_only_by_its_owner(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = load_or_create_signing_key(tmp_path)
    again = load_or_create_signing_key(tmp_path)
    assert bytes(first) == bytes(again)
    if os.name == "posix":
        mode = stat.S_IMODE((tmp_path / "kiosk_signing.key").stat().st_mode)
        assert mode == 0o600


def test_csv_rows_are_counted_right_with_quotes_and_line_breaks_in_cells() -> None:
    from kiosk.export.schema import count_csv_rows

    text = 'a,b\r\n1,"nói ""được""\r\nxuống dòng, rồi"\r\n2,x\r\n3,""""\r\n'
    data = b"\xef\xbb\xbf" + text.encode()
    assert count_csv_rows(data) == len(list(csv.reader(io.StringIO(text, newline="")))) - 1
    assert count_csv_rows(data) == 3


def test_the_sqlite_export_path_makes_the_same_records_and_csv_as_the_generic_one(
    db, make_visits, coordinator
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from kiosk.export.keys import unseal
    from kiosk.storage.models import Visit

    make_visits(3, consent=True)
    make_visits(2, outcome=["=cmd|' /C calc'!A0", 'đã nộp hồ sơ, "mức" 2', "+84"])
    odd = make_visits(2)
    with db.session() as s:
        v = s.get(Visit, odd[0])
        v.ticket, v.follow_up_code, v.priority = "-A1", "@X9", "=2+3"
        v.created_at = v.created_at + timedelta(seconds=1, microseconds=900_000)
        v.called_at = v.called_at + timedelta(microseconds=100_000)
        w = s.get(Visit, odd[1])
        w.called_at = w.serving_at = None
        w.outcome = []

    fast = collect_records(db, "full", coordinator_key=coordinator.public)
    generic = collect_records(db, "full", coordinator_key=coordinator.public, generic=True)

    def opened(records) -> list[dict]:  # type: ignore[no-untyped-def]
        out = []
        for r in records:
            r = dict(r)
            if r["personal"]:
                r["personal"] = json.loads(unseal(coordinator.private, r["personal"]))
            out.append(r)
        return out

    assert opened(fast) == opened(generic) and len(fast) == 7
    assert fast[-2]["wait_seconds"] == 239  # whole seconds between the exported times
    assert fast[-1]["called_at"] is None and fast[-1]["wait_seconds"] is None
    assert (fast.guide_views, fast.with_personal) == (generic.guide_views, 3)
    assert fast.visit_ids == generic.visit_ids and fast.time_range == generic.time_range

    def without_personal(data: bytes) -> list[list[str]]:
        return [row[:-1] for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))]

    assert without_personal(fast.csv()) == without_personal(generic.csv())
    rows = list(csv.DictReader(io.StringIO(fast.csv().decode("utf-8-sig"), newline="")))
    assert (rows[-2]["ticket"], rows[-2]["follow_up_code"], rows[-2]["priority"]) == (
        "'-A1",
        "'@X9",
        "'=2+3",
    )
    assert rows[3]["outcome"] == "'=cmd|' /C calc'!A0; đã nộp hồ sơ, \"mức\" 2; +84"
    assert all(not r["personal_sealed"] or r["personal_sealed"][0] not in "=+-@" for r in rows)


def test_plain_rows_written_directly_match_the_csv_module(db, make_visits) -> None:  # type: ignore[no-untyped-def]
    from tests.export_support import bulk_visits

    make_visits(3)
    bulk_visits(db, 1500)  # more than one piece of rows
    fast = collect_records(db, "full")
    generic = collect_records(db, "full", generic=True)
    assert fast.csv() == generic.csv() and fast.jsonl() == generic.jsonl()
    assert len(fast) == 1503 and list(fast) == list(generic)


def test_the_bundle_is_a_plain_zip_file_every_tool_reads(db, make_visits, kiosk_key) -> None:  # type: ignore[no-untyped-def]
    make_visits(3)
    data = _bundle(db, kiosk_key).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every part's CRC-32 is right
        assert sorted(z.namelist()) == [
            "manifest.json",
            "manifest.sig",
            "visits.csv",
            "visits.jsonl",
        ]
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())
        assert z.getinfo("visits.jsonl").date_time == (2026, 11, 28, 8, 0, 0)
