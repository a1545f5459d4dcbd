"""The collector's own tables, on their own metadata (a collector database is not a kiosk
database; both can live in one PostgreSQL server without touching each other).

The schema is made and upgraded by :func:`migrate` (run by every collector command and at
server start; safe to run from several collectors at once). ``collector_meta`` keeps the
schema version so later versions can upgrade in place.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from kiosk.storage.models import NAMING, UTCDateTime

SCHEMA_VERSION = 3


class CollectorBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    if TYPE_CHECKING:
        # Every model here is mapped to a plain table (SQLAlchemy allows any FromClause).
        __table__: ClassVar[Table]


class CollectorMeta(CollectorBase):
    __tablename__ = "collector_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class RegisteredKiosk(CollectorBase):
    """A kiosk the coordinator registered: its public signing key and upload token
    (only the token's SHA-256 is kept)."""

    __tablename__ = "collector_kiosk"
    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    token_sha256: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ImportedBundle(CollectorBase):
    __tablename__ = "collector_bundle"
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    point_name: Mapped[str] = mapped_column(String(120), default="")
    ward: Mapped[str] = mapped_column(String(120), default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    visits: Mapped[int] = mapped_column(Integer, default=0)
    new_visits: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))  # "upload" or "usb"
    app_version: Mapped[str] = mapped_column(String(40), default="", server_default="")
    guides_version: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The guide packs the kiosk held, as JSON {guide id: version} (schema 3; "" before).
    guide_packs: Mapped[str] = mapped_column(Text, default="", server_default="")


class CollectedVisit(CollectorBase):
    """One visit from one kiosk; (kiosk_id, visit_id) is unique, so a visit is never
    counted twice however many bundles carry it."""

    __tablename__ = "collector_visit"
    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    visit_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    point_name: Mapped[str] = mapped_column(String(120), default="")
    ward: Mapped[str] = mapped_column(String(120), default="")
    day: Mapped[date] = mapped_column(Date, index=True)
    ticket: Mapped[str] = mapped_column(String(64))
    follow_up_code: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(64))
    priority: Mapped[str | None] = mapped_column(String(32), nullable=True)
    age_band: Mapped[str | None] = mapped_column(String(32), nullable=True)
    desk: Mapped[int | None] = mapped_column(Integer, nullable=True)
    volunteer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    serving_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    wait_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    service_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    guide_steps: Mapped[int] = mapped_column(Integer, default=0)
    guides: Mapped[str] = mapped_column(Text, default="[]")
    previous_visit_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    personal: Mapped[str | None] = mapped_column(Text, nullable=True)  # sealed, unreadable


