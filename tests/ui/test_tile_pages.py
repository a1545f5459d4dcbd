"""Tiles a page at a time (ui.widgets.tiles): as many on each page as really fit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.widgets.common import WrapButton
from ui.widgets.tiles import TilePages

SHORT = "Short words"
LONG = "Many long words that need a third line in a narrow tile column here"


def make(qtbot: Any, words: list[str], height: int) -> tuple[QWidget, TilePages]:
    holder = QWidget()
    qtbot.addWidget(holder)
    lay = QVBoxLayout(holder)
    lay.setContentsMargins(0, 0, 0, 0)
    pages = TilePages(Translator("en"), "test")
    lay.addWidget(pages)
    for w in words:
        pages.add(WrapButton(w), relayout=False)
    holder.resize(1300, height)
    return holder, pages


def settle(holder: QWidget) -> None:
    """Let Qt lay out what was resized (no waiting on time)."""
    for _ in range(3):
        holder.layout().activate()
        QApplication.processEvents()


def row_heights(pages: TilePages) -> tuple[int, int]:
    """The height a row of short tiles and a row with the long tile need."""
    cols = pages.columns()
    width = (pages.box.width() - pages.grid.spacing() * (cols - 1)) // cols
    short = max(pages._tile_height_of(t, width) for t in pages.tiles if t.words() == SHORT)
    long = max(pages._tile_height_of(t, width) for t in pages.tiles if t.words() == LONG)
    return short, long


@pytest.fixture
def plain_look(qapp: QApplication) -> Iterator[None]:
    """Qt's own look, whatever look an earlier test left on the application."""
    saved = qapp.styleSheet()
    qapp.setStyleSheet("")
    yield
    qapp.setStyleSheet(saved)


@pytest.mark.usefixtures("plain_look")
def test_one_tile_with_long_words_costs_a_row_on_its_own_page_only(qtbot: Any) -> None:
    holder, pages = make(qtbot, [SHORT] * 8 + [LONG], 600)
    holder.show()
    qtbot.waitExposed(holder)
    settle(holder)
    short, long = row_heights(pages)
    assert long > short  # the long words really need more room
    spacing = pages.grid.spacing()
    # Room for two rows of short tiles but not for two rows as tall as the long tile.
    room = 2 * short + spacing + 4
    assert 2 * long + spacing > room
    for _ in range(3):  # the tiles' box gets exactly that room, under the page buttons
        holder.resize(1300, holder.height() + room - pages.box.height())
        settle(holder)
        pages.relayout()
        settle(holder)
    assert pages.box.height() == room
    assert pages.columns() == 4
    assert len(pages.shown()) == 8  # before: 4 a page, as if every tile were the long one
    assert pages.pager.pages == 2
    pages.pager.more.click()
    assert [t.words() for t in pages.shown()] == [LONG]
    for t in pages.shown():  # the long tile's words are not cut on its page
        label = t.label_widget()
        assert label.heightForWidth(label.width()) <= label.height()


def test_home_shows_two_rows_of_guides_on_a_1366x768_laptop(make_shell: Any, tmp_path: Any) -> None:
    from kiosk.settings import Settings

    settings = Settings(path=tmp_path / "settings.toml").replace(display__screen_dpi=100)
    shell = make_shell(settings)  # the shipped guides: one title needs three lines
    settle(shell.window)
    home = shell.home.pages
    assert home.columns() == 4
    assert len(home.shown()) == 8  # was 4 a page: every row as tall as the longest title
    assert home.pager.pages == 2


def test_home_comes_back_to_two_rows_after_larger_text(make_shell: Any, tmp_path: Any) -> None:
    from kiosk.settings import Settings

    settings = Settings(path=tmp_path / "settings.toml").replace(display__screen_dpi=100)
    shell = make_shell(settings)
    settle(shell.window)
    shell.session.set_text_scale(200)
    settle(shell.window)
    assert len(shell.home.pages.shown()) < 8
    shell.reset_citizen()  # the idle reset: the next citizen starts at 100% again
    settle(shell.window)
    assert len(shell.home.pages.shown()) == 8
