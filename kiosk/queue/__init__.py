"""The walk-in queue: tickets, their life as a state machine, fair calling, waiting
estimates. Plain Python; the screens are in ``ui/queue``."""

from kiosk.queue.estimate import WaitRange
from kiosk.queue.policy import Policy
from kiosk.queue.service import (
    OUTCOMES,
    UNDO_SECONDS,
    Board,
    Change,
    DeskView,
    QueueError,
    QueueService,
    UndoError,
    WaitingItem,
)
from kiosk.queue.states import Action, IllegalTransition, State
from kiosk.queue.tickets import AGE_BANDS, ConsentError

__all__ = ["AGE_BANDS", "OUTCOMES", "UNDO_SECONDS", "Action", "Board", "Change",
           "ConsentError", "DeskView", "IllegalTransition", "Policy", "QueueError",
           "QueueService", "State", "UndoError", "WaitRange", "WaitingItem"]
