"""The background worker over a long day: every action leaves nothing behind."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from ui.ops import Operations


def _live_qobjects() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, QObject))


def _run_deferred_deletes() -> None:
    """Deliver the deleteLater() requests now, as the event loop's next pass would."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_finished_actions_leave_no_qt_objects_behind(qtbot) -> None:
    ops = Operations()
    results: list[int] = []
    for i in range(20):  # warm-up: first calls build caches and the thread
        ops.run(lambda i=i: i, results.append)
    qtbot.waitUntil(lambda: ops.pending == 0)
    _run_deferred_deletes()
    before = _live_qobjects()
    for i in range(500):
        ops.run(lambda i=i: i, results.append, lambda _e: None)
        ops.run(lambda: 1 / 0, results.append, lambda _e: results.append(-1))
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=20000)
    _run_deferred_deletes()
    assert len(results) == 1020 and results.count(-1) == 500
    # Before the fix each action kept one object (and its callbacks) alive for good.
    assert _live_qobjects() - before < 20
    ops.wait()


def test_finished_actions_keep_nothing_of_their_callbacks(qtbot) -> None:
    """A day's screens hand their data to the worker in closures; none may outlive the
    action (a ticket shown to one citizen kept alive for the rest of the day)."""
    import weakref

    class Data:
        pass

    ops = Operations()
    alive: list[weakref.ref] = []
    for i in range(1000):
        data = Data()
        alive.append(weakref.ref(data))
        ops.run(lambda d=data: d, lambda r: None, lambda _e: None)
        if i % 50 == 0:
            # Let the worker and the event loop interleave, as in a real day.
            qtbot.waitUntil(lambda: ops.pending == 0, timeout=20000)
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=20000)
    _run_deferred_deletes()
    gc.collect()
    assert sum(1 for ref in alive if ref() is not None) <= 1
    ops.wait()


def test_answers_arriving_after_close_reach_no_screen(qtbot) -> None:
    """A slip that finishes printing as the kiosk shuts down: its answer is on its way to
    the screen thread, whose windows are about to go. Once closed, it reaches nobody."""
    import threading

    ops = Operations()
    release = threading.Event()
    seen: list[str] = []
    ops.run(lambda: release.wait(10) and "printed", seen.append, lambda _e: seen.append("error"))
    ops.run(lambda: 1 / 0 if release.wait(10) else 0, seen.append, lambda _e: seen.append("error"))
    ops.run(lambda: release.wait(10) and "before", seen.append)
    release.set()
    ops.wait()  # both finished; their answers are queued, not yet delivered
    ops.close()
    failed: list[str] = []
    ops.failed.connect(failed.append)
    qtbot.waitUntil(lambda: ops.pending == 0)
    assert seen == [] and failed == []
