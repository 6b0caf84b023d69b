"""The world-shaped synthetic dataset (bench.synthetic.write_world) has the shape of a real eSIM price
table — ≈220 places with their own currencies, ≈40 sellers covering 50–150 places each, most plans
regional, odd rows — and the loader accepts it as it is."""

import re

import pandas as pd
import pytest
from babel.numbers import get_territory_currencies

from bench import synthetic
from simatlas.i18n import country_name
from simatlas.loader import Dataset, iso_countries, load_dataset
from tests.uncached import uncached

SCALE = 0.05  # 3,000 plans: every place and seller of the shape, a twentieth of the plans


@pytest.fixture(scope="module")
def world_dir(tmp_path_factory):
    return synthetic.write_world(tmp_path_factory.mktemp("world"), seed=3, scale=SCALE)


@pytest.fixture(scope="module")
def world(world_dir):
    return load_dataset(world_dir)  # raises DataError if a single cell is invalid


def _seller_plans(world: Dataset) -> pd.DataFrame:
    sellers = world.operators.loc[world.operators["kind"] == "esim_seller", "operator_id"]
    return world.plans[world.plans["operator_id"].isin(sellers)]


def test_every_place_is_a_real_iso_code_with_its_own_currency(world):
    places = world.countries.set_index("country")["local_currency"]
    assert 200 <= len(places) <= 240
    assert set(places.index) <= iso_countries()
    assert set(world.place_codes) == set(places.index)  # every place has plans or an operator
    for code in ("HK", "NC", "JP", "ID", "FR"):
        assert places[code] == get_territory_currencies(code)[0]
    assert places.nunique() >= 100  # many currencies, not one per continent
    assert set(places) <= set(world.fx_rates["currency"])  # every amount can be converted


def test_plans_scale_with_the_scale_and_the_shape_stays(world):
    assert len(world.plans) == pytest.approx(synthetic.WORLD_PLAN_COUNT * SCALE, rel=0.02)


def test_sellers_cover_50_to_150_places_each(world):
    sellers = world.operators[world.operators["kind"] == "esim_seller"]
    assert len(sellers) == synthetic.WORLD_SELLERS
    coverage = world.coverage.assign(operator_id=world.plans["operator_id"].to_numpy()[world.coverage["pos"]])
    reach = coverage.groupby("operator_id")["country"].nunique().reindex(sellers["operator_id"])
    low, high = synthetic.SELLER_COVERAGE
    assert reach.between(low, high).all(), reach.describe()
    assert reach.max() - reach.min() >= 50  # spread over the range, not one size for all


def test_most_seller_plans_are_regional_one_row_for_dozens_of_places(world):
    places_per_plan = _seller_plans(world)["countries"].str.count(";") + 1
    regional = places_per_plan[places_per_plan > 1]
    assert len(regional) / len(places_per_plan) > 0.5
    assert regional.min() >= synthetic.REGION_SIZE[0]
    assert regional.median() >= 12 and regional.max() >= 50
    # A regional row is one plan (one price) in every place it lists: the coverage says so.
    widest = world.plans.loc[regional.idxmax()]
    assert len(world.coverage[world.coverage["plan_id"] == widest["plan_id"]]) == regional.max()


def test_odd_rows_are_present_and_stay_unknown_not_zero(world):
    plans = world.plans
    assert ((plans["data_gb"] == 0) & (plans["unlimited"] == "no")).sum() > 0  # 0-GB plans
    # "0 days" in a source is recorded as unknown validity with a note (the schema's minimum is 1).
    zero_days = plans["note_en"].fillna("").str.contains("0 days")
    assert zero_days.sum() > 0 and plans.loc[zero_days, "validity_days"].isna().all()
    assert (plans["unlimited"] == "unknown").sum() > 0 and plans["price"].isna().sum() > 0
    assert (plans["price"] == 0).sum() > 0
    long_names = plans["name"][plans["name"].str.len() >= 60]
    assert len(long_names) > 0
    assert long_names.map(lambda name: bool(re.search("[\u4e00-\u9fff]", name))).any()
    assert world.operators["name"].str.contains("[\u4e00-\u9fff]", regex=True).any()
    assert (world.operators["name"].str.len() >= 60).any()


def test_rows_are_clearly_fake(world_dir, world):
    for frame in (world.plans, world.operators, world.countries, world.fx_rates):
        assert frame["source_url"].str.startswith("https://example.org/").all()
    assert world.plans["name"].str.contains("Synthetic|合成").all()


def test_the_same_seed_writes_the_same_files(world_dir, tmp_path):
    again = synthetic.write_world(tmp_path / "again", seed=3, scale=SCALE)
    for path in sorted(world_dir.iterdir()):
        if path.is_file():  # the data files (a loaded folder also holds its snapshot: simatlas.snapshot)
            assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_per_place_summaries_group_once_and_match_the_place_by_place_rule(world, monkeypatch):
    # At world shape the overview and the About-the-data tables once selected each place's plans in
    # turn (a minute before the first chart). They now group the coverage once; the answers must be
    # those of the place-by-place rule, and no place may be selected on its own.
    from simatlas import costs, freshness, places, plans, quality, suitability

    on = suitability.today()
    facts = {fact["code"]: fact for fact in uncached(places._place_facts)(world, "visitor", on)}
    coverage = uncached(quality.coverage_by_place)(world, "en").set_index("place")
    sample = ["JP", "NC", "HK", *world.place_codes[:3]]
    for code in sample:
        in_place = plans.plans_in_countries(world, (code,))
        fact = facts[code]
        assert fact["plans"] == len(in_place)
        # The cheapest is the trip planner's own best answer for a week in that place.
        week = costs.plan_trip(world, costs.standard_trip("short", code, "visitor", False), "EUR", "en")
        if week.options.empty:
            assert fact["cheapest"] is None
        else:
            best = week.options.iloc[0]
            same_total = week.options[week.options["total"] == best["total"]]
            assert fact["cheapest"][1] == pytest.approx(best["total"], abs=0.01)
            assert fact["cheapest"][0] in set(same_total["plan"])  # ties may break either way
        # "Typical per GB" counts only what a visitor can buy.
        usable, _ = suitability.usable_plans(world, in_place.index.to_numpy(), "visitor", False, on)
        per_gb = world.plans.iloc[usable]["price_per_gb_eur"].dropna()
        assert fact["median_per_gb_eur"] == (pytest.approx(per_gb.median()) if len(per_gb) else None)
        dated = in_place["source_date"].dropna()
        assert fact["oldest"] <= dated.min() and fact["newest"] >= dated.max()
        assert coverage.loc[country_name(code, "en"), "plans"] == len(in_place)

    selected = []
    original = plans.plans_in_countries

    def recorded(*args):
        selected.append(args)
        return original(*args)

    monkeypatch.setattr(plans, "plans_in_countries", recorded)
    monkeypatch.setattr(places, "plans_in_countries", plans.plans_in_countries)
    world.memo.clear()
    places.overview(world, "USD", "en")
    quality.coverage_by_place(world, "en")
    freshness.stale_by_place(world, on, "en")
    freshness.price_changes_by_place(world, on, "en")
    assert selected == []
