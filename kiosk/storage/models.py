"""The domain as typed SQLAlchemy 2.0 models.

Personal data rule: nothing here holds an ID-card number, an OTP, a password or bank
details. A visit may hold a name and a phone only when ``consent_at`` is set, and those
are erased after the retention period.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC times on every database (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC time from the clock")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    if TYPE_CHECKING:
        # Every model here is mapped to a plain table (SQLAlchemy allows any FromClause).
        __table__: ClassVar[Table]


class Point(Base):
    """A mobile digital-literacy point (one table in one ward)."""

    __tablename__ = "point"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    ward: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Kiosk(Base):
    """This laptop. ``id`` is made once at first start and never changes."""

    __tablename__ = "kiosk"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    point: Mapped[Point] = relationship()


class Volunteer(Base):
    __tablename__ = "volunteer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20))  # "volunteer" or "coordinator"
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Service(Base):
    """A service the point teaches; guides and queue tickets refer to it."""

    __tablename__ = "service"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TicketCounter(Base):
    """Last ticket number issued per kiosk per day: bumped in the same transaction as the
    visit it numbers, so a crash can neither lose nor reuse a number."""

    __tablename__ = "ticket_counter"
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosk.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Visit(Base):
    """One citizen's visit: the queue ticket, what they did, and what was achieved."""

    __tablename__ = "visit"
    __table_args__ = (
        UniqueConstraint("kiosk_id", "day", "ticket_number"),
        Index("ix_visit_line", "state", "day", "desk", "queued_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosk.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    ticket_number: Mapped[int] = mapped_column(Integer)
    ticket: Mapped[str] = mapped_column(String(12))
    follow_up_code: Mapped[str] = mapped_column(String(12), unique=True)
    language: Mapped[str] = mapped_column(String(8), default="vi")
    state: Mapped[str] = mapped_column(String(16), default="waiting", index=True)
    priority: Mapped[str | None] = mapped_column(String(32), nullable=True)
    age_band: Mapped[str | None] = mapped_column(String(16), nullable=True)
    desk: Mapped[int | None] = mapped_column(Integer, nullable=True)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    serving_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    outcome: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    # Personal data: only with recorded consent, erased after the retention period.
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    previous_visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), nullable=True)
    exported_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Queue: when the ticket (re)joined the waiting line, and how often it was called again.
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    recalls: Mapped[int] = mapped_column(Integer, default=0)

    services: Mapped[list[VisitService]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", lazy="selectin"
    )
    guide_views: Mapped[list[GuideView]] = relationship(
        back_populates="visit",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="GuideView.id",
    )


class VisitService(Base):
    __tablename__ = "visit_service"
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True
    )
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), primary_key=True)
    visit: Mapped[Visit] = relationship(back_populates="services")


class GuideView(Base):
    """A guide step a citizen looked at during a visit (no personal data)."""

    __tablename__ = "guide_view"
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    guide_id: Mapped[str] = mapped_column(String(64))
    step: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    visit: Mapped[Visit] = relationship(back_populates="guide_views")


class AuditEvent(Base):
    """What volunteers and coordinators did, and failed PIN entries."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    kiosk_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class SlipPrint(Base):
    """One attempt to print a visit's follow-up slip, kept so a failed slip is reprinted and
    printer trouble is visible (no personal data: the printer and the error only)."""

    __tablename__ = "slip_print"
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    printer: Mapped[str] = mapped_column(String(160), default="")
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str] = mapped_column(Text, default="")


class QueueEvent(Base):
    """One step in a ticket's life (history kept; wait and service times come from it)."""

    __tablename__ = "queue_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    action: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    to_state: Mapped[str] = mapped_column(String(16))
    desk: Mapped[int | None] = mapped_column(Integer, nullable=True)
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id"), nullable=True)


class ExportBatch(Base):
    """One session-log bundle that left (or is waiting to leave) this kiosk.

    A USB batch is recorded only once the file was read back whole, in the same transaction
    that marks its visits exported. A network batch waits in the outbox (``queued``, with the
    ids of its visits) until the collector confirms it."""

    __tablename__ = "export_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "usb" or "network"
    mode: Mapped[str] = mapped_column(String(16))  # "incremental" or "full"
    status: Mapped[str] = mapped_column(String(16), index=True)  # queued, writing or confirmed
    sequence: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))
    target: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64))
    visit_count: Mapped[int] = mapped_column(Integer, default=0)
    visit_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
