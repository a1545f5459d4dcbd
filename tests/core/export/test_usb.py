"""USB export on real file systems: a good folder, a full drive, a read-only drive, and a
drive pulled out half-way. Nothing is marked exported that did not land whole."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.export.usb import WriteError, export_to_folder
from kiosk.storage.models import ExportBatch, Visit
from tests.export_support import bulk_visits, require


def _exported(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(
            select(func.count()).select_from(Visit).where(Visit.exported_at.is_not(None))
        )


def _batches(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ExportBatch))


def test_incremental_then_full_export_to_a_folder(
    db, make_visits, kiosk_key, collector, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "stick"
    stick.mkdir()
    make_visits(3)
    seen: list[float] = []
    first = export_to_folder(db, stick, kiosk_key, progress=seen.append)
    assert first.visits == 3 and first.path is not None and first.path.parent == stick
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert _exported(db) == 3 and _batches(db) == 1
    assert [p.name for p in stick.iterdir()] == [first.path.name]  # no temporary file left

    nothing = export_to_folder(db, stick, kiosk_key)
    assert nothing.path is None and nothing.visits == 0

    make_visits(2)
    second = export_to_folder(db, stick, kiosk_key)
    assert second.visits == 2
    full = export_to_folder(db, stick, kiosk_key, mode="full")
    assert full.visits == 5 and _exported(db) == 5
    for f in (first, second, full):
        collector.import_bundle(f.path.read_bytes())
    assert collector.visit_count() == 5


@pytest.fixture
def tmpfs(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Mount small real tmpfs file systems (as a stand-in for a USB stick); root only."""
    require(
        hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None,
        "mounting a test file system needs root (CI runs as root)",
    )
    mounted: list[Path] = []

    def mount(name: str, options: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], check=True)
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_a_full_drive_gives_a_clear_error_and_marks_nothing(
    db, make_visits, kiosk_key, tmpfs
) -> None:  # type: ignore[no-untyped-def]
    stick = tmpfs("full", "size=64k")
    filler = stick / "photos.bin"
    with open(filler, "wb") as fh, contextlib.suppress(OSError):
        fh.write(b"\0" * 60 * 1024)
    make_visits(30)
    with pytest.raises(WriteError) as err:
        export_to_folder(db, stick, kiosk_key)
    assert err.value.kind == "full"
    assert _exported(db) == 0 and _batches(db) == 0
    assert sorted(p.name for p in stick.iterdir()) == ["photos.bin"]


def test_a_drive_that_fills_up_during_the_write_marks_nothing(
    db, make_visits, kiosk_key, tmpfs
) -> None:  # type: ignore[no-untyped-def]
    stick = tmpfs("filling", "size=512k")
    bulk_visits(db, 3000)
    grow = stick / "other-program.bin"

    def another_program_writes(fraction: float) -> None:
        # Once the bundle started to land, something else fills the stick.
        if fraction > 0.5 and not grow.exists():
            with open(grow, "wb") as fh, contextlib.suppress(OSError):
                fh.write(b"\0" * 1024 * 1024)

    with pytest.raises(WriteError) as err:
        export_to_folder(db, stick, kiosk_key, progress=another_program_writes)
    assert err.value.kind == "full"
    assert _exported(db) == 0 and _batches(db) == 0
    assert sorted(p.name for p in stick.iterdir()) == ["other-program.bin"]


def test_a_read_only_drive_gives_a_clear_error(db, make_visits, kiosk_key, tmpfs) -> None:  # type: ignore[no-untyped-def]
    stick = tmpfs("locked", "ro,size=1m")
    make_visits(2)
    with pytest.raises(WriteError) as err:
        export_to_folder(db, stick, kiosk_key)
    assert err.value.kind == "read_only"
    assert _exported(db) == 0 and _batches(db) == 0


def test_a_drive_pulled_out_mid_write_marks_nothing(db, make_visits, kiosk_key, tmpfs) -> None:  # type: ignore[no-untyped-def]
    stick = tmpfs("pulled", "size=8m")
    bulk_visits(db, 3000)
    pulled = []

    def pull_out(fraction: float) -> None:
        if fraction > 0.55 and not pulled:  # half-way through writing the file
            subprocess.run(["umount", "-l", str(stick)], check=True)
            pulled.append(fraction)

    with pytest.raises(WriteError) as err:
        export_to_folder(db, stick, kiosk_key, progress=pull_out)
    assert pulled, "the drive was not pulled during the write"
    assert err.value.kind == "gone"
    assert _exported(db) == 0 and _batches(db) == 0
    assert list(stick.iterdir()) == []  # the empty mount point: nothing landed


def test_only_the_visits_in_the_bundle_are_marked_exported(
    db, make_visits, kiosk_key, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.export.usb import set_exported

    closed = make_visits(2)
    waiting = make_visits(1, closed=False)  # between exported visits: left for later
    closed += make_visits(2)
    result = export_to_folder(db, tmp_path, kiosk_key)
    assert result.visits == 4
    with db.session() as s:
        marked = set(s.scalars(select(Visit.id).where(Visit.exported_at.is_not(None))))
    assert marked == set(closed) and not marked & set(waiting)
    # Runs of visits are marked a range at a time, scattered ones one by one: the same.
    for ids in ([closed[3], closed[0], closed[1]], [closed[0], closed[2]]):
        with db.session() as s:
            s.execute(Visit.__table__.update().values(exported_at=None))
        with db.session() as s:
            set_exported(s, ids, db.clock.now())
        with db.session() as s:
            marked = set(s.scalars(select(Visit.id).where(Visit.exported_at.is_not(None))))
        assert marked == set(ids)
