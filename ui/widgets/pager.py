"""Pages instead of scrollbars: text that does not fit its room is shown a page at a time
with large *Previous* / *More* buttons and "Page 1 of 2", because scrolling is what older
touch users find hardest.

:class:`PagerBar` is the row of buttons; :class:`PagedText` lays out a column of labels
(a step's words, its tip, its warning...) and splits them into pages that fit its height,
cutting a long label between words when it has to."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from ui.qt_events import listen
from ui.widgets.common import button, name, retext

_GAPS = re.compile(r"(\s+)")


class _PageNumber(QLabel):
    """ "Page 1 of 2": as tall as the buttons beside it. A script with tall lines (Arabic
    at 200%) would make the row taller than its buttons and leave the words less room
    than they were measured for."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), 0)


class PagerBar(QWidget):
    """*Previous*, "Page n of total", *More*: hidden while everything fits on one page."""

    moved = Signal(int)  # the page now shown (0-based)

    def __init__(
        self,
        translator: Translator,
        object_prefix: str,
        more_key: str = "pager.more",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.t, self.more_key = translator, more_key
        self.page, self.pages = 0, 1
        self.with_number = True
        self.box = lay = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.previous = button("", object_name=f"{object_prefix}_previous")
        self.where = _PageNumber()
        self.where.setObjectName(f"{object_prefix}_page")
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more = button("", role="accent", object_name=f"{object_prefix}_more")
        for b in (self.previous, self.more):
            b.setProperty("compact", True)  # as tall as its words, never under 16 mm
            # Never narrower than its words (long ones at 200%): the page number gives
            # way first, and the buttons share what is left.
            b.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.previous, 1)
        lay.addWidget(self.where, 0)
        lay.addWidget(self.more, 1)
        for w in (self.previous, self.where, self.more):
            w.installEventFilter(self)
        self.previous.clicked.connect(lambda: self.go(self.page - 1))
        self.more.clicked.connect(lambda: self.go(self.page + 1))
        listen(self, translator.changed, lambda _lang: self.retranslate())
        self.set_pages(1)

    def sizeHint(self) -> QSize:  # noqa: N802
        """The buttons at their least height (16.5 mm; their words fit it): a script
        with tall lines (Arabic at 200%) would otherwise ask for far more, and the words
        beside or above would be measured for less room than they get."""
        hint = super().sizeHint()
        buttons = [b.minimumHeight() for b in (self.previous, self.more)]
        if self.box.direction() == QBoxLayout.Direction.LeftToRight:
            return QSize(hint.width(), max(buttons))
        number = self.where.sizeHint().height() if self.where.isVisibleTo(self) else 0
        parts = [*buttons, number] if number else buttons
        return QSize(hint.width(), sum(parts) + self.box.spacing() * (len(parts) - 1))

    def set_upright(self, upright: bool, with_number: bool = True) -> None:
        """*More* above the page number above *Previous* (beside wide text), or in a row;
        without the page number where even that is too tall."""
        self.box.setDirection(
            QBoxLayout.Direction.BottomToTop if upright else QBoxLayout.Direction.LeftToRight
        )
        self.with_number = with_number
        self._fit_number()

    def _fit_number(self) -> None:
        """In a row, "Page 1 of 2" gives way when it would squeeze the buttons' words
        (a long language at 200%): the buttons are what a finger needs."""
        show = self.with_number
        if show and self.box.direction() == QBoxLayout.Direction.LeftToRight and self.width():
            # The two buttons share the room equally (same stretch): the wider one decides.
            wider = max(self.previous.sizeHint().width(), self.more.sizeHint().width())
            need = 2 * wider + self.where.sizeHint().width()
            m = self.box.contentsMargins()
            room = self.width() - m.left() - m.right() - 2 * self.box.spacing()
            show = need <= room
        if self.where.isHidden() == show:
            self.where.setVisible(show)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_number()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # A new text size reaches the buttons after the bar: their words' width changed.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_number()
        return super().eventFilter(watched, event)

    def set_pages(self, pages: int, page: int = 0) -> None:
        self.pages = max(1, pages)
        self.page = max(0, min(page, self.pages - 1))
        self.setVisible(self.pages > 1)
        self.retranslate()

    def go(self, page: int) -> None:
        page = max(0, min(page, self.pages - 1))
        if page == self.page:
            return
        self.page = page
        # The finger stays where it was: on More while there is more, else on Previous.
        # The focus moves first: a button disabled while it has the focus would hand
        # it to whatever comes next in the screen (and the screen would move with it).
        focus = self.more if page < self.pages - 1 else self.previous
        if self.isVisible():
            self.previous.setEnabled(True)
            self.more.setEnabled(True)
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.retranslate()
        self.moved.emit(page)

    def retranslate(self) -> None:
        t = self.t.t
        retext(self.previous, t("pager.previous"), t("pager.previous_desc"))
        retext(self.more, t(self.more_key), t(self.more_key + "_desc"))
        where = t("pager.page_of", n=self.page + 1, total=self.pages)
        self.where.setText(where)
        name(self.where, where)
        self._fit_number()
        self.previous.setEnabled(self.page > 0)
        self.more.setEnabled(self.page < self.pages - 1)


