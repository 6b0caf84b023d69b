"""Derived tables kept on the dataset they come from.

The dataset is loaded once per process and data version and never changed afterwards, so a table
derived from it (and a few small arguments such as the language or the currency) can be computed
once and shared by every session and rerun. The memo lives on the dataset itself: a new data
version brings a new, empty memo, and nothing outlives the data it was computed from.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pandas as pd

T = TypeVar("T")
MISSING = object()
MAX_ENTRIES = 512  # (function, arguments) pairs per dataset; languages × currencies × pages fit


def per_dataset(function: Callable[..., T]) -> Callable[..., T]:
    """Memoise `function(dataset, *args)` on `dataset.memo`; arguments must be hashable.

    A DataFrame or Series result is handed out as a copy, so a caller that changes its table cannot change
    what the next session sees.
    """

    @functools.wraps(function)
    def memoised(dataset, *args, **kwargs):
        key = (function.__module__, function.__qualname__, args, tuple(sorted(kwargs.items())))
        memo = dataset.memo
        result = memo.get(key, MISSING)  # one lookup: another session may clear the memo meanwhile
        if result is MISSING:
            result = function(dataset, *args, **kwargs)
            if len(memo) >= MAX_ENTRIES:
                memo.clear()
            memo[key] = result
        return own_copy(result)

    return memoised


def own_copy(result: T) -> T:
    """What a memo hands a caller: frames and series copied (a caller may change its own), also as
    fields of a frozen result (a page's view, a trip answer), so no memoised result needs a wrapper
    that copies it. Anything else is handed as is: lists and tuples of frozen facts are read only."""
    if isinstance(result, (pd.DataFrame, pd.Series)):
        return result.copy()
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        frames = {field.name: value.copy() for field in dataclasses.fields(result)
                  if isinstance(value := getattr(result, field.name), (pd.DataFrame, pd.Series))}
        return dataclasses.replace(result, **frames) if frames else result
    return result


class BoundedLRU:
    """At most `size` entries, the least recently used evicted first; sessions run on threads of one
    process, so every read and write holds a lock. `get` answers `MISSING` for an absent key."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._entries.get(key, MISSING)
            if value is not MISSING:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def per_view(max_entries: int = 64, dated_by: Callable[[], Hashable] | None = None
             ) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise `function(dataset, *args)` like `per_dataset`, for results that depend on a view's
    filters. A link can ask for many argument combinations; each function keeps only its
    `max_entries` most recently used, so a crowd of different links evicts its own views, never
    the derived tables `per_dataset` holds (which can take seconds to rebuild at a million plans).

    `dated_by`: for a result that also depends on the day (a price's age), what the day is; it is
    part of the key, so a view kept over midnight is computed again.
    """

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        slot = ("per_view", function.__module__, function.__qualname__)
        signature = inspect.signature(function)

        @functools.wraps(function)
        def memoised(dataset, *args, **kwargs):
            # One key per meaning, whichever way the arguments are passed (the warm-up at start-up
            # and a page may call with defaults left out, or by keyword).
            bound = signature.bind(dataset, *args, **kwargs)
            bound.apply_defaults()
            key = (tuple(bound.arguments.items())[1:], dated_by() if dated_by else None)
            try:
                hash(key)
            except TypeError:  # an argument that cannot be a key (a list): computed, not kept
                return function(dataset, *args, **kwargs)
            entries = dataset.memo.get(slot)
            if entries is None:  # setdefault: two sessions arriving at once share one
                entries = dataset.memo.setdefault(slot, BoundedLRU(max_entries))
            result = entries.get(key)
            if result is MISSING:
                result = function(dataset, *args, **kwargs)
                entries.put(key, result)
            return own_copy(result)

        return memoised

    return decorate
