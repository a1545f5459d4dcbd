"""The coordinator's totals count the visits this kiosk has served, and a report with
nothing in it says so instead of saving a page of zeros."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.i18n import translate
from tests.ui.export.test_export_screens import _enter


def open_coordinator(qtbot, shell, db):  # type: ignore[no-untyped-def]
    _enter(shell, db, "coordinator")
    qtbot.mouseClick(shell.staff.buttons["coordinator_reports"], Qt.MouseButton.LeftButton)
    assert shell.window.current == "coordinator_reports"
    return shell.export.coordinator


def test_the_totals_count_the_visits_this_kiosk_served(qtbot, shell, db, make_visits) -> None:  # type: ignore[no-untyped-def]
    make_visits(3)
    make_visits(1, closed=False)  # still being served: not counted until it is over
    screen = open_coordinator(qtbot, shell, db)
    qtbot.waitUntil(lambda: screen.totals.summary.get("visits") == 3, timeout=20000)
    headline = screen.totals.headline.text()
    assert headline != translate("export.no_data", "vi") and "3 lượt" in headline
    assert ("VNeID – định danh điện tử", 3) in screen.totals.chart.rows


def test_an_empty_report_is_said_plainly_and_not_saved(qtbot, shell, db) -> None:  # type: ignore[no-untyped-def]
    screen = open_coordinator(qtbot, shell, db)
    qtbot.waitUntil(lambda: shell.ops.pending == 0, timeout=20000)
    assert screen.totals.headline.text() == translate("export.no_data", "vi")
    screen.save_report()
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=20000)
    assert screen.message.text() == translate("export.report_empty", "vi")
    assert list(screen.report_folder().glob("REPORT_*.pdf")) == []
