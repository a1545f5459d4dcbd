"""Every shipped guide, in every language, at 100% and 200% text, in both themes: each step
shows its words in full (on one page, or a page at a time with *More*, never cut off and
never scrolled), its drawing unless the words needed its room, every button has an
accessible name and is on screen, and the keyboard reaches Back, Next, Home and the speaker.

One shell per language/size/theme; the guides are stepped through on it (fast)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.guides import load_all
from kiosk.guides.loader import default_dir, pack_folders
from tests.conftest import require
from tests.ui.guides.conftest import focus_chain, settle


def on_screen(w: QWidget, window: QWidget) -> bool:
    top_left = w.mapTo(window, QPoint(0, 0))
    return w.isVisible() and window.rect().contains(QRect(top_left, w.size()))


def assert_fits(lab: QLabel, window: QWidget) -> None:
    """Shown whole: as tall as its text needs, inside the window."""
    where = f"{lab.objectName() or 'label'}: {lab.text()[:40]!r}"
    assert lab.isVisible() and lab.text(), where
    assert lab.height() >= lab.heightForWidth(lab.width()), f"{where} is cut off"
    assert on_screen(lab, window), f"{where} is off screen"


def read_all_pages(pager, window: QWidget) -> dict[QLabel, str]:  # type: ignore[no-untyped-def]
    """Turn every page with *More* as a finger would; what each label said, joined."""
    said: dict[QLabel, list[str]] = {}
    bar = pager.bar
    assert bar.page == 0
    for n in range(bar.pages):
        settle()
        for lab in pager.labels:
            if lab.isVisible():
                assert_fits(lab, window)
                said.setdefault(lab, []).append(lab.text())
        if n < bar.pages - 1:
            assert on_screen(bar.more, window) and bar.more.isEnabled()
            QTest.mouseClick(bar.more, Qt.MouseButton.LeftButton)
    while bar.page > 0:
        QTest.mouseClick(bar.previous, Qt.MouseButton.LeftButton)
    settle()
    return {lab: " ".join(parts) for lab, parts in said.items()}


def same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


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
        text = guide.text(lang)
        said = read_all_pages(ov.pager, window)
        assert same_words(said[ov.title], text.title)
        assert same_words(said[ov.can_do], text.can_do)
        assert ov.how_long in said and ov.bring in said
        for b in (ov.speak, ov.always, ov.problems, ov.nav.back, ov.nav.home, ov.nav.next):
            assert on_screen(b, window), b.objectName()
        assert_named(ov)
        QTest.mouseClick(ov.nav.next, Qt.MouseButton.LeftButton)
        for i, s in enumerate(guide.steps):
            settle()
            words = s.text(lang)
            assert step.index == i
            assert step.step_of.text() == shell.t.t(
                "guides.step_of", n=i + 1, total=len(guide.steps)
            )
            assert_fits(step.step_of, window)
            said = read_all_pages(step.pager, window)
            assert same_words(said[step.words], words.text), said.get(step.words)
            for box, text in ((step.tip, words.tip), (step.warning, words.warning)):
                assert (box in said) == bool(text)
            if step.drawing.isVisible():
                assert_picture(step)
            else:  # the words needed the whole width
                assert step._room >= 2
            primary = [step.speak, step.nav.back, step.nav.home, step.nav.next]
            if i == len(guide.steps) - 1:
                primary += [step.slip, step.volunteer]
            for b in primary:
                assert on_screen(b, window), b.objectName()
            assert_named(step)
            if i == 0 and n == 0:
                chain = focus_chain(step.nav.next)
                for b in (step.speak, step.nav.back, step.nav.next, step.nav.home):
                    assert b in chain, b.objectName()
            step.nav.next.setFocus()
            QTest.keyClick(step.nav.next, Qt.Key.Key_Return)
        assert window.current == "home"
