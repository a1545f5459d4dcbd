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
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk import home_tiles
from kiosk.home_tiles import HomeTile
from kiosk.paths import glossary_path, guides_dir
from ui.guides.widgets import svg_icon
from ui.qt_events import listen

if TYPE_CHECKING:
    from kiosk.guides import Library
    from kiosk.guides.visits import View, ViewLog
    from ui.guides.overview import OverviewScreen
    from ui.guides.problems import ProblemsScreen
    from ui.guides.step import StepScreen
    from ui.shell import Shell

log = logging.getLogger(__name__)
ICON_MM = 18


class GuidesPart(QObject):
    def __init__(
        self, shell: Shell, library: Library | None = None, *, home_first: bool = False
    ) -> None:
        """With ``home_first``, the home tiles kept from the last reading of the packs are
        shown when they still match the packs (:mod:`kiosk.home_tiles`), and the packs are
        read by :meth:`finish`, after the first paint; otherwise they are read now."""
        super().__init__(shell)
        self.shell = shell
        session, t = shell.session, shell.t
        self.library: Library
        self._views: ViewLog | None = None
        self._icons: dict[str, Path] = {}  # each home tile's drawing
        self._icons_px = 0
        self._shown: list[HomeTile] = []
        self._kept: list[HomeTile] | None = None
        self._loaded = False

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
        shell.resetters.append(self._clear_views)
        self._problems_from = "guide_overview"
        shell.home.tile_chosen.connect(self.open_guide)
        shell.window.screen_changed.connect(lambda _name: self.attach_views())
        shell.theme.changed.connect(self._size_icons)
        if home_first and library is None:
            self._kept = home_tiles.read(guides_dir(), glossary_path())
        if self._kept is not None:
            self._show_tiles(self._kept)
        else:
            self._load(library)

    def finish(self) -> None:
        """Read the packs, if that was left until after the first paint (once)."""
        if not self._loaded:
            self._load(None)

    def _load(self, library: Library | None) -> None:
        from kiosk.guides import load_all

        self.library = library or load_all(today=self.shell.ctx.clock.now().date())
        self._loaded = True
        tiles = self._home_tiles()
        if tiles and tiles != self._shown:
            self._show_tiles(tiles)
        elif not tiles and not self.shell.home.tiles:
            self.shell.home.add_service_tiles()  # no guide: a plain tile per service
        if library is None and tiles and tiles != self._kept:
            home_tiles.write(guides_dir(), glossary_path(), tiles)
        self._report_refused()
        self._report_attention()
        listen(self, self.shell.t.changed, lambda _lang: self._report_attention())

    @property
    def views(self) -> ViewLog:
        """The guide steps this citizen has seen, until they are written to their visit."""
        if self._views is None:
            from kiosk.guides.visits import ViewLog

            self._views = ViewLog()
        return self._views

    def _clear_views(self) -> None:
        if self._views is not None:
            self._views.clear()

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
    def _home_tiles(self) -> list[HomeTile]:
        """The home tiles the loaded guides give: the same tiles, names and pictures as
        *Take a number* (kiosk.services), in every language."""
        from kiosk.guides import LANGS
        from kiosk.guides.plain import keep_together
        from kiosk.services import service_tiles

        tiles = []
        for tile in service_tiles(self.library.guides):
            titles = {lang: tile.title(lang) for lang in LANGS}
            labels = {lang: keep_together(title, lang) for lang, title in titles.items()}
            minutes = tile.guide.minutes if tile.guide else 0
            tiles.append(HomeTile(tile.key, str(tile.icon or ""), minutes, titles, labels))
        return tiles

    def _show_tiles(self, tiles: list[HomeTile]) -> None:
        home, t = self.shell.home, self.shell.t
        home.clear_tiles(relayout=False)
        self._icons = {tile.key: Path(tile.icon) for tile in tiles if tile.icon}
        px = self._icon_px()
        for tile in tiles:

            def text(tile: HomeTile = tile) -> tuple[str, str]:
                title = tile.titles.get(t.lang) or tile.titles.get("vi") or tile.key
                desc = t.t("guides.tile_desc", title=title, minutes=tile.minutes)
                return tile.labels.get(t.lang) or title, desc

            icon = self._icons.get(tile.key)
            home.add_tile(tile.key, text, svg_icon(icon, px) if icon else None, relayout=False)
        home.relayout()
        self._icons_px = px
        self._size_icons()
        self._shown = tiles

    def _icon_px(self) -> int:
        return self.shell.theme.metrics.px(ICON_MM)

    def _size_icons(self) -> None:
        # Each picture is drawn at the size it is shown (a larger text size draws it again),
        # rather than drawn large once and scaled down at every paint.
        px = self._icon_px()
        for key, tile in self.shell.home.tiles.items():
            path = self._icons.get(key)
            if path is None:
                continue
            if self._icons_px != px:
                tile.set_icon(svg_icon(path, px))
            tile.set_icon_size(px)
        if self._icons_px != px:
            self.shell.home.relayout()  # the tiles' height changed with their pictures
        self._icons_px = px

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
        from kiosk.guides.provenance import SOURCE_MAX_AGE, needs_check

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
        from kiosk.guides.visits import View

        view = View(guide_id, step, lang, self.shell.ctx.clock.now())
        self._write(self.views.viewed(self.shell.session.visit_id, view))

    def attach_views(self) -> None:
        if self._views is not None:  # nothing seen yet otherwise
            self._write(self._views.flush(self.shell.session.visit_id))

    def _write(self, batch: tuple[int, list[View]] | None) -> None:
        from kiosk.guides.visits import record_views

        if batch is None:
            return
        ctx = self.shell.ctx  # the database is reached on the lane: it may still be opening
        self.shell.ops.run(
            lambda: record_views(ctx.db, *batch),
            on_error=lambda exc: log.warning("guide views not saved: %s", exc),
        )
