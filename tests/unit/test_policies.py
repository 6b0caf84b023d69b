import pytest

from simatlas import charts, policies, schema
from simatlas.loader import load_dataset
from simatlas.policies import PolicyFilter
from tests.conftest import own_copy
from tests.factories import write_dataset

CANCEL = [
    {"operator_id": "hk-alpha", "product": "postpaid", "cancel_website": "yes", "cancel_store": "yes",
     "documents": "id_document; sim_card", "fee": "0", "currency": "HKD", "notice_days": "30",
     "balance_refund": "no", "sim_return": "yes"},
    {"operator_id": "nc-opt", "product": "prepaid", "expires_by_itself": "yes"},
    {"operator_id": "seller", "product": "esim", "cancel_mail": "yes", "refund_window_days": "14",
     "refund_ends_at": "qr_scan", "refund_paid_as": "credit", "conflict_url": "https://example.org/other",
     "note_en": "The French page says otherwise."},
]
RENEW = [
    {"operator_id": "nc-opt", "product": "prepaid", "topup_voucher": "yes", "topup_store": "yes",
     "balance_ussd": "yes", "balance_code": "*100#", "topup_extends_validity": "yes", "grace_days": "60",
     "number_kept": "yes"},
    {"operator_id": "hk-alpha", "product": "prepaid"},
]


@pytest.fixture(scope="module")
def _data_once(tmp_path_factory):
    return load_dataset(write_dataset(
        tmp_path_factory.mktemp("policies") / "d", cancellation=CANCEL, renewal=RENEW))


@pytest.fixture
def data(_data_once):
    return own_copy(_data_once)


def texts(statements):
    return [s.text for s in statements]


def test_cancellation_guide_with_known_facts(data):
    row = policies.policy_rows(data, "cancellation", PolicyFilter(("HK",), products=("postpaid",))).iloc[0]
    steps = policies.cancellation_steps(row, "en")
    assert texts(steps) == [
        "Cancel online: website.",
        "Or cancel through: store.",
        "Have ready: ID document or passport and the SIM card.",
        "Give 30 days' notice.",
        "Cancellation fee: HK$0.00.",
        "Remaining balance is NOT refunded: use it up first.",
        "Return the SIM card.",
        "Keep proof: the confirmation number, email or receipt.",
    ]
    assert all(s.source_url == "https://example.org/source" and s.seen_on == "2026-11-01" for s in steps)


def test_cancellation_guide_says_unknown_never_no(data):
    row = policies.policy_rows(data, "cancellation", PolicyFilter(("NC",), products=("prepaid",))).iloc[0]
    steps = policies.cancellation_steps(row, "en")
    assert steps[0].text.startswith("Simply stop topping up")
    unknown = [s.text for s in steps if not s.known]
    assert "Unknown: whether a fee applies." in unknown
    assert "Unknown: whether the remaining balance is refunded." in unknown
    assert not any("NOT" in s.text for s in steps)


def test_esim_refund_terms(data):
    row = policies.policy_rows(data, "cancellation", PolicyFilter(kinds=("esim_seller",))).iloc[0]
    refund = [s.text for s in policies.cancellation_steps(row, "zh") if "退款" in s.text]
    assert refund == ["购买后 14 天内可申请退款。 扫描二维码后即不可退款。 仅退为商家积分/余额。"]


def test_sellers_count_in_the_places_their_plans_cover(data):
    rows = policies.policy_rows(data, "cancellation", PolicyFilter(("NC",)))
    assert set(rows["operator_id"]) == {"nc-opt", "seller"}


def test_online_only_filter(data):
    rows = policies.policy_rows(data, "cancellation", PolicyFilter(online_only=True))
    assert list(rows["operator_id"]) == ["hk-alpha"]


