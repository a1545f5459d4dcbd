"""Showing the call screen: full-screen on a second monitor when there is one, otherwise
the kiosk's own window becomes the call screen (display mode). Leaving display mode asks
for a volunteer PIN, so nobody in the line can wander into the kiosk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QScreen

from kiosk.modes import ModeChange
from ui.qt_events import listen
from ui.queue.call_screen import CallScreen


class _Window(CallScreen):
    """The call screen as a window of its own (second monitor); closes only when told."""

    may_close = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.may_close:
            event.accept()
        else:
            event.ignore()


class CallDisplay(QObject):
    def __init__(
        self,
        shell,
        make_window: Callable[[], _Window],
        screen_name: str = "queue_display",
    ) -> None:
        super().__init__(shell)
        self.shell = shell
        self.make_window = make_window
        self.screen_name = screen_name
        self.window: _Window | None = None
        self.active = False  # display mode on the kiosk's own screen
        # Both screens are built on first use; connect to them when they are.
        shell.when_built(screen_name, lambda s: s.exit_requested.connect(self.ask_to_leave))
        listen(self, shell.modes.changed, self._mode_changed)
        shell.when_built("pin", lambda pin: pin.cancelled.connect(self._pin_cancelled))

    @property
    def screen(self) -> CallScreen:
        return self.shell.screen(self.screen_name)

    def open(self) -> None:
        """From the volunteer screen: the second monitor, or display mode."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.open_on(screens[1])
        else:
            self.enter_display_mode()

    def open_on(self, screen: QScreen) -> None:
        if self.window is None:
            self.window = self.make_window()
            self.window.exit_requested.connect(self.close_window)
        self.window.setScreen(screen)
        self.window.setGeometry(screen.geometry())
        self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.window.showFullScreen()
        self.window.refresh()

    def close_window(self) -> None:
        if self.window is not None and self.shell.modes.is_staff:
            self.window.may_close = True
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def enter_display_mode(self) -> None:
        if not self.shell.modes.is_staff:
            return
        self.active = True
        self.shell.window.top_bar.setVisible(False)
        lang = self.shell.t.lang
        self.shell.modes.leave()  # the screen is the public's now, but locked
        # Handing the screen over clears the citizen's session, which would switch back
        # to the default language: the call screen, and the volunteer who comes back to
        # the kiosk after it, keep the language they were using.
        self.shell.t.set_language(lang)
        self.shell.idle.pause()
        self.shell.show("queue_display")
        self.screen.refresh()

    def ask_to_leave(self) -> None:
        if self.active:
            self.shell.open_pin()

    def _leave(self) -> None:
        self.active = False
        self.shell.window.top_bar.setVisible(True)

    def _mode_changed(self, change: ModeChange) -> None:
        if self.active and self.shell.modes.is_staff:
            self._leave()

    def _pin_cancelled(self) -> None:
        if self.active:
            self.shell.idle.pause()
            self.shell.show("queue_display")
