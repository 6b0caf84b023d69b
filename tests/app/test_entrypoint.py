"""How the server starts: serve/streamlit_app.py (st.App) runs serve/router.py for every session, so
Streamlit never treats SIM Atlas as a "pages directory" (v1) app. These tests fail loudly if
Streamlit changes how it picks that mode."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from simatlas.i18n import t

ROOT = Path(__file__).resolve().parents[2]


def test_the_sessions_script_has_no_pages_folder_beside_it_and_the_app_has():
    # Streamlit decides the mode from a `pages` folder beside the main script.
    assert not (ROOT / "serve" / "pages").exists()
    assert (ROOT / "pages").is_dir() and (ROOT / "app.py").is_file()
    launcher = (ROOT / "serve" / "streamlit_app.py").read_text(encoding="utf-8")
    assert 'app = st.App(ROOT / "serve" / "router.py"' in launcher


def test_through_the_entrypoint_a_page_runs_inside_the_router(open_link):
    at = open_link("pages/fees.py", country=["HK"])
    assert at.title[0].value == "What it really costs"
    assert at.sidebar.segmented_control  # drawn by app.py: the router ran


def test_started_on_app_py_a_page_file_runs_alone_and_says_how_to_start():
    """With app.py as the main script, Streamlit (v1 mode) runs the page file without the router.
    The page must say how to start the app, never show a traceback or another page's state."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/fees.py")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("error.entry", "en")]
