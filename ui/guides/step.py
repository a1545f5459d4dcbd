"""One step of a guide: the drawing large, the words large, "Step 3 of 7", a progress bar,
tip and warning boxes, a big speaker button, and Back / Home / Next at fixed places.
The last step offers "Print my slip" and "Ask a volunteer".

Nothing scrolls: words that do not fit are shown a page at a time with *More* and
*Previous*, and the drawing shrinks or steps aside to give them room.

Keys: Left/Right are Back/Next (mirrored for right-to-left), Up/Down and Page Up/Down
turn the pages of the words, Tab goes through every button, Enter or Space presses it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMetaMethod, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.guides import Guide
from kiosk.i18n import Translator
from ui.guides.widgets import (
    Drawing,
    NavBar,
    no_speech_message,
    read_aloud,
    set_speaker_icon,
    speak_button,
    style,
)
from ui.qt_events import listen
from ui.speech import Speaker
from ui.theme import Theme
from ui.widgets.common import button, label, name, retext
from ui.widgets.pager import PagedText


class StepScreen(QWidget):
    print_slip = Signal(str)  # guide id: the slips part prints the follow-up slip
    volunteer_requested = Signal(str)  # guide id: the citizen asked for a volunteer
    take_number = Signal()
    to_overview = Signal()
    to_problems = Signal()
    finished = Signal(str)
    home = Signal()
    shown = Signal(str, int, str)  # guide id, step number (1-based), language shown

    def __init__(
        self,
        translator: Translator,
        speaker: Speaker,
        theme: Theme,
        read_aloud_always: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guide_step")
        self.t, self.speaker, self.theme = translator, speaker, theme
        self.read_aloud_always = read_aloud_always
        self.guide: Guide | None = None
        self.index = 0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(6)
        # One row for "Step 3 of 7" over a thin progress bar, Read aloud and Common
        # problems: every line saved here is a line of the step's words at 200%.
        head = QHBoxLayout()
        where = QVBoxLayout()
        self.step_of = label(role="", wrap=False)
        self.step_of.setProperty("guide", "step_of")
        self.progress = QProgressBar()
        self.progress.setObjectName("guide_progress")
        self.progress.setTextVisible(False)
        where.addWidget(self.step_of)
        where.addWidget(self.progress)
        self.speak = speak_button("guide_speak")
        self.speak.clicked.connect(self.read)
        speaker.trouble.connect(self._speech_trouble)
        self.problems = button("", object_name="guide_problems")
        self.problems.clicked.connect(self.to_problems)
        head.addLayout(where)
        head.addWidget(self.speak, 1)
        head.addWidget(self.problems, 1)
        outer.addLayout(head)

        self.body = body = QHBoxLayout()
        self.drawing = Drawing()
        body.addWidget(self.drawing, 3)
        # The words get the room: a page at a time (More / Previous, never a scrollbar),
        # the last step's offers below. When the words need more pages, the drawing
        # shrinks, then steps aside.
        self.column = column = QWidget()
        column.setObjectName("guide_text_column")
        col = QVBoxLayout(column)
        col.setContentsMargins(0, 0, 0, 0)
        self.pager = PagedText(translator, "guide_text")
        self.pager.setObjectName("guide_text_pages")
        self.guide_title = self.pager.add_label(label(role="muted"))
        self.speech_note = self.pager.add_label(self._box("message", "guide_speech_note"))
        self.words = self.pager.add_label(label())
        self.words.setObjectName("guide_words")
        self.words.setProperty("guide", "words")
        self.tip = self.pager.add_label(self._box("tip", "guide_tip"))
        self.warning = self.pager.add_label(self._box("warning", "guide_warning"))
        self.explain = self.pager.add_label(self._box("tip", "guide_explain"))
        self.done = self.pager.add_label(label())
        self.done.setProperty("guide", "heading")
        self.last_note = self.pager.add_label(self._box("message", "guide_last_note"))
        self.pager.paged.connect(self._paged)
        col.addWidget(self.pager, 1)
        self.last = QWidget()
        last = QVBoxLayout(self.last)
        last.setContentsMargins(0, 0, 0, 0)
        # Side by side while both fit the column, else one above the other.
        self.offers = offers = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.slip = button("", object_name="guide_print_slip")
        self.slip.clicked.connect(self._print_slip)
        self.volunteer = button("", object_name="guide_ask_volunteer")
        self.volunteer.clicked.connect(self._ask_volunteer)
        offers.addWidget(self.slip, 1)
        offers.addWidget(self.volunteer, 1)
        last.addLayout(offers)
        self.number = button("", object_name="guide_take_number")
        self.number.clicked.connect(self.take_number)
        self.number.hide()
        last.addWidget(self.number)
        col.addWidget(self.last)
        column.installEventFilter(self)  # its width decides where the offers go
        self.last.installEventFilter(self)
        body.addWidget(column, 2)
        outer.addLayout(body, 1)
        self._room = 0  # 0: drawing large; 1: small; 2: words only; 3: without the title
        self._speech_text = self._last_text = ""
        self._texts: dict[str, str] | None = None

        self.nav = NavBar()
        self.nav.back.clicked.connect(self.back)
        self.nav.home.clicked.connect(self.home)
        self.nav.next.clicked.connect(self.next)
        outer.addWidget(self.nav)
        # The buttons keep their height: only the words' pages give and take room, so
        # the pages being read do not change under the reader's finger.
        fixed = (self.speak, self.problems, self.slip, self.volunteer, self.number)
        for b in (*fixed, self.nav.back, self.nav.home, self.nav.next):
            b.setSizePolicy(b.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        order = (
            self.speak,
            self.problems,
            self.pager.bar.previous,
            self.pager.bar.more,
            self.slip,
            self.volunteer,
            self.number,
            self.nav.back,
            self.nav.home,
            self.nav.next,
        )
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self._keys()
        listen(self, translator.changed, lambda _lang: self._language_changed())
        theme.changed.connect(self._restyle)
        self._restyle()

    def _box(self, kind: str, object_name: str) -> QLabel:
        box = label()
        box.setObjectName(object_name)
        box.setProperty("guide", kind)
        box.hide()
        return box

    def _keys(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        bar = self.pager.bar

        def turn(step: int) -> Callable[[], None]:
            return lambda: bar.go(bar.page + step)

        for key, fn in (
            (Qt.Key.Key_Left, lambda: self._arrow(forward=self.t.rtl)),
            (Qt.Key.Key_Right, lambda: self._arrow(forward=not self.t.rtl)),
            (Qt.Key.Key_Up, turn(-1)),
            (Qt.Key.Key_Down, turn(1)),
            (Qt.Key.Key_PageUp, turn(-1)),
            (Qt.Key.Key_PageDown, turn(1)),
        ):
            QShortcut(QKeySequence(key), self, fn, context=ctx)

    def _arrow(self, forward: bool) -> None:
        (self.nav.next if forward else self.nav.back).click()

    # -- showing a step ------------------------------------------------------------
    def open(self, guide: Guide, index: int = 0) -> None:
        self.guide = guide
        self.go(index)

    def go(self, index: int) -> None:
        assert self.guide is not None
        self.index = max(0, min(index, len(self.guide.steps) - 1))
        self.speaker.stop()
        self._speech_text = self._last_text = ""
        self.number.hide()
        self._room = 0
        self.refresh()
        self.nav.next.setFocus()
        step = self.guide.steps[self.index]
        self.shown.emit(self.guide.id, step.number, step.lang_for(self.t.lang))
        if self.read_aloud_always():
            self.read()

    def _language_changed(self) -> None:
        self.speaker.stop()
        self._speech_text = self._last_text = ""
        self.number.hide()
        self._room = 0
        self.refresh()

    @property
    def is_last(self) -> bool:
        return self.guide is not None and self.index == len(self.guide.steps) - 1

    def refresh(self) -> None:
        """Show the current step in the current language (also after a language change)."""
        g = self.guide
        if g is None:
            return
        t = self.t.t
        step = g.steps[self.index]
        words = step.text(self.t.lang)
        total = len(g.steps)
        self.step_of.setText(t("guides.step_of", n=step.number, total=total))
        self.progress.setRange(0, total)
        self.progress.setValue(step.number)
        name(self.progress, t("guides.progress"), t("guides.step_of", n=step.number, total=total))
        name(self.words, words.text)
        upcoming = g.steps[self.index + 1].picture if not self.is_last else None
        self.drawing.set_picture(
            step.picture, t("guides.picture_desc", n=step.number, text=words.text), upcoming
        )
        self._texts = {
            "title": g.text(self.t.lang).title,
            "words": words.text,
            "tip": f"{t('guides.tip')}: {words.tip}" if words.tip else "",
            "warning": f"{t('guides.warning')}: {words.warning}" if words.warning else "",
            "explain": "\n".join(f"{e.question} {e.answer}" for e in words.explain),
            "done": t("guides.done") if self.is_last else "",
        }
        for box, key in ((self.tip, "tip"), (self.warning, "warning"), (self.explain, "explain")):
            name(box, self._texts[key])
        retext(self.speak, t("guides.read_aloud"), t("guides.read_aloud_desc"))
        retext(self.problems, t("guides.problems"), t("guides.problems_desc"))
        self.last.setVisible(self.is_last)
        retext(self.slip, t("guides.print_slip"), t("guides.print_slip_desc"))
        retext(self.volunteer, t("guides.ask_volunteer"), t("guides.ask_volunteer_desc"))
        retext(self.number, t("home.take_number"), t("home.take_number_desc"))
        back_key = "guides.back_overview" if self.index == 0 else "guides.back"
        self.nav.retranslate(self.t, "guides.finish" if self.is_last else "guides.next", back_key)
        self._apply_room()
        self._fit_offers()
        self._lay_out_words()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The column's width changed, or the offers' words or font did (they are measured
        # again once styled: a hidden button's first size is not its last).
        if (watched is self.column and event.type() == QEvent.Type.Resize) or (
            watched is self.last and event.type() == QEvent.Type.LayoutRequest
        ):
            self._fit_offers()
        return super().eventFilter(watched, event)

    def _fit_offers(self) -> None:
        """The last step's two offers side by side while their words fit the column (not
        at 125% in Vietnamese, say), else one above the other."""
        # Side by side each gets half the column (equal stretch): the wider one decides.
        need = 2 * max(self.slip.sizeHint().width(), self.volunteer.sizeHint().width())
        side = need + self.offers.spacing() <= self.column.width()
        direction = QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.TopToBottom
        if self.offers.direction() != direction:
            self.offers.setDirection(direction)

    def _lay_out_words(self, to: QLabel | None = None) -> None:
        """Give the pages their words; ``to``: turn to the page that shows that label."""
        texts = getattr(self, "_texts", None)
        if texts is None:
            return
        self.pager.set_items(
            [
                (self.guide_title, texts["title"] if self._room < 3 else ""),
                (self.speech_note, self._speech_text),
                (self.words, texts["words"]),
                (self.tip, texts["tip"]),
                (self.warning, texts["warning"]),
                (self.explain, texts["explain"]),
                (self.done, texts["done"]),
                (self.last_note, self._last_text),
            ]
        )
        if to is not None:
            self.pager.go_to_label(to)

    def _paged(self, pages: int) -> None:
        """Words first: while they need more than one page, the drawing gives up room."""
        if pages > 1 and self._room < 3:
            self._room += 1
            self._apply_room()
            lay = self.layout()
            if lay is not None:
                lay.activate()  # the new widths now, so the pages follow at once
            if self._room == 3:  # the guide's name, already on the overview, goes last
                self._lay_out_words()

    def _apply_room(self) -> None:
        scale = self.theme.look.text_scale
        drawing, words = ((3, 2 if scale < 150 else 3), (1, 3), (0, 1), (0, 1))[self._room]
        self.drawing.setVisible(drawing > 0)
        self.body.setStretchFactor(self.drawing, max(drawing, 1))
        self.body.setStretchFactor(self.column, words)

    @property
    def words_shown(self) -> str:
        """The step's words on the page shown now (all of them when they fit one page)."""
        return "\n".join(
            text for lab, text in self.pager.pages[self.pager.page] if lab is self.words
        )

    def next(self) -> None:
        if self.guide is None:
            return
        if self.is_last:
            self.finished.emit(self.guide.id)
        else:
            self.go(self.index + 1)

    def back(self) -> None:
        if self.index == 0:
            self.speaker.stop()
            self.to_overview.emit()
        else:
            self.go(self.index - 1)

    # -- reading aloud and the last step's offers ------------------------------------
    def read(self) -> None:
        if self.guide is None:
            return
        step = self.guide.steps[self.index]
        lang = step.lang_for(self.t.lang)
        message = read_aloud(self.speaker, self.t, step.texts[lang].spoken(), lang)
        self._show_speech_note(message)

    def _show_speech_note(self, message: str) -> None:
        self._speech_text = message
        name(self.speech_note, message)
        self._lay_out_words(self.speech_note if message else None)

    def _speech_trouble(self, lang: str) -> None:
        """Reading aloud failed after it began (the engine got stuck or has no voice)."""
        if self.isVisible() and self.guide is not None:
            self._show_speech_note(no_speech_message(self.speaker, self.t, lang))

    def _print_slip(self) -> None:
        assert self.guide is not None
        if self.isSignalConnected(QMetaMethod.fromSignal(self.print_slip)):
            self.print_slip.emit(self.guide.id)
        else:
            self.note(self.t.t("guides.no_printer"))

    def _ask_volunteer(self) -> None:
        assert self.guide is not None
        self.note(self.t.t("guides.volunteer_coming"))
        self.number.show()
        self.volunteer_requested.emit(self.guide.id)

    def note(self, text: str) -> None:
        """A calm line under the last step (the slip, a volunteer asked for), turned to."""
        self._last_text = text
        name(self.last_note, text)
        self._lay_out_words(self.last_note)

    def _restyle(self) -> None:
        self.setStyleSheet(style(self.theme))
        set_speaker_icon(self.speak, self.theme)
        self._room = 0
        self._apply_room()
        self._fit_offers()
        self._lay_out_words()

    def reset(self) -> None:
        self.guide = None
        self.index = 0
        self._speech_text = self._last_text = ""
        self._texts = None
        self.pager.set_items([])
