"""The image runs what `make run` runs (no Docker engine here: the files are parsed, not built)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def dockerfile_instruction(name: str) -> str:
    text = (ROOT / "Dockerfile").read_text()
    joined = re.sub(r"\\\n\s*", " ", text)  # continuation lines
    found = [line.split(None, 1)[1] for line in joined.splitlines() if line.split(None, 1)[:1] == [name]]
    assert len(found) == 1, f"expected one {name} in the Dockerfile, found {len(found)}"
    return found[0].strip()


def make_run_command() -> list[str]:
    """`make run`'s recipe, split into arguments, with $(PY) → python and the variables named."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^run:.*\n\t(.+)$", makefile, re.M)
    assert recipe, "Makefile has no run target"
    line = recipe.group(1).replace("$(PY)", "python")
    return shlex.split(line)


def options(argv: list[str]) -> dict[str, str]:
    pairs = {}
    rest = iter(argv)
    for item in rest:
        assert item.startswith("--"), f"unexpected argument {item!r}"
        pairs[item[2:]] = next(rest)
    return pairs


def test_cmd_is_make_runs_command():
    cmd = json.loads(dockerfile_instruction("CMD"))  # exec form: no shell, signals reach Streamlit
    run = make_run_command()
    assert cmd[:5] == run[:5] == ["python", "-m", "streamlit", "run", "serve/streamlit_app.py"]
    image, make = options(cmd[5:]), options(run[5:])
    assert set(make) <= set(image), f"the image drops options of make run: {set(make) - set(image)}"
    # Same options; values differ only where a container must: every interface, the default port.
    assert make == {"server.address": "$(HOST)", "server.port": "$(PORT)"}
    assert image["server.address"] == "0.0.0.0"
    make_port = re.search(r"^PORT \?= (\d+)$", (ROOT / "Makefile").read_text(), re.M)
    assert make_port is not None, "the Makefile sets no PORT"
    assert image["server.port"] == "8501" == make_port.group(1)
    # Extra options only restate .streamlit/config.toml (which the image carries).
    assert set(image) - set(make) <= {"server.headless"}
    assert image.get("server.headless", "true") == "true"


def test_image_is_non_root_and_checks_health():
    assert dockerfile_instruction("FROM") == "python:3.11-slim"
    user = dockerfile_instruction("USER")
    assert not user.startswith(("root", "0"))
    health = dockerfile_instruction("HEALTHCHECK")
    assert "/ready" in health and "urllib" in health  # readiness: the data is loaded and valid
    text = (ROOT / "Dockerfile").read_text()
    # the hashed lock `make run` installs, never the unpinned list
    assert "COPY requirements.lock" in text and "pip install --require-hashes -r requirements.lock" in text
    assert "requirements.txt" not in text
    # the data is validated at build time, and replicas start from that snapshot
    assert "python -m simatlas validate" in text and "SIMATLAS_SNAPSHOT_DIR" in text


def test_dockerignore_keeps_the_image_to_the_app():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", "tests", "bench", "data/registry"} <= ignored
    for needed in ("app.py", "serve", "pages", "ui", "simatlas", "data", ".streamlit", "requirements.lock"):
        assert needed not in ignored
