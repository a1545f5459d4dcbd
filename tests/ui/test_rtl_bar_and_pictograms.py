"""In Arabic the text-size buttons read "A+" and "A−" (not "+A"), and the pictograms that
face a way face the way Arabic reads."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextLayout, QTextOption, qAlpha
from PySide6.QtWidgets import QPushButton

from ui.queue.pictograms import MIRRORED
from ui.widgets.common import WrapButton


def drawn_left_to_right(button: QPushButton) -> str:
    """The button's letters as they are drawn, from left to right."""
    text = button.text()
    layout = QTextLayout(text, button.font())
    option = QTextOption()
    option.setTextDirection(button.layoutDirection())
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(10_000)
    layout.endLayout()
    found = []
    for run in layout.glyphRuns():
        raw = run.rawFont()
        for glyph, pos in zip(run.glyphIndexes(), run.positions(), strict=True):
            found += [(pos.x(), ch) for ch in "A+−" if raw.glyphIndexesForString(ch) == [glyph]]
    return "".join(ch for _x, ch in sorted(found))


@pytest.mark.parametrize("lang", ["ar", "vi"])
def test_the_text_size_buttons_read_a_plus_and_a_minus(shell, lang: str) -> None:  # type: ignore[no-untyped-def]
    shell.t.set_language(lang)
    bar = shell.window.top_bar
    assert bar.bigger.layoutDirection() == (
        Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight
    )
    assert drawn_left_to_right(bar.bigger) == "A+"
    assert drawn_left_to_right(bar.smaller) == "A−"


def picture(b: WrapButton) -> list[list[int]]:
    """How much ink each pixel of the button's pictogram holds (its alpha)."""
    img = b._qicon.pixmap(QSize(128, 128)).toImage()
    return [[qAlpha(img.pixel(x, y)) for x in range(128)] for y in range(128)]


def differ(a: list[list[int]], b: list[list[int]]) -> float:
    """The share of pixels whose ink differs clearly (smoothed edges may differ a little)."""
    pairs = [(p, q) for ra, rb in zip(a, b, strict=True) for p, q in zip(ra, rb, strict=True)]
    return sum(abs(p - q) > 96 for p, q in pairs) / len(pairs)


def test_pictograms_that_face_a_way_are_mirrored_in_arabic(qtbot, shell) -> None:  # type: ignore[no-untyped-def]
    shell.queue.take_number()
    take = shell.queue.take_screen
    pictures = {}
    for lang in ("vi", "ar"):
        shell.t.set_language(lang)
        pictures[lang] = {cat: picture(b) for cat, b in take.priority_buttons.items()}
    assert {"elderly", "disability"} <= MIRRORED
    for cat, ltr in pictures["vi"].items():
        rtl = pictures["ar"][cat]
        mirrored = [row[::-1] for row in ltr]
        if (cat or "none") in MIRRORED:
            assert differ(rtl, mirrored) < 0.005 and differ(rtl, ltr) > 0.01, cat
        else:
            assert rtl == ltr, cat
