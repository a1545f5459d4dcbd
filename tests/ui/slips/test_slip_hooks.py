"""Where a citizen or a volunteer asks for a slip: the ticket screen's *Print my slip*, a
guide's last step (with or without a number) and the console's Finish. The paper is a
folder of PDFs, so each test reads what would have come out of the printer."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLabel,
    QWidget,
)
from sqlalchemy import select

from kiosk.guides.example import write_example
from kiosk.guides.visits import views_of
from kiosk.i18n import translate
from kiosk.modes import Mode
from kiosk.queue import QueueError
from kiosk.queue.labels import code_label
from kiosk.security import add_volunteer
from kiosk.settings import Settings
from kiosk.slips import PrintOutcome
from kiosk.slips.content import SlipGuide
from kiosk.slips.printing import PrintError
from kiosk.storage.models import SlipPrint, Visit
from tests.ui.conftest import Tapper

# -- the printers ---------------------------------------------------------------------------


class FolderPrinter:
    """A printer whose paper is a folder: one PDF per slip, in the order printed."""

    label = "Test desk printer"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def print_pdf(self, pdf: bytes, title: str) -> str:
        path = self.folder / f"{len(self.slips()) + 1:02d} {title}.pdf"
        path.write_bytes(pdf)
        return path.name

    def slips(self) -> list[Path]:
        return sorted(self.folder.glob("*.pdf"))

    def texts(self) -> list[str]:
        return ["".join(page.extract_text() for page in PdfReader(p).pages) for p in self.slips()]


class JammedPrinter:
    """A printer that is there but out of paper."""

    label = "Front desk"

    def __init__(self) -> None:
        self.tries = 0

    def print_pdf(self, pdf: bytes, title: str) -> str:
        self.tries += 1
        raise PrintError("stopped", self.label, "media-empty")


GUIDE_TITLES = {"demo-guide": "Example guide", "english-only": "iHanoi on your own"}


def slip_guides(guide_id: str, lang: str) -> SlipGuide | None:
    """The facts the slip prints for a guide the citizen read."""
    title = GUIDE_TITLES.get(guide_id)
    if title is None:
        return None
    return SlipGuide(guide_id, title, f"At home, try {guide_id} again.", "https://hanoi.gov.vn/")


# -- a kiosk with guides, a queue and a printer -------------------------------------------


@pytest.fixture
def guides_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "guides"
    write_example(root / "demo-guide", steps=4, order=10)
    write_example(root / "english-only", steps=4, langs=("vi", "en"), order=20, service="ihanoi")
    monkeypatch.setenv("KIOSK_GUIDES_DIR", str(root))
    return root


@pytest.fixture
def paper(tmp_path: Path) -> FolderPrinter:
    return FolderPrinter(tmp_path / "paper")


@pytest.fixture
def kiosk(make_shell, guides_dir: Path, paper: FolderPrinter, tmp_path: Path):  # type: ignore[no-untyped-def]
    shell = make_shell(Settings(path=tmp_path / "settings.toml").replace(queue__desks=2))
    shell.slips.controller.service.printer = paper
    shell.slips.controller.service.guides = slip_guides
    shell.t.set_language("en")
    return shell


def settle(qtbot, shell) -> None:  # type: ignore[no-untyped-def]
    Tapper(qtbot, shell).settle()


def find(shell, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    return Tapper(None, shell).find(name)


def tap(qtbot, shell, target: QWidget | str) -> None:  # type: ignore[no-untyped-def]
    Tapper(qtbot, shell, visible=True)(target)


def take_number(qtbot, shell, service: str = "vneid") -> int:  # type: ignore[no-untyped-def]
    """A citizen takes a number at the kiosk; returns the new visit's id."""
    tap(qtbot, shell, shell.home.number)
    tap(qtbot, shell, f"take_service_{service}")
    tap(qtbot, shell, "take_priority_none")
    tap(qtbot, shell, "take_age_skip")
    assert shell.window.current == "queue_ticket"
    return shell.queue.ticket_screen.visit_id


