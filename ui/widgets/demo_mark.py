"""The calm "Demo" mark the demo kiosk shows on every screen, so no one mistakes it for
a real point (its volunteers, queue and visits are samples)."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from kiosk.i18n import Translator
from ui.qt_events import listen
from ui.widgets.common import label, name


def add_demo_mark(top_bar: QWidget, translator: Translator) -> QLabel:
    """Put the mark in the bar on top of every screen, just before the volunteer door."""
    mark = label(role="warning", wrap=False)
    mark.setObjectName("demo_mark")

    def retranslate(_lang: str | None = None) -> None:
        mark.setText(translator.t("demo.mark"))
        name(mark, translator.t("demo.mark"), translator.t("demo.mark_desc"))

    listen(mark, translator.changed, retranslate)
    retranslate()
    lay = top_bar.layout()
    assert isinstance(lay, QBoxLayout)
    lay.insertWidget(max(0, lay.count() - 1), mark)
    return mark
