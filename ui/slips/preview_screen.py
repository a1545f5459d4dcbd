"""A slip on screen for volunteers: the same PDF that is printed, rendered to pictures."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.qt_events import listen
from ui.widgets.common import button, label, name, retext, scroll


class SlipPreviewScreen(QWidget):
    back = Signal()

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slip_preview")
        self.t = translator
        self.ticket = ""
        self.pages: list[QLabel] = []
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        self.none = label(role="warning")
        self.none.setVisible(False)
        lay.addWidget(self.title)
        lay.addWidget(self.none)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.addStretch(1)
        self.area = scroll(body)
        self.area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys scroll the slip
        lay.addWidget(self.area, 1)
        self.back_button = button("", object_name="slip_preview_back")
        self.back_button.clicked.connect(self.back)
        lay.addWidget(self.back_button)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def show_pages(self, ticket: str, pngs: list[bytes]) -> None:
        self.ticket = ticket
        for p in self.pages:
            p.setParent(None)
            p.deleteLater()
        self.pages = []
        for png in pngs:
            pix = QPixmap()
            pix.loadFromData(png, "PNG")
            page = QLabel()
            page.setPixmap(pix)
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.body.insertWidget(self.body.count() - 1, page)
            self.pages.append(page)
        self.none.setVisible(not pngs)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.t.t
        title = t("slips.ui.preview_title", ticket=self.ticket)
        self.title.setText(title)
        self.none.setText(t("slips.ui.preview_none"))
        for i, page in enumerate(self.pages, 1):
            name(page, f"{title} ({i}/{len(self.pages)})")
        name(self.area, title)
        retext(self.back_button, t("slips.ui.back"), t("slips.ui.back_desc"))
