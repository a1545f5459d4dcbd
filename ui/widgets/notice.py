"""A calm message laid over the window when something could not be done: what happened,
that nothing saved was lost, and what to do next. One tap closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.widgets.common import button, label, retext


class Notice(QFrame):
    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setProperty("role", "card")
        self.t = translator
        lay = QVBoxLayout(self)
        lay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(role="title")
        self.title.setObjectName("notice_title")
        self.body = label()
        self.body.setObjectName("notice_body")
        self.button = button("", role="accent", object_name="notice_close")
        self.button.clicked.connect(self.hide)
        for w in (self.title, self.body, self.button):
            lay.addWidget(w)
        self.hide()

    def show_message(self, text: str) -> None:
        t = self.t.t
        self.title.setText(t("notice.title"))
        self.body.setText(text)
        retext(self.button, t("notice.close"), t("notice.close_desc"))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.button.setFocus()
