"""The citizen takes a number: the service, whether a priority applies (plain words with a
pictogram), an age band if they like, then a big ticket with the expected wait."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.guides.plain import keep_together
from kiosk.i18n import Translator
from kiosk.queue import AGE_BANDS, Change, Issued, WaitRange
from kiosk.queue.labels import age_band_label, code_label
from kiosk.services import ServiceTile, service_tiles
from ui.guides.widgets import svg_icon
from ui.qt_events import listen
from ui.queue.controller import QueueController
from ui.queue.pictograms import pictogram
from ui.widgets.common import (
    KeepsWords,
    WrapButton,
    button,
    keep_lines,
    label,
    name,
    retext,
    scroll,
)
from ui.widgets.tiles import TilePages


class _Question(KeepsWords):
    """A question: its words, then its answers as tiles, paged (never scrolled). The
    hint under the question gives way when it would leave no room for a row of
    answers (large text in a long language): the answers matter more."""

    def __init__(self, title: QLabel, hint: QLabel, tiles: TilePages) -> None:
        super().__init__()
        self.title, self.hint, self.tiles = title, hint, tiles
        self.lay = lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(title)
        lay.addWidget(hint)
        lay.addWidget(tiles, 1)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), 0)  # the answers page to fit

    def keep_words(self) -> None:
        width = self.width()
        if width <= 0:
            return
        for lab in (self.title, self.hint):
            keep_lines(lab, width)
        pager = self.tiles.pager.sizeHint().height() + self.lay.spacing()
        words = self.title.heightForWidth(width) + self.hint.heightForWidth(width)
        room = self.height() - words - 2 * self.lay.spacing() - pager
        keep = room >= self.tiles.tile_height()
        if self.hint.isHidden() == keep:
            self.hint.setVisible(keep)


class TakeNumberScreen(QWidget):
    """Three questions; ``issued`` carries (change, estimate) once the ticket exists."""

    issued = Signal(object, object)
    cancelled = Signal()

    def __init__(
        self,
        translator: Translator,
        controller: QueueController,
        services: list[str],
        parent: QWidget | None = None,
        *,
        tiles: list[ServiceTile] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queue_take")
        # The home screen's tiles (kiosk.services): the same names and pictures.
        self.tiles = tiles if tiles is not None else service_tiles((), services)
        self.t, self.ctl = translator, controller
        self.choice: dict[str, object] = {}
        outer = QVBoxLayout(self)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.titles = [label(role="title") for _ in range(3)]
        self.hints = [label() for _ in range(3)]
        self.service_buttons: dict[str, WrapButton] = {}
        grid = TilePages(translator, "take_services", max_columns=4)
        named: set[str] = set()
        for tile in self.tiles:
            b = WrapButton(role="tile", icon=svg_icon(tile.icon) if tile.icon else None)
            # A service's first tile is named after the service, any further one (two
            # guides teach VNeID) after its guide.
            b.setObjectName(f"take_service_{tile.key if tile.service in named else tile.service}")
            named.add(tile.service)
            if tile.icon:
                b.set_icon_size(96)
            b.clicked.connect(lambda _=False, s=tile.service: self._pick("service", s))
            self.service_buttons[tile.key] = b
            grid.add(b)
        self.pages.addWidget(_Question(self.titles[0], self.hints[0], grid))
        self.priority_buttons: dict[str, WrapButton] = {}
        grid = TilePages(translator, "take_priorities", max_columns=3)
        cats = ["", *controller.categories]
        for cat in cats:
            b = WrapButton(role="tile", icon=pictogram(cat or "none"))
            b.setObjectName(f"take_priority_{cat or 'none'}")
            b.set_icon_size(96)
            b.clicked.connect(lambda _=False, c=cat: self._pick("priority", c or None))
            self.priority_buttons[cat] = b
            grid.add(b)
        self.pages.addWidget(_Question(self.titles[1], self.hints[1], grid))
        self.age_buttons: dict[str, WrapButton] = {}
        grid = TilePages(translator, "take_ages", max_columns=3)
        for band in [*AGE_BANDS, ""]:
            b = WrapButton(role="tile")
            b.setObjectName(f"take_age_{band or 'skip'}")
            b.clicked.connect(lambda _=False, a=band: self._pick("age", a or None))
            self.age_buttons[band] = b
            grid.add(b)
        self.pages.addWidget(_Question(self.titles[2], self.hints[2], grid))
        row = QHBoxLayout()
        self.back = button("", object_name="take_back")
        self.back.clicked.connect(self.go_back)
        self.error = label(role="error")
        self.error.setVisible(False)
        row.addWidget(self.back)
        row.addWidget(self.error, 1)
        # Back above the question, not under the answers: at 200% the answers take
        # every line the screen has.
        outer.insertLayout(0, row)
        controller.failed.connect(self._failed)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        t = self.t.t
        for i, key in enumerate(("service", "priority", "age")):
            self.titles[i].setText(t(f"queue.take_{key}_title"))
            self.hints[i].setText(t(f"queue.take_{key}_hint"))
        lang = self.t.lang
        for tile in self.tiles:
            b = self.service_buttons[tile.key]
            retext(b, keep_together(tile.title(lang), lang), t("queue.take_service_desc"))
        for cat, b in self.priority_buttons.items():
            text = t(f"queue.take_priority_{cat}") if cat else t("queue.take_priority_none")
            retext(b, keep_together(text, lang), t("queue.take_priority_desc"))
            b.set_icon(pictogram(cat or "none", rtl=self.t.rtl))
        for band, b in self.age_buttons.items():
            text = age_band_label(band, lang) if band else t("queue.age_skip")
            retext(b, keep_together(text, lang), t("queue.take_age_desc"))
        retext(self.back, t("queue.back"), t("queue.back_desc"))
        for i in range(self.pages.count()):
            question = self.pages.widget(i)
            if isinstance(question, _Question):
                question.keep_words()

    def start(self) -> None:
        self.choice = {}
        self.error.setVisible(False)
        self.pages.setCurrentIndex(0)
        for answers in self.findChildren(TilePages):
            answers.first_page()
        next(iter(self.service_buttons.values())).setFocus()

    def go_back(self) -> None:
        i = self.pages.currentIndex()
        if i == 0:
            self.cancelled.emit()
        else:
            self._turn_to(i - 1)

    def _turn_to(self, index: int) -> None:
        """The next (or previous) question, the focus on its first answer: the answer
        just tapped is gone, and the focus must not fall to the bar at the top."""
        self.pages.setCurrentIndex(index)
        question = self.pages.currentWidget()
        answers = question.findChild(TilePages) if question is not None else None
        shown = answers.shown() if answers is not None else []
        if shown:
            shown[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _pick(self, key: str, value: object) -> None:
        self.choice[key] = value
        if key != "age":
            self._turn_to(self.pages.currentIndex() + 1)
            return
        self._issue()

    def _issue(self) -> None:
        s, c, lang = self.ctl.service, dict(self.choice), self.t.lang
        self.error.setVisible(False)

        def work() -> Issued:
            return s.take_number(
                [str(c["service"])],
                priority=c.get("priority"),  # type: ignore[arg-type]
                age_band=c.get("age"),  # type: ignore[arg-type]
                language=lang,
            )

        self.ctl.run(work, lambda r: self.issued.emit(r.change, r.wait), undoable=False)

    def _failed(self, text: str) -> None:
        if self.isVisible():
            self.error.setText(text)
            self.error.setVisible(True)

    def reset(self) -> None:
        self.choice = {}
        self.pages.setCurrentIndex(0)
        self.error.setVisible(False)


class TicketScreen(QWidget):
    """The citizen's number, big, with the expected wait and the follow-up code.

    ``print_slip`` (visit id) is for the slip printer part, which adds its button with
    :meth:`add_action`."""

    print_slip = Signal(int)
    finished = Signal()

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queue_ticket")
        self.t = translator
        self.visit_id = 0
        self.change: Change | None = None
        self.wait: WaitRange | None = None
        body = QWidget()
        lay = QVBoxLayout(body)
        self.title = label(role="title")
        self.number = label(role="ticket")
        self.number.setObjectName("ticket_number")
        self.estimate = label(role="title")
        self.estimate.setObjectName("ticket_estimate")
        self.code = label()
        self.hint = label()
        for w in (self.title, self.number, self.estimate, self.code, self.hint):
            lay.addWidget(w)
        lay.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll(body), 1)
        self.action_row = QHBoxLayout()
        self.done = button("", role="accent", object_name="ticket_done")
        self.done.clicked.connect(self.finished)
        self.action_row.addWidget(self.done)
        outer.addLayout(self.action_row)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def add_action(self, widget: QWidget) -> None:
        """Another part's button, before *Done*."""
        self.action_row.insertWidget(0, widget)

    def show_ticket(self, change: Change, wait: WaitRange | None) -> None:
        self.visit_id, self.change, self.wait = change.visit_id, change, wait
        self.retranslate()
        self.done.setFocus()

    def retranslate(self) -> None:
        t = self.t.t
        c = self.change
        self.title.setText(t("queue.ticket_title"))
        self.number.setText(c.ticket if c else "")
        name(self.number, t("queue.ticket_number", ticket=c.ticket if c else ""))
        self.estimate.setText(t("queue.ticket_wait", range=self.wait.text(t)) if self.wait else "")
        self.code.setText(t("queue.ticket_code", code=code_label(c.follow_up_code)) if c else "")
        self.hint.setText(t("queue.ticket_hint"))
        retext(self.done, t("queue.ticket_done"), t("queue.ticket_done_desc"))

    def reset(self) -> None:
        self.visit_id, self.change, self.wait = 0, None, None
        self.retranslate()
