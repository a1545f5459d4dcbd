"""One step of a guide: the drawing large, the words large, "Step 3 of 7", a progress bar,
tip and warning boxes, a big speaker button, and Back / Home / Next at fixed places.
The last step offers "Print my slip" and "Ask a volunteer".

Keys: Left/Right are Back/Next (mirrored for right-to-left), Up/Down and Page Up/Down
scroll the words, Tab goes through every button, Enter or Space presses it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaMethod, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSlider,
    QHBoxLayout,
    QLabel,
    QProgressBar,
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
from ui.widgets.common import button, label, name, retext, scroll


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
        head = QHBoxLayout()
        self.step_of = label(role="", wrap=True)
        self.step_of.setProperty("guide", "step_of")
        self.progress = QProgressBar()
        self.progress.setObjectName("guide_progress")
        self.progress.setTextVisible(False)
        head.addWidget(self.step_of, 2)
        head.addWidget(self.progress, 3)
        outer.addLayout(head)

        self.body = body = QHBoxLayout()
        self.drawing = Drawing()
        body.addWidget(self.drawing, 3)
        column = QWidget()
        col = QVBoxLayout(column)
        col.setContentsMargins(0, 0, 0, 0)
        self.guide_title = label(role="muted")
        self.speak = speak_button("guide_speak")
        self.speak.clicked.connect(self.read)
        speaker.trouble.connect(self._speech_trouble)
        self.speech_note = self._box("message", "guide_speech_note")
        self.words = label()
        self.words.setObjectName("guide_words")
        self.words.setProperty("guide", "words")
        self.tip = self._box("tip", "guide_tip")
        self.warning = self._box("warning", "guide_warning")
        self.explain = self._box("tip", "guide_explain")
        self.last = QWidget()
        last = QVBoxLayout(self.last)
        last.setContentsMargins(0, 0, 0, 0)
        self.done = label()
        self.done.setProperty("guide", "heading")
        self.slip = button("", object_name="guide_print_slip")
        self.slip.clicked.connect(self._print_slip)
        self.volunteer = button("", object_name="guide_ask_volunteer")
        self.volunteer.clicked.connect(self._ask_volunteer)
        self.last_note = self._box("message", "guide_last_note")
        self.number = button("", object_name="guide_take_number")
        self.number.clicked.connect(self.take_number)
        self.number.hide()
        for part in (self.done, self.slip, self.volunteer, self.last_note, self.number):
            last.addWidget(part)
        self.problems = button("", object_name="guide_problems")
        self.problems.clicked.connect(self.to_problems)
        for w in (
            self.guide_title,
            self.speak,
            self.speech_note,
            self.words,
            self.tip,
            self.warning,
            self.explain,
            self.last,
            self.problems,
        ):
            col.addWidget(w)
        col.addStretch(1)
        self.text_area = scroll(column)
        self.text_area.setObjectName("guide_text_area")
        self.text_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.text_area, 2)
        outer.addLayout(body, 1)

        self.nav = NavBar()
        self.nav.back.clicked.connect(self.back)
        self.nav.home.clicked.connect(self.home)
        self.nav.next.clicked.connect(self.next)
        outer.addWidget(self.nav)
        order = (
            self.speak,
            self.slip,
            self.volunteer,
            self.number,
            self.problems,
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
        bar = self.text_area.verticalScrollBar()
        act = QAbstractSlider.SliderAction

        def scroller(action: QAbstractSlider.SliderAction) -> Callable[[], None]:
            return lambda: bar.triggerAction(action)

        for key, fn in (
            (Qt.Key.Key_Left, lambda: self._arrow(forward=self.t.rtl)),
            (Qt.Key.Key_Right, lambda: self._arrow(forward=not self.t.rtl)),
            (Qt.Key.Key_Up, scroller(act.SliderSingleStepSub)),
            (Qt.Key.Key_Down, scroller(act.SliderSingleStepAdd)),
            (Qt.Key.Key_PageUp, scroller(act.SliderPageStepSub)),
            (Qt.Key.Key_PageDown, scroller(act.SliderPageStepAdd)),
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
        self.speech_note.hide()
        self.last_note.hide()
        self.number.hide()
        self.refresh()
        self.text_area.verticalScrollBar().setValue(0)
        self.nav.next.setFocus()
        step = self.guide.steps[self.index]
        self.shown.emit(self.guide.id, step.number, step.lang_for(self.t.lang))
        if self.read_aloud_always():
            self.read()

    def _language_changed(self) -> None:
        self.speaker.stop()
        for note in (self.speech_note, self.last_note, self.number):
            note.hide()
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
        self.guide_title.setText(g.text(self.t.lang).title)
        self.words.setText(words.text)
        name(self.words, words.text)
        upcoming = g.steps[self.index + 1].picture if not self.is_last else None
        self.drawing.set_picture(
            step.picture, t("guides.picture_desc", n=step.number, text=words.text), upcoming
        )
        for box, text, key in (
            (self.tip, words.tip, "guides.tip"),
            (self.warning, words.warning, "guides.warning"),
        ):
            box.setVisible(bool(text))
            box.setText(f"{t(key)}: {text}" if text else "")
            name(box, box.text())
        explained = "\n".join(f"{e.question} {e.answer}" for e in words.explain)
        self.explain.setVisible(bool(explained))
        self.explain.setText(explained)
        name(self.explain, explained)
        retext(self.speak, t("guides.read_aloud"), t("guides.read_aloud_desc"))
        retext(self.problems, t("guides.problems"), t("guides.problems_desc"))
        self.last.setVisible(self.is_last)
        self.done.setText(t("guides.done"))
        retext(self.slip, t("guides.print_slip"), t("guides.print_slip_desc"))
        retext(self.volunteer, t("guides.ask_volunteer"), t("guides.ask_volunteer_desc"))
        retext(self.number, t("home.take_number"), t("home.take_number_desc"))
        back_key = "guides.back_overview" if self.index == 0 else "guides.back"
        self.nav.retranslate(self.t, "guides.finish" if self.is_last else "guides.next", back_key)

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
        self.speech_note.setText(message)
        name(self.speech_note, message)
        self.speech_note.setVisible(bool(message))

    def _speech_trouble(self, lang: str) -> None:
        """Reading aloud failed after it began (the engine got stuck or has no voice)."""
        if self.isVisible() and self.guide is not None:
            message = no_speech_message(self.speaker, self.t, lang)
            self.speech_note.setText(message)
            name(self.speech_note, message)
            self.speech_note.setVisible(True)

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
        """A calm line under the last step (the slip, a volunteer asked for)."""
        self.last_note.setText(text)
        name(self.last_note, text)
        self.last_note.show()
        self.text_area.ensureWidgetVisible(self.last_note)

    def _restyle(self) -> None:
        self.setStyleSheet(style(self.theme))
        set_speaker_icon(self.speak, self.theme)
        # Larger words get more of the width; the drawing stays large enough to read.
        scale = self.theme.look.text_scale
        self.body.setStretchFactor(self.text_area, 2 if scale < 150 else 3)

    def reset(self) -> None:
        self.guide = None
        self.index = 0
        self.speech_note.hide()
        self.last_note.hide()
