"""The Qt binding must not lose references to None.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every call of a method that
returns nothing; after a few thousand calls the interpreter aborts with ``none_dealloc`` and the
kiosk dies in front of a citizen. Python 3.12+ makes ``None`` immortal, so there the count never
moves and the test passes trivially. The lock file in installer/lock/ must never pick a release
that fails here.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QPushButton

CALLS = 20_000
CHUNK = 500
TOLERANCE = 50
# References handed back to None after a leaking run, so the rest of the test session does not
# abort in the interpreter and the failure is reported as a failure.
_GIVEN_BACK: list[None] = []


def _drift(call) -> int:
    """How far None's count moved over CALLS calls, stopping early once the leak is plain.

    Stopping early matters: a leaking binding would otherwise take the count to zero and abort
    the whole test run instead of failing this one test.
    """
    for _ in range(100):  # warm-up: caches, interned strings, first-call paths
        call()
    before = sys.getrefcount(None)
    for _ in range(CALLS // CHUNK):
        for _ in range(CHUNK):
            call()
        drift = sys.getrefcount(None) - before
        if abs(drift) > TOLERANCE:
            return drift
    return sys.getrefcount(None) - before


@pytest.mark.parametrize(
    "what",
    ["QLabel.setText", "QWidget.setAccessibleName", "QWidget.setVisible", "QObject.setObjectName"],
)
def test_void_methods_keep_none_alive(qtbot, what: str) -> None:
    label = QLabel()
    button = QPushButton()
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    obj = QObject()
    calls = {
        "QLabel.setText": lambda: label.setText("Xin chào"),
        "QWidget.setAccessibleName": lambda: button.setAccessibleName("Tiếp"),
        "QWidget.setVisible": lambda: label.setVisible(False),
        "QObject.setObjectName": lambda: obj.setObjectName("x"),
    }
    drift = _drift(calls[what])
    if drift < 0:
        _GIVEN_BACK.extend([None] * -drift)
    # A sound binding leaves the count where it was (a handful either way from the interpreter's
    # own bookkeeping); the broken one moves it by one per call.
    assert abs(drift) <= TOLERANCE, (
        f"{what} changed sys.getrefcount(None) by {drift} within {CALLS} calls: this PySide6 "
        "release leaks references to None and will abort the kiosk. Pin another release in "
        "pyproject.toml and renew installer/lock/ (bash installer/update-lock.sh)."
    )
