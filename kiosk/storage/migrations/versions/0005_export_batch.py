"""export batches: session-log bundles written to USB or queued for the collector

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("visit_count", sa.Integer(), nullable=False),
        sa.Column("visit_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_batch")),
        sa.UniqueConstraint("bundle_id", name=op.f("uq_export_batch_bundle_id")),
    )
    with op.batch_alter_table("export_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_batch_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("export_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_batch_status"))
    op.drop_table("export_batch")
