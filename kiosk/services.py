"""The public digital services a point teaches. Guides and queue tickets refer to these ids;
their names live in the translation catalogs as ``service.<id>``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.guides.model import Guide
    from kiosk.storage import Database

SERVICES: tuple[str, ...] = (
    "vneid",
    "public-service",
    "payments",
    "mps",
    "ihanoi",
    "etax",
    "pension",
    "scam-safety",
)


def ensure_services(db: Database) -> None:
    """Add any service the database does not know yet (kept in catalogue order)."""
    from sqlalchemy import select

    from kiosk.storage.models import Service

    with db.session() as s:
        known = set(s.scalars(select(Service.id)))
        for order, sid in enumerate(SERVICES):
            if sid not in known:
                s.add(Service(id=sid, sort_order=order * 10, active=True))


def active_services(db: Database) -> list[str]:
    from sqlalchemy import select

    from kiosk.storage.models import Service

    with db.session() as s:
        return list(
            s.scalars(select(Service.id).where(Service.active).order_by(Service.sort_order))
        )


@dataclass(frozen=True)
class ServiceTile:
    """One choice of what a citizen needs help with, named and pictured the same way on the
    home screen and on *Take a number*: a guide's title and picture, or, for a service no
    guide teaches, the service's name from the catalogs."""

    key: str  # the guide's id, or the service's id when no guide teaches it
    service: str
    icon: Path | None = None
    guide: Guide | None = None

    def title(self, lang: str) -> str:
        if self.guide is not None:
            return self.guide.text(lang).title
        from kiosk.i18n import translate

        return translate(f"service.{self.service}", lang)


def service_tiles(
    guides: Sequence[Guide], services: Sequence[str] | None = None
) -> list[ServiceTile]:
    """The tiles in home-screen order: one per guide, then one per service of ``services``
    that no guide teaches. With ``services`` given, only guides of those services (the
    ones the queue can take a number for) are kept."""
    wanted = None if services is None else list(services)
    tiles = [
        ServiceTile(g.id, g.service, g.icon, g)
        for g in guides
        if wanted is None or g.service in wanted
    ]
    taught = {t.service for t in tiles}
    tiles += [ServiceTile(sid, sid) for sid in wanted or () if sid not in taught]
    return tiles
