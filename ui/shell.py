"""The Streamlit layer shared by every page: data loading, link ⇄ widget sync, sidebar, share box.

How links work. Streamlit's `bind="query-params"` writes a widget's *formatted label* into the
URL (streamlit 1.67 checks bound values against the formatted options), so a link would change
with the language ("sim=eSIM", "country=Hong+Kong+SAR+China+(HK)"). Our links are a public
interface with stable codes, so the sync is ours, through one pure parser and serialiser
(`simatlas.url_state`):

1. At the start of a run, if the address differs from what we last wrote, the link is parsed and
   every widget of the page is set from it through session_state; dropped values become notices.
2. Widgets are drawn from session_state (key = "w." + parameter name); the value a key holds is
   also given as the widget's default, for a widget the browser builds late (`held_index`). Inside
   a closed fold a page's inputs are not drawn at all and return what their key holds (`lazy_fold`).
3. At the end of the page, the canonical query of the widget values (defaults left out) is
   written to the address bar, and shown in the share box.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Generic, TypeVar
from urllib.parse import urlsplit

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.navigation.page import StreamlitPage

from simatlas import fx, places, registry, suitability, url_state
from simatlas.i18n import (
    country_name,
    currency_name,
    format_list,
    language_for_locale,
    sorted_places,
    t,
    t_count,
)
from simatlas.loader import DataError, Dataset, data_dir_from_env, data_version, load_dataset
from simatlas.text import escape_markdown
from simatlas.url_state import Dropped, Param

LOG = logging.getLogger("simatlas")
NOTICES_KEY = "_simatlas_link_notices"
LAST_QUERY_KEY = "_simatlas_last_query"
CONTEXT_KEY = "_simatlas_context"
DRAWN_LANGUAGE_KEY = "_simatlas_drawn_language"
RELABELLED_KEY = "_simatlas_relabelled"
PREFERRED_CURRENCIES = ("USD", "EUR", "CNY", "HKD", "XPF", "AUD", "JPY", "GBP")


GLOBAL_NAMES = frozenset(param.name for param in url_state.GLOBAL_PARAMS)


def widget_key(name: str, page_path: str = "") -> str:
    """Shared widgets keep one key across pages; a page's own are prefixed with the page, since
    two pages may use one parameter name for different widgets (a list here, a single value there).
    """
    return f"w.{name}" if name in GLOBAL_NAMES else f"w.{page_path}.{name}"


@st.cache_resource(max_entries=4, show_spinner=False)
def _load(data_dir: str, version: str) -> Dataset:
    # Keyed by the data version: loaded and validated once per process and data change, and
    # shared (not copied) by every session.
    del version
    return load_dataset(Path(data_dir))


def dataset_or_stop(lang: str) -> Dataset:
    """The validated dataset; on a data problem, a plain message instead of a traceback."""
    data_dir = data_dir_from_env()
    try:
        return _load(str(data_dir), data_version(data_dir))
    except DataError as error:
        LOG.error("data problem: %s", error)
        st.error(t("error.data_title", lang))
        st.code("\n".join(str(problem) for problem in error.problems[:20]), language=None)
        st.info(t("error.data_help", lang))
        st.stop()
        raise  # unreachable: st.stop() ends the run


@dataclass(frozen=True)
class PageContext:
    dataset: Dataset
    lang: str
    currency: str
    countries: tuple[str, ...]
    page_path: str
    values: dict[str, object]  # validated values of every parameter of this page
    who: str = suitability.DEFAULT_WHO  # visitor | resident (simatlas.suitability)

    def shared(self, **changed: object) -> dict[str, object]:
        """The settings every page shares (url_state.GLOBAL_PARAMS), with `changed` ones replaced:
        the values of a link to another view (e.g. `shared(country=("HK",))`)."""
        return shared_values(self.countries, self.currency, self.lang, self.who) | changed


def shared_values(countries: tuple[str, ...], currency: str, lang: str, who: str) -> dict[str, object]:
    """One home for the shared settings' names in a link (GLOBAL_PARAMS)."""
    return {"country": countries, "cur": currency, "lang": lang, "who": who}


def raw_query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


# The link's data-driven choices live in the core, shared with the API (simatlas.api).
dynamic_choices = url_state.dynamic_choices


