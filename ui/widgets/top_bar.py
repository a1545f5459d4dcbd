"""The bar on every screen: home, text size, contrast, language, and the volunteer door."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.citizen import CitizenSession
from kiosk.i18n import LANGUAGE_NAMES
from ui.qt_events import listen
from ui.widgets.common import button, name, retext

# Kept left to right inside an isolate (LRI … PDI): in a right-to-left bar the "+" would
# otherwise follow the bar's direction and show as "+A".
SMALLER_TEXT = "\u2066A−\u2069"
BIGGER_TEXT = "\u2066A+\u2069"


class TopBar(QWidget):
    home_requested = Signal()
    staff_requested = Signal()

    def __init__(
        self, session: CitizenSession, languages: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("top_bar")
        self.session = session
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        self.home = button("", object_name="bar_home")
        self.home.clicked.connect(self.home_requested)
        self.smaller = button(SMALLER_TEXT, object_name="bar_smaller")
        self.smaller.clicked.connect(lambda: session.set_text_scale(session.text_scale - 25))
        self.bigger = button(BIGGER_TEXT, object_name="bar_bigger")
        self.bigger.clicked.connect(lambda: session.set_text_scale(session.text_scale + 25))
        self.contrast = button("◐", object_name="bar_contrast")
        self.contrast.setCheckable(True)
        self.contrast.show_check_mark = False  # type: ignore[attr-defined]
        self.contrast.toggled.connect(session.set_high_contrast)
        for w in (self.home, self.smaller, self.bigger, self.contrast):
            lay.addWidget(w)
        lay.addStretch(1)
        # No QButtonGroup: in one, Qt makes only the selected language a Tab stop and an
        # arrow key switches language as it moves the focus. Here every language is a Tab
        # stop, arrows only move the focus, Enter or Space switches, and sync() keeps
        # exactly one selected.
        self.lang_buttons: dict[str, QPushButton] = {}
        for code in languages:
            b = button(LANGUAGE_NAMES[code], object_name=f"lang_{code}")
            b.setCheckable(True)
            # The bar is tight at 200%: the selected language is shown by its outline.
            b.show_check_mark = False  # type: ignore[attr-defined]
            b.setLocale(b.locale())
            b.clicked.connect(lambda _=False, c=code: self._choose_language(c))
            self.lang_buttons[code] = b
            lay.addWidget(b)
        lay.addStretch(1)
        self.staff = button("", object_name="bar_staff")
        self.staff.clicked.connect(self.staff_requested)
        lay.addWidget(self.staff)
        listen(self, session.translator.changed, lambda _lang: self.retranslate())
        listen(self, session.look_changed, lambda _look: self.sync())
        self.retranslate()

    def _choose_language(self, code: str) -> None:
        self.session.translator.set_language(code)
        self.sync()  # the current language stays selected when tapped again

    def retranslate(self) -> None:
        t = self.session.translator.t
        retext(self.home, t("bar.home"), t("bar.home_desc"))
        pct = self.session.text_scale
        name(self.smaller, t("bar.text_smaller"), t("bar.text_size_desc", percent=pct))
        name(self.bigger, t("bar.text_bigger"), t("bar.text_size_desc", percent=pct))
        name(self.contrast, t("bar.contrast"), t("bar.contrast_desc"))
        for code, b in self.lang_buttons.items():
            name(b, LANGUAGE_NAMES[code], t("bar.language_desc", name=LANGUAGE_NAMES[code]))
        retext(self.staff, t("bar.staff"), t("bar.staff_desc"))
        self.sync()

    def sync(self) -> None:
        s = self.session
        self.smaller.setEnabled(s.text_scale > 100)
        self.bigger.setEnabled(s.text_scale < 200)
        t = s.translator.t
        for b in (self.smaller, self.bigger):
            b.setAccessibleDescription(t("bar.text_size_desc", percent=s.text_scale))
        self.contrast.blockSignals(True)
        self.contrast.setChecked(s.high_contrast)
        self.contrast.blockSignals(False)
        for code, b in self.lang_buttons.items():
            b.setChecked(code == s.lang)

    def set_staff_visible(self, visible: bool) -> None:
        self.staff.setVisible(visible)
