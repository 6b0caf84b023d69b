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
    first = quality.coverage_by_place(bundled, "en")
    first.loc[:, "plans"] = -1
    again = quality.coverage_by_place(bundled, "en")
    assert (again["plans"] >= 0).all()
    assert again.equals(quality.coverage_by_place.__wrapped__(bundled, "en"))


def test_the_overview_in_each_language_and_currency_comes_from_facts_computed_once(bundled):
    bundled.memo.clear()
    in_euros = places.overview(bundled, "EUR", "en").set_index("code")
    in_dollars = places.overview(bundled, "USD", "zh").set_index("code")
    assert len([key for key in bundled.memo if key[1] == "_place_facts"]) == 1
    usd_per_eur = float(bundled.fx_rates.set_index("currency")["per_eur"]["USD"])
    hk_eur, hk_usd = in_euros.loc["HK", "cheapest_per_gb"], in_dollars.loc["HK", "cheapest_per_gb"]
    assert abs(hk_usd - hk_eur * usd_per_eur) < 0.02
    assert in_dollars.loc["HK", "place"] == "中国香港特别行政区"


def test_the_memo_stays_bounded(monkeypatch):
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)

    @memo.per_dataset
    def square(dataset, number):
        return number * number

    dataset = load_dataset()
    for number in range(10):
        assert square(dataset, number) == number * number
    assert len(dataset.memo) <= 3


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
    for place in range(50):
        view(bundled, str(place))
    assert any(key[1] == "coverage_by_place" for key in bundled.memo)


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
    assert view(bundled, ["HK"]) == ["HK"] and view(bundled, ["HK"]) == ["HK"]  # not a key: computed
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
