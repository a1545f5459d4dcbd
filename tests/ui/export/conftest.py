"""Export test fixtures live in tests/export_support.py (shared with ui and e2e tests)."""

from tests.export_support import collector, coordinator, kiosk_key, make_visits  # noqa: F401
