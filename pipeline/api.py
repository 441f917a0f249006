"""Assembly: ``load()`` (the spaCy ``Language``) and ``extract()`` (all records of one text).

The only module that imports every stage (as spaCy's ``registrations.py`` does: the one that
assembles imports the parts, never the reverse). ``process_stream`` runs ``nlp.pipe`` over input
documents and gives each one's rows; the batch runner and ``extract`` both use it.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import dates, ner, numbers, quotes  # noqa: F401  (register the components)
from .lang.nlp import make_nlp
from .published import iso_published, parse_published
from .records import TABLES, check_text, doc_rows, input_row, sha256
from .resources import validate
from .schema import InputDoc

MODEL_DIR = Path(__file__).parent / "models"
STAGES = ("ner", "dates", "numbers", "quotes")
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_DOC_TIMEOUT = 60.0  # seconds one document may take (``--doc-timeout``)
TIMEOUT_ERROR = "took more than {seconds:g} s in stage {stage} (--doc-timeout {seconds:g}); not processed"
_TIMEOUT_RE = re.compile(r"\(--doc-timeout ([0-9.e+]+)\)")
# Test hook, never set in normal runs: "MARK:STAGE" makes STAGE stall on a text containing MARK
STALL_ENV = "PIPELINE_TEST_STALL"


class DocTimeout(Exception):
    """A document used up its time budget (raised inside the stage that was running)."""


def timed_out_after(error: str | None) -> float | None:
    """The budget a document exceeded, from its ``error`` (``None``: not a timeout)."""
    m = _TIMEOUT_RE.search(error or "")
    return float(m.group(1)) if m else None


class _Budget:
    """The time budget of one document: the stage running (named in the error) and the timer
    that raises :class:`DocTimeout` in it. In the main thread a ``SIGALRM`` timer; in another
    thread (a Dask worker) the exception is set on that thread by a timer thread."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds if seconds and seconds > 0 else None
        self.stage = "tokenizer"
        self.expired = False

    def _expire(self, *_args):
        self.expired = True
        raise DocTimeout(self.stage)

    @contextmanager
    def running(self):
        if self.seconds is None:
            yield self
            return
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            try:
                yield self
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
            return
        ident = threading.get_ident()

        def expire():
            self.expired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(DocTimeout))

        timer = threading.Timer(self.seconds, expire)
        timer.daemon = True
        timer.start()
        try:
            yield self
        finally:
            timer.cancel()


def _stall(stage: str, doc: Doc) -> None:
    spec = os.environ.get(STALL_ENV)
    if spec:
        mark, _, where = spec.partition(":")
        if where == stage and mark and mark in doc.text:
            while True:  # a stage that never ends (interrupted by the budget only)
                time.sleep(0.05)


def load(exclude: tuple[str, ...] = ()) -> Language:
    """The full pipeline as a spaCy ``Language``: tokenizer and norms, sentences, named entities
    (the shipped model, when present, plus canonical names and mention clusters), dates, numbers,
    quotes. Nothing is downloaded. ``exclude`` names stages to leave out. Every resource file is
    checked first (:func:`pipeline.resources.validate`: a malformed row names its file and line)."""
    validate()
    nlp = make_nlp()
    if "ner" not in exclude:
        ner.add_to(nlp, MODEL_DIR)
    for stage in ("dates", "numbers", "quotes"):
        if stage not in exclude:
            nlp.add_pipe(stage)
    return nlp


@lru_cache(maxsize=1)
def _shared_nlp():
    return load()


def extract(text: str, published=None, doc_id: str | None = None, nlp=None) -> dict[str, list[dict]]:
    """Records of one text: ``{"documents": [row], "entities": [...], "dates": [...],
    "numbers": [...], "quotes": [...]}``. ``published`` (ISO date string or ``date``) anchors
    relative dates ("أمس")."""
    return process_text(nlp or _shared_nlp(), text, published=published, doc_id=doc_id)


