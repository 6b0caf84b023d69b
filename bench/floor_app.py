"""The floor: the fastest any Streamlit page can be here — one line of text."""

import streamlit as st

st.write("SIM Atlas floor")
