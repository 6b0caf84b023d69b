"""Derived tables are computed once per dataset and handed out as copies."""

import pandas as pd

from simatlas import memo, places, quality
from simatlas.loader import load_dataset


def test_a_table_is_computed_once_per_dataset_and_arguments():
    calls = []

    @memo.per_dataset
    def table(dataset, lang):
        calls.append(lang)
        return pd.DataFrame({"lang": [lang]})

    dataset = load_dataset()
    assert table(dataset, "en")["lang"][0] == "en"
    assert table(dataset, "en")["lang"][0] == "en"
    assert table(dataset, "zh")["lang"][0] == "zh"
    assert calls == ["en", "zh"]
    assert table(load_dataset(), "en")["lang"][0] == "en"  # a new load brings a new, empty memo
    assert calls == ["en", "zh", "en"]


def test_a_caller_changing_its_copy_cannot_change_what_others_see(bundled):
    first = places.overview(bundled, "EUR", "en")
    first.loc[:, "plans"] = -1
    assert (places.overview(bundled, "EUR", "en")["plans"] >= 0).all()
    assert places.overview(bundled, "EUR", "en").equals(places.overview.__wrapped__(bundled, "EUR", "en"))
    assert quality.coverage_by_place(bundled, "zh").equals(
        quality.coverage_by_place.__wrapped__(bundled, "zh"))


def test_the_memo_stays_bounded(monkeypatch):
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)

    @memo.per_dataset
    def square(dataset, number):
        return number * number

    dataset = load_dataset()
    for number in range(10):
        assert square(dataset, number) == number * number
    assert len(dataset.memo) <= 3
