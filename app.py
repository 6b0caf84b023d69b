"""SIM Atlas: the router. Page config, the link applied to the widgets, the shared sidebar, then the
chosen page runs (each page goes through `ui.shell.page`, which writes the view back to the link).

Every session runs it through serve/router.py (`make run` serves serve/streamlit_app.py): Streamlit
treats a `pages/` folder beside the main script as a v1 multipage app, which would run a deep link's
page file without this router.
"""

import json
import logging
from pathlib import Path

import streamlit as st

from simatlas import registry, url_state
from simatlas.i18n import language_for_locale, t
from ui import shell

ROOT = Path(__file__).resolve().parent
HTML_LANG = {"en": "en", "zh": "zh-Hans"}  # what a screen reader reads the page as (WCAG 3.1.1)

# On a phone the sidebar opens over the page; Streamlit leaves it open after a page link in it is
# followed, so the page chosen stays hidden behind the list. Fold it after such a tap on a narrow
# screen (Streamlit's own mobile breakpoint, 768 px). Registered once per browser tab.
CLOSE_SIDEBAR = """
if (!window.__simatlasFoldsSidebar) {
  window.__simatlasFoldsSidebar = true;
  document.addEventListener('click', (event) => {
    if (!window.matchMedia('(max-width: 767.98px)').matches) return;
    if (!event.target.closest('[data-testid=stSidebar] [data-testid=stPageLink-NavLink]')) return;
    setTimeout(() => document.querySelector('[data-testid=stSidebarCollapseButton] button')?.click(), 50);
  }, true);
}"""

st.set_page_config(page_title="SIM Atlas", page_icon="📶", layout="wide")
boot_lang = language_for_locale(st.context.locale)
# The pages (their titles: the page list's labels, the browser tab's title) are declared before the
# sidebar's language switch: they take the language the switch held last; when a newly opened link
# changes it, the run starts again (below), once.
nav_lang = shell.current_language() or st.query_params.get("lang") or boot_lang
pages = {
    # Absolute paths: the file Streamlit was started on may live in another folder (serve/).
    path: st.Page(ROOT / page.file, title=t(page.title_key, nav_lang), url_path=path,
                  default=path == url_state.DEFAULT_PAGE)
    for path, page in registry.PAGES.items()
}
# Hidden: the sidebar's page list is ours (shell.draw_page_list), links that carry the shared settings.
navigation = st.navigation(list(pages.values()), position="hidden")
page_path = navigation.url_path or url_state.DEFAULT_PAGE
dataset = shell.dataset_or_stop(boot_lang)
shell.apply_link(page_path, dataset)
page_list = st.sidebar.container()  # first in the sidebar, drawn once the settings it carries are known
lang = shell.draw_sidebar(dataset, page_path)
if lang != nav_lang:
    st.rerun()  # the page titles are in the other language: draw everything again in this one
shell.draw_page_list(page_list, pages)
with page_list:  # Streamlit's page says <html lang="en"> in every language: say the reader's
    st.html(f"<script>document.documentElement.lang = {json.dumps(HTML_LANG[lang])};{CLOSE_SIDEBAR}</script>",
            unsafe_allow_javascript=True)
try:
    navigation.run()
except Exception:  # a page bug must never show a traceback to a visitor
    logging.getLogger("simatlas").exception("page failed")
    st.error(t("error.page", lang))
