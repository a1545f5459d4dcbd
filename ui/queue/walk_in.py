"""Adding a walk-in, one short step at a time so nothing needs scrolling: the service,
then the priority group, then consent (a name or phone can be typed only once the
consent toggle is on) and *Add*. Choosing an answer turns to the next step."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Translator
from ui.qt_events import listen
from ui.queue.pictograms import accent_button
from ui.widgets.choices import ChoiceGroup
from ui.widgets.common import KeepsWords, WrapButton, button, keep_lines, label, name, retext
from ui.widgets.tiles import TilePages

NONE = ""
SERVICE, PRIORITY, CONSENT = 0, 1, 2


class _Step(KeepsWords):
    """One step of the form. A step whose answers page asks for no height of its own (the
    answers page to fit); its words always keep the lines they need."""

    def __init__(self, *, paged: bool = True) -> None:
        super().__init__()
        self.paged = paged
        self.toggle_share = 1.0  # of the step's width, that its toggle has
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(hint.width(), 0) if self.paged else hint

    def keep_words(self) -> None:
        width = self.width()
        if width <= 0:
            return
        for lab in self.findChildren(QLabel):
            if lab.parent() is self and lab.wordWrap():
                keep_lines(lab, width)
        if self.paged:
            return
        # A toggle's words wrap, and its tick adds to them: it keeps every line too
        # (nothing pages here).
        for b in self.findChildren(WrapButton):
            if not b.isCheckable():
                continue
            inner = b.layout()
            if b.parent() is self and inner is not None:
                m = inner.contentsMargins()
                room = int(width * self.toggle_share) - m.left() - m.right()
                words = b.label_widget().heightForWidth(room)
                need = max(words + m.top() + m.bottom(), b.minimumSizeHint().height())
                if words > 0 and b.minimumHeight() != need:
                    b.setMinimumHeight(need)


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
        top = QHBoxLayout()
        self.title = label(role="title")
        # Back above the step, as on *Take a number*: the answers below take the room.
        self.back = button("", object_name="walkin_back")
        self.back.setProperty("compact", True)  # as tall as its words, never under 16 mm
        self.back.clicked.connect(self.go_back)
        self.wide = False
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        # Across the whole console the step's question sits beside Back (a row saved).
        self.question = label()
        self.question.setObjectName("walkin_question")
        self.question.setVisible(False)
        top.addWidget(self.question, 1)
        lay.addLayout(top)
        self.steps = QStackedWidget()
        lay.addWidget(self.steps, 1)

        first = _Step()
        self.service_label = label()
        first.lay.addWidget(self.service_label)
        self.services = ChoiceGroup(self)
        self.service_buttons: dict[str, QPushButton] = {}
        self.service_tiles = TilePages(translator, "walkin_services", max_columns=3, letters=9)
        for sid in services:
            b = WrapButton()
            b.setObjectName(f"walkin_service_{sid}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False: self._turn_to(PRIORITY))
            self.services.addButton(b)
            self.service_buttons[sid] = b
            self.service_tiles.add(b)
        first.lay.addWidget(self.service_tiles, 1)
        self.steps.addWidget(first)

        second = _Step()
        self.priority_label = label()
        second.lay.addWidget(self.priority_label)
        self.priorities = ChoiceGroup(self)
        self.priority_buttons: dict[str, QPushButton] = {}
        self.priority_tiles = TilePages(translator, "walkin_priorities", max_columns=3, letters=9)
        for cat in [NONE, *categories]:
            b = WrapButton()
            b.setObjectName(f"walkin_priority_{cat or 'none'}")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False: self._turn_to(CONSENT))
            self.priorities.addButton(b)
            self.priority_buttons[cat] = b
            self.priority_tiles.add(b)
        second.lay.addWidget(self.priority_tiles, 1)
        self.steps.addWidget(second)

        self.consent_step = third = _Step(paged=False)
        self.consent_label = label()
        third.lay.addWidget(self.consent_label)
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
        self.linked = label(role="warning")
        self.linked.setVisible(False)
        self.add = accent_button("walkin_add")
        self.add.clicked.connect(self._submit)
        self.consent_grid = QGridLayout()
        third.lay.addLayout(self.consent_grid, 1)
        self._place_consent()
        self.steps.addWidget(third)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()
        self.clear()

    def set_wide(self, wide: bool) -> None:
        """Across the whole console (large text): no title (the part's button says it),
        and the consent step in two columns so it fits the height left."""
        if wide == self.wide:
            return
        self.wide = wide
        self._place_consent()
        self._show_top(self.step())

    def _place_consent(self) -> None:
        grid, wide = self.consent_grid, self.wide
        for old in (self.consent, self.add, self.name, self.phone, self.linked):
            grid.removeWidget(old)
        # Six equal columns: the toggle takes four beside Add, the name and phone half each.
        places: list[tuple[QWidget, int, int, int, int]]
        if wide:  # the toggle and Add side by side, the name and phone under them
            places = [(self.consent, 0, 0, 1, 4), (self.add, 0, 4, 1, 2)]
            places += [(self.name, 1, 0, 1, 3), (self.phone, 1, 3, 1, 3)]
            places += [(self.linked, 2, 0, 1, 6)]
            rows, stretch_row = 4, 3
        else:  # one column, Add at the foot
            places = [(self.consent, 0, 0, 1, 6), (self.name, 1, 0, 1, 6)]
            places += [(self.phone, 2, 0, 1, 6), (self.linked, 3, 0, 1, 6)]
            places += [(self.add, 5, 0, 1, 6)]
            rows, stretch_row = 6, 4
        for w, r, c, rs, cs in places:
            grid.addWidget(w, r, c, rs, cs)
        for r in range(max(rows, grid.rowCount())):
            grid.setRowStretch(r, 1 if r == stretch_row else 0)
        for c in range(6):
            grid.setColumnStretch(c, 1)
        self.consent_step.toggle_share = 4 / 6 if wide else 1.0
        self.consent_step.keep_words()

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("queue.walkin_title"))
        self.service_label.setText(t("queue.walkin_service"))
        self.priority_label.setText(t("queue.walkin_priority"))
        self.consent_label.setText(t("queue.walkin_consent_step"))
        self._show_top(self.step())
        retext(self.back, t("queue.back"), t("queue.back_desc"))
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
        for i in range(self.steps.count()):
            step = self.steps.widget(i)
            if isinstance(step, _Step):
                step.keep_words()
        # New words, new widths: a language with longer words may need fewer columns.
        self.service_tiles.relayout()
        self.priority_tiles.relayout()

    def step(self) -> int:
        return self.steps.currentIndex()

    def go_back(self) -> None:
        if self.step() > SERVICE:
            self._turn_to(self.step() - 1)

    def _turn_to(self, index: int) -> None:
        """Show step ``index`` with the focus on its first control: the answer just
        chosen has gone, and the focus must not fall to the bar at the top."""
        self.steps.setCurrentIndex(index)
        self._show_top(index)
        if index == CONSENT:
            first: QWidget | None = self.consent
        else:
            tiles = self.service_tiles if index == SERVICE else self.priority_tiles
            shown = tiles.shown()
            checked = next((b for b in shown if b.isChecked()), None)
            first = checked or (shown[0] if shown else None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _consent_toggled(self, on: bool) -> None:
        # The boxes appear once the person agrees: until then they would only take
        # room the step needs.
        self.name.setEnabled(on)
        self.phone.setEnabled(on)
        self.name.setVisible(on)
        self.phone.setVisible(on)
        if not on:
            self.name.clear()
            self.phone.clear()
        self.consent_step.keep_words()  # the tick changes the toggle's words

    def link(self, visit_id: int) -> None:
        """The next walk-in is a return visit of ``visit_id``."""
        self.linked_visit = visit_id
        self.linked.setText(self.t.t("queue.walkin_linked"))
        self.linked.setVisible(bool(visit_id))

    def _submit(self) -> None:
        checked = self.services.checkedButton()
        if checked is None:
            self.needs_service.emit()
            self._turn_to(SERVICE)
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
        self.service_tiles.first_page()
        self.priority_tiles.first_page()
        self.steps.setCurrentIndex(SERVICE)
        self._show_top(SERVICE)

    def _show_top(self, index: int) -> None:
        # The form's title on its first step; Back in its place after that (the step's
        # own question says where the volunteer is), so a step keeps its lines.
        self.title.setVisible(index == SERVICE and not self.wide)
        self.back.setVisible(index > SERVICE)
        questions = (self.service_label, self.priority_label, self.consent_label)
        self.question.setText(questions[index].text())
        self.question.setVisible(self.wide)
        for q in questions:
            q.setVisible(not self.wide)
