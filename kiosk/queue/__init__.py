"""The walk-in queue: tickets, their life as a state machine, fair calling, waiting
estimates. Plain Python; the screens are in ``ui/queue``.

The plain values are imported at once; :class:`QueueService` (which brings in the database
code) only when first asked for, so the kiosk's first screen does not wait for it.
"""

from typing import Any

from kiosk.queue.estimate import WaitRange
from kiosk.queue.model import (
    AGE_BANDS,
    HANOI,
    OUTCOMES,
    UNDO_SECONDS,
    Board,
    Change,
    ConsentError,
    ConsoleView,
    DeskView,
    Issued,
    QueueError,
    UndoError,
    WaitingItem,
)
from kiosk.queue.policy import Policy
from kiosk.queue.states import Action, IllegalTransition, State

__all__ = [
    "AGE_BANDS",
    "HANOI",
    "OUTCOMES",
    "UNDO_SECONDS",
    "Action",
    "Board",
    "Change",
    "ConsentError",
    "ConsoleView",
    "DeskView",
    "IllegalTransition",
    "Issued",
    "Policy",
    "QueueError",
    "QueueService",
    "State",
    "UndoError",
    "WaitRange",
    "WaitingItem",
]


def __getattr__(name: str) -> Any:
    if name == "QueueService":
        from kiosk.queue.service import QueueService

        return QueueService
    raise AttributeError(f"module 'kiosk.queue' has no attribute {name!r}")
