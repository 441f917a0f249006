from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def tok():
    """The tokenizer-only pipeline (norms and sentences, no components), for stage-level tests."""
    from pipeline.lang.nlp import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"../shared absent ({SHARED}): test needs the shared data")
    return SHARED
