"""The benchmark itself works: core and server stages at the smallest scale, and its table.

Timings are never asserted (these machines are noisy); what is checked is that every stage runs on
a generated dataset and that the bounded figures (table rows, chart bytes) hold.
"""

import bench.__main__ as bench


def test_the_benchmark_runs_at_the_smallest_scale(tmp_path):
    report = bench.run(["1k"], runs=1, browser=False, path=tmp_path / "result.json")
    figures = report["scales"]["1k"]
    core, server = figures["core"], figures["server"]
    assert core["plans"] == 1000
    assert core["plans_table_rows"] <= 300
    assert 0 < core["plans_chart_bytes"] <= 100 * 1024
    # Every stage ran once (runs=1) and was timed; the figures themselves are never asserted.
    for name in ("load_validate_s", "plans_all_s", "plans_hk_s", "countries_s", "trip_hk_s",
                 "fees_hk_s", "cancellation_hk_s", "data_page_s"):
        assert len(core[name]) == 1, name
    for page in ("plans", "countries", "trip", "fees", "renewal", "cancellation", "data"):
        assert len(server[f"{page}_s"]) == 1, page
    assert '"1k"' in (tmp_path / "result.json").read_text()
    printed = bench.table(report)
    assert printed.splitlines()[2].startswith("| 1k | 1000 |")