visit_item = Table(
    "collector_visit_item",
    CollectorBase.metadata,
    Column("kiosk_id", String(64), nullable=False),
    Column("visit_id", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", String(64), nullable=False),
)


class VisitItem(CollectorBase):
    """A service (``kind='service'``) or an outcome (``kind='outcome'``) of a visit.

    The table has no key of its own: items are only ever written in the transaction that
    stores their visit for the first time (each service or outcome once), and the visit
    is unique by (kiosk_id, visit_id), so an item cannot be stored twice. Without a key
    of its own the table takes a campaign's bundle several times faster."""

    __table__ = visit_item
    __mapper_args__ = {
        "primary_key": [
            visit_item.c.kiosk_id,
            visit_item.c.visit_id,
            visit_item.c.kind,
            visit_item.c.value,
        ]
    }
    kiosk_id: Mapped[str]
    visit_id: Mapped[int]
    kind: Mapped[str]
    value: Mapped[str]


class SummaryCount(CollectorBase):
    """Counts kept up to date inside each import's transaction, so the dashboard never
    scans the visits: per day, kiosk, point and ward, for all services together
    (``service='*'``) and for each service, how many visits had ``kind``/``value``.

    Kinds: ``visits`` (value ``''``), ``outcome``, ``with_outcome``, ``priority``,
    ``age_band``, ``language``, ``service``, ``hour`` (local hour the ticket was taken),
    ``wait`` (whole minutes from ticket to call), ``wait_total`` (seconds, summed),
    ``guide`` (visits that opened a guide) and ``step`` (``guide#step`` reached)."""

    __tablename__ = "collector_summary"
    service: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    point_name: Mapped[str] = mapped_column(String(120), primary_key=True)
    ward: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(String(140), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, default=0)


class SummaryTotal(CollectorBase):
    """:class:`SummaryCount` added up over all days: what a page without a date filter
    reads (45 times fewer rows over a 45-day campaign). Kept in the same transaction."""

    __tablename__ = "collector_summary_total"
    service: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    point_name: Mapped[str] = mapped_column(String(120), primary_key=True)
    ward: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(String(140), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, default=0)


class CampaignSetting(CollectorBase):
    """The campaign the coordinator set: name, first and last day, silence limit."""

    __tablename__ = "collector_setting"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class CampaignTarget(CollectorBase):
    """A target for the campaign (``point=''``) or one point: visits, or one result."""

    __tablename__ = "collector_target"
    point_name: Mapped[str] = mapped_column(String(120), primary_key=True)
    metric: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class AuditEntry(CollectorBase):
    """Every change made through the dashboard: who, when, what, from what to what."""

    __tablename__ = "collector_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    who: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(64), default="")
    what: Mapped[str] = mapped_column(String(120))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


VISIT_COLUMNS = tuple(c.name for c in CollectedVisit.__table__.columns)
ITEM_COLUMNS = tuple(c.name for c in VisitItem.__table__.columns)


def migrate(engine: Engine) -> None:
    """Create the collector's tables if missing and record the schema version. Two
    collectors starting together on one database may race to create a table; the one
    that loses simply looks again."""
    from sqlalchemy.exc import IntegrityError, ProgrammingError

    for attempt in range(3):
        try:
            CollectorBase.metadata.create_all(engine, checkfirst=True)
            _drop_item_key(engine)
            _add_missing(engine)
            _record_version(engine)
            _fill_summaries(engine)
            return
        except (IntegrityError, ProgrammingError):
            if attempt == 2:
                raise


def _drop_item_key(engine: Engine) -> None:
    """Databases made by earlier versions gave ``collector_visit_item`` a primary key;
    on PostgreSQL it is dropped (see :class:`VisitItem`). Both versions work either way."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        if conn.exec_driver_sql(
            "SELECT 1 FROM pg_constraint WHERE conname = 'pk_collector_visit_item'"
        ).first():
            conn.exec_driver_sql(
                "ALTER TABLE collector_visit_item DROP CONSTRAINT IF EXISTS pk_collector_visit_item"
            )


def _add_missing(engine: Engine) -> None:
    """Columns and indexes added since schema 1, on a database made by an earlier version."""
    have = {c["name"] for c in inspect(engine).get_columns("collector_bundle")}
    added = {  # column: its type, by the schema version that added it
        "app_version": "VARCHAR(40)",  # 2
        "guides_version": "VARCHAR(40)",  # 2
        "guide_packs": "TEXT",  # 3
    }
    with engine.begin() as conn:
        for name, kind in added.items():
            if name not in have:
                conn.exec_driver_sql(
                    f"ALTER TABLE collector_bundle ADD COLUMN {name} {kind} NOT NULL DEFAULT ''"
                )
    for index in CollectedVisit.__table__.indexes:
        index.create(engine, checkfirst=True)


def _fill_summaries(engine: Engine) -> None:
    """A database made before the summary table had its visits counted once, here."""
    with Session(engine) as s, s.begin():
        row = s.get(CollectorMeta, "summaries_filled")
        if row is not None:
            return
        s.add(CollectorMeta(key="summaries_filled", value="1"))
        from kiosk.collector.summary import rebuild_summaries

        rebuild_summaries(s.connection())


def _record_version(engine: Engine) -> None:
    with Session(engine) as s, s.begin():
        row = s.get(CollectorMeta, "schema_version")
        if row is None:
            s.add(CollectorMeta(key="schema_version", value=str(SCHEMA_VERSION)))
        elif int(row.value) < SCHEMA_VERSION:
            row.value = str(SCHEMA_VERSION)
        elif int(row.value) > SCHEMA_VERSION:
            raise RuntimeError(
                f"the collector database has schema {row.value}; this "
                f"program knows {SCHEMA_VERSION}. Update the program."
            )


def schema_version(engine: Engine) -> int | None:
    if not inspect(engine).has_table("collector_meta"):
        return None
    with Session(engine) as s:
        value = s.scalar(select(CollectorMeta.value).where(CollectorMeta.key == "schema_version"))
    return int(value) if value else None
