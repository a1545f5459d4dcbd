"""The guides part of the kiosk: home tiles, overview, steps, common problems, reading
aloud, and the record of viewed steps. :class:`GuidesPart` is built by
:func:`ui.assemble.build_kiosk`, which hands it to the parts that need it.

``guides.library`` holds the loaded guides
(``library.get(id)`` gives ``official_url`` and ``next_at_home`` for the slip), and
``guides.step.print_slip`` (a signal carrying the guide id) is where the slips part
connects its printing. ``guides.attach_views()`` writes the views made before the
citizen took a number into their new visit (it also happens on every screen change).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk.guides import Library, load_all
from kiosk.guides.plain import keep_together
from kiosk.guides.provenance import SOURCE_MAX_AGE, needs_check
from kiosk.guides.visits import View, ViewLog, record_views
from kiosk.services import service_tiles
from ui.guides.widgets import svg_icon
from ui.qt_events import listen

if TYPE_CHECKING:
    from ui.guides.overview import OverviewScreen
    from ui.guides.problems import ProblemsScreen
    from ui.guides.step import StepScreen
    from ui.shell import Shell

log = logging.getLogger(__name__)
ICON_MM = 18


class GuidesPart(QObject):
    def __init__(self, shell: Shell, library: Library | None = None) -> None:
        super().__init__(shell)
        self.shell = shell
        session, t = shell.session, shell.t
        self.library = library or load_all(today=shell.ctx.clock.now().date())
        self.views = ViewLog()

        def set_read_aloud(on: bool) -> None:
            session.read_aloud = on

        # The screens are built when a guide is first opened, not at start.
        def make_overview() -> OverviewScreen:
            from ui.guides.overview import OverviewScreen

            overview = OverviewScreen(
                t, shell.speaker, shell.theme, lambda: session.read_aloud, set_read_aloud
            )
            overview.start.connect(self.start_steps)
            overview.back.connect(shell.go_home)
            overview.home.connect(shell.go_home)
            overview.to_problems.connect(lambda: self.show_problems("guide_overview"))
            return overview

        def make_step() -> StepScreen:
            from ui.guides.step import StepScreen

            step = StepScreen(t, shell.speaker, shell.theme, lambda: session.read_aloud)
            step.to_overview.connect(lambda: shell.show("guide_overview"))
            step.home.connect(shell.go_home)
            step.finished.connect(lambda _gid: shell.go_home())
            step.to_problems.connect(lambda: self.show_problems("guide_step"))
            step.take_number.connect(shell.home.take_number)
            step.shown.connect(self._viewed)
            return step

        def make_problems() -> ProblemsScreen:
            from ui.guides.problems import ProblemsScreen

            problems = ProblemsScreen(t, shell.theme)
            problems.back.connect(lambda: shell.show(self._problems_from))
            problems.home.connect(shell.go_home)
            return problems

        shell.add_lazy_screen("guide_overview", make_overview)
        shell.add_lazy_screen("guide_step", make_step)
        shell.add_lazy_screen("guide_problems", make_problems)
        shell.resetters.append(self.views.clear)
        self._problems_from = "guide_overview"
        shell.home.tile_chosen.connect(self.open_guide)
        shell.window.screen_changed.connect(lambda _name: self.attach_views())
        shell.theme.changed.connect(self._size_icons)
        self._tiles()
        self._report_refused()
        self._report_attention()
        listen(self, t.changed, lambda _lang: self._report_attention())

    @property
    def overview(self) -> OverviewScreen:
        return self.shell.screen("guide_overview")  # type: ignore[return-value]

    @property
    def step(self) -> StepScreen:
        return self.shell.screen("guide_step")  # type: ignore[return-value]

    @property
    def problems(self) -> ProblemsScreen:
        return self.shell.screen("guide_problems")  # type: ignore[return-value]

    # -- home tiles -------------------------------------------------------------------
    def _tiles(self) -> None:
        if not self.library.guides:
            return  # keep the plain service tiles rather than an empty home screen
        home, t = self.shell.home, self.shell.t
        home.clear_tiles()
        # The same tiles, names and pictures as *Take a number* (kiosk.services).
        for tile in service_tiles(self.library.guides):

            def text(tile=tile) -> tuple[str, str]:
                title = tile.title(t.lang)
                minutes = tile.guide.minutes if tile.guide else 0
                desc = t.t("guides.tile_desc", title=title, minutes=minutes)
                return keep_together(title, t.lang), desc

            home.add_tile(tile.key, text, svg_icon(tile.icon) if tile.icon else None)
        self._size_icons()

    def _size_icons(self) -> None:
        px = self.shell.theme.metrics.px(ICON_MM)
        for key, tile in self.shell.home.tiles.items():
            if self.library.get(key) is not None:
                tile.set_icon_size(px)

    def _report_refused(self) -> None:
        if not self.library.refused:
            return
        for r in self.library.refused:
            log.warning("%s", r.message)
        staff = self.shell.staff
        lines = [staff.problems.text()] if staff.problems.text() else []
        lines += [r.message for r in self.library.refused]
        staff.show_problems("\n".join(lines))

    def _report_attention(self) -> None:
        """Tell volunteers which guides were never tried on a phone or rest on old sources."""
        t = self.shell.t
        today = self.shell.ctx.clock.now().date()
        found = needs_check(self.library.guides, today)
        lines = []
        for reason, key in (
            ("never_field_checked", "guides.staff_never"),
            ("field_check_old", "guides.staff_field_old"),
            ("sources_old", "guides.staff_sources_old"),
        ):
            titles = [
                g.text(t.lang).title
                for a in found
                if reason in a.reasons and (g := self.library.get(a.guide_id)) is not None
            ]
            if titles:
                months = SOURCE_MAX_AGE.days // 30
                lines.append(t.t(key, titles="; ".join(titles), months=months))
        self.shell.staff.show_guide_notes("\n".join(lines))

    # -- navigation -------------------------------------------------------------------
    def open_guide(self, guide_id: str) -> None:
        guide = self.library.get(guide_id)
        if guide is None:
            return
        self.overview.open(guide)
        self.shell.show("guide_overview")
        self._viewed(guide.id, 0, guide.lang_for(self.shell.t.lang))

    def start_steps(self) -> None:
        if self.overview.guide is not None:
            self.step.open(self.overview.guide)
            self.shell.show("guide_step")

    def show_problems(self, came_from: str) -> None:
        guide = self.overview.guide if came_from == "guide_overview" else self.step.guide
        if guide is None:
            return
        self._problems_from = came_from
        self.problems.open(guide)
        self.shell.show("guide_problems")

    # -- the visit record -------------------------------------------------------------
    def _viewed(self, guide_id: str, step: int, lang: str) -> None:
        view = View(guide_id, step, lang, self.shell.ctx.clock.now())
        self._write(self.views.viewed(self.shell.session.visit_id, view))

    def attach_views(self) -> None:
        self._write(self.views.flush(self.shell.session.visit_id))

    def _write(self, batch: tuple[int, list[View]] | None) -> None:
        if batch is None:
            return
        ctx = self.shell.ctx  # the database is reached on the lane: it may still be opening
        self.shell.ops.run(
            lambda: record_views(ctx.db, *batch),
            on_error=lambda exc: log.warning("guide views not saved: %s", exc),
        )
