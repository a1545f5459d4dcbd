"""Removable drives a volunteer can export to (USB sticks, SD cards).

Linux: mounted file systems from ``/proc/mounts`` whose block device is marked removable in
``/sys/block/<disk>/removable`` or whose mount point is under ``/media`` or ``/run/media``
(where desktops mount sticks). Windows: drive letters of type "removable". Any other folder
can be chosen by hand.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

MEDIA_ROOTS = ("/media/", "/run/media/")
_PSEUDO_FS = frozenset(
    {
        "proc",
        "sysfs",
        "devtmpfs",
        "devpts",
        "cgroup",
        "cgroup2",
        "overlay",
        "squashfs",
        "securityfs",
        "debugfs",
        "tracefs",
        "mqueue",
        "pstore",
        "bpf",
        "autofs",
        "binfmt_misc",
        "configfs",
        "fusectl",
        "hugetlbfs",
    }
)


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    fs_type: str
    read_only: bool
    free_bytes: int
    total_bytes: int


def _unescape(field: str) -> str:
    """``/proc/mounts`` writes spaces and tabs in paths as octal escapes (``\\040``)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _disk_of(device: str) -> str:
    """``/dev/sdb1`` → ``sdb``, ``/dev/mmcblk0p1`` → ``mmcblk0``, ``nvme0n1p2`` → ``nvme0n1``."""
    name = os.path.basename(device)
    if name.startswith(("mmcblk", "nvme")) and "p" in name[4:]:
        return name[: name.rindex("p")]
    return name.rstrip("0123456789")


def _removable(device: str, sys_block: Path) -> bool:
    if not device.startswith("/dev/"):
        return False
    try:
        return (sys_block / _disk_of(device) / "removable").read_text().strip() == "1"
    except OSError:
        return False


def linux_drives(
    mounts: Path = Path("/proc/mounts"),
    sys_block: Path = Path("/sys/block"),
    media_roots: tuple[str, ...] = MEDIA_ROOTS,
) -> list[Drive]:
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found: dict[str, Drive] = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 4:
            continue
        device, mount_point, fs_type, options = (
            _unescape(parts[0]),
            _unescape(parts[1]),
            parts[2],
            parts[3].split(","),
        )
        if fs_type in _PSEUDO_FS:
            continue
        under_media = mount_point.startswith(media_roots)
        if not (under_media or _removable(device, sys_block)):
            continue
        found[mount_point] = _describe(Path(mount_point), fs_type, "ro" in options)
    return sorted(found.values(), key=lambda d: str(d.path))


def _describe(path: Path, fs_type: str, read_only: bool) -> Drive:
    try:
        usage = shutil.disk_usage(path)
        free, total = usage.free, usage.total
    except OSError:
        free = total = 0
    return Drive(path, path.name or str(path), fs_type, read_only, free, total)


def windows_drives() -> list[Drive]:  # pragma: no cover - exercised on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # only on Windows
    removable = 2
    mask = kernel32.GetLogicalDrives()
    drives = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(65 + i)}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != removable:
            continue
        label_buf = ctypes.create_unicode_buffer(261)
        fs_buf = ctypes.create_unicode_buffer(261)
        flags = ctypes.c_ulong(0)
        ok = kernel32.GetVolumeInformationW(
            ctypes.c_wchar_p(root), label_buf, 261, None, None, ctypes.byref(flags), fs_buf, 261
        )
        if not ok:  # no medium in the slot
            continue
        read_only = bool(flags.value & 0x00080000)  # FILE_READ_ONLY_VOLUME
        d = _describe(Path(root), fs_buf.value, read_only)
        drives.append(
            Drive(
                d.path, label_buf.value or root, d.fs_type, read_only, d.free_bytes, d.total_bytes
            )
        )
    return drives


def removable_drives() -> list[Drive]:
    """The removable drives mounted now, on this operating system."""
    if sys.platform.startswith("win"):
        return windows_drives()
    return linux_drives()
