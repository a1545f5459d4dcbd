"""Which schema revision a database holds, and whether this version of the kiosk may open it.

Plain Python and the standard library only (no SQLAlchemy), so the app can check before its
window opens, and the installer's self-test can report it.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "storage" / "migrations"
# The newest migration. A test checks it against Alembic's head; when the database is
# already there, start-up skips loading Alembic at all.
SCHEMA_HEAD = "0005"


class DatabaseFromNewerVersion(RuntimeError):
    """The database was written by a newer kiosk; this one must not open or change it."""

    def __init__(self, location: str, stored: str) -> None:
        self.location = location
        self.stored = stored
        super().__init__(
            f"The kiosk's database ({location}) was written by a newer version of the kiosk "
            f"(schema {stored}; this version knows up to {SCHEMA_HEAD}). It was not opened and "
            "nothing in it was changed. Install the newer version again (sudo ./install.sh in "
            "its archive's folder); after an update, 'sudo ./install.sh --rollback' puts back "
            "the copy of the database made before it."
        )


def known_revisions() -> frozenset[str]:
    """Every schema revision this version's migrations know, read from their files (without
    importing Alembic)."""
    found = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        match = re.search(r'^revision = "([^"]+)"', path.read_text("utf-8"), re.MULTILINE)
        if match:
            found.add(match.group(1))
    return frozenset(found)


def sqlite_revision(path: Path) -> str | None:
    """The schema revision stored in a SQLite database file, read with the standard library
    alone (fast enough to check before the window opens). None for a new or empty file."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return found[0] if found else None
    finally:
        conn.close()


def check_not_newer(stored: str | None, location: str) -> None:
    """Raise DatabaseFromNewerVersion when ``stored`` is a revision this version does not
    know (so a newer one wrote it)."""
    if stored is not None and stored != SCHEMA_HEAD and stored not in known_revisions():
        raise DatabaseFromNewerVersion(location, stored)


def sqlite_file(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL; None for other databases or in-memory ones."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix or url.endswith(":memory:"):
        return None
    return Path(url[len(prefix) :])
