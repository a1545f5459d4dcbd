"""The volunteer-only settings screen: every option of the settings file, checked before
it is saved, with the problem named by key."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk import settings as settings_mod
from kiosk.i18n import Translator
from kiosk.settings import OPTIONS, SECTIONS, Settings
from ui.qt_events import listen
from ui.speech import Speaker
from ui.widgets.common import button, label, name, retext, scroll


class SettingsScreen(QWidget):
    saved = Signal(list)  # the keys that changed

    def __init__(
        self,
        translator: Translator,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        speaker: Speaker | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.t = translator
        self.settings = settings
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        lay.addWidget(self.title)
        body = QWidget()
        form_box = QVBoxLayout(body)
        self.fields: dict[str, QWidget] = {}
        self.section_labels: dict[str, Any] = {}
        self.option_labels: dict[str, Any] = {}
        for section in SECTIONS:
            head = label(role="title")
            self.section_labels[section] = head
            form_box.addWidget(head)
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for o in (o for o in OPTIONS if o.section == section):
                w = self._editor(o.default)
                w.setObjectName(f"setting_{o.name}")
                name(w, o.name, o.doc)
                w.setToolTip(o.doc)
                self.fields[o.name] = w
                lab = label()
                lab.setBuddy(w)
                self.option_labels[o.name] = lab
                form.addRow(lab, w)
            form_box.addLayout(form)
            if section == "speech" and speaker is not None:
                from ui.widgets.voice_panel import VoicePanel

                self.voices = VoicePanel(translator, speaker, list(settings["display.languages"]))
                form_box.addWidget(self.voices)
        lay.addWidget(scroll(body), 1)
        self.message = label()
        self.message.setVisible(False)
        lay.addWidget(self.message)
        self.save = button("", role="accent", object_name="settings_save")
        self.save.clicked.connect(self.save_clicked)
        lay.addWidget(self.save)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()
        self.load(settings)

    @staticmethod
    def _editor(default: Any) -> QWidget:
        if isinstance(default, bool):
            return QCheckBox()
        if isinstance(default, int):
            w = QSpinBox()
            w.setRange(0, 100000)
            return w
        if isinstance(default, float):
            box = QDoubleSpinBox()
            box.setRange(-1.0, 1.0)
            box.setSingleStep(0.1)
            return box
        return QLineEdit()

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("settings.title"))
        for section, head in self.section_labels.items():
            head.setText(t(f"settings.section_{section}"))
        for key, lab in self.option_labels.items():
            text = t(f"settings.label.{key}")
            lab.setText(f"{text} ({key})")
            self.fields[key].setAccessibleName(text)
        retext(self.save, t("settings.save"), t("settings.save_desc"))

    def load(self, settings: Settings) -> None:
        self.settings = settings
        for key, w in self.fields.items():
            v = settings[key]
            if isinstance(w, QCheckBox):
                w.setChecked(bool(v))
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                w.setValue(v)
            elif isinstance(w, QLineEdit):
                w.setText(", ".join(v) if isinstance(v, list) else str(v))

    def values(self) -> Settings:
        changes: dict[str, Any] = {}
        for key, w in self.fields.items():
            default = settings_mod.OPTIONS_BY_NAME[key].default
            if isinstance(w, QCheckBox):
                v: Any = w.isChecked()
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                v = w.value()
            else:
                text = w.text().strip()  # type: ignore[attr-defined]
                v = (
                    [x.strip() for x in text.split(",") if x.strip()]
                    if isinstance(default, list)
                    else text
                )
            changes[key.replace(".", "__")] = v
        return self.settings.replace(**changes)

    def save_clicked(self) -> None:
        new = self.values()
        problems = new.validate()
        if problems:
            self._say(self.t.t("settings.invalid", problem=problems[0].text(self.t.lang)), "error")
            w = self.fields.get(problems[0].key)
            if w is not None:
                w.setFocus()
            return
        try:
            settings_mod.save(new)
        except OSError as exc:
            self._say(self.t.t("settings.invalid", problem=str(exc)), "error")
            return
        changed = [k for k in new.values if new[k] != self.settings[k]]
        self.settings = new
        voices = getattr(self, "voices", None)
        if voices is not None and any(k.startswith("speech.voice_") for k in changed):
            voices.use({lang: new[f"speech.voice_{lang}"] for lang in ("vi", "en", "ar")})
        self._say(self.t.t("settings.saved"), "warning")
        self.saved.emit(changed)

    def _say(self, text: str, role: str) -> None:
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(True)

    def reset(self) -> None:
        self.message.setVisible(False)
        self.load(self.settings)
