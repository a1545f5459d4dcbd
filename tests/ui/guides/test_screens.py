"""The guide screens as a citizen uses them: tiles, overview, steps, keys, languages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from tests.ui.guides.conftest import focus_chain, settle


def open_steps(shell, guide_id: str = "demo-guide"):  # type: ignore[no-untyped-def]
    QTest.mouseClick(shell.home.tiles[guide_id], Qt.MouseButton.LeftButton)
    assert shell.window.current == "guide_overview"
    QTest.mouseClick(shell.guides.overview.nav.next, Qt.MouseButton.LeftButton)
    assert shell.window.current == "guide_step"
    settle()
    return shell.guides.step


def test_home_has_one_tile_per_guide_with_icon_and_title(gshell) -> None:  # type: ignore[no-untyped-def]
    tiles = gshell.home.tiles
    assert list(tiles) == ["demo-guide", "english-only"]
    tile = tiles["demo-guide"]
    assert tile.label_widget().text() == "Hướng dẫn mẫu"
    icon = tile._icon.pixmap()
    assert icon is not None and not icon.isNull() and icon.width() >= 40
    assert "Hướng dẫn mẫu" in tile.accessibleName()
    assert "10" in tile.accessibleDescription()
    gshell.t.set_language("en")
    assert tile.label_widget().text() == "Example guide"


def test_overview_says_what_you_can_do_what_to_bring_and_how_long(gshell) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    QTest.mouseClick(gshell.home.tiles["demo-guide"], Qt.MouseButton.LeftButton)
    ov = gshell.guides.overview
    assert ov.title.text() == "Example guide"
    assert ov.can_do.text() == "You will know how to do one thing on your phone."
    assert ov.bring.text() == "• Your own phone\n• Your chip ID card"
    assert ov.how_long.text() == "About 10 minutes"
    assert gshell.window.focusWidget() is ov.nav.next
    assert ov.nav.next.text() == "Start"


def test_steps_forward_back_and_home(gshell) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    step = open_steps(gshell)
    assert step.step_of.text() == "Step 1 of 5"
    assert step.words.text() == "Step 1: touch the blue button."
    assert (step.progress.value(), step.progress.maximum()) == (1, 5)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    assert step.step_of.text() == "Step 3 of 5"
    assert step.warning.isVisible() and "Never give your OTP" in step.warning.text()
    assert not step.tip.isVisible()
    QTest.mouseClick(step.nav.back, Qt.MouseButton.LeftButton)
    assert step.tip.isVisible() and step.tip.text() == "Tip: Look for the red number."
    QTest.mouseClick(step.nav.back, Qt.MouseButton.LeftButton)
    QTest.mouseClick(step.nav.back, Qt.MouseButton.LeftButton)
    assert gshell.window.current == "guide_overview"
    QTest.mouseClick(gshell.guides.overview.nav.next, Qt.MouseButton.LeftButton)
    QTest.mouseClick(step.nav.home, Qt.MouseButton.LeftButton)
    assert gshell.window.current == "home"


def test_last_step_offers_slip_and_volunteer_then_finish_goes_home(gshell) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    step = open_steps(gshell)
    assert not step.last.isVisible()
    for _ in range(4):
        QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    assert step.step_of.text() == "Step 5 of 5"
    assert step.last.isVisible() and step.nav.next.text() == "Finish"
    # The slips part listens: the button asks for this guide's slip and says so calmly.
    printed: list[str] = []
    step.print_slip.connect(printed.append)
    QTest.mouseClick(step.slip, Qt.MouseButton.LeftButton)
    assert printed == ["demo-guide"]
    assert step.last_note.isVisible() and "Printing your slip" in step.last_note.text()
    asked: list[str] = []
    step.volunteer_requested.connect(asked.append)
    QTest.mouseClick(step.volunteer, Qt.MouseButton.LeftButton)
    assert asked == ["demo-guide"]
    assert "Your request has reached the volunteers" in step.last_note.text()
    assert step.number.isVisible()
    numbers: list[bool] = []
    gshell.home.take_number.connect(lambda: numbers.append(True))
    QTest.mouseClick(step.number, Qt.MouseButton.LeftButton)
    assert numbers == [True]
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    assert gshell.window.current == "home"


def test_arrow_keys_are_back_and_next_mirrored_for_arabic(gshell) -> None:  # type: ignore[no-untyped-def]
    step = open_steps(gshell)
    QTest.keyClick(step.nav.next, Qt.Key.Key_Right)
    QTest.keyClick(step.nav.next, Qt.Key.Key_Right)
    assert step.index == 2
    QTest.keyClick(step.nav.next, Qt.Key.Key_Left)
    assert step.index == 1
    gshell.t.set_language("ar")
    settle()
    assert step.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # Right to left: Next is on the left, so the left arrow goes forward.
    assert (
        step.nav.next.mapTo(step, step.nav.next.rect().center()).x()
        < step.nav.back.mapTo(step, step.nav.back.rect().center()).x()
    )
    QTest.keyClick(step.nav.next, Qt.Key.Key_Left)
    assert step.index == 2
    QTest.keyClick(step.nav.next, Qt.Key.Key_Right)
    assert step.index == 1


def test_enter_presses_the_focused_button(gshell) -> None:  # type: ignore[no-untyped-def]
    step = open_steps(gshell)
    assert gshell.window.focusWidget() is step.nav.next
    QTest.keyClick(step.nav.next, Qt.Key.Key_Return)
    assert step.index == 1


def test_tab_reaches_speaker_back_home_next_and_every_button_is_named(gshell) -> None:  # type: ignore[no-untyped-def]
    step = open_steps(gshell)
    chain = focus_chain(step.nav.next)
    for w in (step.speak, step.nav.back, step.nav.home, step.nav.next, step.problems):
        assert w in chain, w.objectName()
    for b in step.findChildren(QPushButton):
        assert b.accessibleName() and b.accessibleDescription(), b.objectName()
    assert step.drawing.accessibleName().startswith("Hình cho bước 1: Bước 1:")


def test_language_change_retranslates_the_step_at_once(gshell) -> None:  # type: ignore[no-untyped-def]
    step = open_steps(gshell)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    assert step.words.text() == "Bước 2: chạm vào nút màu xanh."
    gshell.t.set_language("ar")
    assert step.words.text() == "الخطوة 2: المس الزر الأزرق."
    assert step.step_of.text() == "الخطوة 2 من 5"
    assert step.nav.next.text() == "التالي"
    gshell.t.set_language("en")
    assert step.words.text() == "Step 2: touch the blue button."
    assert step.tip.text() == "Tip: Look for the red number."


def test_a_guide_without_arabic_is_shown_in_english(gshell) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("ar")
    assert gshell.home.tiles["english-only"].label_widget().text() == "Example guide"
    step = open_steps(gshell, "english-only")
    assert step.words.text() == "Step 1: touch the blue button."
    assert step.nav.next.text() == "التالي"


def test_common_problems_from_overview_and_from_a_step(gshell) -> None:  # type: ignore[no-untyped-def]
    gshell.t.set_language("en")
    QTest.mouseClick(gshell.home.tiles["demo-guide"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(gshell.guides.overview.problems, Qt.MouseButton.LeftButton)
    screen = gshell.guides.problems
    assert gshell.window.current == "guide_problems"
    texts = [lab.text() for lab in screen.labels]
    assert texts[:2] == ["1. I cannot see the blue button.", "What to do: Slide the screen up."]
    QTest.mouseClick(screen.back_button, Qt.MouseButton.LeftButton)
    assert gshell.window.current == "guide_overview"
    step = open_steps(gshell)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    QTest.mouseClick(step.problems, Qt.MouseButton.LeftButton)
    QTest.mouseClick(screen.back_button, Qt.MouseButton.LeftButton)
    assert gshell.window.current == "guide_step" and step.index == 1


def test_high_contrast_and_text_size_apply_at_once(gshell) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    from kiosk.theme import HIGH_CONTRAST, NORMAL

    step = open_steps(gshell)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    settle()

    def warning_colour() -> str:
        img = step.warning.grab().toImage()
        return QColor(img.pixel(img.width() // 2, 5)).name()

    assert warning_colour() == NORMAL.warning_bg
    small_font = step.words.font().pixelSize()
    small_picture = step.drawing.target().size()
    gshell.session.set_high_contrast(True)
    gshell.session.set_text_scale(200)
    settle()
    assert warning_colour() == HIGH_CONTRAST.warning_bg
    assert step.words.font().pixelSize() >= 1.5 * small_font
    # The drawing is drawn again for the room it has now, keeping its shape.
    big = step.drawing.target()
    assert big.size() != small_picture
    assert abs(big.width() / big.height() - 4 / 3) < 0.01


def test_the_last_offers_stack_when_their_words_do_not_fit_side_by_side(gshell) -> None:  # type: ignore[no-untyped-def]
    """Vietnamese at 125%: *Nhờ tình nguyện viên* is wider than half the words' column."""
    gshell.window.setFixedSize(1366, 768)
    step = open_steps(gshell)
    for _ in range(4):
        QTest.mouseClick(step.nav.next, Qt.MouseButton.LeftButton)
    for lang, scale, side_by_side in (("en", 100, True), ("vi", 125, False), ("en", 100, True)):
        gshell.t.set_language(lang)
        gshell.session.set_text_scale(scale)
        settle()
        slip, volunteer = step.slip, step.volunteer
        assert (slip.y() == volunteer.y()) is side_by_side, (lang, scale)
        for b in (slip, volunteer):
            assert b.isVisible()
            need = b.fontMetrics().horizontalAdvance(b.text())
            assert need <= b.contentsRect().width(), (lang, scale, b.text(), need, b.width())
