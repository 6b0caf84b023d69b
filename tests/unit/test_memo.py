"""The cache: one bounded store per memoised function on its dataset, a miss computed once however
many sessions ask at once, and results no session can change for another."""

import threading
import time
from types import MappingProxyType
from typing import cast

import numpy as np
import pandas as pd
import pytest

from simatlas import memo, places, quality
from simatlas.loader import load_dataset
from tests.uncached import uncached


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
    first = quality.coverage_by_place(bundled, "en")
    first.loc[:, "plans"] = -1
    again = quality.coverage_by_place(bundled, "en")
    assert (again["plans"] >= 0).all()
    assert again.equals(uncached(quality.coverage_by_place)(bundled, "en"))


def test_the_overview_in_each_language_and_currency_comes_from_facts_computed_once(bundled):
    bundled.memo.clear()
    in_euros = places.overview(bundled, "EUR", "en").set_index("code")
    in_dollars = places.overview(bundled, "USD", "zh").set_index("code")
    assert memo.stores(bundled)[("simatlas.places", "_place_facts")] == 1
    usd_per_eur = float(bundled.fx_rates.set_index("currency")["per_eur"]["USD"])
    # A cell's type is the union of every scalar pandas knows: this column holds amounts.
    hk_eur = cast(float, in_euros.loc["HK", "cheapest_per_gb"])
    hk_usd = cast(float, in_dollars.loc["HK", "cheapest_per_gb"])
    assert abs(hk_usd - hk_eur * usd_per_eur) < 0.02
    assert in_dollars.loc["HK", "place"] == "中国香港特别行政区"


def test_each_function_keeps_its_own_bounded_store():
    @memo.per_view(max_entries=3)
    def square(dataset, number):
        return number * number

    @memo.per_dataset
    def table(dataset):
        return "derived"

    dataset = load_dataset()
    table(dataset)
    for number in range(10):
        assert square(dataset, number) == number * number
    counts = memo.stores(dataset)
    assert counts[(__name__, square.__qualname__)] == 3  # the three most recent, never more
    assert counts[(__name__, table.__qualname__)] == 1  # another function's result is never evicted


def test_views_keep_their_most_recent_entries_and_leave_the_derived_tables_alone(bundled):
    calls = []

    @memo.per_view(max_entries=2)
    def view(dataset, place, lang="en"):
        calls.append((place, lang))
        return pd.DataFrame({"place": [place]})

    bundled.memo.clear()
    quality.coverage_by_place(bundled, "en")  # a derived table
    for place in ("HK", "NC", "HK", "JP", "HK"):
        assert view(bundled, place)["place"][0] == place
    assert calls == [("HK", "en"), ("NC", "en"), ("JP", "en")]  # HK stayed: it was used last
    view(bundled, "HK", "en")
    view(bundled, place="HK", lang="en")
    assert len(calls) == 3  # the same arguments, however they are passed
    first = view(bundled, "NC", lang="zh")
    first.loc[:, "place"] = "changed"
    assert view(bundled, "NC", lang="zh")["place"][0] == "NC"  # a copy each time
    for number in range(50):
        view(bundled, str(number))
    assert memo.stores(bundled)[("simatlas.quality", "coverage_by_place")] == 1


def test_a_dated_view_is_computed_again_on_another_day(bundled):
    day = ["2026-12-01"]
    calls = []

    @memo.per_view(dated_by=lambda: day[0])
    def view(dataset, place):
        calls.append((place, day[0]))
        return place

    bundled.memo.clear()
    view(bundled, "HK")
    view(bundled, "HK")
    day[0] = "2026-12-02"
    view(bundled, "HK")
    assert calls == [("HK", "2026-12-01"), ("HK", "2026-12-02")]
    assert view(bundled, ["HK"]) == ("HK",) and view(bundled, ["HK"]) == ("HK",)  # not a key: computed
    assert calls[-2:] == [(["HK"], "2026-12-02")] * 2


def test_a_frozen_result_s_frames_are_copied_too(bundled):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Answer:
        rows: pd.DataFrame
        best: pd.Series
        count: int

    @memo.per_view()
    def answer(dataset, place):
        return Answer(pd.DataFrame({"place": [place]}), pd.Series({"place": place}), 1)

    first = answer(bundled, "HK")
    first.rows.loc[:, "place"] = "changed"
    first.best["place"] = "changed"
    again = answer(bundled, "HK")
    assert again.rows["place"][0] == "HK" and again.best["place"] == "HK" and again.count == 1
    assert again.rows is not first.rows


def test_a_miss_asked_for_by_many_sessions_at_once_is_computed_once(bundled):
    calls = []
    started = threading.Event()

    @memo.per_view()
    def slow(dataset, place):
        calls.append(place)
        started.set()
        time.sleep(0.2)  # long enough for every other thread to arrive while it runs
        return pd.DataFrame({"place": [place]})

    @memo.per_view()
    def quick(dataset, place):
        return place

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow(bundled, "HK")["place"][0]))
               for _ in range(6)]
    for thread in threads:
        thread.start()
    started.wait(5)
    assert quick(bundled, "NC") == "NC"  # another function, another key: not held up
    for thread in threads:
        thread.join(5)
    assert calls == ["HK"] and results == ["HK"] * 6


def test_a_failed_computation_stores_nothing(bundled):
    attempts = []

    @memo.per_view()
    def flaky(dataset, place):
        attempts.append(place)
        if len(attempts) == 1:
            raise RuntimeError("the first try fails")
        return place

    with pytest.raises(RuntimeError):
        flaky(bundled, "HK")
    assert flaky(bundled, "HK") == "HK" and flaky(bundled, "HK") == "HK"
    assert attempts == ["HK", "HK"]


def test_what_one_session_gets_cannot_change_what_the_next_gets(bundled):
    @memo.per_view()
    def shared(dataset, place):
        return {"names": {"hk": "3HK"}, "list": [1, 2], "array": np.arange(3),
                "frame": pd.DataFrame({"x": [1, 2]})}

    first = shared(bundled, "HK")
    assert isinstance(first, MappingProxyType) and isinstance(first["names"], MappingProxyType)
    with pytest.raises(TypeError):
        first["names"]["hk"] = "changed"  # type: ignore[index]
    assert first["list"] == (1, 2)
    with pytest.raises(ValueError):
        first["array"][0] = 9
    again = shared(bundled, "HK")
    assert again["array"].tolist() == [0, 1, 2] and again["names"]["hk"] == "3HK"


def test_a_frame_is_handed_out_as_a_shallow_copy_in_constant_time(bundled):
    big = pd.DataFrame(np.zeros((1_000_000, 10)))

    @memo.per_view()
    def table(dataset):
        return big

    table(bundled)
    handed = table(bundled)
    assert np.shares_memory(handed[0].to_numpy(), big[0].to_numpy())  # no copy was made
    handed.loc[0, 0] = 1.0  # copy-on-write: the change stays in this caller's frame
    assert big.loc[0, 0] == 0.0 and table(bundled).loc[0, 0] == 0.0
