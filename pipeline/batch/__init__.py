"""Batch runs: readers -> the spaCy pipeline -> records -> part files -> consolidated tables.

:mod:`.runner` (``run``: the resume state, the stream of inputs, the parts to an engine, then
``finalize``), :mod:`.parts` (part files and their consolidation), :mod:`.worker` (a worker's
pipeline and ``process_part``), :mod:`.engines` (this process, a pool of processes, Dask)."""

from ..api import make_doc, process_stream, process_text
from ..published import parse_published
from ..records import sha256
from .parts import PARTS, POS, PartStore, consolidate, part_name
from .runner import DEFAULT_PART_DOCS, code_fingerprint, finalize, run
from .worker import DEFAULT_RECYCLE_DOCS, process_part

__all__ = [
    "DEFAULT_PART_DOCS", "DEFAULT_RECYCLE_DOCS", "PARTS", "POS", "PartStore", "code_fingerprint", "consolidate",
    "finalize", "make_doc", "parse_published", "part_name", "process_part", "process_stream", "process_text",
    "run", "sha256",
]
