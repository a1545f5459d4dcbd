"""One choice among several buttons, each of them a Tab stop.

A button in any QButtonGroup makes itself the group's only Tab stop once it is
checked or focused (Qt clears Tab focus on the others), so a keyboard or switch user
never reaches the other answers by Tab. :class:`ChoiceGroup` is not a QButtonGroup: it
keeps exactly one button selected itself, every answer stays a Tab stop and is chosen
with Enter or Space, as on the language bar (ui/widgets/top_bar.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton


class ChoiceGroup(QObject):
    """Checkable buttons of which one is selected: selecting one clears the others, and
    tapping the selected one keeps it selected. ``setExclusive(False)`` lets code clear
    every button (for the next person), as with Qt's group."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buttons: list[QAbstractButton] = []
        self._one = True

    def addButton(self, button: QAbstractButton) -> None:  # noqa: N802 (Qt naming)
        self._buttons.append(button)
        button.toggled.connect(lambda on, b=button: self._toggled(b, on))
        button.clicked.connect(lambda _=False, b=button: self._clicked(b))

    def removeButton(self, button: QAbstractButton) -> None:  # noqa: N802
        if button in self._buttons:
            self._buttons.remove(button)

    def buttons(self) -> list[QAbstractButton]:
        return list(self._buttons)

    def setExclusive(self, exclusive: bool) -> None:  # noqa: N802
        self._one = exclusive

    def exclusive(self) -> bool:
        return self._one

    def checkedButton(self) -> QAbstractButton | None:  # noqa: N802
        return next((b for b in self._buttons if b.isChecked()), None)

    def _toggled(self, button: QAbstractButton, on: bool) -> None:
        if on and self._one and button in self._buttons:
            for other in self._buttons:
                if other is not button and other.isChecked():
                    other.setChecked(False)

    def _clicked(self, button: QAbstractButton) -> None:
        if self._one and button in self._buttons and not button.isChecked():
            button.setChecked(True)  # the choice stays made: tap another to change it
