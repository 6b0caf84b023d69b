"""A validated dataset's tables, kept as Arrow files so a new process starts in seconds.

The CSV files stay the source of truth. After `loader.load_dataset` has parsed and validated them,
it writes the parsed tables here (one Arrow IPC file per CSV file, memory-mapped when read back);
the next process that finds a snapshot for the same data and the same rules reads it instead of
parsing and validating again — at a million plans, the difference between a minute and seconds.

A snapshot is named by what it was validated from: the data's version (`loader.data_version`: each
file's size and modification time), and the code that parses and checks it (the source of the
schema, the loader and the quote rules, and the pandas and pyarrow versions). A changed file or
rule names another snapshot: the full load runs again. A snapshot is written into a temporary
folder and renamed into place, so a half-written one is never read; one that cannot be read or
written (a read-only folder, a full disk) falls back to the full load, silently but logged.

Where: `SIMATLAS_SNAPSHOT_DIR`, else `.snapshots/` beside the data folder's files
(`data/.snapshots/`, git-ignored). `python -m simatlas validate` writes it, so an image built
with the data validates once at build time and every replica starts from the snapshot.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.feather as feather

from simatlas import schema

LOG = logging.getLogger("simatlas")
SNAPSHOT_DIR_ENV = "SIMATLAS_SNAPSHOT_DIR"
COMPLETE = "COMPLETE"  # written last: a folder without it is not a snapshot
KEEP = 3  # snapshots kept per folder: the current one and a couple of recent ones
ABANDONED_AFTER_S = 3600  # a staging folder this old was left by a process that stopped mid-write
_RULES = ("schema.py", "loader.py", "evidence.py", "snapshot.py")


@cache
def rules_fingerprint() -> str:
    """What a snapshot's validity depends on besides the data: the code that parses and checks it."""
    digest = hashlib.sha256(f"pandas {pd.__version__} pyarrow {pyarrow.__version__}".encode())
    for name in _RULES:
        digest.update((Path(__file__).resolve().parent / name).read_bytes())
    return digest.hexdigest()[:16]


def folder_for(data_dir: Path) -> Path:
    configured = os.environ.get(SNAPSHOT_DIR_ENV)
    return Path(configured).expanduser() if configured else data_dir / ".snapshots"


def _name(version: str) -> str:
    return f"{version}-{rules_fingerprint()}"


def read(data_dir: Path, version: str) -> dict[str, pd.DataFrame] | None:
    """The validated tables of `version`, or None when no complete snapshot of it exists."""
    folder = folder_for(data_dir) / _name(version)
    if not (folder / COMPLETE).is_file():
        return None
    try:
        return {file: feather.read_feather(folder / f"{file}.arrow", memory_map=True)
                for file in schema.FILES}
    except Exception:  # a damaged snapshot is no reason not to start: load the CSV files instead
        LOG.exception("snapshot %s could not be read; loading the CSV files", folder)
        return None


def write(data_dir: Path, version: str, tables: Mapping[str, pd.DataFrame]) -> Path | None:
    """Keep `tables` (validated) as the snapshot of `version`; the path, or None if it could not be."""
    root = folder_for(data_dir)
    target = root / _name(version)
    if (target / COMPLETE).is_file():
        return target
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=root))
        for file, frame in tables.items():
            feather.write_feather(frame.reset_index(drop=True), staging / f"{file}.arrow",
                                  compression="uncompressed")  # read back memory-mapped, no decoding
        (staging / COMPLETE).write_text(version + "\n", encoding="utf-8")
        try:
            staging.rename(target)
        except OSError:  # another process wrote the same snapshot meanwhile: theirs is as good
            shutil.rmtree(staging, ignore_errors=True)
        _prune(root, keep=target.name)
        return target
    except Exception:
        LOG.warning("no snapshot written in %s (the next start loads the CSV files again)", root,
                    exc_info=True)
        return None


def _prune(root: Path, keep: str) -> None:
    """Remove the oldest snapshots beyond KEEP (never `keep`), and writes left half-way by a process
    that stopped (older than an hour: a write under way elsewhere takes seconds)."""
    snapshots = sorted((path for path in root.iterdir() if path.is_dir() and not path.name.startswith(".")),
                       key=lambda path: path.stat().st_mtime, reverse=True)
    for old in [path for path in snapshots if path.name != keep][KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)
    for abandoned in root.glob(".writing-*"):
        if time.time() - abandoned.stat().st_mtime > ABANDONED_AFTER_S:
            shutil.rmtree(abandoned, ignore_errors=True)
