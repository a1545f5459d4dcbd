"""The citizen's home screen: a large tile for each service (a page at a time when they
do not all fit), and "Take a number"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.qt_events import listen
from ui.widgets.common import WrapButton, keep_lines, label, name, retext
from ui.widgets.tiles import TilePages


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
        self.outer = outer = QVBoxLayout(self)
        self.title = label(role="title")
        self.subtitle = label()
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        self.pages = TilePages(translator, "home_tiles", more_key="pager.more_services")
        self.pager = self.pages.pager
        outer.addWidget(self.pages, 1)
        self.tiles: dict[str, WrapButton] = {}
        self._labels: dict[str, Callable[[], tuple[str, str]]] = {}
        self.number = WrapButton(role="accent")
        self.number.setObjectName("take_number")
        self.number.clicked.connect(self.take_number)
        outer.addWidget(self.number)
        self.pages.after = self.number
        listen(self, translator.changed, lambda _lang: self.retranslate())
        self.retranslate()

    def add_service_tiles(self) -> None:
        """A plain tile per service, for a kiosk with no guide to show (the guides part
        puts its own tiles here otherwise)."""
        for sid in self.services:
            self.add_tile(sid, partial(self._service_text, sid), relayout=False)
        self.pages.relayout()

    def _service_text(self, sid: str) -> tuple[str, str]:
        text = self.t.t(f"service.{sid}")
        return text, self.t.t("home.tile_desc", name=text)

    def add_tile(
        self,
        key: str,
        text: Callable[[], tuple[str, str]],
        icon: object | None = None,
        *,
        relayout: bool = True,
    ) -> WrapButton:
        """A tile; adding many, pass ``relayout=False`` and call :meth:`relayout` after."""
        tile = WrapButton(role="tile", icon=icon)  # type: ignore[arg-type]
        tile.setObjectName(f"tile_{key}")
        tile.clicked.connect(lambda: self.tile_chosen.emit(key))
        self.tiles[key] = tile
        self._labels[key] = text
        label_text, desc = text()
        retext(tile, label_text, desc)
        self.pages.add(tile, relayout=relayout)
        return tile

    def relayout(self) -> None:
        """Measure the words and the tiles again (a new text size, new pictures)."""
        self._keep_words()
        self.pages.relayout()

    def clear_tiles(self, *, relayout: bool = True) -> None:
        self.pages.clear(relayout=relayout)
        self.tiles.clear()
        self._labels.clear()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # The tiles page to fit whatever room there is; only the title and the buttons
        # around the tiles need theirs (a wrapped label's own minimum assumes a narrow
        # column). The hint under the title is left out where the room is short.
        lay = self.outer
        m = lay.contentsMargins()
        # The kiosk's window covers its screen: before it is laid out the words are
        # measured at the screen's width, not at some narrow first guess.
        screen = self.screen()
        full = screen.availableGeometry().width() if screen is not None else 640
        width = max(self.width(), min(full, 1366), 640) - m.left() - m.right()
        parts = [self.title.heightForWidth(width)]
        parts += [w.sizeHint().height() for w in (self.pager, self.number) if not w.isHidden()]
        need = sum(parts) + lay.spacing() * len(parts) + m.top() + m.bottom()
        return QSize(super().minimumSizeHint().width(), need)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._keep_words()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._keep_words()

    def _keep_words(self) -> None:
        """The title and the hint keep the height their words need (Qt would give them
        the height of one long line): the tiles take the room that is left. The hint
        gives way when keeping it would leave no room for a row of tiles (large text in
        a long language): the tiles matter more than the sentence about them."""
        lay = self.outer
        m = lay.contentsMargins()
        width = self.width() - m.left() - m.right()
        for lab in (self.title, self.subtitle):
            keep_lines(lab, width)
        if width <= 0 or not self.pages.tiles:
            return
        around = [self.title.heightForWidth(width), self.subtitle.heightForWidth(width)]
        around += [w.sizeHint().height() for w in (self.pager, self.number) if not w.isHidden()]
        room = self.height() - m.top() - m.bottom() - sum(around) - lay.spacing() * len(around)
        keep = room >= self.pages.tile_height()
        if self.subtitle.isHidden() == keep:
            self.subtitle.setVisible(keep)

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("home.title"))
        self.subtitle.setText(t("home.subtitle"))
        self._keep_words()
        retext(self.number, t("home.take_number"), t("home.take_number_desc"))
        name(self.number, t("home.take_number"), t("home.take_number_desc"))
        for key, tile in self.tiles.items():
            text, desc = self._labels[key]()
            retext(tile, text, desc)
        self.pages.relayout()

    def reset(self) -> None:
        self.pages.first_page()
        if self.tiles:
            next(iter(self.tiles.values())).setFocus()
