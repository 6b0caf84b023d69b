"""The function under a simatlas.memo decorator: a test compares a memoised answer with a fresh one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")


def uncached(memoised: Callable[..., T]) -> Callable[..., T]:
    """`memoised.__wrapped__` (functools.wraps keeps the decorated function there), typed as the memoised
    function: the decorators' type (Callable) does not name the attribute. Raises AttributeError, as
    `.__wrapped__` does, if the function is not wrapped."""
    wrapped: Callable[..., T] = cast(Any, memoised).__wrapped__
    return wrapped
