"""Assembly: ``load()`` (the spaCy ``Language``) and ``extract()`` (all records of one text).

The only module that imports every stage (as spaCy's ``registrations.py`` does: the one that
assembles imports the parts, never the reverse). ``process_stream`` runs ``nlp.pipe`` over input
documents and gives each one's rows; the batch runner and ``extract`` both use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


def _process_batch(nlp: Language, pending: list[InputDoc], batch_size: int) -> Iterator[dict[str, list[dict]]]:
    docs = [make_doc(nlp, it.text, it.published, it.doc_id) for it in pending]
    try:
        processed = list(nlp.pipe(docs, batch_size=batch_size))
    except Exception:  # one bad document must not sink the batch: redo one by one
        processed = []
        for d in docs:
            try:
                processed.append(nlp(d))
            except Exception as exc:  # noqa: BLE001
                processed.append(exc)
    for it, doc in zip(pending, processed, strict=True):
        if isinstance(doc, Exception):
            yield {"documents": [input_row(it, error=f"{it.input}: pipeline failed ({type(doc).__name__}: {doc})")]}
            continue
        try:
            rows = doc_rows(doc, it.doc_id)
            rows["documents"] = [input_row(it, doc)]
        except Exception as exc:  # noqa: BLE001 - a stage left values records cannot use
            rows = {"documents": [input_row(it, error=f"{it.input}: records failed ({type(exc).__name__}: {exc})")]}
        yield rows


def process_stream(
    nlp: Language, items: Iterable[InputDoc], max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = 32
) -> Iterator[dict[str, list[dict]]]:
    """For each input, in order, the rows it contributes to every table."""
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    pending: list[InputDoc] = []
    for item in items:
        problem = check_text(item, max_chars)
        if problem:
            yield from _process_batch(nlp, pending, batch_size)
            pending = []
            yield {"documents": [input_row(item, error=problem)]}
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            yield from _process_batch(nlp, pending, batch_size)
            pending = []
    yield from _process_batch(nlp, pending, batch_size)


@dataclass
class Results:
    tables: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(self, rows: dict[str, list[dict]]) -> None:
        for table, items in rows.items():
            self.tables[table].extend(items)
