"""A guide's first screen: what you will be able to do, what to bring, how long it takes,
then Start. Common problems and reading aloud are one tap away."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.guides import Guide
from kiosk.i18n import Translator, translate
from ui.guides.widgets import (
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


class OverviewScreen(QWidget):
    start = Signal()
    back = Signal()
    home = Signal()
    to_problems = Signal()

    def __init__(
        self,
        translator: Translator,
        speaker: Speaker,
        theme: Theme,
        read_aloud_state: Callable[[], bool],
        set_read_aloud: Callable[[bool], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guide_overview")
        self.t, self.speaker, self.theme = translator, speaker, theme
        self.read_aloud_state, self.set_read_aloud = read_aloud_state, set_read_aloud
        self.guide: Guide | None = None

        outer = QVBoxLayout(self)
        # The words on one side, a page at a time (More / Previous, never a scrollbar);
        # Read aloud, Read every step aloud and Common problems always in view beside them.
        body = QHBoxLayout()
        self.pager = PagedText(translator, "overview_text")
        self.pager.setObjectName("overview_text_pages")
        self.title = self.pager.add_label(label(role="title"))
        self.title.setObjectName("guide_title")
        self.speech_note = self.pager.add_label(label())
        self.speech_note.setProperty("guide", "message")
        self.speech_note.setObjectName("overview_speech_note")
        self.can_do_head = self.pager.add_label(self._heading())
        self.can_do = self.pager.add_label(label())
        self.bring_head = self.pager.add_label(self._heading())
        self.bring = self.pager.add_label(label())
        self.how_long_head = self.pager.add_label(self._heading())
        self.how_long = self.pager.add_label(label())
        self.checked = self.pager.add_label(label(role="muted"))
        body.addWidget(self.pager, 1)
        actions = QVBoxLayout()
        self.speak = speak_button("overview_speak")
        self.speak.clicked.connect(self.read)
        speaker.trouble.connect(self._speech_trouble)
        self.always = button("", object_name="overview_always_read")
        self.always.setCheckable(True)
        self.always.toggled.connect(self._always_toggled)
        self.problems = button("", object_name="overview_problems")
        self.problems.clicked.connect(self.to_problems)
        for w in (self.speak, self.always, self.problems):
            actions.addWidget(w)
        actions.addStretch(1)
        body.addLayout(actions)  # as wide as its words need; the text has the rest
        outer.addLayout(body, 1)
        self._speech_text = ""
        self.nav = NavBar()
        self.nav.back.clicked.connect(self.back)
        self.nav.home.clicked.connect(self.home)
        self.nav.next.clicked.connect(self.start)
        outer.addWidget(self.nav)
        order = (
            self.speak,
            self.always,
            self.problems,
            self.pager.bar.previous,
            self.pager.bar.more,
            self.nav.back,
            self.nav.home,
            self.nav.next,
        )
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)
        listen(self, translator.changed, lambda _lang: self._language_changed())
        theme.changed.connect(self._restyle)
        self._restyle()

    _texts: list | None = None

    def _heading(self) -> QLabel:
        head = label()
        head.setProperty("guide", "heading")
        return head

    def open(self, guide: Guide) -> None:
        self.guide = guide
        self._speech_text = ""
        self.refresh()
        self.nav.next.setFocus()

    def refresh(self) -> None:
        g = self.guide
        if g is None:
            return
        t = self.t.t
        text = g.text(self.t.lang)
        self._texts = [
            (self.title, text.title),
            (self.speech_note, ""),
            (self.can_do_head, t("guides.can_do")),
            (self.can_do, text.can_do),
            (self.bring_head, t("guides.bring")),
            (self.bring, "\n".join(f"• {item}" for item in text.bring)),
            (self.how_long_head, t("guides.how_long")),
            (self.how_long, t("guides.minutes", minutes=g.minutes)),
            (self.checked, provenance_line(g, t)),
        ]
        for w, words in self._texts:
            name(w, words)
        retext(self.speak, t("guides.read_aloud"), t("guides.read_overview_desc"))
        retext(self.always, t("guides.always_read"), t("guides.always_read_desc"))
        self.always.blockSignals(True)
        self.always.setChecked(self.read_aloud_state())
        self.always.blockSignals(False)
        retext(self.problems, t("guides.problems"), t("guides.problems_desc"))
        self.nav.retranslate(self.t, "guides.start", "guides.back_home")
        self._lay_out_words()

    def _lay_out_words(self, to_note: bool = False) -> None:
        texts = getattr(self, "_texts", None)
        if texts is None:
            return
        items = [(w, self._speech_text if w is self.speech_note else s) for w, s in texts]
        self.pager.set_items(items)
        if to_note and self._speech_text:
            self.pager.go_to_label(self.speech_note)

    def _show_speech_note(self, message: str) -> None:
        self._speech_text = message
        name(self.speech_note, message)
        self._lay_out_words(to_note=True)

    def spoken(self) -> tuple[str, str]:
        """What the speaker button reads, and the language it is written in."""
        assert self.guide is not None
        lang = self.guide.lang_for(self.t.lang)
        text = self.guide.texts[lang]
        parts = [
            text.title,
            translate("guides.can_do", lang) + ":",
            text.can_do,
            translate("guides.bring", lang) + ":",
            *text.bring,
            translate("guides.minutes", lang, minutes=self.guide.minutes),
        ]
        return " ".join(parts), lang

    def read(self) -> None:
        if self.guide is None:
            return
        text, lang = self.spoken()
        self._show_speech_note(read_aloud(self.speaker, self.t, text, lang))

    def _speech_trouble(self, lang: str) -> None:
        """Reading aloud failed after it began (the engine got stuck or has no voice)."""
        if self.isVisible() and self.guide is not None:
            self._show_speech_note(no_speech_message(self.speaker, self.t, lang))

    def _always_toggled(self, on: bool) -> None:
        self.set_read_aloud(on)
        if on:
            self.read()

    def _language_changed(self) -> None:
        self.speaker.stop()
        self._speech_text = ""
        self.refresh()

    def _restyle(self) -> None:
        self.setStyleSheet(style(self.theme))
        set_speaker_icon(self.speak, self.theme)
        self._lay_out_words()

    def reset(self) -> None:
        self.guide = None
        self._speech_text = ""
        self._texts = None
        self.pager.set_items([])


def provenance_line(guide: Guide, t: Callable[..., str]) -> str:
    """When a person last tried the steps on a phone, or else how old their sources are."""
    if guide.field_checked is not None:
        return t("guides.checked", date=guide.field_checked.strftime("%d/%m/%Y"))
    newest = guide.sources_date
    return t("guides.sources_dated", date=newest.strftime("%d/%m/%Y")) if newest else ""
