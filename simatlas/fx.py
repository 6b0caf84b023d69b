"""Exchange rates: the display currency's default and the one lookup every conversion uses.

Every amount is converted through the EUR pivot with the rates of fx_rates.csv (each dated and
sourced). The rate table is indexed once per dataset, not on every conversion.
"""

from __future__ import annotations

import pandas as pd

from simatlas.loader import Dataset
from simatlas.memo import per_dataset

# The display currency when a link names none. Part of the link format: changing it changes what
# old shared links show, so it lives here once (url_state reads it from here).
DEFAULT_CURRENCY = "USD"


@per_dataset
def per_eur(dataset: Dataset) -> pd.Series:
    """currency → units of it for 1 EUR."""
    return dataset.fx_rates.set_index("currency")["per_eur"].astype(float)


def rate_per_eur(dataset: Dataset, currency: str) -> float:
    """Units of `currency` for 1 EUR (the default currency's rate when `currency` has none)."""
    rates = per_eur(dataset)
    return float(rates.get(currency, rates.get(DEFAULT_CURRENCY, 1.0)))
