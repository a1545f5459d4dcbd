"""A large question laid over the whole window before something that cannot be taken
back (closing the kiosk): two big answers, the safe one focused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from ui.widgets.common import button, label, retext


class Confirm(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirm")
        self.setProperty("role", "card")
        lay = QVBoxLayout(self)
        lay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(role="title")
        self.title.setObjectName("confirm_title")
        self.body = label()
        self.body.setObjectName("confirm_body")
        row = QHBoxLayout()
        row.setSpacing(32)
        # The safe answer first and focused: Enter or a stray tap keeps things as they are.
        self.no = button("", role="accent", object_name="confirm_no")
        self.yes = button("", role="danger", object_name="confirm_yes")
        self.no.clicked.connect(self.hide)
        self.yes.clicked.connect(self._yes)
        row.addWidget(self.no)
        row.addWidget(self.yes)
        for w in (self.title, self.body):
            lay.addWidget(w)
        lay.addLayout(row)
        self._on_yes: Callable[[], None] | None = None
        self.hide()

    def ask(
        self,
        title: str,
        body: str,
        yes: tuple[str, str],
        no: tuple[str, str],
        on_yes: Callable[[], None],
    ) -> None:
        """Show the question; ``yes``/``no`` are (text, description); ``on_yes`` runs only
        when the dangerous answer is chosen."""
        self.title.setText(title)
        self.body.setText(body)
        retext(self.yes, *yes)
        retext(self.no, *no)
        self._on_yes = on_yes
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.no.setFocus()

    def _yes(self) -> None:
        on_yes, self._on_yes = self._on_yes, None
        self.hide()
        if on_yes is not None:
            on_yes()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)
