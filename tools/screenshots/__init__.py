"""Pictures of each part's screens for the README, called by installer/screenshots.py.
Kept out of the ``ui`` package so the kiosk does not ship them."""
