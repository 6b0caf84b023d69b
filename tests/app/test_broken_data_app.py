"""Every class of broken data file: the app shows the validator's message, never a traceback."""

import pytest

from simatlas.loader import DataError, load_dataset
from tests.factories import write_dataset
from tests.unit.test_loader import CASES


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_app_shows_the_message_instead_of_a_traceback(open_link, tmp_path, data_dir_env, case):
    folder = write_dataset(tmp_path / "data")
    CASES[case][0](folder)
    with pytest.raises(DataError) as expected:
        load_dataset(folder)
    data_dir_env(folder)
    at = open_link()
    assert at.error[0].value == "The plan data could not be loaded"
    assert at.code[0].value.splitlines()[0] == str(expected.value.problems[0])
    assert not at.dataframe  # nothing half-drawn from broken data
