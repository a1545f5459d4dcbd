"""queue: when a ticket joined the line, recalls, and each ticket's history

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("recalls", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index("ix_visit_line", ["state", "day", "desk", "queued_at"], unique=False)
    op.execute("UPDATE visit SET queued_at = created_at WHERE queued_at IS NULL")
    op.create_table(
        "queue_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("desk", sa.Integer(), nullable=True),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
            ondelete="CASCADE",
            name=op.f("fk_queue_event_visit_id_visit"),
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteer.id"], name=op.f("fk_queue_event_volunteer_id_volunteer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_event")),
    )
    with op.batch_alter_table("queue_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queue_event_visit_id"), ["visit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_queue_event_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("queue_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queue_event_at"))
        batch_op.drop_index(batch_op.f("ix_queue_event_visit_id"))
    op.drop_table("queue_event")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_line")
        batch_op.drop_column("recalls")
        batch_op.drop_column("queued_at")
