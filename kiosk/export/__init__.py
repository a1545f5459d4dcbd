"""Session logs leave the kiosk safely: signed bundles with sealed personal fields, written
to a USB stick or sent through an outbox to the coordinator's collector."""
