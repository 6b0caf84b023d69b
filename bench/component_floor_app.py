"""The component floor: Streamlit's own table and two Altair charts, nothing else.

What any page showing a table and two charts costs on this machine, whatever the app does: the
part of SIM Atlas's time that is the framework's components rather than our code.
"""

import altair as alt
import pandas as pd
import streamlit as st

rows = pd.DataFrame({
    "operator": [f"Operator {n % 12}" for n in range(127)],
    "data_gb": [float(1 + n % 40) for n in range(127)],
    "price": [round(5 + (n * 7.3) % 90, 2) for n in range(127)],
})
st.write("SIM Atlas component floor")
st.dataframe(rows, hide_index=True)
st.altair_chart(alt.Chart(rows).mark_circle().encode(x="data_gb", y="price", tooltip=["operator"]))
st.altair_chart(alt.Chart(rows).mark_bar().encode(x="operator", y="median(price)"))
