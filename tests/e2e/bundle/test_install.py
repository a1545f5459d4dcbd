"""install.sh from the unpacked archive, with the network cut off (unshare -n): install, a
kiosk user, update, a failing update, rollback, and removal, on a scratch root with a real
user. Every test removes what it made (the machine fixture checks)."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable

import pytest

from tests.conftest import require
from tests.e2e.bundle.conftest import Machine, Release

pytestmark = pytest.mark.e2e

SETTINGS = '[point]\nname = "Điểm phường Láng"\n\n[display]\ntext_scale = 150\n'


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _volunteers(machine: Machine, version: str) -> str:
    app = str(machine.opt / version / "literacy-kiosk")
    return _ok(machine.as_user(app, "volunteer", "list"))


def _first_use(machine: Machine) -> None:
    """The kiosk user's first day: the kiosk started once, a volunteer added, a setting."""
    app = str(machine.opt / "current" / "literacy-kiosk")
    _ok(machine.as_user(app, "--exit-when-ready"))
    _ok(machine.as_user(app, "volunteer", "add", "Chị Lan", "--pin-stdin", stdin="2468\n"))
    machine.settings.write_text(SETTINGS, "utf-8")


def test_kiosk_install_without_network(built: Release, machine: Machine) -> None:
    out = _ok(machine.install(built, "--kiosk"))
    assert "System packages: all there already" in out or "Installing system packages" in out
    assert machine.current() == built.version
    assert (machine.opt / built.version / "literacy-kiosk").is_file()
    # The kiosk user: no password to log in with, not an administrator.
    entry = pwd.getpwnam(machine.user)
    assert entry.pw_dir == str(machine.home)
    status = subprocess.run(["passwd", "-S", machine.user], capture_output=True, text=True)
    assert status.stdout.split()[1] in ("L", "NP"), status.stdout
    groups = subprocess.run(["id", "-nG", machine.user], capture_output=True, text=True).stdout
    assert "sudo" not in groups.split()
    # Its data folders are its own.
    assert machine.data.is_dir() and machine.data.stat().st_uid == entry.pw_uid
    # The session: a systemd unit that restarts the kiosk, and no blanking or suspend.
    unit = (machine.root / "etc/systemd/system/literacy-kiosk-session.service").read_text()
    assert f"User={machine.user}" in unit and "Restart=always" in unit
    assert f"ExecStart={machine.opt}/current/kiosk-session.sh" in unit
    logind = (machine.root / "etc/systemd/logind.conf.d/literacy-kiosk.conf").read_text()
    assert "HandleLidSwitch=ignore" in logind and "IdleAction=ignore" in logind
    # The launcher for other users points at the current version.
    link = machine.root / "usr/local/bin/literacy-kiosk"
    assert os.readlink(link) == f"{machine.opt}/current/literacy-kiosk"
    # The kiosk starts as that user from what was installed.
    _first_use(machine)
    assert (machine.data / "kiosk.sqlite3").is_file()

    # --remove undoes it all, and leaves no user behind.
    out = _ok(machine.install(built, "--remove", "--purge"))
    assert not machine.opt.exists()
    assert not (machine.root / "etc/systemd/system/literacy-kiosk-session.service").exists()
    assert not (machine.root / "etc/systemd/logind.conf.d/literacy-kiosk.conf").exists()
    assert not link.exists() and not link.is_symlink()
    with pytest.raises(KeyError):
        pwd.getpwnam(machine.user)


