"""Adding a walk-in: a service, a priority category (or none), *Add*. Three taps at most;
a name or phone can be typed only once the consent box is ticked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Translator
from ui.qt_events import listen
from ui.queue.pictograms import accent_button
from ui.widgets.choices import ChoiceGroup
from ui.widgets.common import WrapButton, label, name, retext
from ui.widgets.tiles import TilePages

NONE = ""


class WalkInPanel(QWidget):
    # services, priority (or None), consent, name, phone, previous visit id (or 0)
    submitted = Signal(list, object, bool, str, str, int)
    needs_service = Signal()

    def __init__(
        self,
        translator: Translator,
        services: list[str],
        categories: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.t = translator
        self.linked_visit = 0
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        self.service_label = label()
        lay.addWidget(self.title)
        lay.addWidget(self.service_label)
        self.services = ChoiceGroup(self)
        self.service_buttons: dict[str, QPushButton] = {}
        # Answers as tiles, paged when the column is short (never scrolled away).
        grid = TilePages(translator, "walkin_services", max_columns=3, letters=9)
        for sid in services:
            b = WrapButton()
            b.setObjectName(f"walkin_service_{sid}")
            b.setCheckable(True)
            self.services.addButton(b)
            self.service_buttons[sid] = b
            grid.add(b)
        lay.addWidget(grid, 3)
        self.priority_label = label()
        lay.addWidget(self.priority_label)
        self.priorities = ChoiceGroup(self)
        self.priority_buttons: dict[str, QPushButton] = {}
        grid = TilePages(translator, "walkin_priorities", max_columns=3, letters=9)
        for cat in [NONE, *categories]:
            b = WrapButton()
            b.setObjectName(f"walkin_priority_{cat or 'none'}")
            b.setCheckable(True)
            self.priorities.addButton(b)
            self.priority_buttons[cat] = b
            grid.add(b)
        lay.addWidget(grid, 2)
        # A big toggle rather than a small tick box: easy to hit, and its label wraps.
        self.consent = WrapButton()
        self.consent.setCheckable(True)
        self.consent.setObjectName("walkin_consent")
        self.name = QLineEdit()
        self.name.setObjectName("walkin_name")
        self.phone = QLineEdit()
        self.phone.setObjectName("walkin_phone")
        self.phone.setInputMask("")
        self.phone.setMaxLength(15)
        self.consent.toggled.connect(self._consent_toggled)
        for w in (self.consent, self.name, self.phone):
            lay.addWidget(w)
        self.linked = label(role="warning")
        self.linked.setVisible(False)
        lay.addWidget(self.linked)
        self.add = accent_button("walkin_add")
        self.add.clicked.connect(self._submit)
        lay.addWidget(self.add)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("queue.walkin_title"))
        self.service_label.setText(t("queue.walkin_service"))
        self.priority_label.setText(t("queue.walkin_priority"))
        for sid, b in self.service_buttons.items():
            retext(b, t(f"service.{sid}"), t("queue.walkin_service_desc"))
        for cat, b in self.priority_buttons.items():
            retext(
                b,
                t(f"queue.priority_{cat}") if cat else t("queue.priority_none"),
                t("queue.walkin_priority_desc"),
            )
        retext(self.consent, t("queue.consent"), t("queue.consent_desc"))
        self.name.setPlaceholderText(t("queue.name"))
        name(self.name, t("queue.name"), t("queue.name_desc"))
        self.phone.setPlaceholderText(t("queue.phone"))
        name(self.phone, t("queue.phone"), t("queue.name_desc"))
        retext(self.add, t("queue.walkin_add"), t("queue.walkin_add_desc"))
        if self.linked_visit:
            self.linked.setText(t("queue.walkin_linked"))

    def _consent_toggled(self, on: bool) -> None:
        # The boxes appear once the person agrees: until then they would only take
        # room the answers above need.
        self.name.setEnabled(on)
        self.phone.setEnabled(on)
        self.name.setVisible(on)
        self.phone.setVisible(on)
        if not on:
            self.name.clear()
            self.phone.clear()

    def link(self, visit_id: int) -> None:
        """The next walk-in is a return visit of ``visit_id``."""
        self.linked_visit = visit_id
        self.linked.setText(self.t.t("queue.walkin_linked"))
        self.linked.setVisible(bool(visit_id))

    def _submit(self) -> None:
        checked = self.services.checkedButton()
        if checked is None:
            self.needs_service.emit()
            return
        sid = next(k for k, b in self.service_buttons.items() if b is checked)
        pri = next(
            (k for k, b in self.priority_buttons.items() if b is self.priorities.checkedButton()),
            NONE,
        )
        consent = self.consent.isChecked()
        self.submitted.emit(
            [sid],
            pri or None,
            consent,
            self.name.text().strip() if consent else "",
            self.phone.text().strip() if consent else "",
            self.linked_visit,
        )
        self.clear()

    def clear(self) -> None:
        self.services.setExclusive(False)
        for b in self.service_buttons.values():
            b.setChecked(False)
        self.services.setExclusive(True)
        self.priority_buttons[NONE].setChecked(True)
        self.consent.setChecked(False)
        self._consent_toggled(False)
        self.link(0)
