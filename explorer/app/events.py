"""Plain events: a list of callbacks, called in order with the event's arguments (no Qt, no threads)."""

from __future__ import annotations

from collections.abc import Callable


class Event:
    """``connect(fn)``, ``disconnect(fn)``, ``emit(*args)``: ``fn(*args)`` for every connected ``fn``.

    A callback connected while an emit runs is called from the next emit on; one that raises is not hidden
    (the error reaches the caller of ``emit``).
    """

    __slots__ = ("_callbacks",)

    def __init__(self) -> None:
        self._callbacks: list[Callable] = []

    def connect(self, fn: Callable) -> Callable:
        if fn not in self._callbacks:
            self._callbacks.append(fn)
        return fn

    def disconnect(self, fn: Callable) -> None:
        try:
            self._callbacks.remove(fn)
        except ValueError:
            pass

    def emit(self, *args) -> None:
        for fn in tuple(self._callbacks):
            fn(*args)

    def __len__(self) -> int:
        return len(self._callbacks)
