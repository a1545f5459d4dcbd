"""A selected choice looks selected, not like the screen's main button; the language
buttons can be used from the keyboard without switching by accident."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.modes import Mode
from kiosk.security import add_volunteer
from ui.widgets.common import CHECK_MARK


def middle_colour(w: QWidget) -> QColor:
    """The colour at the middle of the button's left edge area (its background)."""
    img: QImage = w.grab().toImage()
    return img.pixelColor(QPoint(img.width() // 2, max(1, img.height() // 8) + 6))


def test_a_selected_priority_choice_is_outlined_and_ticked_not_filled(
    make_shell, db, tapper
) -> None:  # type: ignore[no-untyped-def]
    shell = make_shell()
    lan = add_volunteer(db, "Lan", "2468")
    shell.modes.enter(Mode.VOLUNTEER, lan)
    tap = tapper(shell)
    tap(shell.staff.buttons["queue"])
    tap(tap.find("my_desk_1"))
    choice = tap.find("walkin_priority_elderly")
    primary = tap.find("walkin_add")
    plain = middle_colour(choice)
    tap(choice)
    assert choice.isChecked()
    label = choice.label_widget().text()
    assert label.startswith(CHECK_MARK.strip()), label
    selected = middle_colour(choice)
    assert selected != middle_colour(primary), "a selected choice looks like the main button"
    assert selected != plain
    # Another choice: the mark moves with the selection.
    tap(tap.find("walkin_priority_none"))
    assert not choice.label_widget().text().startswith(CHECK_MARK.strip())


def test_a_selected_export_choice_does_not_look_like_save_now(shell, tapper) -> None:  # type: ignore[no-untyped-def]
    shell.export.open_usb()
    tap = tapper(shell)
    tap.settle()
    usb = shell.export.usb
    mode_new, mode_all, save = usb.mode_new, usb.mode_all, usb.start
    assert mode_new.isChecked()
    assert mode_new.text().startswith(CHECK_MARK)
    assert not mode_all.text().startswith(CHECK_MARK)
    assert middle_colour(mode_new) != middle_colour(save)
    tap(mode_all)
    assert mode_all.text().startswith(CHECK_MARK) and not mode_new.text().startswith(CHECK_MARK)
    # A screen reader hears the words and the "checked" state, not the mark.
    assert CHECK_MARK not in mode_all.accessibleName()


def test_every_language_button_is_a_tab_stop_and_arrows_do_not_switch(shell, qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = shell.top_bar
    shell.window.activateWindow()
    qtbot.waitActive(shell.window)
    vi, en, ar = (bar.lang_buttons[c] for c in ("vi", "en", "ar"))
    # Tab from the first language reaches the other two, though they are not selected.
    vi.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(vi, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is en
    QTest.keyClick(en, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ar
    # Arrow keys move the focus only.
    QTest.keyClick(ar, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is en
    assert shell.t.lang == "vi" and vi.isChecked() and not en.isChecked()
    # Enter or Space switches.
    QTest.keyClick(en, Qt.Key.Key_Space)
    assert shell.t.lang == "en" and en.isChecked() and not vi.isChecked()
    QTest.keyClick(en, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is vi and shell.t.lang == "en"
    QTest.keyClick(vi, Qt.Key.Key_Return)
    assert shell.t.lang == "vi" and vi.isChecked()
    # Tapping the current language again keeps it selected.
    qtbot.mouseClick(vi, Qt.MouseButton.LeftButton)
    assert shell.t.lang == "vi" and vi.isChecked() and not en.isChecked()
