"""The USB export and coordinator screens, driven like a volunteer would, on real files,
a real local collector and a real (refused) network connection."""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from pathlib import Path

from nacl.signing import SigningKey
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from kiosk.export.bundle import build_bundle, collect_records
from kiosk.export.service import signing_key
from kiosk.modes import Mode
from kiosk.security import add_volunteer
from kiosk.settings import Settings
from kiosk.storage.models import Visit
from tests.export_support import loopback_socket, rebuild, require


def _enter(shell, db, role: str):  # type: ignore[no-untyped-def]
    who = add_volunteer(
        db,
        "Minh" if role == "coordinator" else "Lan",
        "1357" if role == "coordinator" else "2468",
        role,
    )
    shell.modes.enter(Mode.VOLUNTEER, who)
    if role == "coordinator":
        shell.modes.enter(Mode.COORDINATOR, who)
    return who


def _exported(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(
            select(func.count()).select_from(Visit).where(Visit.exported_at.is_not(None))
        )


def test_a_volunteer_saves_new_visits_to_a_folder(qtbot, shell, db, make_visits, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_visits(3)
    _enter(shell, db, "volunteer")
    assert not shell.staff.buttons["coordinator_reports"].isVisible()
    tile = shell.staff.buttons["usb_export"]
    assert tile.isVisible() and tile.accessibleName() == "Lưu nhật ký ra USB"
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert shell.window.current == "usb_export"
    usb = shell.export.usb
    qtbot.waitUntil(lambda: shell.ops.pending == 0)

    qtbot.mouseClick(usb.start, Qt.MouseButton.LeftButton)
    assert usb.message.text() == "Hãy chọn USB hoặc một thư mục trước."
    stick = tmp_path / "stick"
    stick.mkdir()
    usb._choose(stick)
    qtbot.mouseClick(usb.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not usb.busy, timeout=20000)
    (written,) = stick.iterdir()
    assert usb.message.text().startswith("Xong: đã lưu 3 lượt vào tệp " + written.name)
    assert usb.progress.value() == 100 and usb.start.isEnabled()
    assert _exported(db) == 3
    assert usb.progress.accessibleName() == "Tiến độ lưu"

    qtbot.mouseClick(usb.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not usb.busy, timeout=20000)
    assert usb.message.text() == "Không có lượt mới nào cần lưu."


def test_a_stick_pulled_out_is_explained_in_the_citizens_language(
    qtbot, shell, db, make_visits, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    make_visits(2)
    _enter(shell, db, "volunteer")
    shell.t.set_language("en")
    usb = shell.export.usb
    stick = tmp_path / "gone"
    stick.mkdir()
    usb._choose(stick)
    stick.rmdir()  # the stick was pulled out after choosing it
    qtbot.mouseClick(usb.start, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not usb.busy, timeout=20000)
    assert usb.message.text().startswith("The stick was removed or stopped working")
    assert "Nothing was marked as saved" in usb.message.text()
    assert usb.message.property("role") == "error"
    assert _exported(db) == 0


def test_the_coordinator_brings_in_sticks_trusts_a_kiosk_and_saves_a_report(
    qtbot, make_shell, db, make_visits, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    sock = loopback_socket()  # the collector is down: connections are refused
    settings = Settings(path=tmp_path / "settings.toml").replace(
        export__collector_url=f"http://127.0.0.1:{sock.getsockname()[1]}",
        export__collector_token="token-1",
    )
    shell = make_shell(settings)
    make_visits(4, consent=True)
    _enter(shell, db, "coordinator")
    tile = shell.staff.buttons["coordinator_reports"]
    assert tile.isVisible()
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    screen = shell.export.coordinator
    assert shell.window.current == "coordinator_reports"
    # This kiosk's own finished visits are counted at once, without a stick.
    qtbot.waitUntil(lambda: screen.totals.summary.get("visits") == 4, timeout=20000)

    # Sending: the kiosk queues the visits and says plainly that it could not send yet.
    qtbot.mouseClick(screen.send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Trục trặc gần nhất" in screen.net_status.text(), timeout=20000)
    assert "1 tệp đang chờ gửi (4 lượt)" in screen.net_status.text()

    # A stick with this kiosk's log and one from a kiosk not known yet.
    stick = tmp_path / "stick"
    stick.mkdir()
    records = collect_records(db, "full")
    own = build_bundle(db, records, signing_key(), sequence=1, mode="full")
    (stick / own.file_name).write_bytes(own.data)

    def from_ward_7(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["kiosk_id"], manifest["bundle_id"] = "k-ward7", str(uuid.uuid4())
        parts["manifest.json"] = json.dumps(manifest).encode()
        parts["visits.jsonl"] = parts["visits.jsonl"].replace(db.kiosk_id.encode(), b"k-ward7")

    foreign = rebuild(own.data, from_ward_7, key=SigningKey.generate(), fix_hashes=True)
    (stick / "LOG_k-ward7_20261128-090000_0001.zip").write_bytes(foreign)
    (stick / "LOG_broken.zip").write_bytes(b"not a zip")

    screen.import_from(stick)
    qtbot.waitUntil(lambda: screen.last_import is not None, timeout=20000)
    text = screen.message.text()
    # This kiosk's own stick adds nothing twice: its visits are already counted.
    assert "Đã đọc 3 tệp: 0 lượt mới, 4 lượt đã tính trước đó, 2 tệp bị từ chối." in text
    assert "LOG_broken.zip bị từ chối: đây không phải tệp nhật ký" in text
    assert "k-ward7" in text and screen.trust.isVisible()

    screen.last_import = None
    qtbot.mouseClick(screen.trust, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.last_import is not None, timeout=20000)
    assert screen.message.text().startswith("Đã đọc 3 tệp: 4 lượt mới, 4 lượt đã tính")
    assert not screen.trust.isVisible()
    qtbot.waitUntil(lambda: screen.totals.summary.get("visits") == 8, timeout=20000)
    chart = screen.totals.chart
    assert chart.rows[0] == ("VNeID – định danh điện tử", 8)
    assert "VNeID – định danh điện tử: 8" in chart.accessibleDescription()
    qtbot.mouseClick(screen.totals.buttons["priority"], Qt.MouseButton.LeftButton)
    assert ("Người cao tuổi", 4) in chart.rows and screen.totals.numbers.text()

    # The report goes to the data folder when no stick is mounted.
    screen.save_report()
    qtbot.waitUntil(lambda: "Đã lưu báo cáo" in screen.message.text(), timeout=30000)
    pdf = Path(screen.message.text().split(": ", 1)[1])
    assert pdf.suffix == ".pdf" and pdf.stat().st_size > 1000
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Theo dịch vụ" in words and "Người cao tuổi" in words
    assert "Nguyễn Thị Hoà" not in words


def test_the_screenshot_helper_saves_the_coordinator_screen(shell, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from kiosk.export.usb import export_to_folder
    from tests.export_support import bulk_visits
    from tools.screenshots.coordinator import capture_coordinator

    bulk_visits(db, 12)
    stick = tmp_path / "stick"
    stick.mkdir()
    export_to_folder(db, stick, signing_key())
    shell.export.desk.import_folder(stick)
    path = capture_coordinator(shell, tmp_path / "shots")
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 1000
    assert shell.window.current == "coordinator_reports"
    assert shell.export.coordinator.totals.chart.rows


def test_a_folder_with_damaged_files_between_good_ones_is_read_to_the_end(
    qtbot, shell, db, make_visits, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import io
    import zipfile

    from kiosk.export.usb import mark_exported
    from tests.fuzz_support import flipped

    _enter(shell, db, "coordinator")
    qtbot.mouseClick(shell.staff.buttons["coordinator_reports"], Qt.MouseButton.LeftButton)
    screen = shell.export.coordinator
    # Opening the screen counted this kiosk's own visits (none yet); the visits made
    # below come in from the stick.
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=20000)
    stick = tmp_path / "stick"
    stick.mkdir()
    make_visits(3)
    first = build_bundle(db, collect_records(db), signing_key(), sequence=1)
    mark_exported(db, first, kind="usb", mode="incremental", target="test")
    make_visits(2)
    second = build_bundle(db, collect_records(db), signing_key(), sequence=2)
    (stick / "LOG_1_first.zip").write_bytes(first.data)
    # Damage that used to stop the import half-way: a flipped bit in the compressed
    # manifest (zlib.error), in the central directory's compression method
    # (NotImplementedError), in a local header's signature; a file cut short.
    size = len(first.data)
    with zipfile.ZipFile(io.BytesIO(first.data)) as z:
        manifest_data = z.getinfo("manifest.json").header_offset + 30 + 13 + 4
    directory = int.from_bytes(first.data[size - 6 : size - 2], "little")
    for n, data in enumerate(
        [
            flipped(first.data, manifest_data, 2),
            flipped(first.data, directory + 10, 0),
            flipped(first.data, 0, 1),
            first.data[: size // 2],
        ]
    ):
        (stick / f"LOG_2_damaged_{n}.zip").write_bytes(data)
    (stick / "LOG_3_second.zip").write_bytes(second.data)

    screen.import_from(stick)
    qtbot.waitUntil(lambda: screen.last_import is not None, timeout=20000)
    lines = screen.message.text().splitlines()
    assert lines[0] == "Đã đọc 6 tệp: 5 lượt mới, 0 lượt đã tính trước đó, 4 tệp bị từ chối."
    assert lines[1] == "Tệp LOG_1_first.zip: đã đọc"
    assert [line.split(" bị từ chối: ")[0] for line in lines[2:6]] == [
        f"Tệp LOG_2_damaged_{n}.zip" for n in range(4)
    ]
    assert lines[6] == "Tệp LOG_3_second.zip: đã đọc"
    qtbot.waitUntil(lambda: screen.totals.summary.get("visits") == 5, timeout=20000)