def _joined(parts: list[tuple[QLabel, str]]) -> list[tuple[QLabel, str]]:
    """Pieces of a page list back into whole texts (a label cut across pages, one)."""
    out: list[tuple[QLabel, str]] = []
    for lab, text in parts:
        if out and out[-1][0] is lab:
            out[-1] = (lab, f"{out[-1][1]} {text}")
        else:
            out.append((lab, text))
    return out


class PagedText(QWidget):
    """Labels in a column, a page at a time. ``set_items`` gives ``(label, text)`` pairs in
    reading order (a label with no text is left out); the labels are this widget's and are
    shown, hidden and given part of their text as the pages need. ``paged`` says how many
    pages there are after every layout."""

    paged = Signal(int)
    pages_to_fit = True  # asks for little height: it pages (see height_at_screen_width)

    def __init__(
        self, translator: Translator, object_prefix: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The buttons go under the text, or beside it when the text is wide (more lines).
        self.root = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.root.setContentsMargins(0, 0, 0, 0)
        self.root.setSpacing(0)  # the room is measured exactly: no gaps but the column's
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(0)
        self.column = QVBoxLayout()
        self.column.setContentsMargins(0, 0, 0, 0)
        text.addLayout(self.column)
        text.addStretch(1)
        self.root.addLayout(text, 1)
        self.gap = max(8, self.column.spacing())
        self.root.addSpacing(self.gap)
        self.bar = PagerBar(translator, object_prefix)
        self.bar.moved.connect(lambda _p: self._show_page())
        self.root.addWidget(self.bar)
        self.labels: list[QLabel] = []
        self.items: list[tuple[QLabel, str]] = []
        self.pages: list[list[tuple[QLabel, str]]] = [[]]
        self._laid_for = QSize()
        self._busy = self._again = False
        self._read: list[list[tuple[QLabel, str]]] = []  # see resizeEvent
        self._rest: list[tuple[QLabel, str]] = []
        self.on_page: Callable[[int], None] | None = None

    def add_label(self, lab: QLabel) -> QLabel:
        """Make ``lab`` one of the paged labels (in the order they are added)."""
        self.labels.append(lab)
        self.column.addWidget(lab)
        lab.hide()
        lab.installEventFilter(self)  # its font changes after this widget's own restyle
        return lab

    def clear_labels(self, keep: tuple[QLabel, ...] = ()) -> None:
        """Drop the paged labels but ``keep`` (a screen whose list of labels changes)."""
        gone = [lab for lab in self.labels if lab not in keep]
        # Out of the list (and unwatched) before they leave: a label taken out of its
        # window changes font, and measuring then would show it as a window of its own.
        self.labels = [lab for lab in self.labels if lab in keep]
        self.items, self.pages = [], [[]]
        for lab in gone:
            lab.removeEventFilter(self)
            lab.hide()
            lab.setParent(None)
            lab.deleteLater()
        self.bar.set_pages(1)

    def set_items(self, items: list[tuple[QLabel, str]], page: int = 0) -> None:
        self.items = [(lab, text) for lab, text in items if text]
        self.paginate(page)

    @property
    def page(self) -> int:
        return self.bar.page

    def go_to_label(self, lab: QLabel) -> None:
        """Turn to the first page that shows (part of) ``lab``."""
        for n, page in enumerate(self.pages):
            if any(shown is lab for shown, _text in page):
                self.bar.go(n)
                return

    def text_on_page(self) -> str:
        return "\n".join(text for _lab, text in self.pages[self.bar.page])

    # -- measuring and splitting ---------------------------------------------------------
    def _measure_again(self) -> None:
        """The room or the text size changed: pages again, the reader keeping their
        place. The pages already read stay as they were, and only what is left is
        measured again from where this page begins (nothing read twice, nothing
        skipped)."""
        page = min(self.bar.page, len(self.pages) - 1)
        if page > 0 and not self._busy:
            self._read = self.pages[:page]
            self._rest = _joined([part for later in self.pages[page:] for part in later])
        try:
            self.paginate(page)
        finally:
            self._read, self._rest = [], []

    def paginate(self, page: int = 0) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        try:
            for _ in range(4):  # again if the room changed while it was being measured
                self._again = False
                self._paginate(page)
                if not self._again and self.size() == self._laid_for:
                    break
        finally:
            self._busy = False
        self.paged.emit(len(self.pages))

    def _paginate(self, page: int) -> None:
        for lab in self.labels:
            lab.ensurePolished()
        self._laid_for = self.size()
        spare = 0
        for _ in range(3):
            self._arrange(page, spare)
            # What Qt gave each label, against what its text needs: a few pixels of
            # rounding or a border can differ from the measure, so give them back.
            short = max((self._shortfall(lab) for lab in self.labels if lab.isVisible()), default=0)
            if short <= 0:
                break
            spare += short

    def _shortfall(self, lab: QLabel) -> int:
        return lab.heightForWidth(lab.width()) - lab.height() if lab.wordWrap() else 0

    def _arrange(self, page: int, spare: int) -> None:
        # Two pixels kept back: Qt rounds a label's share of the height down.
        width, room = self.width(), self.height() - spare - 2
        spacing = max(0, self.column.spacing())
        self.bar.set_upright(False)
        self.root.setDirection(QBoxLayout.Direction.TopToBottom)
        pages = self._split(width, room, spacing)
        if len(pages) > 1:  # the buttons take room: a column beside wide text, else a row
            self.bar.set_upright(True)
            side = self.bar.sizeHint().width() + self.gap
            number = True
            if width - side >= 2 * side and room < self.bar.sizeHint().height():
                number = False
                self.bar.set_upright(True, with_number=False)
            beside: list[list[tuple[QLabel, str]]] | None = None
            if width - side >= 2 * side and room >= self.bar.sizeHint().height():
                beside = self._split(width - side, room, spacing)
            self.bar.set_upright(False)
            below = self._split(width, room - self.bar.sizeHint().height() - self.gap, spacing)
            # Whichever needs fewer pages: near the height where the column of buttons
            # fits beside the words, a row under them can still be the better choice
            # (and a few pixels more or less must not reshuffle the pages being read).
            if beside is not None and len(beside) <= len(below):
                self.bar.set_upright(True, with_number=number)
                self.root.setDirection(QBoxLayout.Direction.LeftToRight)
                pages = beside
            else:
                pages = below
        self.pages = pages
        self.bar.set_pages(len(pages), page)
        self._show_page()
        # Place the labels and the buttons now: a change of arrangement made while Qt
        # is laying out the screen would otherwise wait for the next resize.
        self.bar.box.invalidate()
        self.bar.box.activate()
        self.root.invalidate()
        self.root.activate()

    def _height(self, lab: QLabel, text: str, width: int) -> int:
        lab.setText(text)
        h = lab.heightForWidth(width) if lab.wordWrap() else -1
        return h if h >= 0 else lab.sizeHint().height()

    def _split(self, width: int, room: int, spacing: int) -> list[list[tuple[QLabel, str]]]:
        pages: list[list[tuple[QLabel, str]]] = [*self._read]
        page: list[tuple[QLabel, str]] = []
        used = 0
        for lab, text in self._rest if self._read else self.items:
            rest = text
            while rest:
                gap = spacing if page else 0
                free = room - used - gap
                need = self._height(lab, rest, width)
                if need <= free:
                    page.append((lab, rest))
                    used += gap + need
                    break
                head, tail = self._fit(lab, rest, width, free)
                if head:
                    page.append((lab, head))
                    rest = tail
                elif not page:  # not even one word fits an empty page: show it anyway
                    page.append((lab, rest))
                    rest = ""
                pages.append(page)
                page, used = [], 0
        if page or not pages:
            pages.append(page)
        return pages

    def _fit(self, lab: QLabel, text: str, width: int, free: int) -> tuple[str, str]:
        """The longest run of whole words of ``text`` that fits ``free`` pixels, and the rest."""
        if free <= 0 or not lab.wordWrap():
            return "", text
        parts = _GAPS.split(text)  # words at even places, the gaps between at odd ones

        def first(n: int) -> str:  # the first n words, with the text's own gaps and breaks
            return "".join(parts[: 2 * n - 1]).rstrip()

        lo, hi = 0, len(parts[0::2])
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._height(lab, first(mid), width) <= free:
                lo = mid
            else:
                hi = mid - 1
        if lo == 0 or lo * 2 - 1 >= len(parts):
            return "", text
        return first(lo), "".join(parts[2 * lo :]).lstrip()

    # -- showing -------------------------------------------------------------------------
    def _show_page(self) -> None:
        shown = {id(lab): text for lab, text in self.pages[self.bar.page]}
        for lab in self.labels:
            text = shown.get(id(lab))
            if text is None:
                lab.hide()
            else:
                lab.setText(text)
                lab.show()
        if self.on_page is not None:
            self.on_page(self.bar.page)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 240)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Pages, not height: this never asks for more room than it is given.
        return QSize(120, 60)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        # Nor does the page shown change the room it is given (its wrapped labels would
        # make the screen's layout measure it again, and the pages move under the reader).
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size() != self._laid_for:
            self._measure_again()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.size() != self._laid_for:
            self._measure_again()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self.items:
            self._measure_again()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # A label's new text size (200%) arrives after the screen's: measure again.
        if (
            event.type() == QEvent.Type.FontChange
            and watched in self.labels
            and self.items
            and not self._busy
        ):
            self._measure_again()
        return super().eventFilter(watched, event)
