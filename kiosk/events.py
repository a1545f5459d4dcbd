"""A small plain-Python listener, re-emitted as Qt signals by the ui layer's adapter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Event(Generic[T]):
    """Listeners subscribe; ``emit`` calls each with the payload, in order."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[T], None]] = []

    def subscribe(self, fn: Callable[[T], None]) -> Callable[[], None]:
        self._listeners.append(fn)
        return lambda: self._listeners.remove(fn) if fn in self._listeners else None

    def emit(self, payload: T) -> None:
        for fn in list(self._listeners):
            fn(payload)
