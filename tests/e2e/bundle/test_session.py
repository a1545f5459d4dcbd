"""The kiosk user's session command, as the systemd unit runs it, in a headless cage.

A test machine may have no systemd, so the command is started with runuser as the kiosk
user, and grim takes the screenshot of what a citizen would see.

The screen cage draws on: cage 0.1.4 (wlroots 0.15) refuses its headless backend on a machine
without a DRM render node (``/dev/dri``; "drmGetDevices2 failed"), which virtual test machines
lack. So the test gives cage a screen that needs none: a headless Weston with its pixman
renderer, 1366x768, in which cage runs on its Wayland backend, exactly as it would on a
laptop's screen. Nothing in the session command changes for the test.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import require
from tests.e2e.bundle.conftest import Machine, Release, wait_for

pytestmark = pytest.mark.e2e

# KIOSK_SESSION_SHOTS keeps the screenshot (docs/screenshots/kiosk-session-cage.png came
# from here); otherwise it stays in the test's own temporary folder.
SHOTS = os.environ.get("KIOSK_SESSION_SHOTS")


def _looks_like_the_kiosk(png: Path) -> tuple[bool, str]:
    """Full-screen and drawn: no corner is cage's black background, and the picture has
    text and buttons on it (many colours), not one flat colour."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    if image.isNull():
        return False, "no picture"
    w, h = image.width(), image.height()
    corners = [image.pixelColor(x, y) for x in (2, w - 3) for y in (2, h - 3)]
    black = [c.name() for c in corners if c.red() + c.green() + c.blue() < 30]
    colours = {image.pixel(x, y) for x in range(0, w, 7) for y in range(0, h, 7)}
    ok = not black and len(colours) > 20
    return ok, f"{w}x{h}, black corners {black}, {len(colours)} colours"


def _remove_x_leftovers(uid: int) -> None:
    """Xwayland's socket and lock file, when it was stopped before it could remove them."""
    leftovers = [*Path("/tmp/.X11-unix").glob("X*"), *Path("/tmp").glob(".X*-lock")]
    for path in leftovers:
        with contextlib.suppress(OSError):
            if path.lstat().st_uid == uid:
                path.unlink()


def test_kiosk_session_shows_the_home_screen_full_screen_in_cage(
    built: Release, machine: Machine, qapp: object, tmp_path: Path
) -> None:
    for tool in ("cage", "grim", "weston"):
        require(shutil.which(tool) is not None, f"{tool} (installer/apt-test-packages.txt)")
    # As at boot (systemd-tmpfiles): X's socket folder belongs to root, for every user;
    # otherwise Xwayland, which cage starts, would make it the kiosk user's own.
    x11 = Path("/tmp/.X11-unix")
    if not x11.exists():
        x11.mkdir()
        x11.chmod(0o1777)
    out = machine.install(built, "--kiosk")
    assert out.returncode == 0, out.stdout + out.stderr
    entry = pwd.getpwnam(machine.user)
    runtime = Path(tempfile.mkdtemp(prefix="kiosk-runtime-"))
    os.chown(runtime, entry.pw_uid, entry.pw_gid)
    runtime.chmod(0o700)
    base = [
        f"HOME={machine.home}",
        f"USER={machine.user}",
        "LANG=C.UTF-8",
        "PATH=/usr/bin:/bin",
        f"XDG_RUNTIME_DIR={runtime}",
    ]
    screen = subprocess.Popen(
        [
            "runuser",
            "-u",
            machine.user,
            "--",
            "env",
            "-i",
            *base,
            "weston",
            "--backend=headless-backend.so",
            "--use-pixman",
            "--width=1366",
            "--height=768",
            "--socket=screen-0",
            "--idle-time=0",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(lambda: (runtime / "screen-0").exists(), 60, "the test screen (weston)")
    except BaseException:
        os.killpg(screen.pid, signal.SIGTERM)
        raise
    env = [
        *base,
        "WAYLAND_DISPLAY=screen-0",
        "WLR_BACKENDS=wayland",
        "WLR_RENDERER=pixman",
        "WLR_LIBINPUT_NO_DEVICES=1",
        "KIOSK_TTS_ENGINE=mock",
    ]
    session = subprocess.Popen(
        [
            "runuser",
            "-u",
            machine.user,
            "--",
            "env",
            "-i",
            *env,
            str(machine.opt / "current" / "kiosk-session.sh"),
        ],  # fmt: skip
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    shot = runtime / "home.png"
    verdict = [False, "not taken"]

    def home_screen_shown() -> bool:
        if session.poll() is not None:
            return True  # ended: reported below
        # cage's own socket (the test screen's is screen-0).
        sockets = [p.name for p in runtime.glob("wayland-*") if not p.name.endswith(".lock")]
        if not sockets:
            return False
        grab = subprocess.run(
            [
                "runuser",
                "-u",
                machine.user,
                "--",
                "env",
                "-i",
                f"XDG_RUNTIME_DIR={runtime}",
                f"WAYLAND_DISPLAY={sockets[0]}",
                "grim",
                str(shot),
            ],  # fmt: skip
            capture_output=True,
            timeout=30,
        )
        if grab.returncode != 0:
            return False
        verdict[:] = _looks_like_the_kiosk(shot)
        return bool(verdict[0])

    try:
        wait_for(home_screen_shown, 120, "the kiosk's home screen in cage")
        assert session.poll() is None, session.stdout.read().decode(errors="replace")
        assert verdict[0], verdict[1]
        keep = Path(SHOTS) if SHOTS else tmp_path
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, keep / "kiosk-session-home.png")
    finally:
        if session.poll() is None:
            os.killpg(session.pid, signal.SIGTERM)
            try:
                session.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(session.pid, signal.SIGKILL)
                session.wait(timeout=30)
        os.killpg(screen.pid, signal.SIGTERM)
        screen.wait(timeout=30)
        shutil.rmtree(runtime, ignore_errors=True)
        _remove_x_leftovers(entry.pw_uid)
    removed = machine.install(built, "--remove", "--purge")
    assert removed.returncode == 0, removed.stderr
