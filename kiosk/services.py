"""The public digital services a point teaches. Guides and queue tickets refer to these ids;
their names live in the translation catalogs as ``service.<id>``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
