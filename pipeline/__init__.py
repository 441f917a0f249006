"""Arabic news extraction pipeline: entities, dates, numbers and attributed quotes as tables.

>>> import pipeline
>>> nlp = pipeline.load()                 # a spaCy Language
>>> tables = pipeline.extract("قال الوزير إن ...", published="2022-06-20")

``import pipeline`` is cheap: spaCy and camel-tools are imported when ``load`` or ``extract`` is
first used (:mod:`pipeline.api`).
"""

from __future__ import annotations

import sys

from ._version import __version__


class _SpacyWithoutTorch:
    """Speed only: thinc (imported by spaCy) imports torch whenever it is installed, about 2.5 s
    of CPU in every process (the CLI, each worker), and nothing here uses torch through thinc.
    This import hook hides torch while spaCy itself is first imported, whichever module of the
    package imports it first, and removes itself; code that imports torch afterwards gets it as usual."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "spacy":
            return None
        sys.meta_path.remove(cls)
        if "torch" in sys.modules or "thinc" in sys.modules:
            return None
        from importlib.util import find_spec

        spec = find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_without_torch(module):
            sys.modules["torch"] = None  # type: ignore[assignment]  (import torch -> ImportError)
            try:
                exec_module(module)
            finally:
                if sys.modules.get("torch", 0) is None:
                    del sys.modules["torch"]

        spec.loader.exec_module = exec_without_torch
        return spec


if "spacy" not in sys.modules:
    sys.meta_path.insert(0, _SpacyWithoutTorch)


def __getattr__(name: str):
    if name in ("load", "extract"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


__all__ = ["__version__", "extract", "load"]
