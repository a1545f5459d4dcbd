"""Qt-free core of the literacy kiosk: storage, settings, translations, modes, queue,
guides, slips, export and the collector. Nothing here imports Qt or the ui package."""

__version__ = "0.1.0"