def test_matrix_keeps_unknown_as_its_own_state(data):
    rows = policies.policy_rows(data, "cancellation", PolicyFilter())
    cells = policies.channel_matrix(rows, schema.CANCEL_COLUMNS, "en")
    assert len(cells) == 3 * len(schema.CANCEL_COLUMNS)
    nc_phone = cells[(cells["row"].str.startswith("OPT test")) & (cells["channel"] == "phone")]
    assert list(nc_phone["state"]) == ["unknown"] and list(nc_phone["state_label"]) == ["unknown"]
    spec = charts.channel_heatmap(cells, "en", "cancel.matrix").to_dict()
    rect, text = spec["layer"]  # coloured cells, and a ✓ / ✗ / ? in each
    assert rect["encoding"]["color"]["scale"]["domain"] == ["yes", "no", "unknown"]
    assert {tip["field"] for tip in rect["encoding"]["tooltip"]} >= {"source", "seen_on"}
    assert text["encoding"]["text"]["field"] == "mark"


def test_online_cancellation_counts_by_place(data):
    rows = policies.policy_rows(data, "cancellation", PolicyFilter())
    counts = policies.online_cancellation_by_country(rows, "en")
    as_dict = {(r.place, r.state): r.operators for r in counts.itertuples()}
    assert as_dict == {("Hong Kong SAR China", "yes"): 1, ("New Caledonia", "unknown"): 1,
                       ("travel-eSIM seller", "unknown"): 1}


def test_renewal_guide(data):
    row = policies.policy_rows(data, "renewal", PolicyFilter(("NC",))).iloc[0]
    steps = texts(policies.renewal_steps(row, "en"))
    assert steps[0] == "Check your balance: USSD/SMS code. Dial *100#."
    assert steps[1] == "Top up through: vouchers and store."
    assert "A top-up extends the validity." in steps
    assert "Unknown: whether it renews automatically." in steps
    assert steps[-1] == "After expiry you have 60 days to recharge before the line is closed."


def test_renewal_guide_all_unknown(data):
    row = policies.policy_rows(data, "renewal", PolicyFilter(("HK",))).iloc[0]
    steps = policies.renewal_steps(row, "en")
    assert all(not s.known for s in steps)


def test_survival_days_marks_unknown_grace(data):
    rows = policies.policy_rows(data, "renewal", PolicyFilter())
    parts = policies.survival_days(data, rows, "en")
    by_operator = {(r.operator, r.part): (r.days, r.known) for r in parts.itertuples()}
    assert by_operator[("OPT test (NC)", "validity")] == (30, True)
    assert by_operator[("OPT test (NC)", "grace period")] == (60, True)
    assert by_operator[("Alpha HK (HK)", "grace unknown")] == (0, False)
    spec = charts.number_survival(parts, "en").to_dict()
    rows_sent = next(iter(spec["datasets"].values()))
    unknown = [r for r in rows_sent if r["part"] == "grace unknown"]
    assert unknown[0]["days_label"] == "unknown"


def test_policy_charts_stay_bounded_however_many_rules_match(tmp_path):
    from bench.synthetic import write_synthetic
    from simatlas.loader import load_dataset

    dataset = load_dataset(write_synthetic(tmp_path, 2_000))  # about 100 operators: over CHART_ROW_LIMIT
    rows = policies.policy_rows(dataset, "renewal", policies.PolicyFilter())
    assert len(rows) > policies.CHART_ROW_LIMIT
    cells = policies.channel_matrix(rows, schema.TOPUP_COLUMNS, "en")
    assert cells["row"].nunique() == policies.CHART_ROW_LIMIT
    survival = policies.survival_days(dataset, rows, "en")
    assert survival["operator"].nunique() <= policies.CHART_ROW_LIMIT
    place = dataset.coverage["country"].iloc[0]
    in_place = policies.policy_rows(dataset, "renewal", policies.PolicyFilter((place,)))
    sellers = in_place[in_place["country"].isna()]["operator_id"]
    covering = set(dataset.plans.loc[dataset.coverage.loc[dataset.coverage["country"] == place, "pos"],
                                     "operator_id"])
    assert set(sellers) <= covering  # a seller is listed for a place only where it has a plan there
