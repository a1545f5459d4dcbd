"""A guide's common problems and what to do about each; Back returns to where the citizen
came from (the overview or the step they were on)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.guides import Guide
from kiosk.i18n import Translator
from ui.guides.widgets import style
from ui.qt_events import listen
from ui.theme import Theme
from ui.widgets.common import button, label, name, retext
from ui.widgets.pager import PagedText


class ProblemsScreen(QWidget):
    back = Signal()
    home = Signal()

    def __init__(self, translator: Translator, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_problems_screen")
        self.t, self.theme = translator, theme
        self.guide: Guide | None = None
        outer = QVBoxLayout(self)
        self.pager = PagedText(translator, "problems_text")  # pages, never a scrollbar
        self.pager.setObjectName("problems_pages")
        self.title = self.pager.add_label(label(role="title"))  # pages with the rest
        outer.addWidget(self.pager, 1)
        row = QHBoxLayout()
        self.back_button = button("", object_name="problems_back")
        self.back_button.clicked.connect(self.back)
        self.home_button = button("", object_name="problems_home")
        self.home_button.clicked.connect(self.home)
        row.addWidget(self.back_button, 2)
        row.addWidget(self.home_button, 2)
        row.addStretch(4)
        outer.addLayout(row)
        listen(self, translator.changed, lambda _lang: self.refresh())
        theme.changed.connect(self._restyle)
        self.setStyleSheet(style(theme))

    @property
    def labels(self) -> list[QLabel]:
        """The problems and their fixes, in order (on whichever page each is)."""
        return [lab for lab in self.pager.labels if lab is not self.title]

    def _restyle(self) -> None:
        self.setStyleSheet(style(self.theme))
        self.pager.paginate(self.pager.page)

    def open(self, guide: Guide) -> None:
        self.guide = guide
        self.refresh()
        self.back_button.setFocus()

    def refresh(self) -> None:
        t = self.t.t
        retext(self.back_button, t("guides.back"), t("guides.problems_back_desc"))
        retext(self.home_button, t("guides.home"), t("guides.home_desc"))
        self.pager.clear_labels(keep=(self.title,))
        if self.guide is None:
            return
        title = t("guides.problems_title", title=self.guide.text(self.t.lang).title)
        name(self.title, title)
        items = [(self.title, title)]
        for n, problem in enumerate(self.guide.problems, 1):
            text = problem.text(self.t.lang)
            head = label(f"{n}. {text.problem}")
            head.setProperty("guide", "heading")
            fix = label(f"{t('guides.fix')}: {text.fix}")
            fix.setProperty("guide", "tip")
            for lab in (head, fix):
                name(lab, lab.text())
                self.pager.add_label(lab)
                items.append((lab, lab.text()))
        self.pager.set_items(items)

    def reset(self) -> None:
        self.guide = None
        self.refresh()
