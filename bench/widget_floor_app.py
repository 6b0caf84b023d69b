"""The widget floor: the component floor (Streamlit's table and two Altair charts) with a sidebar of
the same widget kinds and sizes as SIM Atlas's (two segmented controls, a multiselect of 252 places,
a selectbox of 30 currencies, seven page links, a block of HTML), nothing else.

What a page with SIM Atlas's settings costs in the browser whatever the app does: each widget kind's
code is fetched and evaluated on its first appearance (bench/README, issue #26). `?sidebar=last`
sends the sidebar after the page's table and charts.
"""

import altair as alt
import pandas as pd
import streamlit as st

rows = pd.DataFrame({
    "operator": [f"Operator {n % 12}" for n in range(127)],
    "data_gb": [float(1 + n % 40) for n in range(127)],
    "price": [round(5 + (n * 7.3) % 90, 2) for n in range(127)],
})
PLACES = [f"P{n:03d}" for n in range(252)]
CURRENCIES = [f"C{n:02d}" for n in range(30)]


def sidebar() -> None:
    with st.sidebar:
        for page in PAGES:
            st.page_link(page, label=page.title)
        st.segmented_control("Language", ["en", "zh"], key="lang", default="en")
        st.segmented_control("Who", ["visitor", "resident"], key="who", default="visitor")
        st.multiselect("Places", PLACES, key="places", default=["P001"])
        st.selectbox("Currency", CURRENCIES, key="cur")
        st.html("<div><textarea readonly rows='3'>http://localhost/?country=HK</textarea>"
                "<button type='button'>Copy link</button></div>")


def main() -> None:
    last = st.query_params.get("sidebar") == "last"
    if not last:
        sidebar()
    st.write("SIM Atlas widget floor")
    st.dataframe(rows, hide_index=True)
    st.altair_chart(alt.Chart(rows).mark_circle().encode(x="data_gb", y="price", tooltip=["operator"]))
    st.altair_chart(alt.Chart(rows).mark_bar().encode(x="operator", y="median(price)"))
    if last:
        sidebar()


# Seven pages, as SIM Atlas's page list has; each one runs the same page.
PAGES = [st.Page(main, title=title, url_path=title.lower(), default=n == 0)
         for n, title in enumerate(("Plans", "Countries", "Trip", "Fees", "Renewal", "Cancellation", "Data"))]
st.navigation(PAGES, position="hidden").run()
