"""slips: every attempt to print a follow-up slip, ok or not

Revision ID: 0003
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "slip_print",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("printer", sa.String(length=160), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
            name=op.f("fk_slip_print_visit_id_visit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slip_print")),
    )
    with op.batch_alter_table("slip_print") as batch:
        batch.create_index(batch.f("ix_slip_print_visit_id"), ["visit_id"], unique=False)
        batch.create_index(batch.f("ix_slip_print_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("slip_print") as batch:
        batch.drop_index(batch.f("ix_slip_print_at"))
        batch.drop_index(batch.f("ix_slip_print_visit_id"))
    op.drop_table("slip_print")
