from __future__ import annotations

from PySide6.QtGui import QImage

from kiosk.demo import fill_demo
from tools.screenshots.queue import capture_queue


def test_capture_queue_saves_three_pictures(make_shell, queue_settings, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill_demo(db)
    shell = make_shell(queue_settings)
    paths = capture_queue(shell, tmp_path / "shots")
    assert [p.name for p in paths] == [
        "queue-console.png",
        "queue-ticket.png",
        "queue-call-screen.png",
    ]
    for p in paths:
        img = QImage(str(p))
        assert img.width() >= 800 and img.height() >= 500
