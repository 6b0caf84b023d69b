"""The quote reader against any text: reading the amounts a source's words state never fails."""

from hypothesis import given, settings
from hypothesis import strategies as st

from simatlas import evidence


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_reading_amounts_never_fails_on_any_text(text):
    assert isinstance(evidence.amounts_in(text), set)
