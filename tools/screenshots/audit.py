"""The screen audit: every screen of the assembled kiosk, opened as a person would reach
it, checked for what keeps older and disabled users from the service.

``walk(shell, variant)`` opens each screen in turn and yields a
:class:`Screen` (its name, the widget, its primary actions); ``check(shell, screen,
image)`` lists what is wrong with it. The test (tests/ui/test_screen_audit.py) fails on
any problem; ``installer/audit_sheet.py`` saves the pictures as contact sheets.

What counts as a problem:

- a primary action not fully in view (outside the window, or below a scroll area's fold),
- text cut off (a label's words need more room than it has; a button's text is wider),
- a widget outside the screen,
- a button under 16 mm either way,
- text under 7:1 contrast against what is drawn behind it (measured on the picture),
- a control without an accessible name (as a screen reader is told it),
- a control Tab never reaches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QWidget,
)

from kiosk.theme import MIN_CONTRAST, MIN_TARGET_MM

LANGS = ("vi", "en", "ar")
SCALES = (100, 200)
THEMES = (False, True)
VARIANTS = [(lang, scale, hc) for lang in LANGS for scale in SCALES for hc in THEMES]
SCREEN_W, SCREEN_H = 1366, 768
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractSlider)


def _is_control(w: QWidget) -> bool:
    """Something a person operates: not a scroll bar (part of its area), not the text
    field inside a spin box (the spin box is the control)."""
    if isinstance(w, QScrollBar) or not isinstance(w, CONTROLS):
        return False
    return not isinstance(w.parentWidget(), QAbstractSpinBox)


# Guides stepped through in full; the others are audited on their first and last steps.
FULL_GUIDES = 2


def variant_name(lang: str, scale: int, high_contrast: bool) -> str:
    return f"{lang}-{scale}-{'high-contrast' if high_contrast else 'normal'}"


@dataclass
class Screen:
    name: str
    widget: QWidget
    primary: list[QWidget] = field(default_factory=list)


def settle(shell: Any, rounds: int = 4) -> None:
    """Let the work a tap started finish, and Qt lay out and paint what it changed."""
    for _ in range(rounds):
        shell.ops.wait()
        QApplication.processEvents()


def set_variant(shell: Any, lang: str, scale: int, high_contrast: bool) -> None:
    shell.t.set_language(lang)
    shell.session.set_text_scale(scale)
    shell.session.set_high_contrast(high_contrast)
    settle(shell)


# -- walking the screens ----------------------------------------------------------------
def walk(
    shell: Any, variant: tuple[str, int, bool], sample_guides: bool = True
) -> Iterator[Screen]:
    """Open every screen in turn (citizen, then volunteer and coordinator) in ``variant``
    (language, text size, high contrast) and yield it once it is laid out; leaves the
    kiosk on the home screen in citizen mode."""
    from kiosk.modes import Mode

    def fresh() -> None:  # a new citizen, in the language, size and theme audited
        shell.reset_citizen()
        set_variant(shell, *variant)

    fresh()
    shell.window.top_bar.setVisible(True)
    settle(shell)
    home = shell.home
    for _ in range(home.pager.pages):
        shown = [t for t in home.tiles.values() if t.isVisible()]
        extra = [home.pager.previous, home.pager.more] if home.pager.isVisible() else []
        yield Screen(f"home-{home.pager.page + 1}", home, [*shown, home.number, *extra])
        if not home.pager.more.isVisible() or not home.pager.more.isEnabled():
            break
        home.pager.more.click()
        settle(shell)
    home.pager.set_pages(home.pager.pages, 0)
    yield from _guides(shell, sample_guides)
    fresh()
    yield from _take_number(shell)
    fresh()
    shell.open_pin()
    settle(shell)
    pin = shell.pin
    yield Screen("pin", pin, list(pin.findChildren(QPushButton)))

    coordinator = _coordinator(shell)
    shell.modes.enter(Mode.VOLUNTEER, coordinator)
    set_variant(shell, *variant)
    staff = shell.staff
    yield Screen("staff-volunteer", staff, [b for b in staff.buttons.values() if b.isVisible()])
    shell.queue.open_console()
    settle(shell, 8)
    console = shell.queue.console
    yield Screen("queue-console", console, _enabled_buttons(console))
    # The walk-in form's later steps: the priority, then consent (with the boxes it opens).
    walk_in = console.walk_in
    next(iter(walk_in.service_buttons.values())).click()
    settle(shell)
    yield Screen("queue-console-priority", console, _enabled_buttons(console))
    walk_in.priority_buttons[""].click()
    settle(shell)
    yield Screen("queue-console-consent", console, _enabled_buttons(console))
    walk_in.consent.click()
    settle(shell)
    yield Screen("queue-console-consent-given", console, _enabled_buttons(console))
    walk_in.clear()
    # The desk chosen: its actions (beside the line, or a part of their own at large text).
    console.pick_desk(1)
    settle(shell)
    yield Screen("queue-console-desk", console, _enabled_buttons(console))
    if console.paged:
        console.part_buttons[1].click()
        settle(shell)
        yield Screen("queue-console-line", console, _enabled_buttons(console))
        console.part_buttons[2].click()
        console.desk_panel.change.click()  # the desk's choice, shown again
        settle(shell)
        yield Screen("queue-console-change-desk", console, _enabled_buttons(console))
    for name in ("slips", "settings"):
        screen = shell.show(name)
        if name == "slips":
            shell.slips.open_list()
        settle(shell, 6)
        yield Screen(name, screen, _named_primary(screen, name))
    shell.show("staff")
    shell.modes.enter(Mode.COORDINATOR, coordinator)
    settle(shell)
    yield Screen("staff-coordinator", staff, [b for b in staff.buttons.values() if b.isVisible()])
    shell.export.open_usb()
    settle(shell, 6)
    yield Screen("usb-export", shell.export.usb, _named_primary(shell.export.usb, "usb"))
    shell.export.open_coordinator()
    settle(shell, 8)
    coord = shell.export.coordinator
    yield Screen("coordinator", coord, _named_primary(coord, "coordinator"))
    call = shell.queue.call_screen
    shell.window.top_bar.setVisible(False)  # display mode: the screen is the public's
    shell.show("queue_display")
    call.refresh()
    settle(shell, 6)
    yield Screen("call-screen", call, [call.exit])
    shell.window.top_bar.setVisible(True)
    shell.modes.leave()
    fresh()


def _guides(shell: Any, sample: bool) -> Iterator[Screen]:
    part = shell.guides
    guides = part.library.guides
    for n, guide in enumerate(guides):
        part.open_guide(guide.id)
        settle(shell)
        ov = part.overview
        yield Screen(
            f"guide-{guide.id}-overview",
            ov,
            [ov.speak, ov.always, ov.problems, ov.nav.back, ov.nav.home, ov.nav.next],
        )
        part.start_steps()
        last = len(guide.steps) - 1
        steps = range(last + 1) if (not sample or n < FULL_GUIDES) else sorted({0, last})
        for i in steps:
            step = part.step
            step.go(i)
            settle(shell)
            primary = [step.speak, step.nav.back, step.nav.home, step.nav.next]
            if i == last:
                primary += [step.slip, step.volunteer]
            if step.pager.bar.isVisible():
                primary += [step.pager.bar.previous, step.pager.bar.more]
            yield Screen(f"guide-{guide.id}-step-{i + 1}", step, primary)
        if n == 0:
            part.show_problems("guide_step")
            settle(shell)
            problems = part.problems
            yield Screen(
                f"guide-{guide.id}-problems",
                problems,
                [problems.back_button, problems.home_button],
            )


def _take_number(shell: Any) -> Iterator[Screen]:
    queue = shell.queue
    queue.take_number()
    settle(shell)
    take = queue.take_screen
    from ui.widgets.tiles import TilePages

    for page in range(take.pages.count()):
        take.pages.setCurrentIndex(page)
        settle(shell)
        answers = take.pages.currentWidget().findChild(TilePages)
        for n in range(answers.pager.pages):
            bar = answers.pager
            extra = [bar.previous, bar.more] if bar.isVisible() else []
            shown = answers.shown()
            yield Screen(f"take-number-{page + 1}-{n + 1}", take, [*shown, take.back, *extra])
            if not bar.more.isEnabled() or not bar.isVisible():
                break
            bar.more.click()
            settle(shell)
    change = queue.service.issue(["vneid"], priority="elderly", language=shell.t.lang)
    queue.issued(change, queue.service.estimate_for(change.visit_id))
    settle(shell, 6)
    ticket = queue.ticket_screen
    yield Screen("ticket", ticket, [ticket.done])


def _coordinator(shell: Any) -> Any:
    from kiosk.security import list_volunteers

    return next(v for v in list_volunteers(shell.ctx.db) if v.role == "coordinator")


def _enabled_buttons(screen: QWidget) -> list[QWidget]:
    return [b for b in screen.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]


def _named_primary(screen: QWidget, kind: str) -> list[QWidget]:
    """A staff screen's main buttons: the accent ones and those it is named for."""
    return [
        b
        for b in screen.findChildren(QPushButton)
        if b.isVisible() and (b.property("role") == "accent" or b.objectName().endswith("save"))
    ]


