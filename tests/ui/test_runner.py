"""The action runner: two lanes, errors shown to the person, one change broadcast."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.changes import Changes, Kind
from kiosk.errors import ActionError
from kiosk.modes import Mode
from kiosk.security import add_volunteer
from kiosk.settings import Settings
from tests.export_support import make_visits  # noqa: F401  (fixture)
from ui.ops import Lane


@pytest.fixture
def stalling_collector():  # type: ignore[no-untyped-def]
    """A real collector address on 127.0.0.1 that accepts connections and never answers:
    the kernel completes the handshake, nobody ever reads or replies."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    holder = {"sock": sock}
    yield holder
    if holder["sock"] is not None:
        holder["sock"].close()


def test_a_queue_action_completes_while_the_collector_never_answers(
    qtbot,
    make_shell,
    db,
    tmp_path,
    make_visits,  # noqa: F811
    stalling_collector,
) -> None:  # type: ignore[no-untyped-def]
    port = stalling_collector["sock"].getsockname()[1]
    settings = Settings(path=tmp_path / "settings.toml").replace(
        export__collector_url=f"http://127.0.0.1:{port}",
        export__collector_token="t0ken",
        queue__desks=2,
    )
    make_visits(2)  # closed visits waiting to be sent
    shell = make_shell(settings)
    lan = add_volunteer(db, "Lan", "2468")
    shell.modes.enter(Mode.VOLUNTEER, lan)
    sync = shell.export.sync
    sync.tick()
    # The upload is out on the I/O lane, waiting for an answer that never comes.
    qtbot.waitUntil(lambda: shell.ops.pending_by_lane[Lane.IO] == 1, timeout=10000)

    shell.queue.service.issue(["vneid"])  # a citizen took a number (A003)
    qtbot.mouseClick(shell.staff.buttons["queue"], Qt.MouseButton.LeftButton)
    console = shell.screen("queue_console")
    qtbot.mouseClick(shell.window.findChild(QWidget, "my_desk_1"), Qt.MouseButton.LeftButton)
    call_next = console.desk_panel.buttons["call_next"]
    qtbot.waitUntil(call_next.isEnabled, timeout=10000)
    qtbot.mouseClick(call_next, Qt.MouseButton.LeftButton)
    # A001 and A002 were the closed visits: the new one is called at once.
    qtbot.waitUntil(lambda: console.desk_panel.current.text() == "A003", timeout=5000)
    assert console.message.text() == "Đã gọi số A003 đến bàn 1."
    assert shell.ops.pending_by_lane[Lane.IO] == 1, "the collector is still being waited for"
    assert sync.running

    # The collector goes away: the waiting upload fails, is kept, and is retried later.
    stalling_collector["sock"].close()
    stalling_collector["sock"] = None
    qtbot.waitUntil(lambda: not sync.running, timeout=40000)
    assert sync.status is not None and sync.status.queued == 1
    assert "cannot reach the collector" in sync.status.last_error


def test_a_failing_action_shows_its_message_on_screen(qtbot, shell) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise RuntimeError("disk went away")

    shell.ops.run(broken)
    notice = shell.notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    assert notice.body.text().startswith("Việc vừa rồi chưa làm được.")
    assert "tình nguyện viên" in notice.body.text()  # what to do next
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()

    shell.t.set_language("en")  # in the person's language, with a message of its own
    shell.ops.run(lambda: (_ for _ in ()).throw(ActionError("notice.failed_device")))
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    assert notice.body.text().startswith("The kiosk could not reach the device")


def test_a_caller_that_handles_its_error_shows_nothing(qtbot, shell) -> None:  # type: ignore[no-untyped-def]
    seen: list[Exception] = []

    def broken() -> None:
        raise RuntimeError("handled")

    shell.ops.run(broken, on_error=seen.append)
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=5000)
    assert [str(e) for e in seen] == ["handled"]
    assert not shell.notice.isVisible()


def test_what_changed_is_broadcast_once_and_screens_refresh_from_it(
    qtbot, make_shell, db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell(Settings(path=tmp_path / "settings.toml").replace(queue__desks=2))
    lan = add_volunteer(db, "Lan", "2468")
    shell.modes.enter(Mode.VOLUNTEER, lan)
    qtbot.mouseClick(shell.staff.buttons["queue"], Qt.MouseButton.LeftButton)
    console = shell.screen("queue_console")
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=5000)
    assert console.line.count() == 1  # only the "nobody waiting" line

    heard: list[Changes] = []
    shell.ops.changed.connect(heard.append)
    queue = shell.queue.service
    # Not through the console: the console refreshes from the broadcast alone.
    with qtbot.waitSignal(shell.ops.changed, timeout=5000):
        shell.ops.run(lambda: queue.issue(["etax"]))
    qtbot.waitUntil(lambda: "A001" in console.line.item(0).text(), timeout=5000)
    assert len(heard) == 1 and heard[0].kinds == {Kind.QUEUE, Kind.VISITS}

    # A read changes nothing, and nothing is broadcast.
    shell.ops.run(queue.waiting)
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=5000)
    assert len(heard) == 1
