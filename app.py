"""SIM Atlas: the router. Page config, the shared sidebar, then the chosen page runs."""

import logging

import streamlit as st

from simatlas.i18n import language_for_locale, t
from ui import shell

st.set_page_config(page_title="SIM Atlas", page_icon="📶", layout="wide")

PAGES = {
    "plans": ("pages/plans.py", "nav.plans"),
    "countries": ("pages/countries.py", "nav.countries"),
    "trip": ("pages/trip.py", "nav.trip"),
    "fees": ("pages/fees.py", "nav.fees"),
    "renewal": ("pages/renewal.py", "nav.renewal"),
    "cancellation": ("pages/cancellation.py", "nav.cancellation"),
    "data": ("pages/data.py", "nav.data"),
}

boot_lang = language_for_locale(st.context.locale)
navigation = st.navigation(
    [
        st.Page(path, title=t(title_key, st.query_params.get("lang") or boot_lang),
                url_path=url_path, default=url_path == "plans")
        for url_path, (path, title_key) in PAGES.items()
    ]
)
page_path = navigation.url_path or "plans"
dataset = shell.dataset_or_stop(boot_lang)
shell.apply_link(page_path, dataset)
lang = shell.draw_sidebar(dataset, page_path)
try:
    shell.run_page(navigation)
except Exception:  # a page bug must never show a traceback to a visitor
    logging.getLogger("simatlas").exception("page failed")
    st.error(t("error.page", lang))