def make_doc(nlp: Language, text: str, published=None, doc_id: str | None = None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = parse_published(published)
    doc._.doc_id = doc_id
    return doc


def process_text(nlp: Language, text: str, published=None, doc_id: str | None = None) -> dict[str, list[dict]]:
    """All records of one text (the ``extract`` API)."""
    doc_id = doc_id or sha256(text)[:16]
    item = InputDoc(doc_id=doc_id, text=text, input="<text>", published=iso_published(published))
    result = Results()
    for rows in process_stream(nlp, [item]):
        result.add(rows)
    return result.tables


def _run_doc(nlp: Language, it: InputDoc, budget: _Budget) -> Doc:
    """One document through the tokenizer and every component, within ``budget``. The stages
    process one document at a time (none batches across documents), so this gives what
    ``nlp.pipe`` gives."""
    with budget.running():
        budget.stage = "tokenizer"
        doc = make_doc(nlp, it.text, it.published, it.doc_id)
        for name, proc in nlp.pipeline:
            budget.stage = name
            _stall(name, doc)
            doc = proc(doc)
        return doc


def _fresh(nlp: Language) -> Language:
    """A new pipeline with the stages of ``nlp``: after a timeout the interrupted stage may have
    left its caches half-written, so the rest of the stream gets a pipeline of its own."""
    return load(exclude=tuple(s for s in STAGES if s not in nlp.pipe_names))


def _process_batch(nlp: Language, pending: list[InputDoc], batch_size: int,
                   doc_timeout: float | None = None, state: dict | None = None) -> Iterator[dict[str, list[dict]]]:
    state = state if state is not None else {}
    for it in pending:
        budget = _Budget(doc_timeout)
        try:
            doc = _run_doc(state.get("nlp", nlp), it, budget)
        except Exception as exc:  # noqa: BLE001 - one bad document must not sink the batch
            if isinstance(exc, DocTimeout) or budget.expired:  # (expired: while a stage handled an exception)
                fresh = state["nlp"] = _fresh(nlp)
                fresh.max_length = nlp.max_length
                state["timeouts"] = state.get("timeouts", 0) + 1
                error = TIMEOUT_ERROR.format(seconds=budget.seconds, stage=budget.stage)
                yield {"documents": [input_row(it, error=f"{it.input}: {error}")]}
                continue
            msg = str(exc)
            if "integer string conversion" in msg:  # a huge digit run read by a stage (int())
                msg = "a number with too many digits to read"
            yield {"documents": [input_row(it, error=f"{it.input}: pipeline failed ({type(exc).__name__}: {msg}) "
                                                     f"in stage {budget.stage}")]}
            continue
        try:
            rows = doc_rows(doc, it.doc_id)
            rows["documents"] = [input_row(it, doc)]
        except Exception as exc:  # noqa: BLE001 - a stage left values records cannot use
            rows = {"documents": [input_row(it, error=f"{it.input}: records failed ({type(exc).__name__}: {exc})")]}
        yield rows


def process_stream(
    nlp: Language, items: Iterable[InputDoc], max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = 32,
    doc_timeout: float | None = None, state: dict | None = None,
) -> Iterator[dict[str, list[dict]]]:
    """For each input, in order, the rows it contributes to every table. ``doc_timeout``: seconds
    one document may take (``None``: no limit); a document that takes longer gets an error row
    naming the stage it was in, and the stream goes on with a fresh pipeline (``state["nlp"]``;
    ``state["timeouts"]`` counts them)."""
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    state = state if state is not None else {}
    pending: list[InputDoc] = []
    for item in items:
        problem = check_text(item, max_chars)
        if problem:
            yield from _process_batch(nlp, pending, batch_size, doc_timeout, state)
            pending = []
            yield {"documents": [input_row(item, error=problem)]}
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            yield from _process_batch(nlp, pending, batch_size, doc_timeout, state)
            pending = []
    yield from _process_batch(nlp, pending, batch_size, doc_timeout, state)


@dataclass
class Results:
    tables: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(self, rows: dict[str, list[dict]]) -> None:
        for table, items in rows.items():
            self.tables[table].extend(items)
