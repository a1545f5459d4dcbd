"""A guide's common problems and what to do about each; Back returns to where the citizen
came from (the overview or the step they were on)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.guides import Guide
from kiosk.i18n import Translator
from ui.guides.widgets import style
from ui.qt_events import listen
from ui.theme import Theme
from ui.widgets.common import button, label, name, retext, scroll


class ProblemsScreen(QWidget):
    back = Signal()
    home = Signal()

    def __init__(self, translator: Translator, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_problems_screen")
        self.t, self.theme = translator, theme
        self.guide: Guide | None = None
        outer = QVBoxLayout(self)
        self.title = label(role="title")
        outer.addWidget(self.title)
        body = QWidget()
        self.list = QVBoxLayout(body)
        self.list.addStretch(1)
        self.area = scroll(body)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.area, 1)
        row = QHBoxLayout()
        self.back_button = button("", object_name="problems_back")
        self.back_button.clicked.connect(self.back)
        self.home_button = button("", object_name="problems_home")
        self.home_button.clicked.connect(self.home)
        row.addWidget(self.back_button, 2)
        row.addWidget(self.home_button, 2)
        row.addStretch(4)
        outer.addLayout(row)
        self.labels: list = []
        listen(self, translator.changed, lambda _lang: self.refresh())
        theme.changed.connect(lambda: self.setStyleSheet(style(self.theme)))
        self.setStyleSheet(style(theme))

    def open(self, guide: Guide) -> None:
        self.guide = guide
        self.refresh()
        self.area.verticalScrollBar().setValue(0)
        self.back_button.setFocus()

    def refresh(self) -> None:
        t = self.t.t
        retext(self.back_button, t("guides.back"), t("guides.problems_back_desc"))
        retext(self.home_button, t("guides.home"), t("guides.home_desc"))
        for lab in self.labels:
            lab.setParent(None)
            lab.deleteLater()
        self.labels = []
        if self.guide is None:
            return
        self.title.setText(t("guides.problems_title", title=self.guide.text(self.t.lang).title))
        for n, problem in enumerate(self.guide.problems, 1):
            text = problem.text(self.t.lang)
            head = label(f"{n}. {text.problem}")
            head.setProperty("guide", "heading")
            fix = label(f"{t('guides.fix')}: {text.fix}")
            fix.setProperty("guide", "tip")
            for lab in (head, fix):
                name(lab, lab.text())
                self.list.insertWidget(self.list.count() - 1, lab)
                self.labels.append(lab)

    def reset(self) -> None:
        self.guide = None
        self.refresh()
