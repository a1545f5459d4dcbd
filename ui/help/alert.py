"""The volunteers' alert: who asked for help (which guide, which step, which language and
how long ago; never who), with one button to say "I am on my way"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.help import HelpRequest
from kiosk.i18n import LANGUAGE_NAMES, Translator
from ui.qt_events import listen
from ui.widgets.common import button, label, retext


class HelpAlert(QFrame):
    acknowledge = Signal(int)  # request id

    def __init__(
        self,
        translator: Translator,
        guide_title: Callable[[str, str], str],
        now: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("help_alert")
        self.setProperty("role", "warning")
        self.t, self.guide_title, self.now = translator, guide_title, now
        self.requests: list[HelpRequest] = []
        self.lay = QVBoxLayout(self)
        self.title = label(role="title")
        self.lay.addWidget(self.title)
        self.rows: list[QWidget] = []
        self.setVisible(False)
        listen(self, translator.changed, lambda _l: self.show_requests(self.requests))

    def show_requests(self, requests: list[HelpRequest]) -> None:
        self.requests = list(requests)
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        t = self.t.t
        self.title.setText(t("help.alert_title"))
        for r in self.requests:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            minutes = r.minutes_waiting(self.now())  # type: ignore[arg-type]
            when = t("help.asked_now") if minutes < 1 else t("help.asked_ago", minutes=minutes)
            text = label(
                t(
                    "help.alert_line",
                    when=when,
                    guide=self.guide_title(r.guide_id, self.t.lang),
                    step=r.step,
                    language=LANGUAGE_NAMES.get(r.language, r.language),
                )
            )
            text.setObjectName(f"help_request_{r.id}")
            go = button("", role="accent", object_name=f"help_ack_{r.id}")
            retext(go, t("help.acknowledge"), t("help.acknowledge_desc"))
            go.clicked.connect(lambda _=False, rid=r.id: self.acknowledge.emit(rid))
            line.addWidget(text, 1)
            line.addWidget(go)
            self.lay.addWidget(row)
            self.rows.append(row)
        self.setVisible(bool(self.requests))
