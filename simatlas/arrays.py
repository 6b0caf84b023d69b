"""Columns as plain arrays for vectorised arithmetic."""

from __future__ import annotations

import numpy as np
import pandas as pd


def floats(values: pd.Series) -> np.ndarray:
    """A numeric (nullable) column as a float array: unknown (NA) becomes NaN, which every arithmetic
    step carries along and every comparison treats as false — never as zero."""
    return pd.to_numeric(values).to_numpy(dtype=float, na_value=np.nan)
