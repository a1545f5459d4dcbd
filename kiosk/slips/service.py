"""Slips for saved visits: make, print, record, and list the ones to reprint.

The visit and its ticket are saved before a slip is asked for; :meth:`SlipService.print_slip`
never raises because a printer failed. It records the attempt (``slip_print``) and returns a
:class:`PrintOutcome` the screens show: the slip printed, or the ticket in large type with a
calm sentence, while volunteers get a reprint list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.changes import Kind
from kiosk.i18n import translate
from kiosk.settings import Settings
from kiosk.slips.content import GuideSource, ServiceUrls, SlipData, from_visit, no_guides
from kiosk.slips.printing import Printer, PrintError, make_printer

if TYPE_CHECKING:  # the database code is imported on first use, not at the kiosk's start
    from kiosk.guides.visits import View
    from kiosk.queue import Change
    from kiosk.queue.service import QueueService
    from kiosk.storage import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one slip; ``error_kind`` is empty when it printed."""

    visit_id: int
    ticket: str
    follow_up_code: str
    language: str
    ok: bool
    printer: str
    error_kind: str = ""
    detail: str = ""
    job: str = ""
    self_guided: bool = False  # no place in the line: screens speak of the code only

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset({Kind.SLIPS})

    def message(self, lang: str | None = None) -> str:
        """The failure in plain words, in ``lang`` (the visit's language by default)."""
        if self.ok:
            return ""
        return translate(
            f"slips.error.{self.error_kind or 'failed'}",
            lang or self.language,
            printer=self.printer,
        )


@dataclass(frozen=True)
class Printed:
    """What the printer step did: ``error_kind`` is empty when the slip came out."""

    printer: str
    job: str = ""
    error_kind: str = ""
    detail: str = ""


@dataclass(frozen=True)
class SelfGuidedSlip:
    """A self-guided visit just recorded, and the slip to print for it."""

    change: Change
    data: SlipData

    @property
    def visit_id(self) -> int:
        return self.change.visit_id

    @property
    def kinds(self) -> frozenset[Kind]:
        return self.change.kinds


@dataclass(frozen=True)
class FailedSlip:
    visit_id: int
    ticket: str
    at: datetime
    printer: str
    error: str


