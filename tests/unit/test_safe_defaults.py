"""Safe defaults: served on localhost, cross-site protection on, no error details, nothing external."""

import tomllib
from pathlib import Path

CONFIG = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())


def test_serves_on_localhost_only():
    assert CONFIG["server"]["address"] == "localhost"


def test_cross_site_request_protection_stays_on():
    assert CONFIG["server"]["enableXsrfProtection"] is True


def test_no_error_details_and_no_usage_statistics():
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_no_file_upload_anywhere():
    root = Path(__file__).resolve().parents[2]
    sources = [*root.glob("pages/*.py"), *root.glob("ui/*.py"), root / "app.py"]
    assert not [path for path in sources if "file_uploader" in path.read_text(encoding="utf-8")]
