"""Find and load every guide pack in a folder, refusing broken packs and keeping the rest.

Each guide is a folder ``<id>/`` holding ``guide.toml`` and its drawings; folders whose
name starts with ``_`` or ``.`` are not guides (tools, drafts). ``KIOSK_GUIDES_DIR``
overrides the default ``resources/guides``.
"""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

from kiosk.guides.checked import PACKS
from kiosk.guides.model import GUIDE_FILE, Guide, Issue, Library, Refused
from kiosk.guides.safe_read import MAX_PACKS, load_toml
from kiosk.paths import guides_dir
from kiosk.textcheck import visible

log = logging.getLogger(__name__)


def default_dir() -> Path:
    return guides_dir()


def pack_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def check_isolated(folder: Path, today: date | None = None) -> tuple[Guide | None, list[Issue]]:
    """:func:`check_pack`, but whatever goes wrong inside one pack becomes a refusal of
    that pack (with the reason) and never reaches the other packs or the kiosk."""
    # The checking code is loaded only when a pack is really checked: at a start with every
    # pack unchanged (see checked.py) the home screen does without it.
    from kiosk.guides.validate import check_pack

    try:
        guide, issues = check_pack(folder, today)
    except Exception as exc:  # RecursionError and MemoryError included
        log.exception("guide pack %s could not be checked", folder)
        guide, issues = (
            None,
            [
                Issue(
                    folder / GUIDE_FILE,
                    "file",
                    f"could not be read ({type(exc).__name__}); the other guides are fine",
                )
            ],
        )
    # Messages quote what the author wrote; hidden characters are shown as codes.
    issues = [
        Issue(i.path, visible(i.field), visible(i.message), i.severity)
        if visible(i.field) != i.field or visible(i.message) != i.message
        else i
        for i in issues
    ]
    return guide, issues


def load_all(root: Path | None = None, today: date | None = None) -> Library:
    """The good guides in home-screen order, and each refused pack with its problems."""
    root = default_dir() if root is None else root
    guides: list[Guide] = []
    refused: list[Refused] = []
    warnings: list[Issue] = []
    seen: dict[str, Path] = {}
    folders = pack_folders(root)
    for folder in folders[MAX_PACKS:]:
        refused.append(
            Refused(
                folder,
                (
                    Issue(
                        folder,
                        "folder",
                        f"more than {MAX_PACKS} guide folders; this one was not read",
                    ),
                ),
            )
        )
    for folder in folders[:MAX_PACKS]:
        # A pack unchanged since it last passed is not checked again (see checked.py).
        guide, issues = PACKS.check(folder, today, check_isolated)
        if guide is not None and guide.id in seen:
            issues = [
                Issue(
                    folder / GUIDE_FILE,
                    "id",
                    f"{guide.id!r} is already used by {seen[guide.id].name}",
                )
            ]
            guide = None
        if guide is None:
            refused.append(Refused(folder, tuple(issues)))
        else:
            seen[guide.id] = folder
            guides.append(guide)
            warnings += issues
    if "kiosk.guides.svg" in sys.modules:  # drawings were checked: keep their results
        sys.modules["kiosk.guides.svg"].CHECKED.save()
    PACKS.save()
    guides.sort(key=lambda g: (g.order, g.id))
    for before, after in zip(guides, guides[1:], strict=False):
        if before.order == after.order:
            warnings.append(
                Issue(
                    after.folder / GUIDE_FILE,
                    "order",
                    f"{after.order} is also the order of {before.id}; give "
                    "each guide its own number (both are shown, by id)",
                    "warning",
                )
            )
    return Library(tuple(guides), tuple(refused), tuple(warnings))


def pack_versions(root: Path | None = None) -> dict[str, str]:
    """The version each guide pack in ``root`` declares, by guide id (``""`` for a pack
    that declares none): what the kiosk tells the coordinator about the packs it holds.
    Only each ``guide.toml`` is read, not its drawings, so this is quick enough to do
    for every log bundle."""
    from kiosk.guides.validate import ID_RE, VERSION_RE

    root = default_dir() if root is None else root
    found: dict[str, str] = {}
    for folder in pack_folders(root)[:MAX_PACKS]:
        try:
            data, _ = load_toml(folder / GUIDE_FILE)
        except OSError:
            continue
        gid = data.get("id") if data is not None else None
        if not isinstance(gid, str) or gid != folder.name or not ID_RE.match(gid):
            continue
        version = data.get("version", "")  # type: ignore[union-attr]
        found[gid] = version if isinstance(version, str) and VERSION_RE.match(version) else ""
    return found
