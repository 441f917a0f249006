"""Batch runs: readers -> the spaCy pipeline -> records -> part files -> consolidated tables
(:mod:`.runner`; engines in :mod:`.engines`)."""

from ..api import make_doc, process_stream, process_text
from ..published import parse_published
from ..records import sha256
from .runner import (
    DEFAULT_PART_DOCS,
    DEFAULT_RECYCLE_DOCS,
    PARTS,
    POS,
    PartStore,
    code_fingerprint,
    consolidate,
    finalize,
    part_name,
    process_part,
    run,
)

__all__ = [
    "DEFAULT_PART_DOCS", "DEFAULT_RECYCLE_DOCS", "PARTS", "POS", "PartStore", "code_fingerprint", "consolidate",
    "finalize", "make_doc", "parse_published", "part_name", "process_part", "process_stream", "process_text",
    "run", "sha256",
]
