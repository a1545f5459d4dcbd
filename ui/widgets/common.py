"""Small building blocks: buttons with accessible names, labels that wrap instead of
being cut off, and a scroll area for text that does not fit at 200%."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def name(widget: QWidget, text: str, description: str = "") -> None:
    """Set what a screen reader says for ``widget``."""
    widget.setAccessibleName(text)
    widget.setAccessibleDescription(description or text)


def button(
    text: str,
    description: str = "",
    role: str = "",
    *,
    object_name: str = "",
    parent: QWidget | None = None,
) -> QPushButton:
    b = QPushButton(text, parent)
    if role:
        b.setProperty("role", role)
    if object_name:
        b.setObjectName(object_name)
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    b.setAutoDefault(True)
    name(b, text, description)
    return b


def retext(b: QAbstractButton, text: str, description: str = "") -> None:
    if isinstance(b, WrapButton):
        b.setLabel(text)
    else:
        b.setText(text)
    name(b, text, description)


def label(
    text: str = "", role: str = "", *, wrap: bool = True, parent: QWidget | None = None
) -> QLabel:
    lab = QLabel(text, parent)
    lab.setWordWrap(wrap)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        lab.setProperty("role", role)
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return lab


class WrapButton(QPushButton):
    """A button whose (long, translated, enlarged) label wraps onto several lines."""

    def __init__(
        self,
        text: str = "",
        description: str = "",
        role: str = "",
        icon: QIcon | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if role:
            self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._icon.setVisible(icon is not None)
        self._qicon = icon
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self._icon, 1)
        lay.addWidget(self._text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setLabel(text)
        name(self, text, description)

    def label_widget(self) -> QLabel:
        return self._text

    def setLabel(self, text: str) -> None:  # noqa: N802 (Qt naming)
        self._text.setText(text)

    def set_icon_shown(self, shown: bool) -> None:
        """Show the picture (if it has one) or only the words, where room is short."""
        self._icon.setVisible(shown and self._qicon is not None)

    def set_icon_size(self, px: int) -> None:
        if self._qicon is not None:
            self._icon.setPixmap(self._qicon.pixmap(QSize(px, px)))
            self._icon.setMinimumHeight(px)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.layout().sizeHint().expandedTo(self.minimumSizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize()


def scroll(widget: QWidget) -> QScrollArea:
    """Wrap ``widget`` so text that does not fit scrolls instead of being cut off."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Not a Tab stop of its own (an invisible one): Tab goes to the controls inside,
    # and the area scrolls to show the one with the focus.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area
