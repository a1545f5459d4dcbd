"""The citizen's home screen: a large tile for each service, and "Take a number"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.qt_events import listen
from ui.widgets.common import WrapButton, label, name, retext, scroll


class HomeScreen(QWidget):
    """Tiles are (key, label maker) pairs so later parts (guides) supply their own."""

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
        # The words and the tiles scroll together, so at 200% (or in a longer language)
        # the screen never grows past the display; *Take a number* stays in view below.
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        column.addLayout(self.grid)
        column.addStretch(1)
        self.body = scroll(body)
        outer.addWidget(self.body, 1)
        self.tiles: dict[str, WrapButton] = {}
        self._labels: dict[str, Callable[[], tuple[str, str]]] = {}
        for sid in services:
            self.add_tile(sid, partial(self._service_text, sid))
        self.number = WrapButton(role="accent")
        self.number.setObjectName("take_number")
        self.number.clicked.connect(self.take_number)
        outer.addWidget(self.number)
        listen(self, translator.changed, lambda _lang: self.retranslate())
        self.retranslate()

    def _service_text(self, sid: str) -> tuple[str, str]:
        text = self.t.t(f"service.{sid}")
        return text, self.t.t("home.tile_desc", name=text)

    def add_tile(
        self, key: str, text: Callable[[], tuple[str, str]], icon: object | None = None
    ) -> WrapButton:
        tile = WrapButton(role="tile", icon=icon)  # type: ignore[arg-type]
        tile.setObjectName(f"tile_{key}")
        tile.clicked.connect(lambda: self.tile_chosen.emit(key))
        self.tiles[key] = tile
        self._labels[key] = text
        self._relayout()
        label_text, desc = text()
        retext(tile, label_text, desc)
        return tile

    def clear_tiles(self) -> None:
        for tile in self.tiles.values():
            tile.setParent(None)
            tile.deleteLater()
        self.tiles.clear()
        self._labels.clear()

    def _columns(self) -> int:
        """As many columns as fit tiles about 11 letters wide: fewer as the text grows."""
        letter = max(1, self.fontMetrics().averageCharWidth())
        fit = max(1, self.width() // (letter * 13))
        return max(1, min(4 if len(self.tiles) > 6 else 3, fit))

    def _relayout(self) -> None:
        cols = self._columns()
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)
        for i, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, i // cols, i % cols)
        self._cols = cols

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._columns() != getattr(self, "_cols", 0):
            self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ) and self._columns() != getattr(self, "_cols", 0):
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

    def reset(self) -> None:
        if self.tiles:
            next(iter(self.tiles.values())).setFocus()
