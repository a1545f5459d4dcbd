"""The volunteer's and coordinator's start screen: a tile per task.

Other parts add their tasks with :meth:`StaffScreen.add_action` (the queue console, USB
export, the coordinator's reports) so this screen stays small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from kiosk.modes import Mode, ModeMachine
from ui.main_window import ScreenStack
from ui.qt_events import listen
from ui.widgets.common import WrapButton, button, height_at_screen_width, label, retext
from ui.widgets.pager import PagedText
from ui.widgets.tiles import TilePages


@dataclass
class StaffAction:
    key: str
    text_key: str
    desc_key: str
    run: Callable[[], object]  # what it returns is not used
    modes: frozenset[Mode]
    role: str = ""
    visible: Callable[[], bool] | None = None
    apart: bool = False


class _Body(ScreenStack):
    """The tasks or the notes: both page to fit, so the screen counts only their minimum
    (see height_at_screen_width)."""

    pages_to_fit = True


class StaffScreen(QWidget):
    def __init__(
        self, translator: Translator, modes: ModeMachine, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staff")
        self.t, self.modes = translator, modes
        lay = QVBoxLayout(self)
        self.title = label(role="title")
        self.mode_label = label()
        self.problems = label(role="warning")
        self.problems.setVisible(False)
        self.guide_notes = label(role="muted")
        self.guide_notes.setObjectName("staff_guide_notes")
        self.guide_notes.setVisible(False)
        # Who and which mode on one row (they wrap under each other only when narrow).
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.mode_label)
        lay.addLayout(head)
        lay.addWidget(self.problems)
        self.banners = QVBoxLayout()
        lay.addLayout(self.banners)
        # Nothing here scrolls: the tiles page with large buttons, and the notes on
        # guides (long at 200%) are a page of their own, opened from a button above the
        # tiles, so the tasks always keep their room.
        self.body = _Body()
        tasks = QWidget()
        tasks_lay = QVBoxLayout(tasks)
        tasks_lay.setContentsMargins(0, 0, 0, 0)
        # The notes open from a tile after the tasks', paged with them.
        self.notes_button = WrapButton()
        self.notes_button.setObjectName("staff_notes_open")
        self.notes_button.clicked.connect(lambda: self.show_notes(True))
        self.notes_button.setParent(self)
        self.notes_button.hide()
        self._notes_text = ""
        self.pages = TilePages(translator, "staff_tiles", max_columns=3, letters=12)
        self.grid = self.pages.grid
        tasks_lay.addWidget(self.pages, 1)
        self.body.addWidget(tasks)
        notes_page = QWidget()
        notes_lay = QVBoxLayout(notes_page)
        notes_lay.setContentsMargins(0, 0, 0, 0)
        self.notes = PagedText(translator, "staff_notes")
        self.notes.add_label(self.guide_notes)
        notes_lay.addWidget(self.notes, 1)
        self.notes_back = button("", object_name="staff_notes_back")
        self.notes_back.clicked.connect(lambda: self.show_notes(False))
        notes_lay.addWidget(self.notes_back)
        self.body.addWidget(notes_page)
        lay.addWidget(self.body, 1)
        # The kiosk's own controls (full screen, closing the app) sit apart, under a line,
        # so a tap meant for an everyday task never lands on them.
        self.apart_box = QWidget()
        self.apart_box.setObjectName("staff_apart")
        apart = QVBoxLayout(self.apart_box)
        apart.setContentsMargins(0, 16, 0, 0)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setLineWidth(2)
        apart.addWidget(line)
        self.apart_label = label(role="muted")
        self.apart_row = QHBoxLayout()
        self.apart_row.setSpacing(48)
        self.apart_row.addWidget(self.apart_label)  # beside its buttons: no row of its own
        apart.addLayout(self.apart_row)
        lay.addWidget(self.apart_box)
        # The tasks. The name hides QWidget.actions() (QActions), which nothing here uses.
        self.actions: list[StaffAction] = []  # type: ignore[assignment]
        self.buttons: dict[str, WrapButton] = {}
        listen(self, translator.changed, lambda _l: self.refresh())
        listen(self, modes.changed, lambda _c: self.refresh())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), height_at_screen_width(self))

    def add_banner(self, widget: QWidget) -> None:
        """Another part's notice above the tiles (help asked for, say)."""
        self.banners.addWidget(widget)

    def add_action(
        self,
        key: str,
        text_key: str,
        desc_key: str,
        run: Callable[[], object],
        modes: tuple[Mode, ...] = (Mode.VOLUNTEER, Mode.COORDINATOR),
        role: str = "",
        visible: Callable[[], bool] | None = None,
        apart: bool = False,
    ) -> WrapButton:
        """A task tile; ``apart`` puts it in the row of the kiosk's own controls, below
        and away from the everyday tiles."""
        action = StaffAction(key, text_key, desc_key, run, frozenset(modes), role, visible, apart)
        self.actions.append(action)
        b = WrapButton(role=role, parent=self)  # kept (hidden) while not a tile
        b.hide()
        b.setObjectName(f"staff_{key}")
        b.clicked.connect(run)
        self.buttons[key] = b
        self.refresh()
        return b

    def relabel(self, key: str, text_key: str, desc_key: str) -> None:
        """Say what a tile does now (the full-screen tile changes with the window)."""
        for a in self.actions:
            if a.key == key:
                a.text_key, a.desc_key = text_key, desc_key
        self.refresh()

    def show_problems(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.setVisible(bool(text))

    def show_guide_notes(self, text: str) -> None:
        """Which guides a volunteer should walk through on a phone first."""
        self._notes_text = text
        self.notes.set_items([(self.guide_notes, text)])
        if not text:
            self.show_notes(False)
        self.refresh()

    def show_notes(self, shown: bool) -> None:
        """The notes on guides in place of the tiles, or the tiles again."""
        self.body.setCurrentIndex(1 if shown else 0)
        (self.notes_back if shown else self.notes_button).setFocus()

    def refresh(self) -> None:
        t = self.t.t
        vol = self.modes.volunteer
        self.title.setText(t("staff.title", name=vol.name if vol else ""))
        self.mode_label.setText(
            t("staff.coordinator_mode")
            if self.modes.mode is Mode.COORDINATOR
            else t("staff.volunteer_mode")
        )
        self.apart_label.setText(t("staff.kiosk_controls"))
        retext(self.notes_button, t("staff.notes"), t("staff.notes_desc"))
        retext(self.notes_back, t("staff.notes_back"), t("staff.notes_back_desc"))
        for b in self.buttons.values():
            self.apart_row.removeWidget(b)
            b.setVisible(False)
        shown = [
            a
            for a in self.actions
            if self.modes.mode in a.modes and (a.visible is None or a.visible())
        ]
        tiles = [a for a in shown if not a.apart]
        for b in [*self.pages.tiles]:  # kept by this screen until shown again
            b.setParent(self)
            b.hide()
        self.pages.tiles.clear()
        for a in tiles:
            b = self.buttons[a.key]
            retext(b, t(a.text_key), t(a.desc_key))
            self.pages.add(b, relayout=False)
        if self._notes_text:
            self.pages.add(self.notes_button, relayout=False)
        self.pages.first_page()  # lays the tiles out, once
        apart = [a for a in shown if a.apart]
        for a in apart:
            b = self.buttons[a.key]
            retext(b, t(a.text_key), t(a.desc_key))
            self.apart_row.addWidget(b)
            b.setVisible(True)
        self.apart_box.setVisible(bool(apart))
