"""The session-log bundle: one self-describing, signed ZIP file per export.

The work is split by what it does; this module gathers the names most callers use.

- :mod:`kiosk.export.parts`: what a bundle holds, and :class:`BundleError`;
- :mod:`kiosk.export.records`: the visits of an export as schema records;
- :mod:`kiosk.export.bundle_write`: the signed ZIP file made of them;
- :mod:`kiosk.export.bundle_read`: reading one back, with bounded work before trust.
"""

from kiosk.export.bundle_read import (
    CheckedBundle,
    VerifiedBundle,
    open_bundle,
    read_manifest,
    verify_bundle,
)
from kiosk.export.bundle_write import Bundle, build_bundle, bundle_file_name, canonical_json
from kiosk.export.parts import (
    CSV,
    JSONL,
    MANIFEST,
    MEMBERS,
    PARTS,
    SIGNATURE,
    BundleError,
    paused_gc,
)
from kiosk.export.records import CLOSED_STATES, Records, collect_records

__all__ = [
    "CLOSED_STATES",
    "CSV",
    "JSONL",
    "MANIFEST",
    "MEMBERS",
    "PARTS",
    "SIGNATURE",
    "Bundle",
    "BundleError",
    "CheckedBundle",
    "Records",
    "VerifiedBundle",
    "build_bundle",
    "bundle_file_name",
    "canonical_json",
    "collect_records",
    "open_bundle",
    "paused_gc",
    "read_manifest",
    "verify_bundle",
]
