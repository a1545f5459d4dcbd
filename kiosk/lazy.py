"""Build an object the first time it is used, not when the kiosk starts.

The home screen must appear fast; parts that bring in heavy libraries (the database code,
PDF and crypto libraries) are held as a :class:`Deferred` and built on first use, from
whichever thread uses them first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Deferred(Generic[T]):
    """Stands in for the object ``build()`` makes; attribute access builds it once.

    Its own names start with ``_deferred_`` so they never hide the object's."""

    def __init__(self, build: Callable[[], T]) -> None:
        object.__setattr__(self, "_build", build)
        object.__setattr__(self, "_obj", None)
        object.__setattr__(self, "_lock", threading.Lock())

    def _deferred_built(self) -> bool:
        return object.__getattribute__(self, "_obj") is not None

    def _deferred_get(self) -> T:
        obj: T | None = object.__getattribute__(self, "_obj")
        if obj is None:
            with object.__getattribute__(self, "_lock"):
                obj = object.__getattribute__(self, "_obj")
                if obj is None:
                    obj = object.__getattribute__(self, "_build")()
                    object.__setattr__(self, "_obj", obj)
        return obj

    def __getattr__(self, name: str) -> Any:
        return getattr(self._deferred_get(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._deferred_get(), name, value)
