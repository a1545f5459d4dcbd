"""Small building blocks: buttons with accessible names, labels that wrap instead of
being cut off, and a scroll area for text that does not fit at 200%."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QIcon, QResizeEvent
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
    """Set what a screen reader says for ``widget`` (spaces kept together on screen are
    plain spaces to the reader)."""
    text, description = text.replace("\u00a0", " "), description.replace("\u00a0", " ")
    widget.setAccessibleName(text)
    widget.setAccessibleDescription(description or text)


CHECK_MARK = "✓ "


class KioskButton(QPushButton):
    """A push button that, when it is a toggle and selected, shows a check mark before its
    words (with the outlined look of the style sheet), so a selected choice never looks
    like the screen's main action."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = ""
        self.show_check_mark = True
        self.toggled.connect(lambda _on: self._show_words())
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        self._words = text
        self._show_words()

    def words(self) -> str:
        """The button's words, without the check mark."""
        return self._words

    def _show_words(self) -> None:
        marked = self.show_check_mark and self.isCheckable() and self.isChecked()
        super().setText(CHECK_MARK + self._words if marked and self._words else self._words)


def button(
    text: str,
    description: str = "",
    role: str = "",
    *,
    object_name: str = "",
    parent: QWidget | None = None,
) -> QPushButton:
    b = KioskButton(text, parent)
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


_NBSP = "\u00a0"


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
        self._lay = lay
        lay.setContentsMargins(12, 12, 12, 12)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._icon.setVisible(icon is not None)
        self._qicon = icon
        self._label = ""
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.installEventFilter(self)
        lay.addWidget(self._icon, 1)
        lay.addWidget(self._text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._words = ""
        self._widest: tuple[tuple[object, ...], int] | None = None
        self.toggled.connect(lambda _on: self._show_words())
        self.setLabel(text)
        name(self, text, description)

    def label_widget(self) -> QLabel:
        return self._text

    def setLabel(self, text: str) -> None:  # noqa: N802 (Qt naming)
        """Show ``text``, wrapped at spaces only. Words written with non-breaking spaces
        (Vietnamese words of several syllables, see kiosk.guides.plain.keep_together) stay
        on one line, unless one is wider than the whole label: then it wraps at its own
        spaces rather than being cut off. A selected toggle shows a check mark first."""
        self._words = text
        self._show_words()

    def words(self) -> str:
        """The button's words, without the check mark."""
        return self._words

    def _show_words(self) -> None:
        marked = self.isCheckable() and self.isChecked() and self._words
        self._label = CHECK_MARK + self._words if marked else self._words
        self._fit_label()

    def widest_word(self) -> int:
        """The width the label needs for its widest word (no wrapping breaks a word) with
        the button's margins around it: a narrower tile would cut that word off."""
        font = self._text.font()
        key = (self._words, font.pixelSize(), font.pointSizeF(), font.family(), font.bold())
        if self._widest is None or self._widest[0] != key:  # measured once per text and font
            metrics = self._text.fontMetrics()
            words = self._words.replace(_NBSP, " ").split()
            self._widest = (key, max((metrics.horizontalAdvance(w) for w in words), default=0))
        m = self._lay.contentsMargins()
        return self._widest[1] + m.left() + m.right() + 2

    def fit_words(self) -> None:
        """Wrap the words again for the label's present width (a tile shown on a page at
        a width it has had before gets no resize to tell it)."""
        self._fit_label()

    def _fit_label(self) -> None:
        text = self._label
        width = self._text.contentsRect().width()
        if _NBSP in text and width > 0:
            metrics = self._text.fontMetrics()
            text = " ".join(
                w
                if _NBSP not in w or metrics.horizontalAdvance(w) <= width
                else w.replace(_NBSP, " ")
                for w in text.split(" ")
            )
        if self._text.text() != text:
            self._text.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The label's width or its font (the text size, a language's font) changed.
        if watched is self._text and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.FontChange,
        ):
            self._fit_label()
        return super().eventFilter(watched, event)

    def set_icon(self, icon: QIcon) -> None:
        """Another picture (e.g. mirrored for right to left), at the size already set."""
        self._qicon = icon
        self._icon.setVisible(True)
        px = self._icon.minimumHeight()
        if px > 0:
            self.set_icon_size(px)

    def set_icon_shown(self, shown: bool) -> None:
        """Show the picture (if it has one) or only the words, where room is short."""
        self._icon.setVisible(shown and self._qicon is not None)

    def set_icon_size(self, px: int) -> None:
        if self._qicon is not None:
            self._icon.setPixmap(self._qicon.pixmap(QSize(px, px)))
            self._icon.setMinimumHeight(px)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._lay.sizeHint().expandedTo(self.minimumSizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._lay.minimumSize()


def height_at_screen_width(widget: QWidget) -> int:
    """The height ``widget``'s layout needs at the width it will have: its own once laid
    out, before that its screen's (the kiosk's window covers its screen). Wrapped words
    measured at a layout's narrowest guess would ask for far more height than the screen
    has; parts that page (tiles, paged text) count with their small minimum."""
    lay = widget.layout()
    if lay is None:
        return widget.minimumSizeHint().height()
    screen = widget.screen()
    full = screen.availableGeometry().width() if screen is not None else 640
    m = lay.contentsMargins()
    width = max(widget.width(), min(full, 1366), 640) - m.left() - m.right()
    need, shown = 0, 0
    for i in range(lay.count()):
        item = lay.itemAt(i)
        if item is None or item.isEmpty():
            continue
        w = item.widget()
        pages = getattr(w, "pages_to_fit", False)  # TilePages, PagedText
        h = item.heightForWidth(width) if item.hasHeightForWidth() and not pages else -1
        need += h if h >= 0 else item.minimumSize().height()
        shown += 1
    return need + max(0, lay.spacing()) * max(0, shown - 1) + m.top() + m.bottom()


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


def keep_lines(lab: QLabel, width: int) -> None:
    """Give a wrapped label the height its words need at ``width`` (Qt would give it the
    height of one long line). Measured without the minimum set for an earlier text size:
    a label's height for a width counts its minimum, so 200% would otherwise stay."""
    kept = lab.minimumHeight()
    lab.setMinimumHeight(0)
    need = lab.heightForWidth(width)
    lab.setMinimumHeight(need if need > 0 else kept)


class KeepsWords(QWidget):
    """A widget whose wrapped words keep the lines they need: :meth:`keep_words` runs
    whenever its width, its font or its style changes."""

    def keep_words(self) -> None:
        """Measure the words again; subclasses say how."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.keep_words()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.keep_words()
