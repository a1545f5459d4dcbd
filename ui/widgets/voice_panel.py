"""For volunteers: which voice reads each language on this laptop, with a *Test* button,
and whether reading aloud works now (starting, paused after a problem, off)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.i18n import Translator, translate
from ui.qt_events import listen
from ui.speech import Speaker
from ui.widgets.common import button, label, retext


class VoicePanel(QWidget):
    def __init__(
        self,
        translator: Translator,
        speaker: Speaker,
        languages: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("voice_panel")
        self.t, self.speaker, self.languages = translator, speaker, languages
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading = label(role="title")
        self.status = label()
        self.status.setObjectName("voice_status")
        lay.addWidget(self.heading)
        lay.addWidget(self.status)
        grid = QGridLayout()
        self.voice_labels = {}
        self.tests = {}
        for row, lang in enumerate(languages):
            lab = label()
            lab.setObjectName(f"voice_{lang}")
            test = button("", object_name=f"voice_test_{lang}")
            test.clicked.connect(lambda _=False, lang=lang: self.test(lang))
            grid.addWidget(lab, row, 0)
            grid.addWidget(test, row, 1)
            self.voice_labels[lang], self.tests[lang] = lab, test
        grid.setColumnStretch(0, 1)
        lay.addLayout(grid)
        speaker.status_changed.connect(self.refresh)
        speaker.start()  # usually already loaded since the kiosk started
        listen(self, translator.changed, lambda _l: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        t, sp = self.t.t, self.speaker
        self.heading.setText(t("settings.speech.heading"))
        status = {
            "off": t("settings.speech.off"),
            "loading": t("settings.speech.loading"),
            "broken": t("settings.speech.broken", problem=sp.problem),
            "ready": t("settings.speech.engine", engine=sp.engine),
        }.get(sp.state, "")
        self.status.setText(status)
        self.status.setVisible(bool(status))
        for lang in self.languages:
            language = t(f"guides.lang_{lang}")
            v = sp.voice_for(lang)
            self.voice_labels[lang].setText(
                t("settings.speech.voice", language=language, voice=f"{v.name} ({v.locale})")
                if v
                else t("settings.speech.no_voice", language=language)
            )
            retext(
                self.tests[lang],
                t("settings.speech.test"),
                t("settings.speech.test_desc", language=language),
            )
            self.tests[lang].setEnabled(sp.state != "off")

    def use(self, voices: dict[str, str]) -> None:
        """Voice names saved in the settings: the engine restarts with them."""
        self.speaker.set_voices(voices)
        self.refresh()

    def test(self, lang: str) -> bool:
        """Read a short sentence in ``lang`` (starting the engine if it is not yet)."""
        said = self.speaker.say(translate("settings.speech.sample", lang), lang)
        self.refresh()
        return said
