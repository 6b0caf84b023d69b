from pathlib import Path

import pytest

from simatlas import readiness
from simatlas.loader import load_dataset
from tests.api.client import app_for

ROOT = Path(__file__).resolve().parents[2]


def plain_loader(data_dir: str, version: str):
    """What serve/asgi.py does minus Streamlit's cache: the API does not care where the data is kept."""
    del version
    return load_dataset(Path(data_dir))


def loaded_state(data_dir: Path) -> readiness.DataState:
    state = readiness.DataState(data_dir, plain_loader)
    state.load_now()
    return state


@pytest.fixture(scope="session")
def bundled_state() -> readiness.DataState:
    return loaded_state(ROOT / "data")


@pytest.fixture(scope="session")
def bundled_app(bundled_state):
    return app_for(bundled_state)
