"""Finding USB sticks: removable block devices and desktop mount folders."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from kiosk.export.drives import linux_drives
from tests.export_support import require


def test_removable_devices_and_media_mounts_are_listed(tmp_path: Path) -> None:
    sys_block = tmp_path / "sys"
    for disk, removable in (("sda", "0"), ("sdb", "1"), ("mmcblk0", "1")):
        (sys_block / disk).mkdir(parents=True)
        (sys_block / disk / "removable").write_text(removable + "\n")
    stick = tmp_path / "USB\tSTICK"
    card = tmp_path / "card"
    for p in (stick, card):
        p.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda2 / ext4 rw,relatime 0 0\n"
        "proc /proc proc rw 0 0\n"
        f"/dev/sdb1 {str(stick).replace(chr(9), chr(92) + '011')} vfat rw,nosuid 0 0\n"
        f"/dev/mmcblk0p1 {card} exfat ro,nosuid 0 0\n"
        "tmpfs /run tmpfs rw 0 0\n"
    )
    drives = linux_drives(mounts, sys_block, media_roots=("/nowhere/",))
    assert [(d.path, d.fs_type, d.read_only) for d in drives] == [
        (stick, "vfat", False),
        (card, "exfat", True),
    ]
    assert all(d.total_bytes > 0 for d in drives)


def test_a_real_mount_under_a_media_folder_is_found(tmp_path: Path) -> None:
    require(
        hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None,
        "mounting a test file system needs root (CI runs as root)",
    )
    media = tmp_path / "media" / "lan"
    stick = media / "KINGSTON"
    stick.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(stick)], check=True)
    try:
        found = linux_drives(media_roots=(str(tmp_path / "media") + "/",))
        assert [d.path for d in found] == [stick]
        assert found[0].label == "KINGSTON" and 0 < found[0].free_bytes <= 1024 * 1024
    finally:
        subprocess.run(["umount", "-l", str(stick)], check=True)
    assert linux_drives(media_roots=(str(tmp_path / "media") + "/",)) == []
