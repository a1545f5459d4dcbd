"""Idle reset as a state machine with injected time.

ACTIVE: someone is using the kiosk. After ``timeout`` seconds without input, WARNING: the
"I am still here" prompt counts down ``countdown`` seconds (at least 20). Any input during
the warning returns to ACTIVE. When the countdown ends: RESET, the kiosk goes home and
forgets the citizen, then ACTIVE again with a fresh timer. Paused while staff work.
"""

from __future__ import annotations

import math
from enum import StrEnum

from kiosk.clock import Clock
from kiosk.events import Event

MIN_COUNTDOWN = 20


class IdleState(StrEnum):
    ACTIVE = "active"
    WARNING = "warning"


class IdleMachine:
    def __init__(self, clock: Clock, timeout: float = 180, countdown: float = 30) -> None:
        if countdown < MIN_COUNTDOWN:
            raise ValueError(f"countdown must be at least {MIN_COUNTDOWN} s")
        self.clock = clock
        self.timeout = timeout
        self.countdown = countdown
        self.state = IdleState.ACTIVE
        self.paused = False
        self._last_input = clock.monotonic()
        self.warning: Event[float] = Event()  # seconds left when the prompt appears
        self.resumed: Event[None] = Event()  # the citizen said "I am still here"
        self.reset: Event[None] = Event()  # forget the citizen now

    def activity(self) -> None:
        """Any touch, key or click."""
        self._last_input = self.clock.monotonic()
        if self.state is IdleState.WARNING:
            self.state = IdleState.ACTIVE
            self.resumed.emit(None)

    def pause(self) -> None:
        self.paused = True
        self.state = IdleState.ACTIVE

    def resume(self) -> None:
        self.paused = False
        self._last_input = self.clock.monotonic()

    def seconds_left(self) -> int:
        """Whole seconds left on the prompt's countdown (0 when not warning)."""
        if self.state is not IdleState.WARNING:
            return 0
        left = self.timeout + self.countdown - (self.clock.monotonic() - self._last_input)
        return max(0, math.ceil(left))

    def tick(self) -> IdleState:
        """Look at the clock; call about once a second."""
        if self.paused:
            return self.state
        idle = self.clock.monotonic() - self._last_input
        if idle >= self.timeout + self.countdown:
            self.state = IdleState.ACTIVE
            self._last_input = self.clock.monotonic()
            self.reset.emit(None)
        elif idle >= self.timeout and self.state is IdleState.ACTIVE:
            self.state = IdleState.WARNING
            self.warning.emit(self.timeout + self.countdown - idle)
        return self.state
