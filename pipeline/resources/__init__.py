"""The language data of the pipeline (the files of this folder) and the one place that reads them."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).parent


def read_lexicon(name: str) -> list[str]:
    """Lines of a resource file, without comments and blank lines."""
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
