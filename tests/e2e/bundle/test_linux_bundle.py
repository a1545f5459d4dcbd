"""The bundle as a volunteer gets it: its size, its self-test, and the kiosk started from it."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.e2e.bundle.conftest import Release, app_env

pytestmark = pytest.mark.e2e

MB = 1_000_000


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def test_build_prints_sizes_within_the_limits(built: Release) -> None:
    bundle = _size(built.folder / "app")
    archive = built.archive.stat().st_size
    assert bundle <= 200 * MB, f"bundle {bundle / MB:.1f} MB"
    assert archive <= 90 * MB, f"archive {archive / MB:.1f} MB"
    printed = re.search(r"bundle unpacked:\s+([\d.]+) MB", built.log)
    assert printed and abs(float(printed.group(1)) - bundle / MB) < 1.0, built.log
    assert re.search(r"archive:\s+[\d.]+ MB", built.log), built.log
    # What the kiosk never uses is not there.
    names = {p.name for p in (built.folder / "app").rglob("*")}
    for unused in ("libQt6WebEngineCore.so.6", "libQt6Quick.so.6", "libQt6Qml.so.6"):
        assert unused not in names
    # The offline packages say which release they are for, and include the session's.
    debs = built.folder / "debs"
    codename = re.search(r"^VERSION_CODENAME=(\S+)", Path("/etc/os-release").read_text(), re.M)
    assert codename and (debs / "RELEASE").read_text().split()[0] == codename.group(1)
    assert any(p.name.startswith("cage_") for p in debs.glob("*.deb"))
    assert "Package: cage" in (debs / "Packages").read_text()


def test_selftest_offscreen_reports_what_the_kiosk_needs(built: Release, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(built.app), "--selftest"],
        env=app_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert f"literacy-kiosk {built.version} self-test" in out
    assert re.search(r"^ok\s+qt\s+Qt 6\.\d+\.\d+, platform offscreen$", out, re.M), out
    assert re.search(r"^ok\s+speech\s+engines: .*mock", out, re.M), out
    assert re.search(r"^ok\s+ssl\s+Python: OpenSSL", out, re.M), out
    assert re.search(r"^ok\s+database\s+.*kiosk\.sqlite3 \(schema \d+\)$", out, re.M), out
    assert re.search(r"^ok\s+guides\s+[1-9]\d* packs in .*/_internal/resources/guides", out, re.M)
    # What is loaded only on first use is in the bundle too.
    for part in ("slips", "export", "storage"):
        assert re.search(rf"^ok\s+{part}\s", out, re.M), out
    assert "self-test: ready" in out


def test_selftest_fails_when_the_guides_are_missing(built: Release, tmp_path: Path) -> None:
    empty = tmp_path / "no-guides"
    empty.mkdir()
    done = subprocess.run(
        [str(built.app), "--selftest"],
        env=app_env(tmp_path, KIOSK_GUIDES_DIR=str(empty)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert re.search(r"^FAIL\s+guides\s+no guide pack", done.stdout, re.M), done.stdout
    assert "something the kiosk needs is missing" in done.stdout


def test_bundled_kiosk_starts_to_its_home_screen(built: Release, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(built.app), "--demo", "--exit-when-ready"],
        env=app_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"^READY \d+\.\d+ \d+ \d+\.\d+$", done.stdout, re.M), done.stdout
    # The demo is a kiosk of its own: its database is in its folder, the real one untouched.
    assert (tmp_path / "demo" / "data" / "kiosk.sqlite3").is_file()
    assert not (tmp_path / "data" / "kiosk.sqlite3").exists()


def test_bundle_refuses_a_database_from_a_newer_version(built: Release, tmp_path: Path) -> None:
    env = app_env(tmp_path)
    first = subprocess.run(
        [str(built.app), "--exit-when-ready"], env=env, capture_output=True, timeout=120
    )
    assert first.returncode == 0
    db = tmp_path / "data" / "kiosk.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    done = subprocess.run(
        [str(built.app), "--exit-when-ready"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 3
    assert "written by a newer version" in done.stderr and "0999" in done.stderr
    assert "READY" not in done.stdout
    selftest = subprocess.run(
        [str(built.app), "--selftest"], env=env, capture_output=True, text=True, timeout=120
    )
    assert selftest.returncode == 1
    assert re.search(r"^FAIL\s+database\s+.*newer version", selftest.stdout, re.M)
