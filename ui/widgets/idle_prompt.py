"""The large "I am still here" prompt with its countdown, laid over the whole window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.widgets.common import button, label, retext


class IdlePrompt(QFrame):
    still_here = Signal()

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idle_prompt")
        self.setProperty("role", "card")
        self.t = translator
        self.seconds = 0
        lay = QVBoxLayout(self)
        lay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(role="title")
        self.body = label()
        self.button = button("", role="accent", object_name="idle_still_here")
        self.button.clicked.connect(self.still_here)
        for w in (self.title, self.body, self.button):
            lay.addWidget(w)
        self.hide()

    def show_countdown(self, seconds: int) -> None:
        self.seconds = seconds
        t = self.t.t
        self.title.setText(t("idle.title"))
        self.body.setText(t("idle.body", seconds=seconds))
        retext(self.button, t("idle.still_here"), t("idle.still_here_desc"))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        if not self.isVisible():
            self.show()
            self.raise_()
            self.button.setFocus()
