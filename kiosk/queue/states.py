"""A ticket's life as a state machine, kept apart from storage so it can be read at once.

::

    waiting ──call──▶ called ──start──▶ serving ──finish──▶ done
       ▲  ▲            │  ▲ recall        │  ▲
       │  │            │  └───────────────┤  │ resume
       │  └─transfer───┴──────────────────┤  │
       │                                  ▼  │
       │                hold (called or serving) ──▶ on_hold
       │
       └──rejoin── no_show ◀──no_show── called

    cancel: waiting, called, on_hold or no_show ──▶ cancelled

A citizen who missed their call (no-show) can rejoin the line. They keep their number (so
a slip or a number already announced stays right) and go to the back of the line: their
wait starts again from the moment they rejoin, but the time the ticket was first taken is
kept for the reports. Transfer sends a ticket to the front of another desk's line.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    ON_HOLD = "on_hold"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class Action(StrEnum):
    ISSUE = "issue"
    CALL = "call"
    RECALL = "recall"
    START = "start"
    HOLD = "hold"
    RESUME = "resume"
    TRANSFER = "transfer"
    NO_SHOW = "no_show"
    REJOIN = "rejoin"
    FINISH = "finish"
    CANCEL = "cancel"
    UNDO = "undo"


# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[State], State]] = {
    Action.CALL: (frozenset({State.WAITING}), State.CALLED),
    Action.RECALL: (frozenset({State.CALLED}), State.CALLED),
    Action.START: (frozenset({State.CALLED}), State.SERVING),
    Action.HOLD: (frozenset({State.CALLED, State.SERVING}), State.ON_HOLD),
    Action.RESUME: (frozenset({State.ON_HOLD}), State.SERVING),
    Action.TRANSFER: (frozenset({State.CALLED, State.SERVING, State.ON_HOLD}), State.WAITING),
    Action.NO_SHOW: (frozenset({State.CALLED}), State.NO_SHOW),
    Action.REJOIN: (frozenset({State.NO_SHOW}), State.WAITING),
    Action.FINISH: (frozenset({State.CALLED, State.SERVING}), State.DONE),
    Action.CANCEL: (
        frozenset({State.WAITING, State.CALLED, State.ON_HOLD, State.NO_SHOW}),
        State.CANCELLED,
    ),
}

# Where a ticket stands at a desk (shown as "now serving" on the call screen).
AT_DESK = frozenset({State.CALLED, State.SERVING})
FINAL = frozenset({State.DONE, State.CANCELLED})


class IllegalTransition(Exception):
    """An action that the ticket's state does not allow; nothing was changed."""

    def __init__(self, ticket: str, state: str, action: str) -> None:
        allowed = sorted(a.value for a, (src, _) in TRANSITIONS.items() if state in src)
        super().__init__(
            f"ticket {ticket} is {state}: cannot {action} it "
            f"(possible now: {', '.join(allowed) or 'nothing'})"
        )
        self.ticket, self.state, self.action = ticket, state, action


def next_state(ticket: str, state: str, action: Action) -> State:
    """The state ``action`` leads to from ``state``, or :class:`IllegalTransition`."""
    sources, target = TRANSITIONS[action]
    if state not in sources:
        raise IllegalTransition(ticket, state, action.value)
    return target
