"""Readiness: the data as the API and /ready see it — loading, ready, or failed with its problems.

The server loads the dataset in a thread at start-up (serve/streamlit_app.py); /ready answers 200
only once it is loaded and warmed, so a replica joins the load balancer with its answers ready.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from simatlas.loader import DataError, Dataset, data_dir_from_env, data_version

LOG = logging.getLogger("simatlas.api")
Loader = Callable[[str, str], Dataset]  # (data dir, data version) → dataset, e.g. ui.shell._load


MAX_PROBLEMS = 20  # data problems listed by /ready (as the app's own error page does)


@dataclass
class DataState:
    """The data as the API and /ready see it: loading, ready, or failed with the problems."""

    data_dir: Path
    loader: Loader
    version: str | None = None  # the version loaded (or being loaded, or that failed)
    dataset: Dataset | None = None
    problems: list[str] = field(default_factory=list)
    loading: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_env(cls, loader: Loader) -> DataState:
        return cls(data_dir_from_env(), loader)

    def start(self) -> threading.Thread | None:
        """Load the current version in a background thread (the server answers meanwhile: /ready
        says 503 until it is done). None when that version is loaded or loading already."""
        version = data_version(self.data_dir)
        with self._lock:
            if self.loading or (self.version == version and (self.dataset is not None or self.problems)):
                return None
            self.loading, self.version, self.problems = True, version, []
        thread = threading.Thread(target=self._load, args=(version,), name="simatlas-data-load", daemon=True)
        thread.start()
        return thread

    def load_now(self) -> None:
        """Load and wait for it (tests; a lifespan that would rather not answer before)."""
        thread = self.start()
        if thread is not None:
            thread.join()

    def _load(self, version: str) -> None:
        dataset, problems = None, []
        try:
            dataset = self.loader(str(self.data_dir), version)
        except DataError as error:
            problems = [str(problem) for problem in error.problems]
            LOG.error("data problem: %s", error)
        except Exception as error:  # unreadable folder, out of memory: not ready, and say why
            problems = [f"{type(error).__name__}: {error}"]
            LOG.exception("data could not be loaded")
        with self._lock:
            if self.version == version:
                self.dataset, self.problems, self.loading = dataset, problems, False

    def status(self) -> tuple[bool, dict[str, object]]:
        """(ready, the /ready body). A data change on disk starts a reload (not ready meanwhile)."""
        current = data_version(self.data_dir)
        if current != self.version and not self.loading:
            self.start()
        with self._lock:
            if self.loading:
                return False, {"ready": False, "reason": "loading", "version": self.version}
            if self.problems:
                return False, {"ready": False, "reason": "data_error", "version": self.version,
                               "problems": self.problems[:MAX_PROBLEMS], "problem_count": len(self.problems)}
            if self.dataset is None:
                return False, {"ready": False, "reason": "not_loaded"}
            return True, {"ready": True, "version": self.dataset.version}

    def current(self) -> tuple[Dataset | None, dict[str, object]]:
        """The dataset to answer from, or None and why (the /ready body)."""
        ready, body = self.status()
        with self._lock:
            return (self.dataset if ready else None), body


# --- HTTP ----------------------------------------------------------------------------------------