def _as_widget_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def apply_link(page_path: str, dataset: Dataset) -> None:
    """Set the page's widgets from the address when it is new to us (a link was opened).

    An in-app page switch arrives with an empty query: the shared widgets keep their values.
    """
    raw = raw_query()
    last = st.session_state.get(LAST_QUERY_KEY)
    if last is not None and (last == (page_path, raw) or (last[0] != page_path and not raw)):
        return
    params = url_state.page_params(page_path)
    parsed = url_state.parse_query(raw, params, dynamic_choices(dataset))
    browser_lang = language_for_locale(st.context.locale)
    for param in params:
        value = parsed.values[param.name]
        if param.name == "lang" and value is None:
            value = browser_lang
        st.session_state[widget_key(param.name, page_path)] = _as_widget_value(value)
    st.session_state[NOTICES_KEY] = (page_path, parsed.dropped)
    st.session_state[LAST_QUERY_KEY] = (page_path, raw)


def show_link_notices(page_path: str, lang: str) -> None:
    stored = st.session_state.get(NOTICES_KEY)
    if not stored or stored[0] != page_path or not stored[1]:
        return
    lines = [notice_text(dropped, lang) for dropped in stored[1]]
    body = "\n".join(f"- {escape_markdown(line)}" for line in dict.fromkeys(lines))
    st.warning(f"{t('notice.title', lang)}\n\n{body}")


def notice_text(dropped: Dropped, lang: str) -> str:
    return t(f"notice.{dropped.reason}", lang, name=dropped.name, value=dropped.value)


def ensure_default(param: Param, default: object, page_path: str = "") -> str:
    """The widget key for `param`, its session value initialised (the value a widget shows is the
    session's: a default argument only repeats it, see `held_index`)."""
    key = widget_key(param.name, page_path)
    if key not in st.session_state:
        st.session_state[key] = _as_widget_value(default)
    return key


def current_language() -> str | None:
    """The language the sidebar's switch holds from the last run (None before the first)."""
    value = st.session_state.get(widget_key("lang"))
    return value if value in url_state.LANGUAGES else None


def relabel_on_language_change(lang: str) -> None:
    """After a language switch, make every widget show its value in the new language.

    A keyed widget keeps its identity when its labels change (Streamlit 1.67 builds the id of a keyed
    selectbox or multiselect from the key), and the browser keeps showing the label it last drew for
    the value — a chip or a choice in the old language. A value set through session_state is sent
    again, labelled afresh: set every widget's value to itself, once, when the language changed.
    """
    if st.session_state.get(DRAWN_LANGUAGE_KEY, lang) != lang:
        others = st.session_state.get(RELABELLED_KEY, set())
        for key in [key for key in st.session_state
                    if isinstance(key, str) and (key.startswith("w.") or key in others)]:
            st.session_state[key] = st.session_state[key]
    st.session_state[DRAWN_LANGUAGE_KEY] = lang


def relabelled(key: str) -> str:
    """`key`, registered as the key of a choice whose labels are in the reader's language, for a
    widget outside the link's ("w.") keys: its value is sent again on a language switch (above)."""
    st.session_state.setdefault(RELABELLED_KEY, set()).add(key)
    return key


def held(key: str) -> object:
    """The value the widget key `key` holds in the session, drawn or not."""
    return st.session_state.get(key)


def held_list(key: str) -> list[str]:
    value = held(key)
    return [str(item) for item in value] if isinstance(value, (list, tuple)) else []


def held_index(key: str, options: Sequence[object]) -> int | None:
    """The position of the value `key` holds among `options`: a choice widget's default.

    A value set through session_state reaches the browser once, with the run that set it. If the
    next run starts before the browser has built the widget (a quick tap on a slow phone, a busy
    server: seen in bench/load.py with 5 sessions, once the page's filters fold opened with a run),
    the widget is built from that run's element, which carries no value, and shows — then sends —
    its default: the places chosen by the link were lost. With the held value as its default, a
    widget built late shows the value it holds."""
    value = held(key)
    return options.index(value) if value in options else None


def held_choice(key: str, options: Sequence[str]) -> str | None:
    """The value `key` holds, if it is one of `options` (see `held_index`)."""
    index = held_index(key, options)
    return None if index is None else options[index]


def held_among(key: str, options: Sequence[str]) -> list[str]:
    """The values `key` holds that are among `options`: a multiselect's default (see `held_index`)."""
    allowed = set(options)
    return [value for value in held_list(key) if value in allowed]


