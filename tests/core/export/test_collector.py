"""The collector on SQLite: its command line, totals and CSV downloads."""

from __future__ import annotations

import csv
import io
import json

from kiosk.collector import cli
from kiosk.collector.store import Collector
from kiosk.export.bundle import build_bundle, collect_records
from kiosk.export.keys import public_key_b64
from tests.export_support import bulk_visits


def test_keygen_register_import_and_totals_from_the_command_line(
    db, make_visits, kiosk_key, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert cli.main(["keygen"]) == 0
    out = capsys.readouterr().out
    public = out.split("public:")[1].split()[0]
    assert len(public) == 44 and "private:" in out

    make_visits(3, consent=True)
    records = collect_records(db, coordinator_key=public)
    good = tmp_path / "LOG_good.zip"
    good.write_bytes(build_bundle(db, records, kiosk_key, sequence=1, coordinator_key=public).data)
    bad = tmp_path / "LOG_bad.zip"
    bad.write_bytes(good.read_bytes()[:-40])

    assert cli.main(["--database", url, "import", str(good)]) == 1
    assert "unknown_kiosk" in capsys.readouterr().err

    assert (
        cli.main(
            [
                "--database",
                url,
                "register-kiosk",
                db.kiosk_id,
                public_key_b64(kiosk_key),
                "--label",
                "Phường Láng Hạ",
            ]
        )
        == 0
    )
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(token) >= 40

    assert cli.main(["--database", url, "import", str(good), str(bad), str(good)]) == 1
    captured = capsys.readouterr()
    assert "LOG_good.zip: imported, 3 new of 3 visits" in captured.out
    assert "LOG_good.zip: duplicate, 0 new of 3 visits" in captured.out
    assert "LOG_bad.zip: REJECTED" in captured.err

    assert cli.main(["--database", url, "totals", "--by", "age_band"]) == 0
    rows = dict(json.loads(capsys.readouterr().out)["rows"])
    assert rows == {"75+": 1, "40-59": 1, "18-39": 1}
    c = Collector(url)
    assert c.kiosk_for_token(token) == db.kiosk_id and c.kiosk_for_token("guess") is None
    c.dispose()


def test_totals_by_every_grouping_and_csv_downloads(db, kiosk_key, collector) -> None:  # type: ignore[no-untyped-def]
    bulk_visits(db, 12, day_offset=1)
    bulk_visits(db, 6)
    data = build_bundle(db, collect_records(db), kiosk_key, sequence=1).data
    collector.import_bundle(data)

    assert collector.totals("day") == [("2026-11-27", 12), ("2026-11-28", 6)]
    assert dict(collector.totals("service")) == {"vneid": 6, "public-service": 6, "etax": 6}
    assert dict(collector.totals("outcome")) == {"vneid_activated": 9, "dossier_submitted": 9}
    assert dict(collector.totals("priority")) == {"elderly": 6, "none": 6, "disability": 6}
    assert sum(n for _, n in collector.totals("age_band")) == 18
    assert collector.totals("point") == [("Điểm hỗ trợ chuyển đổi số", 18)]
    from datetime import date

    assert collector.totals("service", day_from=date(2026, 11, 28)) == [
        ("etax", 2),
        ("public-service", 2),
        ("vneid", 2),
    ]

    summary = collector.summary()
    assert summary["visits"] == 18 and summary["average_wait_seconds"] == 180
    assert summary["first_day"] == "2026-11-27"

    table = collector.totals_csv("service").decode("utf-8-sig")
    assert table.startswith("service,visits\r\n") and "vneid,6\r\n" in table
    visits = b"".join(collector.visits_csv(batch=5)).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(visits, newline="")))
    assert len(rows) == 18 and rows[0]["created_at"].endswith("Z")
    assert "personal" not in rows[0] and rows[0]["services"] in ("vneid", "etax", "public-service")


def test_totals_kept_for_many_readers_follow_every_import(
    db, make_visits, kiosk_key, collector, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.export.usb import mark_exported

    make_visits(2)
    first = build_bundle(db, collect_records(db), kiosk_key, sequence=1)
    mark_exported(db, first, kind="usb", mode="incremental", target="test")
    make_visits(3)
    second = build_bundle(db, collect_records(db), kiosk_key, sequence=2)

    assert collector.summary()["visits"] == 0
    collector.import_bundle(first.data)
    assert collector.summary()["visits"] == 2 and sum(n for _, n in collector.totals("day")) == 2
    # Another program importing into the same file (e.g. `kiosk-collector import`).
    other = Collector(str(collector.engine.url))
    other.import_bundle(second.data)
    other.dispose()
    assert collector.summary()["visits"] == 5
    assert sum(n for _, n in collector.totals("day")) == 5
    # What a caller does with its copy does not change what others are given.
    collector.summary()["by"]["day"].clear()
    assert collector.summary()["by"]["day"]
