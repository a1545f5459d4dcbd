"""What an action changed, in one typed value the screens can refresh from.

Every core action that changes data returns a value with ``kinds`` (a frozenset of
:class:`Kind`); the ui's action runner broadcasts it as one signal, and each screen
refreshes only when a kind it shows is among them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    QUEUE = "queue"  # tickets and where they stand
    VISITS = "visits"  # visit records: self-guided visits, guides read, outcomes
    SLIPS = "slips"  # slips printed or failed
    EXPORT = "export"  # bundles written, queued or confirmed
    HELP = "help"  # "ask a volunteer" requests
    AUDIT = "audit"  # the staff audit trail


@dataclass(frozen=True)
class Changes:
    """The broadcast: which kinds of data changed, and the core's own record of it."""

    kinds: frozenset[Kind]
    detail: Any = None

    def touches(self, *kinds: Kind) -> bool:
        return not self.kinds.isdisjoint(kinds)


def changes_of(result: object) -> Changes | None:
    """The :class:`Changes` an action's result stands for, or None if it changed nothing."""
    if result is None:
        return None
    if isinstance(result, Changes):
        return result
    kinds = getattr(result, "kinds", None)
    if isinstance(kinds, frozenset) and kinds:
        return Changes(kinds, result)
    return None
