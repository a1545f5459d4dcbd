"""One real PyInstaller build for every bundle test, and the releases made from it.

``release`` runs ``installer/build.sh`` once per test session (a few minutes on 2 cores),
with the offline Debian packages; ``release_of(version)`` packages the same bundle under
another version (build.sh --bundle), the way a newer archive would come on a stick.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[3]
FIRST = "1.0.0"


@dataclass
class Release:
    version: str
    folder: Path  # the unpacked archive: install.sh, app/, files/, debs/
    archive: Path  # the .tar.xz (the folder itself for the releases made without one)
    log: str

    @property
    def app(self) -> Path:
        return self.folder / "app" / "literacy-kiosk"


def _build(out: Path, *args: str) -> str:
    env = {**os.environ, "KIOSK_BUILD_PYTHON": sys.executable, "KIOSK_BUILD_OUT": str(out)}
    done = subprocess.run(
        ["bash", str(ROOT / "installer" / "build.sh"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, f"build.sh failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done.stdout


def _unpack(archive: Path, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="tar")
    (folder,) = into.iterdir()
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Release:
    require(shutil.which("dpkg-scanpackages") is not None, "dpkg-dev (apt-test-packages)")
    out = tmp_path_factory.mktemp("build")
    log = _build(out, "--version", FIRST)
    archive = out / f"literacy-kiosk-{FIRST}-linux-{os.uname().machine}.tar.xz"
    folder = _unpack(archive, tmp_path_factory.mktemp("unpacked"))
    return Release(FIRST, folder, archive, log)


@pytest.fixture(scope="session")
def release_of(
    built: Release, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], Release]:
    """The same bundle as a release of another version (no second PyInstaller run)."""
    made: dict[str, Release] = {built.version: built}

    def make(version: str) -> Release:
        if version not in made:
            out = tmp_path_factory.mktemp(f"build-{version}")
            bundle = str(built.app.parent)
            log = _build(out, "--version", version, "--no-debs", "--no-archive", "--bundle", bundle)
            folder = out / f"literacy-kiosk-{version}-linux-{os.uname().machine}"
            made[version] = Release(version, folder, folder, log)
        return made[version]

    return make


def app_env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_", "WAYLAND"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        KIOSK_DATA_DIR=str(data / "data"),
        KIOSK_SETTINGS=str(data / "settings.toml"),
        KIOSK_DEMO_DIR=str(data / "demo"),  # --demo keeps to a folder of its own
        KIOSK_TTS_ENGINE="mock",
    )
    env.update(extra)
    return env


@dataclass
class Machine:
    """A scratch machine for install.sh: programs, units and settings files under ``root``;
    a real (uniquely named) kiosk user whose home is under ``root`` as well."""

    root: Path
    user: str

    @property
    def opt(self) -> Path:
        return self.root / "opt" / "literacy-kiosk"

    @property
    def home(self) -> Path:
        return self.root / "home" / self.user

    @property
    def data(self) -> Path:
        return self.home / ".local" / "share" / "literacy-kiosk"

    @property
    def settings(self) -> Path:
        return self.home / ".config" / "literacy-kiosk" / "settings.toml"

    def env(self) -> dict[str, str]:
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_"))},
            "KIOSK_ROOT": str(self.root),
            "KIOSK_USER": self.user,
            "KIOSK_TTS_ENGINE": "mock",
        }

    def install(self, release: Release, *args: str) -> subprocess.CompletedProcess[str]:
        """``sudo ./install.sh ARGS`` from the unpacked archive, with no network at all."""
        return self.run_script(release.folder / "install.sh", *args)

    def run_script(self, script: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["unshare", "-n", "bash", str(script), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )

    def as_user(self, *cmd: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """A command as the kiosk user, in its own home, with no screen."""
        return subprocess.run(
            [
                "runuser",
                "-u",
                self.user,
                "--",
                "env",
                "-i",
                f"HOME={self.home}",
                f"USER={self.user}",
                "LANG=C.UTF-8",
                "PATH=/usr/bin:/bin",
                "QT_QPA_PLATFORM=offscreen",
                "KIOSK_TTS_ENGINE=mock",
                *cmd,
            ],  # fmt: skip
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def current(self) -> str:
        return os.readlink(self.opt / "current")


@pytest.fixture
def machine() -> Iterator[Machine]:
    require(os.geteuid() == 0, "root, to run install.sh (CI runs as root)")
    for tool in ("unshare", "runuser", "useradd"):
        require(shutil.which(tool) is not None, f"{tool} (util-linux, passwd)")
    # Not under pytest's own temporary folder: the kiosk user must be able to reach its home.
    root = Path(tempfile.mkdtemp(prefix="kiosk-machine-"))
    root.chmod(0o755)
    m = Machine(root, f"kiosk{uuid.uuid4().hex[:6]}")
    yield m
    # Whatever the test did, no user and no files are left behind on this machine.
    try:
        pwd.getpwnam(m.user)
    except KeyError:
        pass
    else:
        subprocess.run(["userdel", "--force", m.user], capture_output=True)
        subprocess.run(["groupdel", m.user], capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds, failing after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(f"gave up after {timeout:.0f} s waiting for {what}")
