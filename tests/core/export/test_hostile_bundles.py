"""Bundles made to hurt the collector: zip bombs, a part without line breaks, odd ZIP
entries, values out of range, control and direction characters. Each is refused with a
named reason, within bounded memory, and leaves nothing stored."""

from __future__ import annotations

import io
import stat
import time
import tracemalloc
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kiosk.export import packing
from kiosk.export.bundle import BundleError, build_bundle, collect_records
from tests.export_support import forge, with_record

MIB = 1 << 20


@pytest.fixture
def real(db, make_visits, kiosk_key) -> bytes:  # type: ignore[no-untyped-def]
    make_visits(3)
    return build_bundle(db, collect_records(db), kiosk_key, sequence=1).data


def _refused(collector, data: bytes) -> BundleError:  # type: ignore[no-untyped-def]
    """The collector's verdict on ``data``: a named refusal, with nothing stored."""
    with pytest.raises(BundleError) as err:
        collector.import_bundle(data)
    assert collector.bundle_count() == 0 and collector.visit_count() == 0
    return err.value


def _measured(run: Callable[[], Any]) -> tuple[float, int]:
    """Seconds taken and the peak of memory allocated while ``run`` ran."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        run()
    finally:
        took = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return took, peak


def _zeros(total: int) -> Iterator[bytes]:
    piece = bytes(MIB)
    for _ in range(total // MIB):
        yield piece


def _deflated(pieces: Iterator[bytes]) -> tuple[list[bytes], int, int]:
    """Raw DEFLATE chunks of the pieces, their CRC-32 and size."""
    z = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_RLE)  # quick for zeros
    chunks, crc, size = [], 0, 0
    for piece in pieces:
        crc, size = zlib.crc32(piece, crc), size + len(piece)
        chunks.append(z.compress(piece))
    chunks.append(z.flush())
    return chunks, crc, size


def _with_manifest(real: bytes, manifest: packing.Packed) -> bytes:
    with zipfile.ZipFile(io.BytesIO(real)) as z:
        kept = {n: packing.pack(z.read(n)) for n in ("visits.jsonl", "visits.csv", "manifest.sig")}
    return packing.zip_file(
        [
            ("visits.jsonl", kept["visits.jsonl"]),
            ("visits.csv", kept["visits.csv"]),
            ("manifest.json", manifest),
            ("manifest.sig", kept["manifest.sig"]),
        ],
        (2026, 11, 28, 9, 0, 0),
    )


@pytest.fixture(scope="module")
def bomb() -> tuple[list[bytes], int, int]:
    return _deflated(_zeros(256 * MIB))


@pytest.mark.parametrize("header", ["honest", "lying"])
def test_a_manifest_zip_bomb_is_refused_without_unpacking_it(real, collector, bomb, header) -> None:  # type: ignore[no-untyped-def]
    chunks, crc, size = bomb
    compressed = sum(map(len, chunks))
    assert compressed < MIB  # a small upload...
    # ...that says it unpacks to 256 MiB, or lies that it is small.
    told = size if header == "honest" else 2000
    bomb = _with_manifest(real, packing.Packed(chunks, crc, told, compressed, ""))
    took, peak = _measured(lambda: _refused(collector, bomb))
    err = _refused(collector, bomb)
    assert err.code == "bad_manifest"
    assert peak < 100 * MIB, f"{peak / MIB:.1f} MiB"
    assert took < 5, f"{took:.2f} s"


def test_a_signed_part_without_line_breaks_is_refused_at_once(real, collector, kiosk_key) -> None:  # type: ignore[no-untyped-def]
    endless = (b"a" * MIB for _ in range(400))  # 400 MiB, no line break
    data = forge(real, kiosk_key, parts={"visits.jsonl": endless})
    assert len(data) < 20 * MIB  # within the upload limit
    took, peak = _measured(lambda: _refused(collector, data))
    err = _refused(collector, data)
    assert err.code == "schema_error" and "longer than" in str(err)
    assert peak < 100 * MIB, f"{peak / MIB:.1f} MiB"
    assert took < 5, f"{took:.2f} s"


def test_a_huge_declared_part_is_refused_before_reading(real, collector, kiosk_key) -> None:  # type: ignore[no-untyped-def]
    def huge(m: dict[str, Any]) -> None:
        m["parts"]["visits.jsonl"]["bytes"] = 1 << 40

    err = _refused(collector, forge(real, kiosk_key, manifest=huge))
    assert err.code == "bad_manifest"


def _entries(real: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(real)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name
        for info, body in entries:
            z.writestr(info, body)
    return out.getvalue()


def _link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


ODD_ENTRIES: dict[str, Callable[[dict[str, bytes]], list[tuple[Any, bytes]]]] = {
    "a forged CSV before the real one": lambda p: [
        ("visits.csv", b"forged"),
        *p.items(),
    ],
    "a forged CSV after the real one": lambda p: [*p.items(), ("visits.csv", b"forged")],
    "an extra entry": lambda p: [*p.items(), ("notes.txt", b"hello")],
    "a directory": lambda p: [*p.items(), ("visits/", b"")],
    "a link in place of a part": lambda p: [
        *((n, b) for n, b in p.items() if n != "visits.csv"),
        (_link("visits.csv"), b"/etc/passwd"),
    ],
    "a path in a name": lambda p: [
        *((n, b) for n, b in p.items() if n != "visits.csv"),
        ("../visits.csv", p["visits.csv"]),
    ],
    "a part missing": lambda p: [(n, b) for n, b in p.items() if n != "visits.csv"],
}


@pytest.mark.parametrize("how", list(ODD_ENTRIES))
def test_zip_entries_must_be_exactly_the_four_plain_files(real, collector, how) -> None:  # type: ignore[no-untyped-def]
    data = _zip(ODD_ENTRIES[how](_entries(real)))
    err = _refused(collector, data)
    assert err.code == "not_a_bundle", (how, err.code, str(err))
    collector.import_bundle(real)  # the real one still goes in
    assert collector.visit_count() == 3


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(m: dict[str, Any]) -> None:
        *outer, last = path.split(".")
        for key in outer:
            m = m[key]
        m[last] = value

    return change


BAD_MANIFESTS = {
    "sequence 10**30": _set("sequence", 10**30),
    "sequence text": _set("sequence", "abc"),
    "sequence below zero": _set("sequence", -1),
    "created_at out of range": _set("created_at", "2026-99-99T00:00:00Z"),
    "created_at 30 February": _set("created_at", "2026-02-30T25:61:61Z"),
    "count as text": _set("counts.visits", "3"),
    "time range not a time": _set("time_range.from", "soon"),
    "unknown mode": _set("mode", "all"),
    "a third part": _set("parts.extra", {"sha256": "0" * 64, "bytes": 1}),
}


@pytest.mark.parametrize("how", list(BAD_MANIFESTS))
def test_signed_manifest_values_out_of_range_are_refused(real, collector, kiosk_key, how) -> None:  # type: ignore[no-untyped-def]
    err = _refused(collector, forge(real, kiosk_key, manifest=BAD_MANIFESTS[how]))
    assert err.code == "bad_manifest", (how, err.code, str(err))


def _field(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(r: dict[str, Any]) -> None:
        r[name] = value

    return change


def _guide(index: int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(r: dict[str, Any]) -> None:
        r["guides"][0][index] = value

    return change


BAD_RECORDS = {
    "day 2026-13-45": _field("day", "2026-13-45"),
    "day 29 February of a common year": _field("day", "2027-02-29"),
    "created_at 2026-02-30T25:61:61Z": _field("created_at", "2026-02-30T25:61:61Z"),
    "finished_at hour 24": _field("finished_at", "2026-11-28T24:00:00Z"),
    "guide time 2026-02-30T25:61:61Z": _guide(3, "2026-02-30T25:61:61Z"),
    "guide step 2**62": _guide(1, 2**62),
    "guide step below zero": _guide(1, -1),
    "desk below zero": _field("desk", -3),
    "wait 10**30": _field("wait_seconds", 10**30),
    "visit number 2**31": _field("visit_id", 2**31),
    "NUL in the ticket": _field("ticket", "A0\x0007"),
    "a tab in the follow-up code": _field("follow_up_code", "C\t1"),
    "a C1 control in the state": _field("state", "done\x85"),
    "right-to-left override in the ticket": _field("ticket", "\u202e700A"),
    "direction isolate in a service": _field("services", ["vneid\u2066"]),
    "right-to-left mark in an outcome": _field("outcome", ["\u200fvneid_activated"]),
    "NUL in a guide id": _guide(0, "vneid\x00"),
}


@pytest.mark.parametrize("how", list(BAD_RECORDS))
def test_record_values_out_of_range_or_with_hidden_characters_are_refused(
    real, collector, kiosk_key, how
) -> None:  # type: ignore[no-untyped-def]
    err = _refused(collector, with_record(real, kiosk_key, BAD_RECORDS[how]))
    assert err.code == "schema_error", (how, err.code, str(err))


def test_leap_days_and_vietnamese_text_are_fine(real, collector, kiosk_key) -> None:  # type: ignore[no-untyped-def]
    def change(r: dict[str, Any]) -> None:
        r["day"] = "2028-02-29"
        r["outcome"] = ["đã nộp hồ sơ"]

    assert collector.import_bundle(with_record(real, kiosk_key, change)).new_visits == 3
    assert ("2028-02-29", 1) in collector.totals("day")


def test_direction_overrides_in_the_point_name_are_neutralised(real, collector, kiosk_key) -> None:  # type: ignore[no-untyped-def]
    def change(m: dict[str, Any]) -> None:
        m["point"]["name"] = "Điểm \u202egnáL\u202c Hạ\x00"
        m["point"]["ward"] = "\u2067Láng Hạ\u2069"

    collector.import_bundle(forge(real, kiosk_key, manifest=change))
    assert dict(collector.totals("point")) == {"Điểm gnáL Hạ ": 3}
    assert "\u202e" not in collector.totals_csv("point").decode("utf-8")


def test_the_command_line_names_each_bad_file_and_still_imports_the_next(
    db, make_visits, kiosk_key, collector, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.collector import cli
    from kiosk.export.usb import mark_exported
    from tests.fuzz_support import flipped, sample_offsets

    make_visits(3)
    first = build_bundle(db, collect_records(db), kiosk_key, sequence=1)
    mark_exported(db, first, kind="usb", mode="incremental", target="test")
    good = first.data
    make_visits(2)
    good2 = build_bundle(db, collect_records(db), kiosk_key, sequence=2).data
    files = [tmp_path / "LOG_a_good.zip"]
    files[0].write_bytes(good)
    damaged = [flipped(good, o, b) for o, b in sample_offsets(len(good), 40)]
    damaged.append(good[: len(good) // 2])
    for n, data in enumerate(damaged):
        path = tmp_path / f"LOG_b_bad_{n:02d}.zip"
        path.write_bytes(data)
        files.append(path)
    files.append(tmp_path / "LOG_c_good2.zip")
    files[-1].write_bytes(good2)

    url = str(collector.engine.url)
    code = cli.main(["--database", url, "import", *map(str, files)])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert "LOG_a_good.zip: imported, 3 new of 3 visits" in out
    assert "LOG_c_good2.zip: imported, 2 new of 2 visits" in out
    for path in files[1:-1]:  # each damaged file: refused by name, or its content intact
        said = [line for line in (out + err).splitlines() if line.startswith(path.name + ":")]
        assert len(said) == 1, path.name
        assert "REJECTED (" in said[0] or "duplicate, 0 new of 3 visits" in said[0], said[0]
    assert err.count("REJECTED (") >= 25
    assert collector.visit_count() == 5 and collector.bundle_count() == 2