def test_the_session_unit_passes_systemd_analyze(built: Release, machine: Machine) -> None:
    require(shutil.which("systemd-analyze") is not None, "systemd-analyze (systemd)")
    _ok(machine.install(built, "--kiosk"))
    units = machine.root / "etc/systemd/system"
    for name in ("literacy-kiosk-session.service", "literacy-kiosk-x11.service"):
        done = subprocess.run(
            ["systemd-analyze", "verify", str(units / name)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        problems = [
            line
            for line in (done.stdout + done.stderr).splitlines()
            if name in line or "literacy" in line
        ]
        assert done.returncode == 0 and not problems, done.stdout + done.stderr
    _ok(machine.install(built, "--remove", "--purge"))


def test_update_keeps_the_data_and_rollback_restores_the_previous_version(
    built: Release, release_of: Callable[[str], Release], machine: Machine
) -> None:
    _ok(machine.install(built, "--kiosk"))
    _first_use(machine)
    settings_before = machine.settings.read_bytes()

    newer = release_of("1.1.0")
    out = _ok(machine.install(newer, "--kiosk"))
    assert "Version 1.1.0 is current" in out
    assert machine.current() == "1.1.0"
    assert (machine.opt / "1.0.0" / "literacy-kiosk").is_file(), "the previous one is kept"
    assert "Chị Lan" in _volunteers(machine, "current")
    assert machine.settings.read_bytes() == settings_before
    version = _ok(machine.as_user(str(machine.opt / "current/literacy-kiosk"), "--version"))
    assert version.strip() == "1.1.0"
    # The database as it was before the update is kept for a rollback.
    assert (machine.opt / "backups/before-1.1.0/kiosk.sqlite3").is_file()

    out = _ok(machine.install(newer, "--rollback"))
    assert machine.current() == "1.0.0"
    version = _ok(machine.as_user(str(machine.opt / "current/literacy-kiosk"), "--version"))
    assert version.strip() == "1.0.0"
    assert "Chị Lan" in _volunteers(machine, "current")
    assert machine.settings.read_bytes() == settings_before
    _ok(machine.install(built, "--remove", "--purge"))


def test_rollback_puts_back_the_database_a_newer_version_moved_on(
    built: Release, release_of: Callable[[str], Release], machine: Machine
) -> None:
    _ok(machine.install(built, "--kiosk"))
    _first_use(machine)
    _ok(machine.install(release_of("1.1.0"), "--kiosk"))
    # As if 1.1.0 had a new migration: its database is at a schema 1.0.0 does not know.
    db = machine.data / "kiosk.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    refused = machine.as_user(str(machine.opt / "1.0.0/literacy-kiosk"), "--exit-when-ready")
    assert refused.returncode == 3 and "newer version" in refused.stderr

    # The copy of install.sh that stays with the installed version does it as well.
    out = _ok(machine.run_script(machine.opt / "current/installer/install.sh", "--rollback"))
    assert "putting back the copy made before the update" in out
    assert machine.current() == "1.0.0"
    assert "Chị Lan" in _volunteers(machine, "current")
    kept = machine.data / "kiosk.sqlite3.from-1.1.0"
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0999",)
    _ok(machine.as_user(str(machine.opt / "current/literacy-kiosk"), "--exit-when-ready"))
    _ok(machine.install(built, "--remove", "--purge"))


def test_a_failing_selftest_leaves_the_old_version_running(
    built: Release, release_of: Callable[[str], Release], machine: Machine
) -> None:
    _ok(machine.install(built, "--kiosk"))
    _first_use(machine)
    broken = release_of("1.2.0")
    # A damaged copy on the stick: its guide packs are gone.
    shutil.rmtree(broken.folder / "app/_internal/resources/guides")
    try:
        done = machine.install(broken, "--kiosk")
    finally:
        shutil.copytree(
            built.folder / "app/_internal/resources/guides",
            broken.folder / "app/_internal/resources/guides",
        )
    assert done.returncode != 0
    assert re.search(r"self-test of version 1\.2\.0 failed", done.stderr), done.stderr
    assert "1.0.0 stays in use" in done.stderr
    assert "no guide pack" in done.stdout
    assert machine.current() == "1.0.0"
    assert not (machine.opt / "1.2.0").exists() and not (machine.opt / ".incoming").exists()
    # The old version still starts, with its data.
    ready = _ok(machine.as_user(str(machine.opt / "current/literacy-kiosk"), "--exit-when-ready"))
    assert re.search(r"^READY ", ready, re.M)
    assert "Chị Lan" in _volunteers(machine, "current")
    _ok(machine.install(built, "--remove", "--purge"))