def draw_sidebar(dataset: Dataset, page_path: str) -> str:
    """The shared sidebar: language, places and display currency. Returns the language."""
    browser_lang = language_for_locale(st.context.locale)
    shared = {param.name: param for param in url_state.GLOBAL_PARAMS}  # by name, never by position
    country_param, currency_param = shared["country"], shared["cur"]
    lang_param, who_param = shared["lang"], shared["who"]
    relabel_on_language_change(current_language() or browser_lang)
    with st.sidebar:
        # Each setting is also given its value as its default: see `held_index`.
        lang_key = ensure_default(lang_param, browser_lang)
        lang = st.segmented_control(
            t("sidebar.language", current_language() or browser_lang),
            options=list(url_state.LANGUAGES),
            format_func=lambda code: t(f"language.{code}", code),
            key=lang_key, default=held_choice(lang_key, url_state.LANGUAGES),
            required=True,
        ) or browser_lang
        who_key = ensure_default(who_param, suitability.DEFAULT_WHO)
        who = st.segmented_control(
            t("who.label", lang),
            options=list(suitability.WHO),
            format_func=lambda code: t(f"who.{code}", lang),
            key=who_key, default=held_choice(who_key, suitability.WHO),
            required=True,
            help=t("who.help", lang),
        ) or suitability.DEFAULT_WHO
        st.header(t("sidebar.filters", lang), divider="gray")
        choices = sorted_places(dataset.choosable_places, lang)  # by pinyin in Chinese
        countries_key = ensure_default(country_param, ())
        countries = st.multiselect(
            t("sidebar.country", lang),
            options=choices,
            format_func=lambda code: f"{country_name(code, lang)} ({code})",
            key=countries_key, default=held_among(countries_key, choices),
            help=t("sidebar.country_help", lang),
            placeholder=t("describe.all_places", lang),
        )
        available = list(dataset.fx_rates["currency"])
        currencies = [c for c in PREFERRED_CURRENCIES if c in available] + sorted(
            c for c in available if c not in PREFERRED_CURRENCIES
        )
        currency_key = ensure_default(currency_param, fx.DEFAULT_CURRENCY)
        currency = st.selectbox(
            t("sidebar.currency", lang),
            options=currencies,
            format_func=lambda code: f"{code} · {currency_name(code, lang)}",
            key=currency_key, index=held_index(currency_key, currencies),
            placeholder=t("widget.choose", lang),
        )
    st.session_state[CONTEXT_KEY] = RunState(page_path, lang, currency or fx.DEFAULT_CURRENCY,
                                             tuple(countries), who, dataset)
    return lang


PAGE_PLACES_KEY = "page.places"
SHORTCUT_KEY = "home.place_shortcut"
OPEN_PROFILE_KEY = "_simatlas_open_profile"


def _open_place() -> None:
    code = st.session_state.get(SHORTCUT_KEY)
    if code:
        st.session_state[widget_key("country")] = [code]
        st.session_state[OPEN_PROFILE_KEY] = True
    st.session_state[SHORTCUT_KEY] = None  # a one-shot control: it holds no state of its own


def place_shortcuts(dataset: Dataset, lang: str) -> None:
    """One tap from the home page to a place's answers (its profile: best options for a week and a
    month, the ID rule, topping up, cancelling): `places.home_places`."""
    if st.session_state.pop(OPEN_PROFILE_KEY, False):
        st.switch_page(page_file("countries"))
    shortcuts = places.home_places(dataset)
    st.pills(t("home.shortcuts", lang), options=list(shortcuts),
             format_func=lambda code: country_name(code, lang), key=relabelled(SHORTCUT_KEY),
             on_change=_open_place, help=t("home.shortcuts_help", lang))


def _places_from_page() -> None:
    """The page's Places picker changed: it is the shared filter (callbacks run before the sidebar
    draws it again, so the sidebar, the page and the link agree)."""
    st.session_state[widget_key("country")] = list(st.session_state.get(PAGE_PLACES_KEY) or [])


