"""Derived tables kept on the dataset they come from.

The dataset is loaded once per process and data version and never changed afterwards, so a table
derived from it (and a few small arguments such as the language or the currency) can be computed
once and shared by every session and rerun. The memo lives on the dataset itself: a new data
version brings a new, empty memo, and nothing outlives the data it was computed from.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

T = TypeVar("T")
_MISSING = object()
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
        result = memo.get(key, _MISSING)  # one lookup: another session may clear the memo meanwhile
        if result is _MISSING:
            result = function(dataset, *args, **kwargs)
            if len(memo) >= MAX_ENTRIES:
                memo.clear()
            memo[key] = result
        return result.copy() if isinstance(result, (pd.DataFrame, pd.Series)) else result

    return memoised
