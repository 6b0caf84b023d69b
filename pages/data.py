"""About the data: coverage, freshness, unknowns, every source, exchange rates, how to contribute."""

import altair as alt
import streamlit as st

from simatlas import quality
from simatlas.i18n import t
from simatlas.plans import TABLE_ROW_LIMIT
from ui import shell, widgets

page_path, lang, currency, _ = shell.shared_state()
dataset = shell.dataset_or_stop(lang)
context = shell.page_context({})

st.title(t("data.title", lang))
st.caption(t("data.intro", lang))
shell.show_link_notices(page_path, lang)

text, number = st.column_config.TextColumn, st.column_config.NumberColumn
st.subheader(t("data.coverage", lang))
widgets.data_table(
    quality.coverage_by_place(dataset, lang), lang,
    column_config={
        "place": text(t("col.place", lang)), "operators": number(t("col.operators", lang)),
        "plans": number(t("col.plans", lang)), "rules": number(t("data.rows", lang)),
        "unknown_share": number(t("data.unknown_share", lang), format="%d %%"),
        "oldest_source": text(t("col.oldest", lang)), "newest_source": text(t("col.newest", lang)),
        "seen_on": text(t("col.seen_on", lang)),
    },
)

left, right = st.columns(2)
with left, st.container(border=True):
    years = quality.freshness(dataset, lang)
    st.altair_chart(
        alt.Chart(years, title=t("data.freshness", lang)).mark_bar(color="#0E7C86").encode(
            x=alt.X("year:O", title=t("data.year", lang)), y=alt.Y("rows:Q", title=t("data.rows", lang)),
            tooltip=[alt.Tooltip("year:O", title=t("data.year", lang)),
                     alt.Tooltip("rows:Q", title=t("data.rows", lang))],
        ),
        width="stretch",
    )
with right, st.container(border=True):
    unknown = quality.unknown_fields(dataset)
    st.altair_chart(
        alt.Chart(unknown, title=t("data.unknown_fields", lang)).mark_bar(color="#bdbdbd").encode(
            y=alt.Y("field:N", sort="-x", title=t("data.field", lang), axis=alt.Axis(labelLimit=260)),
            x=alt.X("share:Q", title=t("data.share", lang) + " (%)", scale=alt.Scale(domain=[0, 100])),
            tooltip=[alt.Tooltip("field:N", title=t("data.field", lang)),
                     alt.Tooltip("share:Q", title=t("data.share", lang))],
        ),
        width="stretch",
    )

st.subheader(t("data.fx", lang))
missing = quality.currencies_without_rate(dataset)
if missing:
    st.warning(t("data.fx_missing", lang, currencies=", ".join(missing)))
widgets.data_table(
    dataset.fx_rates[["currency", "per_eur", "as_of", "kind", "source_url"]], lang,
    column_config={
        "currency": text(t("col.currency", lang)), "per_eur": number(t("col.rate", lang), format="%.6g"),
        "as_of": text(t("col.as_of", lang)), "kind": text(t("col.fx_kind", lang)),
        "source_url": st.column_config.LinkColumn(t("col.source", lang)),
    },
)

st.subheader(t("data.sources", lang))
cited = quality.sources(dataset)  # most cited first: the table shows the first TABLE_ROW_LIMIT
if len(cited) > TABLE_ROW_LIMIT:
    st.caption(t("data.sources_shown", lang, shown=TABLE_ROW_LIMIT, count=len(cited)))
widgets.data_table(
    cited, lang,
    column_config={
        "source_url": st.column_config.LinkColumn(t("col.source", lang)),
        "rows": number(t("data.rows", lang)), "files": text(t("data.files", lang)),
    },
)

st.subheader(t("data.report", lang))
st.markdown(t("data.report_text", lang))
shell.finish_page(context)
