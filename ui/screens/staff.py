"""The volunteer's and coordinator's start screen: a tile per task.

Other parts add their tasks with :meth:`StaffScreen.add_action` (the queue console, USB
export, the coordinator's reports) so this screen stays small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Translator
from kiosk.modes import Mode, ModeMachine
from ui.qt_events import listen
from ui.widgets.common import WrapButton, label, retext, scroll


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
        lay.addWidget(self.title)
        lay.addWidget(self.mode_label)
        lay.addWidget(self.problems)
        self.banners = QVBoxLayout()
        lay.addLayout(self.banners)
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.guide_notes)  # scrolls with the tiles: it can be long at 200%
        tiles = QWidget()
        self.grid = QGridLayout(tiles)
        self.grid.setSpacing(16)
        col.addWidget(tiles, 1)
        lay.addWidget(scroll(body), 1)
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
        apart.addWidget(self.apart_label)
        self.apart_row = QHBoxLayout()
        self.apart_row.setSpacing(48)
        apart.addLayout(self.apart_row)
        lay.addWidget(self.apart_box)
        # The tasks. The name hides QWidget.actions() (QActions), which nothing here uses.
        self.actions: list[StaffAction] = []  # type: ignore[assignment]
        self.buttons: dict[str, WrapButton] = {}
        listen(self, translator.changed, lambda _l: self.refresh())
        listen(self, modes.changed, lambda _c: self.refresh())

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
        b = WrapButton(role=role)
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
        self.guide_notes.setText(text)
        self.guide_notes.setVisible(bool(text))

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
        for b in self.buttons.values():
            self.grid.removeWidget(b)
            self.apart_row.removeWidget(b)
            b.setVisible(False)
        shown = [
            a
            for a in self.actions
            if self.modes.mode in a.modes and (a.visible is None or a.visible())
        ]
        tiles = [a for a in shown if not a.apart]
        for i, a in enumerate(tiles):
            b = self.buttons[a.key]
            retext(b, t(a.text_key), t(a.desc_key))
            self.grid.addWidget(b, i // 3, i % 3)
            b.setVisible(True)
        apart = [a for a in shown if a.apart]
        for a in apart:
            b = self.buttons[a.key]
            retext(b, t(a.text_key), t(a.desc_key))
            self.apart_row.addWidget(b)
            b.setVisible(True)
        self.apart_box.setVisible(bool(apart))