# -- checking a screen ------------------------------------------------------------------
def in_view(w: QWidget, window: QWidget) -> bool:
    """Fully visible without scrolling: inside the window and inside every parent."""
    if not w.isVisible():
        return False
    rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
    if not QRect(0, 0, SCREEN_W, SCREEN_H).contains(rect):
        return False
    parent = w.parentWidget()
    while parent is not None and parent is not window:
        seen = QRect(w.mapTo(parent, QPoint(0, 0)), w.size())
        if not parent.rect().contains(seen):
            return False
        parent = parent.parentWidget()
    return True


def _in_scroll_area(w: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def _widest_word(lab: QLabel) -> str:
    """The widest word of a wrapped label, which no wrapping can break."""
    metrics = lab.fontMetrics()
    words = lab.text().replace("\u00a0", " ").split()
    return max(words, key=metrics.horizontalAdvance, default="")


def _label(w: QWidget) -> str:
    text = w.text() if isinstance(w, (QLabel, QAbstractButton)) else ""
    return f"{type(w).__name__} {w.objectName() or '-'} {text[:30]!r}"


def check(shell: Any, screen: Screen, image: QImage | None = None) -> list[str]:
    """What is wrong on ``screen`` as it is shown now; ``image``: the window's picture."""
    window = shell.window
    dpi = shell.theme.dpi
    min_px = MIN_TARGET_MM * dpi / 25.4
    problems: list[str] = []
    say = problems.append
    roots = [screen.widget]
    if window.top_bar.isVisible():
        roots.append(window.top_bar)
    widgets = [w for r in roots for w in [r, *r.findChildren(QWidget)] if w.isVisible()]

    for w in screen.primary:
        if not in_view(w, window):
            say(f"primary action not in view: {_label(w)}")
    if window.height() > SCREEN_H or window.width() > SCREEN_W:
        say(f"window is {window.width()}x{window.height()}")
    for w in widgets:
        if isinstance(w, QScrollArea) and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            say(f"a scroll area takes keyboard focus: {_label(w)}")
        if not _in_scroll_area(w):
            rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
            if not QRect(0, 0, SCREEN_W, SCREEN_H).contains(rect) and not w.isWindow():
                say(f"outside the screen: {_label(w)} at {rect.getRect()}")
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            if w.wordWrap():
                word = _widest_word(w)
                if word and w.fontMetrics().horizontalAdvance(word) > w.contentsRect().width() + 1:
                    say(f"label cut off: {_label(w)}: {word!r} is wider than the label")
                need = w.heightForWidth(w.width())
                # Two pixels of rounding between a label's size hint and its height for
                # its width cut nothing a reader can see.
                if need > w.height() + 2:
                    say(f"label cut off: {_label(w)} needs {need}px high, has {w.height()}")
            elif w.fontMetrics().horizontalAdvance(w.text()) > w.contentsRect().width() + 1:
                say(f"label cut off: {_label(w)} is wider than its {w.width()}px")
        if isinstance(w, QAbstractButton):
            if w.width() < min_px - 0.01 or w.height() < min_px - 0.01:
                say(f"button under 16 mm: {_label(w)} is {w.width()}x{w.height()}px")
            if isinstance(w, QPushButton) and w.text():
                need = w.fontMetrics().horizontalAdvance(w.text().replace("&", ""))
                room = w.contentsRect().width() - (
                    w.iconSize().width() if not w.icon().isNull() else 0
                )
                if need > room:
                    say(f"button text cut off: {_label(w)} needs {need}px, has {room}")
        if _is_control(w) and w.isEnabled():
            iface = QAccessible.queryAccessibleInterface(w)
            spoken = iface.text(QAccessible.Text.Name) if iface is not None else ""
            if not (spoken or w.accessibleName()).strip():
                say(f"no accessible name: {_label(w)}")
    if image is not None:
        problems += _contrast(window, widgets, image)
    problems += _tab_reach(window, widgets)
    return [f"{screen.name}: {p}" for p in problems]


def _tab_reach(window: QWidget, widgets: list[QWidget]) -> list[str]:
    """Press Tab from the first control round the whole chain; list the controls missed."""
    wanted = [
        w
        for w in widgets
        if _is_control(w)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]
    if not wanted:
        return []
    reached: set[int] = set()
    first = wanted[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(3 * len(wanted) + 20):
        focused = QApplication.focusWidget()
        if focused is None:
            break
        reached.add(id(focused))
        if all(id(w) in reached for w in wanted):
            break
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    return [f"Tab never reaches {_label(w)}" for w in wanted if id(w) not in reached]


def _luminance(rgb: tuple[int, int, int]) -> float:
    def chan(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _visible(w: QWidget, window: QWidget, rect: QRect) -> QRect:
    """The part of ``rect`` (window coordinates) that ``w``'s parents let be seen: a
    control half under a scroll area's fold is measured on what shows of it, not on
    what is drawn below the fold."""
    parent = w.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect


def _contrast(window: QWidget, widgets: list[QWidget], image: QImage) -> list[str]:
    """The text's colour against what is behind it, read from the picture: the commonest
    colour in the text's box is the background, the colour furthest from it among those
    that fill real strokes is the text."""
    from PIL import Image

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    ratio = rgb.width() / max(1, window.width())
    pic = Image.frombuffer(
        "RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()), "raw", "RGB", rgb.bytesPerLine()
    )
    out = []
    for w in widgets:
        text = w.text() if isinstance(w, (QLabel, QPushButton)) else ""
        if not text or (isinstance(w, QLabel) and not w.pixmap().isNull()):
            continue
        r = _visible(w, window, w.contentsRect().translated(w.mapTo(window, QPoint(0, 0))))
        box = (
            int(r.left() * ratio),
            int(r.top() * ratio),
            int((r.left() + r.width()) * ratio),
            int((r.top() + r.height()) * ratio),
        )
        if box[2] - box[0] < 4 or box[3] - box[1] < 4:
            continue
        colours = pic.crop(box).getcolors(maxcolors=1 << 16)
        if not colours:
            continue
        colours.sort(reverse=True)
        background = colours[0][1]
        strokes = max(3, sum(n for n, _c in colours[1:]) // 50)
        inks = [c for n, c in colours[1:] if n >= strokes]
        if not inks:
            continue
        best = max(contrast(background, c) for c in inks)
        if best < MIN_CONTRAST - 0.05:
            out.append(f"text contrast {best:.1f}:1 under 7:1: {_label(w)}")
    return out


def grab(shell: Any) -> QImage:
    return shell.window.grab().toImage()


def run(
    shell: Any,
    variants: list[tuple[str, int, bool]],
    on_screen: Callable[[str, Screen, QImage], None] | None = None,
    sample_guides: bool = True,
) -> list[str]:
    """Audit every screen in every variant; every problem found, one line each."""
    problems: list[str] = []
    for lang, scale, hc in variants:
        set_variant(shell, lang, scale, hc)
        tag = variant_name(lang, scale, hc)
        for screen in walk(shell, (lang, scale, hc), sample_guides):
            image = grab(shell)
            problems += [f"{tag} {p}" for p in check(shell, screen, image)]
            if on_screen is not None:
                on_screen(tag, screen, image)
    set_variant(shell, "vi", 100, False)
    return problems
