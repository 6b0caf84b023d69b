"""SIM Atlas core: data, filters, URL state, costs, charts and text. No Streamlit here."""
