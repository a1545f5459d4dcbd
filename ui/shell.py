"""The shell: navigation, modes, the PIN door, the idle reset and the look, with the
base screens. It knows no part; :mod:`ui.assemble` builds the parts and hands each the
links it needs. Screens get only the narrow services they need."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app_context import AppContext
from kiosk.citizen import CitizenSession, Look
from kiosk.idle import IdleMachine
from kiosk.modes import Mode, ModeChange, ModeMachine
from kiosk.services import SERVICES
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.ops import Operations
from ui.qt_events import listen
from ui.screens.home import HomeScreen
from ui.speech import Speaker
from ui.theme import Theme, screen_dpi
from ui.widgets.confirm import Confirm
from ui.widgets.idle_prompt import IdlePrompt
from ui.widgets.notice import Notice
from ui.widgets.top_bar import TopBar

if TYPE_CHECKING:  # built the first time a volunteer needs them, not at start
    from kiosk.security import PinGate, VolunteerInfo
    from kiosk.storage import Database
    from ui.screens.pin import PinScreen
    from ui.screens.settings import SettingsScreen
    from ui.screens.staff import StaffScreen

log = logging.getLogger(__name__)


def _audit(db: Database, action: str, detail: str, volunteer_id: int | None) -> None:
    """A line in the audit trail (on a lane; the PIN code is loaded only when needed)."""
    from kiosk.security import audit

    audit(db, action, detail, volunteer_id)


class Shell(QObject):
    def __init__(
        self, ctx: AppContext, *, fullscreen: bool | None = None, watch_input: bool = True
    ) -> None:
        super().__init__()
        self.ctx = ctx
        s = ctx.settings
        self.session = CitizenSession(s)
        self.t = self.session.translator
        self.modes = ModeMachine()
        self.ops = Operations(self.t, self)
        self._gate: PinGate | None = None
        self.speaker = Speaker(
            volume=s["speech.volume"],
            rate=s["speech.rate"],
            parent=self,
            voices={lang: s[f"speech.voice_{lang}"] for lang in ("vi", "en", "ar")},
            clock=ctx.clock,
        )
        self.speaker.broke.connect(lambda why: self.audit("speech_unavailable", why))
        self.resetters_before: list[Callable[[], None]] = [self.speaker.reset]
        self.theme = Theme(screen_dpi(s["display.screen_dpi"]), self.session.look)
        self.idle = IdleMachine(
            ctx.clock, s["session.idle_timeout_seconds"], s["session.idle_countdown_seconds"]
        )
        self.quit_allowed = False
        self.fullscreen = s["display.fullscreen"] if fullscreen is None else fullscreen
        self.resetters: list[Callable[[], None]] = []

        self.top_bar = TopBar(self.session, list(s["display.languages"]))
        self.window = MainWindow(self.top_bar, lambda: self.quit_allowed)
        self.home = HomeScreen(self.t, list(SERVICES))
        # Once a new look is applied everywhere (fonts included), the home screen's words
        # and tiles are measured again: a page of tiles fitted at 200% is not kept at 100%.
        self.theme.changed.connect(self.home.relayout)
        self._lazy: dict[str, Callable[[], QWidget]] = {}
        self._on_built: dict[str, list[Callable[[QWidget], None]]] = {}
        self.add_screen("home", self.home)
        # The volunteers' screen is built when a part first adds its task to it (after
        # the home screen's first paint) or when first shown.
        self.add_lazy_screen("staff", self._make_staff)
        self.add_lazy_screen("settings", self._make_settings)
        # The idle question, the notice and the confirmation are built when first shown.
        self._prompt: IdlePrompt | None = None
        self._notice: Notice | None = None
        self._confirm: Confirm | None = None
        self.ops.failed.connect(lambda text: self.notice.show_message(text))

        self.top_bar.home_requested.connect(self.go_home)
        self.top_bar.staff_requested.connect(self.open_pin)
        self.add_lazy_screen("pin", self._make_pin)
        listen(self, self.session.look_changed, self._restyle)
        listen(self, self.t.changed, lambda _l: self._apply_direction())
        listen(self, self.modes.changed, self._mode_changed)
        listen(
            self, self.idle.warning, lambda _s: self.prompt.show_countdown(self.idle.seconds_left())
        )
        listen(self, self.idle.resumed, lambda _n: self._hide(self._prompt))
        listen(self, self.idle.reset, lambda _n: self.reset_citizen())
        self.watcher = IdleWatcher(self.idle, self)
        self._watching = False
        self.watcher.timer.timeout.connect(self._tick_prompt)
        if watch_input:
            self.watch_input()

        if ctx.problems:
            keys = ", ".join(p.key or "settings" for p in ctx.problems)
            self.staff.show_problems(self.t.t("settings.problems_at_start", keys=keys))

    def watch_input(self) -> None:
        """Every touch, click or key anywhere in the app counts as activity for the idle
        reset. (The first events through an application-wide filter make PySide build
        every Qt class and enum it has not built yet: the kiosk does this once its home
        screen is up, not before.)"""
        app = QApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self.watcher)
            self._watching = True

    # -- overlays, built the first time they are shown ---------------------------------
    def _overlay(self, widget: QWidget) -> None:
        self.window.add_overlay(widget)
        central = self.window.centralWidget()
        if central is not None:
            widget.setGeometry(central.rect())

    @property
    def prompt(self) -> IdlePrompt:
        """*Are you still there?* before the idle reset."""
        if self._prompt is None:
            self._prompt = IdlePrompt(self.t)
            self._overlay(self._prompt)
            self._prompt.still_here.connect(self.idle.activity)
        return self._prompt

    @property
    def notice(self) -> Notice:
        """A calm message when something could not be done."""
        if self._notice is None:
            self._notice = Notice(self.t)
            self._overlay(self._notice)
        return self._notice

    @property
    def confirm(self) -> Confirm:
        """A large yes/no question (closing the kiosk)."""
        if self._confirm is None:
            self._confirm = Confirm()
            self._overlay(self._confirm)
        return self._confirm

    @staticmethod
    def _hide(widget: QWidget | None) -> None:
        if widget is not None:
            widget.hide()

    def ready(self) -> None:
        """Called once every part has added its screens: the look, then the home screen."""
        self._apply_direction()
        self.theme.apply(self.session.look)
        self.window.show_screen("home")

    # -- building -------------------------------------------------------------------
    def gate(self) -> PinGate:
        """The PIN gate, made on first use (it needs the database)."""
        if self._gate is None:
            from kiosk.security import PinGate

            self._gate = PinGate(self.ctx.db)
        return self._gate

    def audit(self, action: str, detail: str = "") -> None:
        """Record a staff action on the background worker."""
        vol = self.modes.volunteer
        vid = vol.id if vol else None
        self.ops.run(lambda: _audit(self.ctx.db, action, detail, vid))

    def add_lazy_screen(self, name: str, factory: Callable[[], QWidget]) -> None:
        """A screen built the first time it is needed, so start-up does not pay for it."""
        self._lazy[name] = factory

    def when_built(self, name: str, fn: Callable[[Any], None]) -> None:
        """Call ``fn(screen)`` once the screen ``name`` exists (now, if it already does):
        how one part adds to another part's screen without building it early."""
        if name in self.window.screens:
            fn(self.window.screens[name])
        else:
            self._on_built.setdefault(name, []).append(fn)

    def screen(self, name: str) -> QWidget:
        if name not in self.window.screens and name in self._lazy:
            self.add_screen(name, self._lazy.pop(name)())
        return self.window.screens[name]

    def _make_staff(self) -> StaffScreen:
        from ui.screens.staff import StaffScreen

        staff = StaffScreen(self.t, self.modes)
        self._add_staff_actions(staff)
        return staff

    @property
    def staff(self) -> StaffScreen:
        return self.screen("staff")  # type: ignore[return-value]

    def _make_pin(self) -> PinScreen:
        from ui.screens.pin import PinScreen

        pin = PinScreen(self.t, self.gate, self.ops)
        pin.accepted.connect(self.staff_signed_in)
        pin.cancelled.connect(self.go_home)
        return pin

    def _make_settings(self) -> SettingsScreen:
        from ui.screens.settings import SettingsScreen

        screen = SettingsScreen(self.t, self.ctx.settings, speaker=self.speaker)
        screen.saved.connect(lambda keys: self.audit("settings_saved", " ".join(keys)))
        return screen

    @property
    def pin(self) -> PinScreen:
        return self.screen("pin")  # type: ignore[return-value]

    @property
    def settings_screen(self) -> SettingsScreen:
        return self.screen("settings")  # type: ignore[return-value]

    def add_screen(self, name: str, widget: QWidget) -> None:
        self.window.add_screen(name, widget)
        reset = getattr(widget, "reset", None)
        if callable(reset):
            self.resetters.append(reset)
        for fn in self._on_built.pop(name, []):
            fn(widget)

    def _add_staff_actions(self, st: StaffScreen) -> None:
        st.add_action(
            "to_citizen",
            "staff.to_citizen",
            "staff.to_citizen_desc",
            self.modes.leave,
            role="accent",
        )
        st.add_action(
            "settings", "staff.settings", "staff.settings_desc", lambda: self.show("settings")
        )
        st.add_action(
            "coordinator",
            "staff.coordinator",
            "staff.coordinator_desc",
            self._to_coordinator,
            modes=(Mode.VOLUNTEER,),
            visible=lambda: bool(
                self.modes.volunteer and self.modes.volunteer.role == "coordinator"
            ),
        )
        st.add_action(
            "windowed",
            "staff.windowed",
            "staff.windowed_desc",
            self.toggle_fullscreen,
            apart=True,
        )
        st.add_action(
            "quit", "staff.quit", "staff.quit_desc", self.ask_quit, role="danger", apart=True
        )

    # -- navigation -----------------------------------------------------------------
    def show(self, name: str) -> QWidget:
        self.screen(name)
        return self.window.show_screen(name)

    def go_home(self) -> None:
        if self.modes.is_staff:
            self.show("staff")
        else:
            self.show("home")

    def open_pin(self) -> None:
        if self.modes.is_staff:
            self.show("staff")
            return
        self.pin.reset()
        self.show("pin")

    def staff_signed_in(self, volunteer: VolunteerInfo) -> None:
        self.modes.enter(Mode.VOLUNTEER, volunteer)

    def _to_coordinator(self) -> None:
        if self.modes.volunteer is not None:
            self.modes.enter(Mode.COORDINATOR, self.modes.volunteer)

    def _mode_changed(self, change: ModeChange) -> None:
        vol = change.volunteer
        vid = vol.id if vol else None
        self.ops.run(lambda: _audit(self.ctx.db, f"mode_{change.new}", "", vid))
        if change.new is Mode.CITIZEN:
            self.quit_allowed = False
            self.idle.resume()
            self.watcher.start()
            self.reset_citizen()
        else:
            self.idle.pause()
            self._hide(self._prompt)
            self.show("staff")
            self._label_fullscreen(self.window.isFullScreen())

    # -- citizen reset --------------------------------------------------------------
    def reset_citizen(self) -> None:
        """Forget the citizen: home screen, defaults, every screen cleared."""
        for overlay in (self._prompt, self._notice, self._confirm):
            self._hide(overlay)
        self.session.clear()
        for reset in self.resetters_before + self.resetters:
            reset()
        self.show("home")

    def _tick_prompt(self) -> None:
        if self._prompt is not None and self._prompt.isVisible():
            self.prompt.show_countdown(self.idle.seconds_left())

    # -- look -----------------------------------------------------------------------
    def _restyle(self, look: Look) -> None:
        self.theme.apply(look)

    def _apply_direction(self) -> None:
        direction = Qt.LayoutDirection.RightToLeft if self.t.rtl else Qt.LayoutDirection.LeftToRight
        QApplication.setLayoutDirection(direction)

    # -- window ---------------------------------------------------------------------
    def start(self) -> None:
        self.window.setWindowTitle(self.t.t("app.name"))
        if self.fullscreen:
            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            # The screen's size first: a kiosk compositor (cage) or a bare X server may
            # leave the size to the window, which would otherwise take its own smaller hint.
            self.window.resize(self.window.screen().size())
            self.window.showFullScreen()
        else:
            self.window.resize(1366, 768)
            self.window.show()
        self.watcher.start()

    def _label_fullscreen(self, full: bool) -> None:
        """The tile says what a tap on it will do: leave full screen, or go back to it."""
        if full:
            self.staff.relabel("windowed", "staff.windowed", "staff.windowed_desc")
        else:
            self.staff.relabel("windowed", "staff.fullscreen", "staff.fullscreen_desc")

    def toggle_fullscreen(self) -> None:
        if not self.modes.can_quit():
            return
        if self.window.isFullScreen():
            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, False)
            self.window.showNormal()
            self._label_fullscreen(False)
        else:
            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.window.showFullScreen()
            self._label_fullscreen(True)

    def ask_quit(self) -> None:
        """The quit tile: a large question first, so one stray tap never closes the kiosk."""
        if not self.modes.can_quit():
            return
        t = self.t.t
        self.confirm.ask(
            t("staff.quit_title"),
            t("staff.quit_body"),
            (t("staff.quit_close"), t("staff.quit_close_desc")),
            (t("staff.quit_keep"), t("staff.quit_keep_desc")),
            self.quit,
        )

    def quit(self) -> None:
        """Close the kiosk (volunteers only). The audit line is written on the database
        lane, after whatever is still waiting there, and the window closes once it is."""
        if not self.modes.can_quit():
            return
        vol = self.modes.volunteer
        vid, ctx = (vol.id if vol else None), self.ctx

        def close(_result: object = None) -> None:
            self.quit_allowed = True
            self.window.close()
            QApplication.quit()

        def failed(exc: Exception) -> None:
            log.error("quit not written to the audit trail: %s", exc)
            close()

        self.ops.run(lambda: _audit(ctx.db, "quit", "", vid), close, failed)

    def shutdown(self) -> None:
        """Stop timers, the worker and the speech engine (tests and quitting)."""
        self.watcher.stop()
        self.speaker.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.watcher)
        self.ops.wait()
        self.ops.close()