class SlipService:
    """Narrow service the screens get: no Qt, one short database session per call."""

    def __init__(
        self,
        db: Database | Callable[[], Database],
        settings: Settings,
        *,
        guides: GuideSource = no_guides,
        printer: Printer | None = None,
        service_urls: ServiceUrls | None = None,
    ) -> None:
        # ``db`` may be a function giving the database, so the kiosk can build this at
        # start while the database is still being opened.
        self._db, self.settings, self.guides = db, settings, guides
        if service_urls is None:  # the guide packs are the only source of addresses
            from kiosk.slips.guides import pack_service_urls

            service_urls = pack_service_urls()
        self.service_urls: ServiceUrls = service_urls
        self.printer = printer if printer is not None else make_printer(settings)

    @property
    def db(self) -> Database:
        return self._db() if callable(self._db) else self._db

    # -- making ---------------------------------------------------------------------------
    def slip_data(self, visit_id: int) -> SlipData:
        from kiosk.storage.models import Visit

        with self.db.session() as s:
            visit = s.get(Visit, visit_id)
            if visit is None:
                raise LookupError(f"no visit {visit_id}")
            s_ = self.settings
            return from_visit(
                visit,
                point_name=s_["point.name"],
                guides=self.guides,
                service_urls=self.service_urls,
                footer=s_["printer.footer"],
                logo=s_["printer.logo"],
            )

    def make_pdf(self, visit_id: int, fmt: str | None = None) -> bytes:
        from kiosk.slips.pdf import render

        return render(self.slip_data(visit_id), fmt or self.settings["printer.format"])

    # -- printing -------------------------------------------------------------------------
    def print_slip(self, visit_id: int) -> PrintOutcome:
        """Print the slip of a saved visit; a failure is recorded and returned, not raised.

        Also callable step by step, so the kiosk runs the database steps (:meth:`slip_data`,
        :meth:`record`) with its other database work and the printer step
        (:meth:`send_to_printer`) apart, where a slow printer delays nothing else."""
        data = self.slip_data(visit_id)  # LookupError: no such visit (a bug, not a printer)
        return self.record(visit_id, data, self.send_to_printer(data))

    def send_to_printer(self, data: SlipData) -> Printed:
        """Printer step: render and print. Touches no database; never raises."""
        label = self.printer.label
        job, kind, detail = "", "", ""
        try:
            from kiosk.slips.pdf import render

            pdf = render(data, self.settings["printer.format"])
            job = self.printer.print_pdf(pdf, data.title)
        except PrintError as exc:
            kind, detail = exc.kind, exc.detail
            label = exc.printer or label
        except Exception as exc:  # a slip must never cost the citizen their turn
            log.exception("slip for ticket %s failed", data.ticket)
            kind, detail = "failed", f"{type(exc).__name__}: {exc}"
        return Printed(label, job, kind, detail)

    def record(self, visit_id: int, data: SlipData, printed: Printed) -> PrintOutcome:
        """Database step: keep the attempt (``slip_print``) and say what happened."""
        from kiosk.storage.models import SlipPrint

        ok = not printed.error_kind
        with self.db.session() as s:
            s.add(
                SlipPrint(
                    visit_id=visit_id,
                    at=self.db.clock.now(),
                    printer=printed.printer,
                    ok=ok,
                    error="" if ok else f"{printed.error_kind}: {printed.detail}".strip(": "),
                )
            )
        return PrintOutcome(
            visit_id,
            data.ticket,
            data.follow_up_code,
            data.language,
            ok,
            printed.printer,
            printed.error_kind,
            printed.detail,
            printed.job,
            data.self_guided,
        )

    # -- a citizen who went through a guide alone -------------------------------------
    def self_guided_slip(
        self,
        queue: QueueService,
        services: Iterable[str],
        *,
        language: str,
        views: Sequence[View] = (),
    ) -> SelfGuidedSlip:
        """Database step: record the self-guided visit (a number and a follow-up code,
        never a place in the line) with the guide steps the citizen read, and read the
        slip it will print."""
        from kiosk.guides.visits import record_views

        change = queue.self_guided(services, language=language)
        if views:
            record_views(self.db, change.visit_id, list(views))
        return SelfGuidedSlip(change, self.slip_data(change.visit_id))

    def print_self_guided(
        self,
        queue: QueueService,
        services: Iterable[str],
        *,
        language: str,
        views: Sequence[View] = (),
    ) -> PrintOutcome:
        """The follow-up slip for a citizen who went through a guide alone, in one call
        (the kiosk runs its steps on separate lanes: see :meth:`print_slip`)."""
        made = self.self_guided_slip(queue, services, language=language, views=views)
        return self.record(made.visit_id, made.data, self.send_to_printer(made.data))

    # -- for volunteers -------------------------------------------------------------------
    def failed_today(self) -> list[FailedSlip]:
        """Today's visits whose latest slip attempt failed, oldest first."""
        from sqlalchemy import func, select

        from kiosk.queue.tickets import local_day
        from kiosk.storage.models import SlipPrint, Visit

        day = local_day(self.db)
        latest = (
            select(SlipPrint.visit_id, func.max(SlipPrint.id).label("last"))
            .group_by(SlipPrint.visit_id)
            .subquery()
        )
        q = (
            select(Visit, SlipPrint)
            .join(latest, latest.c.visit_id == Visit.id)
            .join(SlipPrint, SlipPrint.id == latest.c.last)
            .where(Visit.day == day, Visit.kiosk_id == self.db.kiosk_id, SlipPrint.ok.is_(False))
            .order_by(SlipPrint.at)
        )
        with self.db.session() as s:
            return [FailedSlip(v.id, v.ticket, p.at, p.printer, p.error) for v, p in s.execute(q)]

    def latest_visit_today(self) -> int | None:
        from sqlalchemy import select

        from kiosk.queue.tickets import local_day
        from kiosk.storage.models import Visit

        with self.db.session() as s:
            return s.scalars(
                select(Visit.id)
                .where(Visit.day == local_day(self.db), Visit.kiosk_id == self.db.kiosk_id)
                .order_by(Visit.id.desc())
            ).first()

    def attempts(self, visit_id: int) -> list[tuple[datetime, bool, str, str]]:
        from sqlalchemy import select

        from kiosk.storage.models import SlipPrint

        with self.db.session() as s:
            rows = s.scalars(
                select(SlipPrint).where(SlipPrint.visit_id == visit_id).order_by(SlipPrint.id)
            )
            return [(r.at, r.ok, r.printer, r.error) for r in rows]
