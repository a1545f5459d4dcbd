"""*Take a number* offers the home screen's tiles: the same names and the same pictures, so
a citizen finds there what they chose at home; and no label breaks a word across lines."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextLayout, QTextOption, qGray
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.guides.plain import NBSP, default_glossary
from ui.widgets.common import WrapButton

LANGS = ("vi", "en", "ar")


def open_take_number(qtbot, shell):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(shell.home.number, Qt.MouseButton.LeftButton)
    for _ in range(3):
        QApplication.processEvents()
    assert shell.window.current == "queue_take"
    return shell.queue.take_screen


def picture(b: WrapButton) -> list[int]:
    """The tile's picture at 32 px, as grey levels."""
    assert b._qicon is not None, f"{b.objectName()} has no picture"
    img = b._qicon.pixmap(QSize(32, 32)).toImage()
    return [qGray(img.pixel(x, y)) for y in range(32) for x in range(32)]


def same_picture(a: list[int], b: list[int]) -> bool:
    # Letters inside a drawing follow the language's font: a few pixels may differ.
    return sum(abs(p - q) > 48 for p, q in zip(a, b, strict=True)) < len(a) * 0.03


@pytest.mark.parametrize("lang", LANGS)
def test_take_number_shows_the_home_tiles_names_and_pictures(qtbot, shell, lang: str) -> None:  # type: ignore[no-untyped-def]
    shell.t.set_language(lang)
    take = open_take_number(qtbot, shell)
    home = {k: t for k, t in shell.home.tiles.items()}
    offered = take.service_buttons
    assert list(offered) == list(home)  # the same choices, in the same order
    for key, tile in home.items():
        b = offered[key]
        # The same name, written the same way (words kept together with no-break
        # spaces); how it wraps follows each tile's width (see the test below).
        assert b.words() == tile.words(), key
        assert same_picture(picture(b), picture(tile)), f"{key}: not the home tile's picture"
    # "Đăng ký thường trú…" at home is not "Dịch vụ công Bộ Công an" here.
    mps = next(b for b in offered.values() if b.objectName() == "take_service_mps")
    assert mps.accessibleName() == shell.guides.library.get("mps-portal").text(lang).title


def split_words(label: QLabel, lang: str) -> list[str]:
    """Where a wrapped label, laid out at its width, breaks a word: a line that ends between
    two letters, or inside a word the glossary keeps together (unless that word alone is
    wider than the label, where wrapping at its spaces beats cutting it off)."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    width = label.contentsRect().width()
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append((line.textStart(), line.textLength()))
    layout.endLayout()
    problems = []
    for start, length in lines:
        end = start + length
        if 0 < end < len(text) and not text[end - 1].isspace():
            problems.append(f"{text!r} breaks inside a word after {text[start:end]!r}")
    plain_lines = [" ".join(text[s : s + n].replace(NBSP, " ").split()) for s, n in lines]
    plain = " ".join(text.replace(NBSP, " ").split())
    metrics = QFontMetrics(label.font())
    for word in default_glossary().together.get(lang, ()):
        found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", plain, re.IGNORECASE)
        if found is None or metrics.horizontalAdvance(found.group(0)) > width:
            continue
        if not any(found.group(0) in line for line in plain_lines):
            problems.append(f"{plain!r} splits {word!r} across lines: {plain_lines}")
    return problems


@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("lang", LANGS)
def test_no_tile_label_breaks_a_word(qtbot, shell, lang: str, scale: int) -> None:  # type: ignore[no-untyped-def]
    shell.t.set_language(lang)
    shell.session.set_text_scale(scale)
    take = open_take_number(qtbot, shell)
    problems = []
    for page in range(take.pages.count()):
        take.pages.setCurrentIndex(page)
        for _ in range(3):
            QApplication.processEvents()
        for b in take.pages.currentWidget().findChildren(WrapButton):
            problems += split_words(b.label_widget(), lang)
    shell.show("home")  # every page of home tiles, as a citizen pages through them
    home = shell.home.pages
    home.first_page()
    for _ in range(home.pager.pages):
        QApplication.processEvents()
        for tile in home.shown():
            problems += split_words(tile.label_widget(), lang)
        home.pager.more.click()
    assert problems == []
