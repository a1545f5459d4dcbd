"""What goes into the bundles, checked without building: the pruning rules on Linux and on
Windows file names, and the Windows spec and setup script, which cannot run here."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
import bundle_contents as contents  # noqa: E402

WINDOWS_KEPT = [
    r"PySide6\Qt6Widgets.dll",
    r"PySide6\plugins\platforms\qwindows.dll",
    r"PySide6\plugins\texttospeech\qtexttospeech_sapi.dll",
    r"PySide6\plugins\texttospeech\qtexttospeech_winrt.dll",
    r"PySide6\plugins\printsupport\windowsprintersupport.dll",
    r"PySide6\plugins\imageformats\qsvg.dll",
    r"resources\guides\vneid-activate\guide.toml",
]
WINDOWS_DROPPED = [
    r"PySide6\Qt6WebEngineCore.dll",
    r"PySide6\Qt6Quick.dll",
    r"PySide6\Qt6Qml.dll",
    r"PySide6\opengl32sw.dll",
    r"PySide6\translations\qtbase_vi.qm",
    r"PySide6\plugins\texttospeech\qtexttospeech_flite.dll",
    r"PySide6\plugins\imageformats\qtiff.dll",
    r"PySide6\avcodec-61.dll",
    r"PySide6\plugins\multimedia\ffmpegmediaplugin.dll",
]


@pytest.mark.parametrize("name", WINDOWS_KEPT)
def test_windows_bundle_keeps_what_the_kiosk_uses(name: str) -> None:
    assert contents.keep((name, "", "BINARY"), windows=True)


@pytest.mark.parametrize("name", WINDOWS_DROPPED)
def test_windows_bundle_drops_what_the_kiosk_never_uses(name: str) -> None:
    assert not contents.keep((name, "", "BINARY"), windows=True)


def test_linux_rules_keep_the_session_platforms_and_speech() -> None:
    plugins = "PySide6/Qt/plugins"
    for kept in ("platforms/libqwayland.so", "platforms/libqxcb.so", "platforms/libqoffscreen.so",
                 "texttospeech/libqtexttospeech_speechd.so", "tls/libqopensslbackend.so",
                 "printsupport/libcupsprintersupport.so"):  # fmt: skip
        assert contents.keep((f"{plugins}/{kept}", "", "BINARY")), kept
    for dropped in ("platforms/libqeglfs.so", "platformthemes/libqgtk3.so",
                    "texttospeech/libqtexttospeech_flite.so"):  # fmt: skip
        assert not contents.keep((f"{plugins}/{dropped}", "", "BINARY")), dropped
    assert not contents.keep(("PySide6/Qt/lib/libQt6WebEngineCore.so.6", "", "BINARY"))


class _Recorder:
    """Stands in for PyInstaller's build classes when a spec is read without building."""

    def __init__(self) -> None:
        self.calls: dict[str, Any] = {}

    def __getattr__(self, kind: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            self.calls[kind] = (args, kwargs)
            if kind == "Analysis":
                entries = [(n, "src", "BINARY") for n in WINDOWS_KEPT + WINDOWS_DROPPED]
                return type("A", (), {"binaries": entries, "datas": [], "pure": [], "scripts": []})
            return object()

        return record


def _read_spec(spec: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[_Recorder, dict[str, Any]]:
    monkeypatch.setattr(contents, "hidden_imports", lambda: ["ui.app"])
    monkeypatch.setitem(sys.modules, "bundle_contents", contents)
    recorder = _Recorder()
    names: dict[str, Any] = {"SPECPATH": str(spec.parent)}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT"):
        names[kind] = getattr(recorder, kind)
    exec(compile(spec.read_text("utf-8"), str(spec), "exec"), names)  # noqa: S102
    return recorder, names


def test_windows_spec_builds_the_kiosk_without_a_console(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder, names = _read_spec(ROOT / "installer/windows/literacy-kiosk.spec", monkeypatch)
    ((script,),), analysis = recorder.calls["Analysis"]
    assert Path(script) == ROOT / "ui" / "main.py"
    targets = {target for _, target in analysis["datas"]}
    assert {"resources/guides", "resources/fonts", "resources/i18n"} <= targets
    assert "kiosk/storage/migrations" in targets
    assert "PySide6.QtWebEngineCore" in analysis["excludes"]
    exe = recorder.calls["EXE"][1]
    assert exe["name"] == "literacy-kiosk" and exe["console"] is False
    kept = {entry[0] for entry in names["a"].binaries}
    assert kept == set(WINDOWS_KEPT)


def test_setup_script_installs_per_version_and_checks_before_use() -> None:
    iss = (ROOT / "installer/windows/literacy-kiosk.iss").read_text("utf-8")
    spec = (ROOT / "installer/windows/literacy-kiosk.spec").read_text("utf-8")
    dist = re.search(r"--distpath (\S+)", spec)
    assert dist, "the spec says where the bundle goes"
    bundle = re.search(r'#define Bundle "([^"]+)"', iss)
    assert bundle and bundle.group(1).endswith(dist.group(1) + "\\literacy-kiosk")
    assert 'DestDir: "{app}\\{#AppVersion}"' in iss
    assert "'--selftest'" in iss
    # current.txt is written only after the self-test passed.
    step = iss.index("procedure CurStepChanged")
    assert iss.index("SelfTestPasses()", step) < iss.index("current.txt", step)
