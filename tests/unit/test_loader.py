"""Validation: the bundled data is valid, and every class of broken file gets one clear message."""


import pandas as pd
import pytest

from simatlas import schema
from simatlas.loader import DataError, load_dataset
from tests.factories import write_dataset


def test_bundled_data_is_valid(bundled):
    assert len(bundled.plans) > 0 and len(bundled.operators) > 0


@pytest.mark.parametrize("file", [f for f in schema.FILES if f != "fx_rates.csv"])
def test_every_bundled_row_has_source_date_and_confidence(bundled, file):
    frame = bundled.table(file)
    assert frame["source_url"].str.match(r"^https?://").all()
    assert frame["seen_on"].notna().all()
    assert frame["confidence"].isin(schema.CONFIDENCE).all()


def test_unknown_stays_unknown(tiny):
    asia = tiny.plans.set_index("plan_id").loc["seller-asia"]
    assert pd.isna(asia["validity_days"])
    assert pd.isna(asia["price_per_day_eur"])  # derived from an unknown stays unknown
    assert pd.isna(asia["price_per_gb_eur"])  # unlimited: no per-GB price
    assert asia["local_number"] == "unknown"  # an empty cell is unknown, never "no"


def test_prices_convert_through_the_euro_pivot(tiny):
    nc = tiny.plans.set_index("plan_id").loc["nc-month"]
    assert nc["price_eur"] == pytest.approx(2386.63 / 119.331742)  # the XPF peg
    assert nc["price_per_gb_eur"] == pytest.approx(2386.63 / 119.331742 / 10)


def test_coverage_has_one_row_per_place(tiny):
    assert sorted(tiny.coverage.query("plan_id == 'seller-asia'")["country"]) == ["HK", "NC"]


def broken(tmp_path, mutate):
    folder = write_dataset(tmp_path / "data")
    mutate(folder)
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    return str(caught.value), caught.value.problems


def edit(folder, file, old, new):
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


CASES = {
    "missing file": (lambda f: (f / "plans.csv").unlink(), "plans.csv", None, None, "missing"),
    "missing column": (lambda f: edit(f, "plans.csv", "data_gb,", "data,"), "plans.csv", 1, "data_gb",
                       "missing column"),
    "wrong type": (lambda f: edit(f, "plans.csv", ",10,EUR", ",ten,EUR"), "plans.csv", 2, "price",
                   "must be a number"),
    "out of range": (lambda f: edit(f, "plans.csv", ",10,EUR", ",-10,EUR"), "plans.csv", 2, "price",
                     "at least 0"),
    "unknown enum": (lambda f: edit(f, "operators.csv", ",mno,", ",telco,"), "operators.csv", 2, "kind",
                     "one of"),
    "unknown tri-state": (lambda f: edit(f, "plans.csv", ",yes,", ",maybe,"), "plans.csv", 2, "hotspot",
                          "yes, no or empty"),
    "duplicate id": (lambda f: edit(f, "plans.csv", "hk-a-big", "hk-a-small"), "plans.csv", 3, "plan_id",
                     "duplicate"),
    "dangling reference": (lambda f: edit(f, "plans.csv", "nc-month,nc-opt", "nc-month,nc-gone"),
                           "plans.csv", 4, "operator_id", "does not exist"),
    "non-http link": (lambda f: edit(f, "plans.csv", "https://example.org/source", "javascript:alert(1)"),
                      "plans.csv", 2, "source_url", "http(s)"),
    "bad date": (lambda f: edit(f, "plans.csv", "2026-11-01", "2026-13-45"), "plans.csv", 2, "seen_on",
                 "YYYY-MM-DD"),
    "bad country": (lambda f: edit(f, "plans.csv", ",HK,Small", ",XX,Small"), "plans.csv", 2,
                    "countries", "alpha-2"),
    "wrong encoding": (lambda f: (f / "operators.csv").write_bytes(
        (f / "operators.csv").read_bytes().replace(b"OPT test", "OPT tést".encode("latin-1"))),
        "operators.csv", None, None, "UTF-8"),
    "empty file": (lambda f: (f / "renewal.csv").write_text(""), "renewal.csv", None, None, "empty"),
    "ragged csv": (lambda f: edit(f, "fx_rates.csv", "EUR,1,", "EUR,1,extra,,,,,,,"), "fx_rates.csv", 2,
                   None, "CSV"),
    "unknown requirement": (lambda f: edit(f, "plans.csv", ",prepaid,,,10,EUR", ",prepaid,,passport,10,EUR"),
                            "plans.csv", 2, "requires", "one of"),
    "none beside a requirement": (lambda f: edit(f, "plans.csv", ",prepaid,,,10,EUR",
                                                 ",prepaid,,none; local_id,10,EUR"),
                                  "plans.csv", 2, "requires", "'none' cannot stand beside"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_broken_file_gives_one_clear_message(tmp_path, case):
    mutate, file, line, column, words = CASES[case]
    message, problems = broken(tmp_path, mutate)
    first = problems[0]
    assert first.file == file
    assert first.line == line
    assert first.column == column
    assert words.lower() in message.lower()
    assert "np." not in message  # values as the contributor wrote them, never a Python repr
    assert message.startswith(file)


def test_data_readme_documents_every_column():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "data" / "README.md").read_text(encoding="utf-8")
    assert schema.markdown_tables() in readme


@pytest.mark.parametrize(("name", "brands", "shown"), [
    ("Hutchison Telephone Company Limited (3 Hong Kong)", "3 Hong Kong (3HK); MO+; SUPREME", "3HK"),
    ("CSL Mobile Limited (HKT group)", "csl", "csl"),
    ("China Mobile Hong Kong Company Limited (CMHK)", None, "CMHK"),
    ("Hutchison Telephone (Macau) Company Limited (3 Macau)", None, "3 Macau"),
    ("Companhia de Telecomunicações de Macau, S.A.R.L. (CTM)", None, "CTM"),
    ("O2 (UK)", None, "O2"),
    ("Rakuten Mobile", "Rakuten Mobile (楽天モバイル)", "Rakuten Mobile"),
    ("Chunghwa Telecom", None, "Chunghwa Telecom"),
])
def test_an_operator_is_shown_by_the_name_people_know(name, brands, shown):
    from simatlas.loader import display_name

    assert display_name(name, brands) == shown


def test_no_two_operators_share_a_shown_name(bundled):
    """A chart legend, a chip or an answer never joins two operators under one name (the bundled data
    has Vodafone in six places: each reads with its place)."""
    for lang in ("en", "zh"):
        from simatlas.plans import operator_names

        names = list(operator_names(bundled, lang).values())
        assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    assert bundled.operator_short_names["hk-3hk"] == "3HK"
    assert bundled.operator_short_names["fj-vodafone"] == "Vodafone (FJ)"
