"""Results derived from a dataset, kept on the dataset they come from.

The cache in two sentences: every memoised function keeps its own bounded, least-recently-used
store of results on the dataset (a new data version brings new, empty stores, and one function's
crowd of views never evicts another's), and a result missing when several sessions ask for it at
once is computed once. What it hands out cannot change what another session sees: stored results
are frozen (arrays read-only, dicts as mapping proxies, lists as tuples) and frames and series are
handed out as shallow copies, which pandas' copy-on-write keeps apart from the stored one.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd

T = TypeVar("T")
MISSING = object()
# Results kept per memoised function and dataset. Derived tables take a handful of keys (languages ×
# currencies × readers); a view function is bounded by the views a crowd asks for (per_view).
MAX_ENTRIES = 64
_SLOTS_LOCK = threading.Lock()  # creating a function's store on a dataset: once, whoever comes first


def per_dataset(function: Callable[..., T]) -> Callable[..., T]:
    """Memoise `function(dataset, *args)` on the dataset: a table derived from the whole data (and a
    few small arguments such as the language or the currency), kept in the function's own store."""
    return per_view(MAX_ENTRIES)(function)


def frozen(result: Any) -> Any:
    """A result as it is stored: nothing in it can be changed in place by whoever receives it."""
    if isinstance(result, np.ndarray):
        view = result.view()
        view.flags.writeable = False
        return view
    if isinstance(result, dict):
        return MappingProxyType({key: frozen(value) for key, value in result.items()})
    if isinstance(result, list):
        return tuple(frozen(item) for item in result)
    if isinstance(result, set):
        return frozenset(result)
    if isinstance(result, tuple) and not hasattr(result, "_fields"):  # a named tuple keeps its type
        return tuple(frozen(item) for item in result)
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        fields = {field.name: getattr(result, field.name) for field in dataclasses.fields(result)
                  if field.init}
        changed = {name: frozen(value) for name, value in fields.items()
                   if isinstance(value, (np.ndarray, dict, list, set))}
        return dataclasses.replace(result, **changed) if changed else result
    return result


def own_copy(result: T) -> T:
    """What a memo hands a caller: frames and series as shallow copies (copy-on-write: O(1), and a
    change to the copy never reaches the stored frame), also inside tuples and frozen dataclasses;
    everything else is frozen already and handed as is."""
    if isinstance(result, (pd.DataFrame, pd.Series)):
        return cast(T, result.copy(deep=False))
    if isinstance(result, tuple) and not hasattr(result, "_fields"):
        return tuple(own_copy(item) for item in result)  # type: ignore[return-value]
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        frames = {field.name: value.copy(deep=False) for field in dataclasses.fields(result)
                  if field.init
                  and isinstance(value := getattr(result, field.name), (pd.DataFrame, pd.Series))}
        return dataclasses.replace(result, **frames) if frames else result
    return result


class BoundedLRU:
    """At most `size` entries, the least recently used evicted first; sessions run on threads of one
    process, so every read and write holds a lock. `get` answers `MISSING` for an absent key."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}  # a lock per key being computed

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value of `key`, computed by `compute` when absent: once, however many threads ask at
        the same moment (the others wait for it on the key's own lock; other keys are not held up).
        A computation that fails stores nothing: the next caller tries again."""
        value = self.get(key)
        if value is not MISSING:
            return value
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            value = self.get(key)  # computed while this thread waited
            if value is MISSING:
                try:
                    value = compute()
                    self.put(key, value)
                finally:
                    with self._lock:
                        self._computing.pop(key, None)
        return value

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


def per_view(max_entries: int = MAX_ENTRIES, dated_by: Callable[[], Hashable] | None = None
             ) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise `function(dataset, *args)` in its own store of `max_entries` results on the dataset,
    for results that depend on a view's filters: a crowd of different links evicts only this
    function's least recently used views, never another function's tables (which can take seconds to
    rebuild at a million plans).

    `dated_by`: for a result that also depends on the day (a price's age), what the day is; it is
    part of the key, so a view kept over midnight is computed again (and yesterday's ages out).
    """

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        slot = ("memo", function.__module__, function.__qualname__)
        signature = inspect.signature(function)

        @functools.wraps(function)
        def memoised(dataset: Any, *args: Any, **kwargs: Any) -> T:
            # One key per meaning, whichever way the arguments are passed (the warm-up at start-up
            # and a page may call with defaults left out, or by keyword).
            bound = signature.bind(dataset, *args, **kwargs)
            bound.apply_defaults()
            key = (tuple(bound.arguments.items())[1:], dated_by() if dated_by else None)
            try:
                hash(key)
            except TypeError:  # an argument that cannot be a key (a list): computed, not kept
                fresh: T = frozen(function(dataset, *args, **kwargs))
                return own_copy(fresh)
            entries = store(dataset, slot, max_entries)
            result: T = entries.get_or_compute(key, lambda: frozen(function(dataset, *args, **kwargs)))
            return own_copy(result)

        return memoised

    return decorate


def store(dataset: Any, slot: Hashable, max_entries: int) -> BoundedLRU:
    """The store `slot` on `dataset.memo`, created by the first caller."""
    memo: dict[Hashable, BoundedLRU] = dataset.memo
    entries = memo.get(slot)
    if entries is None:
        with _SLOTS_LOCK:
            entries = memo.setdefault(slot, BoundedLRU(max_entries))
    return entries


def stores(dataset: Any) -> Mapping[tuple[str, str], int]:
    """(module, function) → how many results its store holds on `dataset` (tests, benchmarks)."""
    return {(slot[1], slot[2]): len(entries) for slot, entries in dataset.memo.items()
            if isinstance(slot, tuple) and slot[:1] == ("memo",)}
