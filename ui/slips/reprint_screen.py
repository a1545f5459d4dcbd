"""Volunteers' slip screen: today's slips that did not print, each with Reprint and
Preview, and a preview of the latest slip."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from kiosk.slips import FailedSlip, PrintOutcome
from kiosk.slips.content import HANOI
from ui.qt_events import listen
from ui.widgets.common import button, label, retext, scroll


class SlipReprintScreen(QWidget):
    reprint_requested = Signal(int)  # visit id
    preview_requested = Signal(int)  # visit id
    preview_latest = Signal()
    back = Signal()

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slips")
        self.t = translator
        self.failed: list[FailedSlip] = []
        self.rows: dict[int, QFrame] = {}
        self.status_text = ""
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        self.status = label(role="warning")
        self.status.setObjectName("slips_status")
        self.status.setVisible(False)
        self.empty = label()
        self.empty.setObjectName("slips_empty")
        lay.addWidget(self.title)
        lay.addWidget(self.status)
        lay.addWidget(self.empty)
        body = QWidget()
        self.list = QVBoxLayout(body)
        self.list.addStretch(1)
        lay.addWidget(scroll(body), 1)
        bar = QHBoxLayout()
        self.latest = button("", object_name="slips_preview_latest")
        self.latest.clicked.connect(self.preview_latest)
        self.back_button = button("", object_name="slips_back")
        self.back_button.clicked.connect(self.back)
        bar.addWidget(self.latest)
        bar.addWidget(self.back_button)
        lay.addLayout(bar)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def show_failed(self, failed: list[FailedSlip]) -> None:
        self.failed = failed
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()
        for f in failed:
            self.rows[f.visit_id] = self._row(f)
            self.list.insertWidget(self.list.count() - 1, self.rows[f.visit_id])
        self.retranslate()

    def _row(self, f: FailedSlip) -> QFrame:
        row = QFrame()
        row.setProperty("role", "card")
        row.setObjectName(f"slip_row_{f.visit_id}")
        lay = QHBoxLayout(row)
        text = label()
        text.setObjectName("text")
        again = button("", role="accent", object_name="reprint")
        again.clicked.connect(lambda: self.reprint_requested.emit(f.visit_id))
        look = button("", object_name="preview")
        look.clicked.connect(lambda: self.preview_requested.emit(f.visit_id))
        lay.addWidget(text, 1)
        lay.addWidget(again)
        lay.addWidget(look)
        return row

    def show_result(self, outcome: PrintOutcome) -> None:
        """Say how a reprint went; a printed slip leaves the list."""
        t = self.t.t
        if outcome.ok:
            self.status_text = t("slips.ui.reprint_ok", ticket=outcome.ticket)
            self.show_failed([f for f in self.failed if f.visit_id != outcome.visit_id])
        else:
            self.status_text = t(
                "slips.ui.reprint_failed", ticket=outcome.ticket, error=outcome.message(self.t.lang)
            )
        self.status.setText(self.status_text)
        self.status.setVisible(True)

    def show_message(self, text: str) -> None:
        self.status_text = text
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("slips.ui.list_title"))
        self.empty.setText(t("slips.ui.list_empty"))
        self.empty.setVisible(not self.failed)
        retext(self.latest, t("slips.ui.preview_last"), t("slips.ui.preview_last_desc"))
        retext(self.back_button, t("slips.ui.to_staff"), t("slips.ui.to_staff_desc"))
        for f in self.failed:
            row = self.rows[f.visit_id]
            when = f.at.astimezone(HANOI).strftime("%H:%M")
            error = f.error.split(":", 1)[0]
            reason = t(f"slips.error.{error}", printer=f.printer)
            row.findChild(QWidget, "text").setText(  # type: ignore[union-attr]
                t("slips.ui.list_row", ticket=f.ticket, time=when, error=reason)
            )
            retext(
                row.findChild(QWidget, "reprint"),  # type: ignore[arg-type]
                t("slips.ui.reprint", ticket=f.ticket),
                t("slips.ui.reprint_desc", ticket=f.ticket),
            )
            retext(
                row.findChild(QWidget, "preview"),  # type: ignore[arg-type]
                t("slips.ui.preview", ticket=f.ticket),
                t("slips.ui.preview_desc", ticket=f.ticket),
            )
