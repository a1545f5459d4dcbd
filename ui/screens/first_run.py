"""First start of a real point: the point's name and the first coordinator's name and PIN.

Shown instead of the home screen while the kiosk has no volunteer at all (a kiosk no one
could unlock). :func:`offer_first_run` asks the database on the worker and, when needed,
shows this screen until it is done; the idle reset and the home button lead back here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk import first_run
from kiosk.i18n import Translator
from kiosk.security import PIN_MAX
from kiosk.settings import Settings
from ui.ops import Operations
from ui.qt_events import listen
from ui.widgets.common import button, label, name, retext, scroll

if TYPE_CHECKING:
    from kiosk.storage import Database
    from ui.shell import Shell

FIELDS = ("point", "name", "pin", "pin_again")


class FirstRunScreen(QWidget):
    done = Signal(object)  # first_run.FirstRunDone

    def __init__(
        self,
        translator: Translator,
        settings: Settings,
        db: Callable[[], Database],
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.t, self.settings, self.db, self.ops = translator, settings, db, ops
        self.busy = False
        body = QWidget()
        lay = QVBoxLayout(body)
        self.title = label(role="title")
        self.intro = label()
        lay.addWidget(self.title)
        lay.addWidget(self.intro)
        self.labels: dict[str, QWidget] = {}
        self.fields: dict[str, QLineEdit] = {}
        digits = QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"))
        for key in FIELDS:
            lab = label()
            edit = QLineEdit()
            edit.setObjectName(f"first_run_{key}")
            if key.startswith("pin"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                edit.setValidator(digits)
            lab.setBuddy(edit)
            lay.addWidget(lab)
            lay.addWidget(edit)
            self.labels[key], self.fields[key] = lab, edit
        self.fields["point"].setText(settings["point.name"])
        lay.addStretch(1)
        # The fields may scroll (large text, a long language); what went wrong and the
        # button that saves stay in view below them.
        self.message = label(role="warning")
        self.message.setVisible(False)
        self.start = button("", role="accent", object_name="first_run_start")
        self.start.clicked.connect(self.submit)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll(body), 1)
        outer.addWidget(self.message)
        outer.addWidget(self.start)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("first_run.title"))
        self.intro.setText(t("first_run.intro"))
        for key in FIELDS:
            self.labels[key].setText(t(f"first_run.{key}"))  # type: ignore[attr-defined]
            name(self.fields[key], t(f"first_run.{key}"))
        retext(self.start, t("first_run.start"), t("first_run.start_desc"))

    def submit(self) -> None:
        if self.busy:
            return
        values = {k: self.fields[k].text() for k in FIELDS}
        try:  # the quick checks here, so a typo is pointed out at once
            first_run.check(values["point"], values["name"], values["pin"], values["pin_again"])
        except first_run.FirstRunError as exc:
            self._refused(exc)
            return
        self.busy = True
        self.start.setEnabled(False)
        self.ops.run(
            lambda: first_run.complete(
                self.db(),
                self.settings,
                values["point"],
                values["name"],
                values["pin"],
                values["pin_again"],
            ),
            self._done,
            self._failed,
        )

    def _done(self, result: first_run.FirstRunDone) -> None:
        self.busy = False
        self.start.setEnabled(True)
        for key in ("pin", "pin_again"):
            self.fields[key].clear()
        self.message.setVisible(False)
        self.done.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.start.setEnabled(True)
        if isinstance(exc, first_run.FirstRunError):
            self._refused(exc)
        else:
            self._say(self.t.t("pin.db_error", error=str(exc).splitlines()[0][:200]))

    def _refused(self, exc: first_run.FirstRunError) -> None:
        self._say(self.t.t(f"first_run.err.{exc.code}", **exc.params))
        if exc.field in self.fields:
            self.fields[exc.field].setFocus()
            if exc.field.startswith("pin"):  # typed unseen: start both again
                self.fields["pin"].clear()
                self.fields["pin_again"].clear()
                self.fields["pin"].setFocus()

    def _say(self, text: str) -> None:
        self.message.setProperty("role", "error")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(True)


def offer_first_run(shell: Shell, db: Database | None = None) -> None:
    """Ask (off the GUI thread) whether this real point has any volunteer; if not, show
    the first-run screen and keep coming back to it until it is done."""
    ctx = shell.ctx
    if ctx.demo:
        return

    def get_db() -> Database:
        return db or ctx.db

    def show_it(needed: bool) -> None:
        if not needed:
            return
        screen = FirstRunScreen(shell.t, ctx.settings, get_db, shell.ops)
        shell.add_screen("first_run", screen)
        shell.idle.pause()  # no idle reset while the coordinator types

        def back_here(current: str) -> None:
            if current == "home" and "first_run" in shell.window.screens:
                shell.window.show_screen("first_run")

        def finished(result: first_run.FirstRunDone) -> None:
            shell.window.screen_changed.disconnect(back_here)
            ctx.settings = result.settings
            shell.idle.resume()
            shell.show("home")

        screen.done.connect(finished)
        shell.window.screen_changed.connect(back_here)
        shell.show("first_run")

    shell.ops.run(lambda: first_run.needed(get_db()), show_it, lambda _exc: None)
