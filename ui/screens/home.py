"""The citizen's home screen: a large tile for each service (a page at a time when they
do not all fit), and "Take a number"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.qt_events import listen
from ui.widgets.common import WrapButton, label, name, retext
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


class HomeScreen(QWidget):
    """Tiles are (key, label maker) pairs so later parts (guides) supply their own.

    The tiles are shown a page at a time, as many as fit the screen at the current text
    size, with large *More services* / *Previous* buttons: nothing scrolls, and *Take a
    number* is always in view below."""

    tile_chosen = Signal(str)
    take_number = Signal()

    def __init__(
        self, translator: Translator, services: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("home")
        self.t = translator
        self.services = services
        outer = QVBoxLayout(self)
        self.title = label(role="title")
        self.subtitle = label()
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        self.box = _TileBox()
        self.box.setObjectName("home_tiles")
        self.grid = QGridLayout(self.box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        self.box.resized.connect(self._relayout)
        outer.addWidget(self.box, 1)
        self.pager = PagerBar(translator, "home_tiles", more_key="pager.more_services")
        self.pager.moved.connect(lambda _p: self._relayout())
        outer.addWidget(self.pager)
        self.tiles: dict[str, WrapButton] = {}
        self._labels: dict[str, Callable[[], tuple[str, str]]] = {}
        self.number = WrapButton(role="accent")
        self.number.setObjectName("take_number")
        self.number.clicked.connect(self.take_number)
        outer.addWidget(self.number)
        for sid in services:
            self.add_tile(sid, lambda sid=sid: self._service_text(sid))
        listen(self, translator.changed, lambda _lang: self.retranslate())
        self.retranslate()

    def _service_text(self, sid: str) -> tuple[str, str]:
        text = self.t.t(f"service.{sid}")
        return text, self.t.t("home.tile_desc", name=text)

    def add_tile(
        self, key: str, text: Callable[[], tuple[str, str]], icon: object | None = None
    ) -> WrapButton:
        tile = WrapButton(role="tile", icon=icon, parent=self.box)  # type: ignore[arg-type]
        tile.setObjectName(f"tile_{key}")
        tile.clicked.connect(lambda: self.tile_chosen.emit(key))
        tile.hide()
        self.tiles[key] = tile
        self._labels[key] = text
        label_text, desc = text()
        retext(tile, label_text, desc)
        self._relayout()
        return tile

    def clear_tiles(self) -> None:
        for tile in self.tiles.values():
            tile.setParent(None)
            tile.deleteLater()
        self.tiles.clear()
        self._labels.clear()
        self._relayout()

    def _columns(self) -> int:
        """As many columns as fit tiles about 11 letters wide: fewer as the text grows."""
        letter = max(1, self.fontMetrics().averageCharWidth())
        fit = max(1, self.width() // (letter * 13))
        return max(1, min(4 if len(self.tiles) > 6 else 3, fit))

    def _tile_height(self, width: int) -> int:
        """The tallest tile at this column width (its words wrap, its picture stays)."""
        tallest = 0
        for tile in self.tiles.values():
            tile.ensurePolished()
            lay = tile.layout()
            need = lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else -1
            need = max(need, lay.totalMinimumSize().height(), tile.minimumHeight())
            tallest = max(tallest, need)
        return tallest

    def _per_page(self, cols: int, height: int) -> int:
        spacing = self.grid.spacing()
        width = (self.box.width() - spacing * (cols - 1)) // cols
        rows = max(1, (height + spacing) // (self._tile_height(width) + spacing))
        return rows * cols

    def _relayout(self) -> None:
        if getattr(self, "_laying", False):
            return
        self._laying = True
        try:
            self._place()
        finally:
            self._laying = False

    def _place(self) -> None:
        cols = self._columns()
        per = self._per_page(cols, self.box.height())
        if len(self.tiles) > per:  # the page buttons take a row of the tiles' room
            bar = self.pager.sizeHint().height() + self.layout().spacing()
            per = self._per_page(cols, self.box.height() - (0 if self.pager.isVisible() else bar))
        # Check what Qt gave the tiles: while a tile's words are cut, a row fewer.
        while True:
            self._show(cols, per)
            self.layout().activate()
            self.grid.activate()
            if per <= cols or not any(self._cut(t) for t in self.tiles.values() if t.isVisible()):
                break
            per -= cols

    @staticmethod
    def _cut(tile: WrapButton) -> bool:
        words = tile.label_widget()
        return words.height() < words.heightForWidth(words.width())

    def _show(self, cols: int, per: int) -> None:
        tiles = list(self.tiles.values())
        pages = max(1, -(-len(tiles) // per))
        page = min(self.pager.page, pages - 1)
        if pages != self.pager.pages or page != self.pager.page:
            self.pager.set_pages(pages, page)
        shown = tiles[page * per : (page + 1) * per]
        for tile in tiles:
            self.grid.removeWidget(tile)
            if tile not in shown:
                tile.hide()
        for c in range(max(cols, self.grid.columnCount())):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)
        rows = max(1, -(-per // cols))
        for r in range(max(rows, self.grid.rowCount())):
            self.grid.setRowStretch(r, 1 if r < rows else 0)
        for i, tile in enumerate(shown):
            self.grid.addWidget(tile, i // cols, i % cols)
            tile.show()
        order = [*shown, self.pager.previous, self.pager.more, self.number]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self._cols = cols

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # The tiles page to fit whatever room there is; only the words and the buttons
        # around them need theirs (a wrapped label's own minimum assumes a narrow column).
        lay = self.layout()
        m = lay.contentsMargins()
        width = max(self.width(), 640) - m.left() - m.right()
        parts = [self.title.heightForWidth(width), self.subtitle.heightForWidth(width)]
        parts += [w.sizeHint().height() for w in (self.pager, self.number) if not w.isHidden()]
        need = sum(parts) + lay.spacing() * len(parts) + m.top() + m.bottom()
        return QSize(super().minimumSizeHint().width(), need)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._columns() != getattr(self, "_cols", 0):
            self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._relayout()

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("home.title"))
        self.subtitle.setText(t("home.subtitle"))
        retext(self.number, t("home.take_number"), t("home.take_number_desc"))
        name(self.number, t("home.take_number"), t("home.take_number_desc"))
        for key, tile in self.tiles.items():
            text, desc = self._labels[key]()
            retext(tile, text, desc)
        self._relayout()

    def reset(self) -> None:
        self.pager.set_pages(self.pager.pages, 0)
        self._relayout()
        if self.tiles:
            next(iter(self.tiles.values())).setFocus()
