"""Big tiles a page at a time: as many as fit the room at the current text size, the rest
behind large *More* / *Previous* buttons with "Page 1 of 2". Used by the home screen and
the *Take a number* questions, so neither ever scrolls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.widgets.common import WrapButton
from ui.widgets.pager import PagerBar


class _TileBox(QWidget):
    """Where a page of tiles goes: it takes the room it is given and says when it changes."""

    resized = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()


class TilePages(QWidget):
    """Tiles (added with :meth:`add`) in a grid of up to ``max_columns`` columns, about
    ``letters`` letters wide each, paged to fit."""

    pages_to_fit = True  # asks for little height: it pages (see height_at_screen_width)

    def __init__(
        self,
        translator: Translator,
        object_prefix: str,
        more_key: str = "pager.more",
        max_columns: int = 4,
        letters: int = 13,
        parent: QWidget | None = None,
        *,
        bar_inside: bool = True,
    ) -> None:
        """``bar_inside=False``: the screen puts :attr:`pager` in a row of its own."""
        super().__init__(parent)
        self.max_columns, self.letters = max_columns, letters
        self.bar_inside = bar_inside
        self.lay = lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.box = _TileBox()
        self.box.setObjectName(f"{object_prefix}_tiles")
        self.grid = QGridLayout(self.box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        self.box.resized.connect(self.relayout)
        lay.addWidget(self.box, 1)
        self.pager = PagerBar(translator, object_prefix, more_key=more_key)
        self.pager.moved.connect(lambda _p: self.relayout())
        if bar_inside:
            lay.addWidget(self.pager)
        self.tiles: list[WrapButton] = []
        self._cols = 0
        self._laying = False
        self.after: QWidget | None = None  # Tab goes on to it after the page buttons

    def add(self, tile: WrapButton, *, relayout: bool = True) -> WrapButton:
        """Add ``tile`` at the end; adding many, pass ``relayout=False`` and call
        :meth:`relayout` once after the last."""
        tile.setParent(self.box)
        tile.hide()
        self.tiles.append(tile)
        if relayout:
            self.relayout()
        return tile

    def clear(self, *, relayout: bool = True) -> None:
        for tile in self.tiles:
            tile.setParent(None)
            tile.deleteLater()
        self.tiles.clear()
        if relayout:
            self.relayout()

    def first_page(self) -> None:
        self.pager.set_pages(self.pager.pages, 0)
        self.relayout()

    def shown(self) -> list[WrapButton]:
        return [t for t in self.tiles if t.isVisible()]

    def columns(self) -> int:
        """As many columns as fit tiles about ``letters`` letters wide: fewer as text grows."""
        letter = max(1, self.fontMetrics().averageCharWidth())
        fit = max(1, self.width() // (letter * self.letters))
        wanted = self.max_columns if len(self.tiles) > 6 else min(3, self.max_columns)
        return max(1, min(wanted, fit))

    def tile_height(self) -> int:
        """The height the tallest tile needs in one column as wide as the pages: the
        least room a row of tiles can do with."""
        return self._tile_height(self.box.width())

    def _tile_height(self, width: int) -> int:
        """The tallest tile at this column width (its words wrap, its picture stays)."""
        return max((self._tile_height_of(t, width) for t in self.tiles), default=0)

    @staticmethod
    def _tile_height_of(tile: WrapButton, width: int) -> int:
        tile.ensurePolished()
        lay = tile.layout()
        if lay is None:
            return 0
        need = lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else -1
        return max(need, lay.totalMinimumSize().height(), tile.minimumHeight())

    def _pages(self, cols: int, room: int, max_rows: int | None = None) -> list[list[WrapButton]]:
        """The tiles cut into pages, in order, a row of ``cols`` at a time: a page takes
        rows while all of them, as tall as its tallest tile, fit ``room``. One tile with
        long words (three lines where the others need two) then costs a row on its own
        page, not on every page."""
        spacing = self.grid.spacing()
        width = (self.box.width() - spacing * (cols - 1)) // cols
        need = {id(t): self._tile_height_of(t, width) for t in self.tiles}
        rows = [self.tiles[i : i + cols] for i in range(0, len(self.tiles), cols)]
        pages: list[list[list[WrapButton]]] = []
        page: list[list[WrapButton]] = []
        tallest = 0
        for row in rows:
            high = max(tallest, *(need[id(t)] for t in row))
            n = len(page) + 1
            full = max_rows is not None and n > max_rows
            if page and (full or n * high + spacing * (n - 1) > room):
                pages.append(page)
                page, high = [], max(need[id(t)] for t in row)
            page.append(row)
            tallest = high
        if page:
            pages.append(page)
        return [[t for row in p for t in row] for p in pages] or [[]]

    def _rows_that_fit(self, tiles: list[WrapButton], cols: int, room: int) -> int:
        spacing = self.grid.spacing()
        width = (self.box.width() - spacing * (cols - 1)) // cols
        high = max((self._tile_height_of(t, width) for t in tiles), default=1)
        return max(1, (room + spacing) // (high + spacing))

    def relayout(self) -> None:
        if self._laying:
            return
        self._laying = True
        try:
            self._place()
        finally:
            self._laying = False

    def _place(self) -> None:
        cols = self.columns()
        # Long words (Arabic, 200%) make tall tiles, and a word wider than its tile would be
        # cut: fewer, wider columns until every tile and every word fits.
        spacing, room = self.grid.spacing(), self.box.height()
        if self.bar_inside and self.pager.isHidden():
            room -= self.pager.sizeHint().height() + self.lay.spacing()
        for tile in self.tiles:
            tile.set_icon_shown(True)
        widest = max((t.widest_word() for t in self.tiles), default=0)

        def too_narrow(cols: int) -> bool:
            cell = (self.box.width() - spacing * (cols - 1)) // cols
            return cell < widest or self._tile_height(cell) > room

        while cols > 1 and too_narrow(cols):
            cols -= 1
        if self.tiles and self._tile_height(self.box.width()) > room:  # words first
            for tile in self.tiles:
                tile.set_icon_shown(False)
        height = self.box.height()
        pages = self._pages(cols, height)
        if len(pages) > 1 and self.bar_inside:  # the page buttons take a row
            bar = self.pager.sizeHint().height() + self.lay.spacing()
            # isHidden, not isVisible: before the window is up nothing is visible.
            height -= bar if self.pager.isHidden() else 0
            pages = self._pages(cols, height)
        # Check what Qt gave the tiles: while a tile's words are cut, a row fewer a page.
        max_rows: int | None = None
        while True:
            rows = self._show(cols, pages, height)
            self.lay.activate()
            self.grid.activate()
            for tile in self.shown():
                tile.fit_words()
            if rows <= 1 or not self._any_cut():
                break
            max_rows = rows - 1
            pages = self._pages(cols, height, max_rows)

    def _any_cut(self) -> bool:
        """Would any shown tile's words be cut in the cell it has?"""
        shown = self.shown()
        if not shown:
            return False
        cell = shown[0]
        words = cell.label_widget()
        around = cell.height() - words.height()  # picture, margins
        return any(
            t.label_widget().heightForWidth(words.width()) + around > cell.height() for t in shown
        )

    def _show(self, cols: int, pages: list[list[WrapButton]], room: int) -> int:
        """Show the pager's page of ``pages``; returns its number of rows."""
        tiles = self.tiles
        page = min(self.pager.page, len(pages) - 1)
        if len(pages) != self.pager.pages or page != self.pager.page:
            self.pager.set_pages(len(pages), page)
        shown = pages[page]
        for tile in tiles:
            self.grid.removeWidget(tile)
            if tile not in shown:
                tile.hide()
        for c in range(max(cols, self.grid.columnCount())):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)
        # Every page keeps the rows of the fullest page (tiles the same size from page to
        # page), unless this page's tallest tile needs more room than that leaves it.
        most = max(-(-len(p) // cols) for p in pages)
        rows = min(most, self._rows_that_fit(shown, cols, room)) if shown else 1
        rows = max(rows, -(-len(shown) // cols), 1)
        for r in range(max(rows, self.grid.rowCount())):
            self.grid.setRowStretch(r, 1 if r < rows else 0)
        for i, tile in enumerate(shown):
            self.grid.addWidget(tile, i // cols, i % cols)
            tile.show()
        order: list[QWidget] = [*shown, self.pager.previous, self.pager.more]
        if self.after is not None:
            order.append(self.after)
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self._cols = cols
        return -(-len(shown) // cols)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.columns() != self._cols:
            self.relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.relayout()