def press_and_wait(qtbot, shell, button: QAbstractButton) -> PrintOutcome:  # type: ignore[no-untyped-def]
    """Tap a print button and wait for the slip's outcome."""
    assert button.isVisible() and button.isEnabled()
    with qtbot.waitSignal(shell.slips.controller.finished, timeout=20000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, shell)
    return blocker.args[0]


def visits(shell) -> list[Visit]:  # type: ignore[no-untyped-def]
    with shell.ctx.db.session() as s:
        return list(s.scalars(select(Visit).order_by(Visit.id)))


def prints_of(shell, visit_id: int) -> list[tuple[bool, str]]:  # type: ignore[no-untyped-def]
    with shell.ctx.db.session() as s:
        rows = s.scalars(
            select(SlipPrint).where(SlipPrint.visit_id == visit_id).order_by(SlipPrint.id)
        )
        return [(r.ok, r.printer) for r in rows]


def ticket_button(shell) -> QAbstractButton:  # type: ignore[no-untyped-def]
    b = shell.queue.ticket_screen.findChild(QAbstractButton, "ticket_print_slip")
    assert b is not None, "the ticket screen has no Print my slip button"
    return b


# -- the ticket screen ----------------------------------------------------------------------


def test_ticket_screen_prints_that_visits_slip(qtbot, kiosk, paper: FolderPrinter) -> None:  # type: ignore[no-untyped-def]
    visit_id = take_number(qtbot, kiosk)
    screen = kiosk.queue.ticket_screen
    ticket, code = screen.change.ticket, screen.change.follow_up_code
    button = ticket_button(kiosk)
    assert button.text() == "Print my slip" and button.isVisible()
    assert button.accessibleName() == "Print my slip" and button.accessibleDescription()

    while_printing: list[tuple[str, bool]] = []
    kiosk.slips.controller.started.connect(
        lambda _vid: while_printing.append((button.text(), button.isEnabled()))
    )
    outcome = press_and_wait(qtbot, kiosk, button)

    assert outcome.ok and outcome.visit_id == visit_id and outcome.ticket == ticket
    assert while_printing == [("Printing your slip…", False)]  # no second slip by a double tap
    assert button.text() == "Your slip is printed. Please take it." and button.isEnabled()
    assert kiosk.window.current == "queue_ticket"
    [text] = paper.texts()
    assert ticket in text and code_label(code) in text and "Your number" in text
    assert prints_of(kiosk, visit_id) == [(True, "Test desk printer")]
    # Printing does not touch the turn: the citizen is still waiting with that number.
    assert [w.visit_id for w in kiosk.queue.service.waiting()] == [visit_id]
    kiosk.t.set_language("vi")
    assert button.text() == translate("slips.ui.printed", "vi")


def test_the_next_citizen_gets_a_fresh_print_button(qtbot, kiosk, paper: FolderPrinter) -> None:  # type: ignore[no-untyped-def]
    take_number(qtbot, kiosk)
    press_and_wait(qtbot, kiosk, ticket_button(kiosk))
    tap(qtbot, kiosk, "ticket_done")
    assert kiosk.window.current == "home"

    second = take_number(qtbot, kiosk, "etax")
    button = ticket_button(kiosk)
    assert button.text() == "Print my slip" and button.isEnabled()
    outcome = press_and_wait(qtbot, kiosk, button)
    assert outcome.visit_id == second  # this citizen's slip, not the one before
    first_text, second_text = paper.texts()
    assert "A001" in first_text and "A002" in second_text and "A001" not in second_text


