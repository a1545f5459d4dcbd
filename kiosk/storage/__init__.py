"""Storage: typed SQLAlchemy models, the engine with safe SQLite settings, migrations."""

from kiosk.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