def page_places(dataset: Dataset, lang: str) -> None:
    """The shared Places filter again, in the page: on a phone the sidebar is folded away, and the
    place is the first thing a visitor chooses. It mirrors the sidebar's (one value, `country`)."""
    st.session_state[PAGE_PLACES_KEY] = list(st.session_state.get(widget_key("country")) or [])
    st.multiselect(
        t("sidebar.country", lang), options=sorted_places(dataset.choosable_places, lang),
        format_func=lambda code: f"{country_name(code, lang)} ({code})",
        key=relabelled(PAGE_PLACES_KEY), on_change=_places_from_page,
        help=t("sidebar.country_help", lang), placeholder=t("describe.all_places", lang),
    )


def controls_summary(page_path: str, names: tuple[str, ...], lang: str, with_places: bool = True) -> str:
    """What the page's controls hold, for their folded label: the places chosen (two named, then how
    many more), and how many of `names` (the page's own parameters) differ from their default."""
    countries = list(st.session_state.get(widget_key("country")) or []) if with_places else []
    parts = []
    if countries:
        named = format_list([country_name(code, lang) for code in countries[:2]], lang)
        more = t("controls.more_places", lang, count=len(countries) - 2) if len(countries) > 2 else ""
        parts.append(f"{named} {more}".strip())
    params = {param.name: param for param in url_state.page_params(page_path)}
    changed = sum(1 for name in names
                  if st.session_state.get(widget_key(name, page_path), params[name].default)
                  not in (params[name].default, [], ()))
    if changed:
        parts.append(t_count("controls.set", lang, changed))
    return " · ".join(parts)


# Inside a closed fold (lazy_fold) a page's inputs are not built: a first visit draws the answer and
# the fold's one line, not the dozen widgets behind it (issue #26: the browser's cost grows with the
# elements a run sends, and each widget kind's code is fetched on its first appearance).
_FOLDED: ContextVar[bool] = ContextVar("simatlas_folded", default=False)


def drawn() -> bool:
    """False inside a closed fold: an input then returns the value it holds without being built
    (ui/inputs.py). Its value lives in session_state under its key, set from the link or kept by
    Streamlit while the input is not drawn (`persist_state="page"`)."""
    return not _FOLDED.get()


@contextmanager
def lazy_fold(label: str, key: str, icon: str | None = None) -> Iterator[bool]:
    """An expander whose content is built only while it is open (opening it reruns the page).

    Its label must not change with what it holds: Streamlit builds a tracked expander's identity from
    its label, and a new identity is a new, closed fold (the reader's focus lost with it)."""
    fold = st.expander(label, key=key, icon=icon, on_change="rerun")
    token = _FOLDED.set(_FOLDED.get() or not fold.open)
    try:
        with fold:
            yield bool(fold.open)
    finally:
        _FOLDED.reset(token)


@contextmanager
def page_controls(page_path: str, dataset: Dataset, lang: str, summary: str = "",
                  title_key: str = "controls.title", places: bool = True) -> Iterator[None]:
    """The page's own controls, in the page under its title, folded, with one line under the fold that
    says what they hold ("Hong Kong · 2 filters set"): on a phone the sidebar is folded away, and the
    sidebar keeps only the settings (language, who, currency). Built only while open (lazy_fold)."""
    with lazy_fold(t(title_key, lang), f"controls.{page_path}", icon=":material/tune:"):
        if places and drawn():
            page_places(dataset, lang)
        yield
    if summary:
        st.caption(escape_markdown(summary))


def draw_page_list(slot: DeltaGenerator, pages: Mapping[str, StreamlitPage]) -> None:
    """The page list (in `slot`, the top of the sidebar): each entry a link that carries the shared
    settings (places, currency, language, who) to the next page.

    Streamlit's own list (st.navigation's) opens a page with an empty query — the frontend pushes
    that address — and the page then writes its view, which the frontend pushes again: two history
    entries per page, two presses of back. A link whose query is exactly what the page will write
    makes one entry (the frontend skips writing an address it already shows).
    """
    state = st.session_state[CONTEXT_KEY]
    shared = shared_values(state.countries, state.currency, state.lang, state.who)
    with slot:
        for url_path, target in pages.items():
            st.page_link(target, label=target.title, query_params=link_query(shared, url_path))


ROOT = Path(__file__).resolve().parent.parent


def page_file(page_path: str) -> Path:
    """The file of a page, for st.page_link (absolute: the server may start in another folder)."""
    return ROOT / "pages" / f"{page_path}.py"


