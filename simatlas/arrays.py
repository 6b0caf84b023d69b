"""Columns as plain arrays for vectorised arithmetic, and the test for one missing cell."""

from __future__ import annotations

import numpy as np
import pandas as pd


def floats(values: pd.Series) -> np.ndarray:
    """A numeric (nullable) column as a float array: unknown (NA) becomes NaN, which every arithmetic
    step carries along and every comparison treats as false — never as zero."""
    return pd.to_numeric(values).to_numpy(dtype=float, na_value=np.nan)


def is_missing(value: object) -> bool:
    """`pd.isna` of one cell, whatever its type: True for None, NaN, NA and NaT."""
    # pd.isna takes any object; pandas-stubs type it only for the scalars they list, which leave out
    # object and some cell types (np.bool_, Period, Interval).
    return bool(pd.isna(value))  # type: ignore[call-overload]