def test_a_jammed_printer_shows_the_calm_screen_and_keeps_the_turn(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    jammed = JammedPrinter()
    kiosk.slips.controller.service.printer = jammed
    visit_id = take_number(qtbot, kiosk)
    change = kiosk.queue.ticket_screen.change
    outcome = press_and_wait(qtbot, kiosk, ticket_button(kiosk))

    assert not outcome.ok and jammed.tries == 1
    assert kiosk.window.current == "slip_failed"
    failed = kiosk.screen("slip_failed")
    assert failed.findChild(QLabel, "slip_failed_ticket").text() == change.ticket
    assert failed.findChild(QLabel, "slip_failed_code").text() == code_label(change.follow_up_code)
    assert (
        failed.findChild(QLabel, "slip_failed_reason").text()
        == "The printer Front desk is stopped (paper, cover or cable?)."
    )
    # Nothing is lost: the turn is in the line, the failure is on the volunteers' list.
    assert [(w.visit_id, w.ticket) for w in kiosk.queue.service.waiting()] == [
        (visit_id, change.ticket)
    ]
    assert prints_of(kiosk, visit_id) == [(False, "Front desk")]
    assert [f.visit_id for f in kiosk.slips.controller.service.failed_today()] == [visit_id]
    # The button is ready again (not stuck on "Printing"), for when the paper is back.
    button = ticket_button(kiosk)
    assert button.text() == "Print my slip" and button.isEnabled()
    tap(qtbot, kiosk, failed.findChild(QAbstractButton, "slip_failed_ok"))
    assert kiosk.window.current == "home"


# -- a guide's last step ----------------------------------------------------------------------


def last_step(qtbot, shell, guide_id: str):  # type: ignore[no-untyped-def]
    """Open a guide from its home tile and go through to its last step."""
    tap(qtbot, shell, shell.home.tiles[guide_id])
    assert shell.window.current == "guide_overview"
    tap(qtbot, shell, shell.guides.overview.nav.next)
    step = shell.guides.step
    assert shell.window.current == "guide_step"
    while not step.is_last:
        tap(qtbot, shell, step.nav.next)
    assert step.slip.isVisible() and step.slip.text() == "Print my slip"
    return step


def test_a_guide_without_a_number_records_one_self_guided_visit(
    qtbot, kiosk, paper: FolderPrinter
) -> None:  # type: ignore[no-untyped-def]
    assert kiosk.session.visit_id is None
    step = last_step(qtbot, kiosk, "english-only")
    outcome = press_and_wait(qtbot, kiosk, step.slip)

    [visit] = visits(kiosk)  # exactly one visit was recorded for the slip
    assert outcome.ok and outcome.visit_id == visit.id
    assert (visit.state, visit.language, visit.queued_at) == ("done", "en", None)
    assert [s.service_id for s in visit.services] == ["ihanoi"]  # the guide's service
    assert kiosk.queue.service.waiting() == []  # not a place in the line
    assert kiosk.queue.service.board().waiting_count == 0
    assert kiosk.session.visit_id == visit.id
    # The steps read before the visit existed belong to it, and so are on the slip.
    assert [(v.guide_id, v.step, v.language) for v in views_of(kiosk.ctx.db, visit.id)] == [
        ("english-only", n, "en") for n in range(5)
    ]
    [text] = paper.texts()
    # No place in the line, so no number on the slip: the follow-up code is what counts.
    assert visit.ticket not in text and code_label(visit.follow_up_code) in text
    assert "iHanoi on your own" in text and "At home, try english-only again." in text
    assert prints_of(kiosk, visit.id) == [(True, "Test desk printer")]
    assert kiosk.window.current == "guide_step"
    assert step.last_note.isVisible()
    assert step.last_note.text() == "Your slip is printed. Please take it."
    assert step.slip.isEnabled()

    # A second tap prints the same visit again: still one visit, never a second number.
    again = press_and_wait(qtbot, kiosk, step.slip)
    assert again.visit_id == visit.id and len(visits(kiosk)) == 1
    assert len(paper.slips()) == 2


def test_the_guide_button_is_not_tapped_twice_while_recording(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    step = last_step(qtbot, kiosk, "demo-guide")
    with qtbot.waitSignal(kiosk.slips.controller.finished, timeout=20000):
        qtbot.mouseClick(step.slip, Qt.MouseButton.LeftButton)
        assert not step.slip.isEnabled()
        assert step.last_note.text() == "Printing your slip…"
        qtbot.mouseClick(step.slip, Qt.MouseButton.LeftButton)  # an impatient second tap
    settle(qtbot, kiosk)
    assert len(visits(kiosk)) == 1 and step.slip.isEnabled()


def test_a_guide_with_a_number_prints_that_visits_slip(qtbot, kiosk, paper: FolderPrinter) -> None:  # type: ignore[no-untyped-def]
    visit_id = take_number(qtbot, kiosk)
    ticket = kiosk.queue.ticket_screen.change.ticket
    tap(qtbot, kiosk, "ticket_done")
    step = last_step(qtbot, kiosk, "demo-guide")
    outcome = press_and_wait(qtbot, kiosk, step.slip)

    assert outcome.ok and outcome.visit_id == visit_id and outcome.ticket == ticket
    [visit] = visits(kiosk)  # no self-guided visit beside the number
    assert visit.state == "waiting"
    assert [w.visit_id for w in kiosk.queue.service.waiting()] == [visit_id]
    [text] = paper.texts()
    assert ticket in text and "Example guide" in text
    assert step.last_note.text() == "Your slip is printed. Please take it."


def test_a_jammed_printer_after_a_guide_still_gives_the_code(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    kiosk.slips.controller.service.printer = JammedPrinter()
    step = last_step(qtbot, kiosk, "english-only")
    outcome = press_and_wait(qtbot, kiosk, step.slip)

    [visit] = visits(kiosk)
    assert not outcome.ok and outcome.visit_id == visit.id and visit.state == "done"
    assert kiosk.window.current == "slip_failed"
    failed = kiosk.screen("slip_failed")
    # No place in the line: no number to remember, only the follow-up code.
    assert not failed.findChild(QLabel, "slip_failed_ticket").isVisible()
    assert failed.findChild(QLabel, "slip_failed_code").text() == code_label(visit.follow_up_code)
    assert prints_of(kiosk, visit.id) == [(False, "Front desk")]
    assert step.slip.isEnabled()  # ready for the next citizen


def test_when_no_visit_can_be_recorded_the_guide_says_so_calmly(qtbot, kiosk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kiosk.queue.service import QueueService

    def locked(self, services: list[str], *, language: str = "vi") -> None:  # type: ignore[no-untyped-def]
        raise QueueError("database is locked")

    monkeypatch.setattr(QueueService, "self_guided", locked)
    step = last_step(qtbot, kiosk, "demo-guide")
    started: list[int] = []
    kiosk.slips.controller.started.connect(started.append)
    tap(qtbot, kiosk, step.slip)
    assert started == [] and visits(kiosk) == [] and kiosk.session.visit_id is None
    assert kiosk.window.current == "guide_step"
    assert step.last_note.text() == translate("guides.no_printer", "en")
    assert step.slip.isEnabled()  # not stuck on "Printing"


def test_after_a_slip_that_broke_the_next_citizen_can_still_print(
    qtbot, kiosk, paper: FolderPrinter
) -> None:  # type: ignore[no-untyped-def]
    """Not a printer failure (those come back as outcomes) but an error in making the slip:
    whatever it was, the next citizen's button must work again."""
    calls: list[str] = []

    def once_broken(guide_id: str, lang: str) -> SlipGuide | None:
        calls.append(guide_id)
        if len(calls) == 1:
            raise RuntimeError("guide pack unreadable")
        return slip_guides(guide_id, lang)

    kiosk.slips.controller.service.guides = once_broken
    step = last_step(qtbot, kiosk, "demo-guide")
    tap(qtbot, kiosk, step.slip)
    assert calls == ["demo-guide"] and paper.slips() == []
    [first] = visits(kiosk)  # the visit is kept even though its slip was not made

    kiosk.reset_citizen()  # the citizen walked away; the idle reset clears the kiosk
    kiosk.t.set_language("en")
    step = last_step(qtbot, kiosk, "english-only")
    assert step.slip.isEnabled(), "the guide's Print my slip button is stuck for good"
    outcome = press_and_wait(qtbot, kiosk, step.slip)
    assert outcome.ok and outcome.visit_id != first.id
    assert len(visits(kiosk)) == 2 and len(paper.slips()) == 1


# -- the volunteer console's Finish ----------------------------------------------------------


@pytest.fixture
def console(qtbot, kiosk, db):  # type: ignore[no-untyped-def]
    """Volunteer Lan at desk 1 of the console, two citizens waiting."""
    kiosk.modes.enter(Mode.VOLUNTEER, add_volunteer(db, "Lan", "2468"))
    kiosk.queue.service.issue(["vneid"], language="en")
    kiosk.queue.service.issue(["etax"], language="en")
    tap(qtbot, kiosk, kiosk.staff.buttons["queue"])
    assert kiosk.window.current == "queue_console"
    tap(qtbot, kiosk, "my_desk_1")
    return kiosk.queue.console


def finish_next(qtbot, kiosk, *, slip: bool) -> Visit:  # type: ignore[no-untyped-def]
    """Call the next citizen, then Finish with the slip box ticked or not."""
    tap(qtbot, kiosk, "desk_call_next")
    ticket = kiosk.queue.console.desk_panel.current.text()
    tap(qtbot, kiosk, "desk_finish")
    box = find(kiosk, "finish_print_slip")
    assert isinstance(box, QCheckBox)
    assert box.isVisible() and box.isChecked()  # offered, and ticked by default
    assert box.text() == "Print the follow-up slip"
    if not slip:
        tap(qtbot, kiosk, box)
        assert not box.isChecked()
    tap(qtbot, kiosk, "outcome_app_installed")
    assert find(kiosk, "outcome_app_installed").isChecked()
    tap(qtbot, kiosk, "finish_ok")
    [visit] = [v for v in visits(kiosk) if v.ticket == ticket]
    assert visit.state == "done"
    return visit


def test_finish_with_the_box_ticked_prints_the_slip(
    qtbot, kiosk, console, paper: FolderPrinter
) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(kiosk.slips.controller.finished, timeout=20000) as blocker:
        visit = finish_next(qtbot, kiosk, slip=True)
    settle(qtbot, kiosk)
    assert blocker.args[0].ok and blocker.args[0].visit_id == visit.id
    assert console.message.text() == f"The slip for {visit.ticket} was printed."
    [text] = paper.texts()
    assert visit.ticket in text and code_label(visit.follow_up_code) in text
    assert "The app is installed" in text  # what was achieved, as just recorded
    assert prints_of(kiosk, visit.id) == [(True, "Test desk printer")]
    assert kiosk.window.current == "queue_console"


def test_finish_with_the_box_unticked_prints_nothing(
    qtbot, kiosk, console, paper: FolderPrinter
) -> None:  # type: ignore[no-untyped-def]
    started: list[int] = []
    kiosk.slips.controller.started.connect(started.append)
    visit = finish_next(qtbot, kiosk, slip=False)
    settle(qtbot, kiosk)
    assert started == [] and paper.slips() == [] and prints_of(kiosk, visit.id) == []
    assert console.message.text() == f"Number {visit.ticket} finished. Thank you!"

    # The next Finish offers the slip again, ticked, and prints only that visit's slip.
    with qtbot.waitSignal(kiosk.slips.controller.finished, timeout=20000):
        second = finish_next(qtbot, kiosk, slip=True)
    settle(qtbot, kiosk)
    assert started == [second.id]
    [text] = paper.texts()
    assert second.ticket in text and visit.ticket not in text


def test_a_jammed_printer_at_finish_is_told_to_the_volunteer(qtbot, kiosk, console) -> None:  # type: ignore[no-untyped-def]
    kiosk.slips.controller.service.printer = JammedPrinter()
    with qtbot.waitSignal(kiosk.slips.controller.finished, timeout=20000):
        visit = finish_next(qtbot, kiosk, slip=True)
    settle(qtbot, kiosk)
    assert console.message.text() == (
        f"The slip for {visit.ticket} did not print: "
        "The printer Front desk is stopped (paper, cover or cable?)."
    )
    assert console.message.property("role") == "error"
    # The volunteer stays at the console (the citizen's screen is not brought up) and the
    # slip waits on the reprint list.
    assert kiosk.window.current == "queue_console"
    assert [f.visit_id for f in kiosk.slips.controller.service.failed_today()] == [visit.id]
