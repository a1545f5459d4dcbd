"""What the citizen sees when their slip did not print: the ticket in large type, the
follow-up code, and a calm sentence. Their turn is saved; nothing is lost. A citizen who
went through a guide alone (no place in the line) sees the follow-up code only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import Translator
from kiosk.queue.labels import code_label
from kiosk.slips import PrintOutcome
from ui.qt_events import listen
from ui.widgets.common import button, label, name, retext, scroll


class SlipFailedScreen(QWidget):
    done = Signal()

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slip_failed")
        self.t = translator
        self.outcome: PrintOutcome | None = None
        body = QWidget()
        lay = QVBoxLayout(body)
        self.title = label(role="title")
        self.body = label()
        self.number_label = label()
        self.ticket = label(role="ticket", wrap=False)
        self.ticket.setObjectName("slip_failed_ticket")
        self.code_label = label()
        self.code = label(role="title", wrap=False)
        self.code.setObjectName("slip_failed_code")
        self.reason = label(role="warning")
        self.reason.setObjectName("slip_failed_reason")
        for w in (self.number_label, self.ticket, self.code_label, self.code):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        for w in (
            self.title,
            self.body,
            self.number_label,
            self.ticket,
            self.code_label,
            self.code,
            self.reason,
        ):
            lay.addWidget(w)
        lay.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll(body), 1)
        self.ok = button("", role="accent", object_name="slip_failed_ok")
        self.ok.clicked.connect(self.done)
        outer.addWidget(self.ok)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def show_outcome(self, outcome: PrintOutcome) -> None:
        self.outcome = outcome
        self.retranslate()
        self.ok.setFocus()

    def retranslate(self) -> None:
        t = self.t.t
        o = self.outcome
        # A citizen who went through a guide alone has no place in the line: no turn is
        # kept and no number to remember, only the follow-up code.
        own = bool(o and o.self_guided)
        self.title.setText(t("slips.ui.failed_title_self" if own else "slips.ui.failed_title"))
        self.body.setText(t("slips.ui.failed_body_self" if own else "slips.ui.failed_body"))
        self.number_label.setVisible(not own)
        self.ticket.setVisible(not own)
        self.number_label.setText(t("slips.ui.failed_number"))
        self.code_label.setText(t("slips.ui.failed_code"))
        self.ticket.setText(o.ticket if o and not own else "")
        code = code_label(o.follow_up_code) if o else ""
        self.code.setText(code)
        name(self.ticket, f"{t('slips.ui.failed_number')} {o.ticket if o else ''}")
        name(self.code, f"{t('slips.ui.failed_code')} {code}")
        self.reason.setText(o.message(self.t.lang) if o else "")
        self.reason.setVisible(bool(o and not o.ok))
        retext(self.ok, t("slips.ui.failed_ok"), t("slips.ui.failed_ok_desc"))

    def reset(self) -> None:
        """Forget the citizen's ticket (idle reset)."""
        self.outcome = None
        self.retranslate()