@dataclass(frozen=True)
class RunState:
    """What app.py settled for this run before the page starts: the chosen page, the shared sidebar's
    values and the dataset (fetched once per run)."""

    page_path: str
    lang: str
    currency: str
    countries: tuple[str, ...]
    who: str
    dataset: Dataset


def _run_state() -> RunState:
    # Taken, not read: it belongs to this run only, so a page run without the router finds none.
    state = st.session_state.pop(CONTEXT_KEY, None)
    if not isinstance(state, RunState):
        # A page file run on its own (not through app.py's st.navigation): only possible when the
        # server was started on app.py directly, whose folder holds pages/ (see serve/).
        st.error(t("error.entry", language_for_locale(st.context.locale)))
        st.stop()
    return state


Q = TypeVar("Q")


@dataclass
class PageRun(Generic[Q]):
    """One run of one page: the shared state, and — once the page has drawn its own widgets — the
    validated, typed query the page renders."""

    state: RunState
    build_query: Callable[[Mapping[str, object]], Q]
    context: PageContext | None = None

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def dataset(self) -> Dataset:
        return self.state.dataset

    def query(self, widget_values: Mapping[str, object] | None = None) -> tuple[Q, PageContext]:
        """Re-validate the widget values on the server (as a link would be) and build the page's query."""
        self.context = page_context(self.state, dict(widget_values or {}))
        return self.build_query(self.context.values), self.context


@contextmanager
def page(registered: registry.Page[Q]) -> Iterator[PageRun[Q]]:
    """The one way into a page. It owns the start of a run (the link already applied by app.py, the
    dataset fetched once) and its end (the view written back to the address bar and the share box),
    so a page cannot forget either. The page draws its widgets, calls `run.query(...)`, renders.
    A page that fails or stops early writes nothing back: the address keeps what the reader opened.
    """
    state = _run_state()
    # The page names itself; the router chose it by the link. A mismatch is a file registered under
    # another page's name (simatlas/registry.py): it would parse the link with the wrong parameters.
    assert state.page_path == registered.path, (state.page_path, registered.path)
    run: PageRun[Q] = PageRun(state, registered.query)
    yield run
    if run.context is None:  # a page with no widgets of its own
        run.query()
    assert run.context is not None
    finish_page(run.context)


def page_context(state: RunState, widget_values: dict[str, object]) -> PageContext:
    """Everything a page needs, with every value re-validated on the server."""
    params = url_state.page_params(state.page_path)
    values = {**shared_values(state.countries, state.currency, state.lang, state.who),
              **widget_values}
    query = url_state.serialise(values, params)
    checked = url_state.parse_query(query, params, dynamic_choices(state.dataset)).values
    return PageContext(
        dataset=state.dataset,
        lang=state.lang,
        currency=str(checked["cur"]),
        countries=url_state.as_codes(checked["country"]),
        page_path=state.page_path,
        values=checked,
        who=suitability.parse_who(checked["who"]),
    )


def link_query(values: Mapping[str, object], page_path: str) -> dict[str, list[str]]:
    """The query of a view of `page_path`; `lang` is left out when it is the browser's own.

    One home for the address of a view: what a page writes back (finish_page) and what a link to a
    page carries (the page list, in-page links) must be the same string, or the browser records the
    page twice and the back button needs two presses (see draw_page_list).
    """
    values = dict(values)
    if values.get("lang") == language_for_locale(st.context.locale):
        values["lang"] = None
    return url_state.serialise(values, url_state.page_params(page_path))


def canonical_query(context: PageContext) -> dict[str, list[str]]:
    """The query of the current view."""
    return link_query(context.values, context.page_path)


def finish_page(context: PageContext) -> None:
    """Write the view to the address bar and show it in the share box. Call last on a page."""
    query = canonical_query(context)
    if raw_query() != query:
        st.query_params.from_dict(query)
    st.session_state[LAST_QUERY_KEY] = (context.page_path, query)
    public_path = "" if context.page_path == url_state.DEFAULT_PAGE else context.page_path
    link = url_state.share_url(_base_url(), public_path, query)
    with st.sidebar:
        st.header(t("share.title", context.lang), divider="gray")  # a section of the sidebar, as its others
        st.caption(t("share.help", context.lang))
        share_box(link, context.lang)
        _rerun_after_reconnect()


