"""The main window: a thin holder of screens under the top bar. It decides nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget


class ScreenStack(QStackedWidget):
    """The screens, one at a time. Qt's stack asks for the room of its largest page, shown
    or not, so a screen built once (the call screen in Arabic, the coordinator's) made the
    window grow past the display for good. Only the page on show counts here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return page.minimumSizeHint().expandedTo(page.minimumSize()) if page else QSize(0, 0)

    def sizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return page.sizeHint() if page else QSize(0, 0)


class MainWindow(QMainWindow):
    screen_changed = Signal(str)

    def __init__(self, top_bar: QWidget, may_close: Callable[[], bool]) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.may_close = may_close
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.top_bar = top_bar
        lay.addWidget(top_bar)
        self.stack = ScreenStack()
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # The window's size is the screen's (full screen, or what the kiosk session gives);
        # a screen whose words need more room pages or shrinks them, it never grows the
        # window past the display.
        window_layout = self.layout()
        assert window_layout is not None
        window_layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.screens: dict[str, QWidget] = {}
        self.overlays: list[QWidget] = []

    def add_screen(self, name: str, widget: QWidget) -> None:
        self.screens[name] = widget
        self.stack.addWidget(widget)

    def show_screen(self, name: str) -> QWidget:
        widget = self.screens[name]
        self.stack.setCurrentWidget(widget)
        self.screen_changed.emit(name)
        return widget

    @property
    def current(self) -> str:
        w = self.stack.currentWidget()
        return next((n for n, s in self.screens.items() if s is w), "")

    def add_overlay(self, widget: QWidget) -> None:
        widget.setParent(self.centralWidget())
        self.overlays.append(widget)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        central = self.centralWidget()
        if central is not None:  # always: it is set in __init__
            for w in self.overlays:
                w.setGeometry(central.rect())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Alt+F4 and the window manager's close do nothing unless a volunteer allowed it.
        if self.may_close():
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and not self.may_close():
            event.accept()
            return
        super().keyPressEvent(event)
