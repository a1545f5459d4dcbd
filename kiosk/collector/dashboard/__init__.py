"""The coordinator's campaign dashboard, served by the collector (see :mod:`.routes`)."""