# The share box is a read-only field (the whole link, wrapped) and a copy button, in plain HTML.
# It was st.code, whose copy button came with Streamlit's syntax highlighter: 1.5 MB of JavaScript
# fetched and evaluated on every first visit for one line of text (bench/README, issue #26). Every
# text in it is escaped: the link carries a reader's own words (q_label). Its colours are the theme's
# (.streamlit/config.toml), read from Streamlit's options.
_SHARE_BOX = """<div class="simatlas-share" data-copied="{copied}" data-select="{select}">
<textarea readonly rows="3" aria-label="{label}" spellcheck="false">{link}</textarea>
<button type="button">{copy}</button>
<span class="simatlas-share-said" role="status" aria-live="polite"></span>
</div>
<style>
.simatlas-share {{display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center;}}
.simatlas-share textarea {{flex: 1 1 100%; min-width: 0; font: 0.875rem/1.4 "Source Code Pro", monospace;
  color: {text}; background: #FFFFFF; border: 1px solid #6B757D; border-radius: 0.5rem;
  padding: 0.45rem 0.6rem; resize: none; word-break: break-all; field-sizing: content;}}
.simatlas-share button {{font: inherit; font-size: 0.875rem; color: {text}; background: #FFFFFF;
  border: 1px solid #6B757D; border-radius: 0.5rem; padding: 0.4rem 0.8rem; cursor: pointer;}}
.simatlas-share button:hover {{border-color: {primary}; color: {primary};}}
.simatlas-share textarea:focus-visible, .simatlas-share button:focus-visible {{
  outline: 2px solid {primary}; outline-offset: 2px;}}
.simatlas-share-said {{flex-basis: 100%; font-size: 0.875rem; color: {text};}}
.simatlas-share-said:empty {{display: none;}}
</style>
<script>{script}</script>"""
# Streamlit strips event attributes (onclick) from st.html even with JavaScript allowed, so a script
# wires the box drawn with it. Clipboard first; where the page is not a secure context (no
# navigator.clipboard), the field is selected and the reader told how to copy it.
_SHARE_SCRIPT = """
for (const box of document.querySelectorAll('.simatlas-share:not([data-wired])')) {
  box.dataset.wired = '1';
  const field = box.querySelector('textarea'), said = box.querySelector('[role=status]');
  const select = () => { field.focus(); field.select(); said.textContent = box.dataset.select; };
  field.addEventListener('focus', () => field.select());
  box.querySelector('button').addEventListener('click', () => {
    if (navigator.clipboard && window.isSecureContext) {
      const copied = () => { said.textContent = box.dataset.copied; };
      navigator.clipboard.writeText(field.value).then(copied, select);
    } else {
      select();
    }
  });
}"""


def share_box(link: str, lang: str) -> None:
    """The view's link in a read-only field, with a button that copies it."""
    st.html(_SHARE_BOX.format(link=html.escape(link), label=html.escape(t("share.link", lang)),
                              copy=html.escape(t("share.copy", lang)),
                              copied=html.escape(t("share.copied", lang)),
                              select=html.escape(t("share.select", lang)), script=_SHARE_SCRIPT,
                              text=st.get_option("theme.textColor"),
                              primary=st.get_option("theme.primaryColor")),
            unsafe_allow_javascript=True)


# Behind a load balancer a lost replica takes its sessions with it. Streamlit's frontend then
# reconnects through the same address to another replica, but asks for a script run only when a
# run was under way or the page has an auto-rerunning fragment (streamlit 1.67, App
# handleConnectionStateChanged); otherwise the reader keeps the dead replica's last drawing, with
# no session behind it on the new replica. An empty fragment with a long run_every makes every page
# such a page: on reconnect the page runs again from its address (the whole view lives in the link)
# on the live replica. It draws nothing; its own rerun, twice a day per open tab, runs only it.
# tests/browser/test_failover_browser.py kills the serving replica under a real browser.
@st.fragment(run_every=timedelta(hours=12))
def _rerun_after_reconnect() -> None:
    pass


def _base_url() -> str:
    """scheme://host[:port][/base] of the running app, from the browser's address."""
    url = st.context.url or "http://localhost:8501/"
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    # A trailing page name is not part of the app's base path (the default page has none).
    base_path = head if last in url_state.PAGE_PARAMS else path
    return f"{parts.scheme}://{parts.netloc}{base_path}"
