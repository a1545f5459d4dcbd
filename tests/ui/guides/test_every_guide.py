"""Every shipped guide, in every language, at 100% and 200% text, in both themes: each step
shows its drawing and its words in full (or reachable by scrolling), every button has an
accessible name, and the keyboard reaches Back, Next, Home and the speaker.

One shell per language/size/theme; the guides are stepped through on it (fast)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QWidget

from kiosk.guides import load_all
from kiosk.guides.loader import default_dir, pack_folders
from tests.conftest import require
from tests.ui.guides.conftest import focus_chain, settle


def enclosing_scroll(w: QWidget) -> QScrollArea | None:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QScrollArea):
            return p
        p = p.parentWidget()
    return None


def assert_readable(lab: QLabel, window: QWidget) -> None:
    """The whole text is on screen, or the scroll area it is in can scroll to all of it."""
    where = f"{lab.objectName() or 'label'}: {lab.text()[:40]!r}"
    assert lab.isVisible() and lab.text(), where
    assert lab.height() >= lab.heightForWidth(lab.width()), f"{where} is cut off"
    area = enclosing_scroll(lab)
    if area is None:
        bottom = lab.mapTo(window, QPoint(lab.width(), lab.height()))
        assert window.rect().contains(bottom - QPoint(1, 1)), f"{where} is off screen"
        return
    content = area.widget()
    bottom = lab.mapTo(content, QPoint(0, lab.height())).y()
    assert bottom <= content.height(), f"{where} overflows its scroll area"
    reach = area.verticalScrollBar().maximum() + area.viewport().height()
    assert reach >= bottom, f"{where} cannot be scrolled to"


def assert_named(screen: QWidget) -> None:
    for b in screen.findChildren(QPushButton):
        if b.isVisible():
            assert b.accessibleName().strip(), b.objectName()
            assert b.accessibleDescription().strip(), b.objectName()


def assert_picture(step) -> None:  # type: ignore[no-untyped-def]
    d = step.drawing
    assert d.isVisible() and d.renderer is not None and d.renderer.isValid(), d.path
    rect = d.target()
    assert rect.width() >= 240 and rect.height() >= 160, (d.path, rect)
    assert d.accessibleName().strip()
    img = d.grab().toImage()
    colours = {
        QColor(
            img.pixel(int(rect.x() + rect.width() * fx), int(rect.y() + rect.height() * fy))
        ).name()
        for fx in (0.1, 0.3, 0.5, 0.7, 0.9)
        for fy in (0.1, 0.3, 0.5, 0.7, 0.9)
    }
    assert len(colours) >= 2, f"{d.path} looks blank"


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    root = default_dir()
    folders = pack_folders(root)
    require(
        bool(folders) and all((f / "guide.toml").exists() for f in folders),
        f"the guide packs are not in {root}",
    )
    return load_all(root)


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("lang", ["vi", "en", "ar"])
def test_every_guide_every_step(make_shell, shipped, lang: str, scale: int, contrast: bool) -> None:  # type: ignore[no-untyped-def]
    assert shipped.guides and not shipped.refused, [r.message for r in shipped.refused]
    shell = make_shell()
    shell.window.activateWindow()
    shell.t.set_language(lang)
    shell.session.set_text_scale(scale)
    shell.session.set_high_contrast(contrast)
    settle()
    window = shell.window
    ov, step = shell.guides.overview, shell.guides.step
    for n, guide in enumerate(shipped.guides):
        tile = shell.home.tiles[guide.id]
        # The title, its words kept whole on a line (non-breaking spaces inside them).
        assert tile.label_widget().text().replace("\u00a0", " ") == guide.text(lang).title
        QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
        settle()
        for lab in (ov.title, ov.can_do, ov.bring, ov.how_long):
            assert_readable(lab, window)
        assert_named(ov)
        QTest.mouseClick(ov.nav.next, Qt.MouseButton.LeftButton)
        for i, s in enumerate(guide.steps):
            settle()
            words = s.text(lang)
            assert step.index == i
            assert step.words.text() == words.text
            assert step.step_of.text() == shell.t.t(
                "guides.step_of", n=i + 1, total=len(guide.steps)
            )
            assert_readable(step.step_of, window)
            assert_readable(step.words, window)
            for box, text in ((step.tip, words.tip), (step.warning, words.warning)):
                assert box.isVisible() == bool(text)
                if text:
                    assert_readable(box, window)
            assert_picture(step)
            assert_named(step)
            if i == 0 and n == 0:
                chain = focus_chain(step.nav.next)
                for b in (step.speak, step.nav.back, step.nav.next, step.nav.home):
                    assert b in chain, b.objectName()
            if i == len(guide.steps) - 1:
                assert step.slip.isVisible() and step.volunteer.isVisible()
            step.nav.next.setFocus()
            QTest.keyClick(step.nav.next, Qt.Key.Key_Return)
        assert window.current == "home"
