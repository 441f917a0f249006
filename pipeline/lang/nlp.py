"""The spaCy ``Language``: Arabic tokenizer rules, token norms, sentence splitting, component order.

``make_nlp()`` builds the blank Arabic pipeline shared by training and by ``pipeline.load()``:
spaCy's Arabic tokenizer with fixed rules for news punctuation, ``token.norm_`` from
:mod:`pipeline.normalize` (set once per vocabulary entry, so offsets never drift) and a sentence
splitter that knows Arabic punctuation and paragraphs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy

# Speed only: thinc (imported by spaCy) imports torch whenever it is installed, about 2.5 s of CPU
# in every process (the CLI, each worker), and nothing here uses torch through thinc. torch is
# hidden for that one import only; code that imports torch itself afterwards gets it as usual.
_HIDE_TORCH = "torch" not in sys.modules and "thinc" not in sys.modules
if _HIDE_TORCH:
    sys.modules["torch"] = None  # type: ignore[assignment]  (import torch -> ImportError)
try:
    import spacy
finally:
    if _HIDE_TORCH:
        del sys.modules["torch"]
from spacy.attrs import IS_SPACE, NORM, ORTH, SENT_START  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex  # noqa: E402

from .normalize import normalize  # noqa: E402

RESOURCES = Path(__file__).parent / "resources"
_AR = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
_DIG = "0-9\u0660-\u0669\u06f0-\u06f9"
QUOTE_MARKS = "«»“”„‹›\"‟"
SENTENCE_END = {".", "!", "?", "؟", "…", "...", "!!", "؟!", "?!", "۔"}
CLOSERS = set("»”\"’)]›")
# direction marks and embeddings (ALM, LRM, RLM, LRE…RLO, LRI…PDI); not ZWNJ/ZWJ, which are inside words
BIDI_MARKS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"


def read_lexicon(name: str) -> list[str]:
    """Lines of a resource file, without comments and blank lines."""
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _customize_tokenizer(nlp: Language) -> None:
    defaults = nlp.Defaults
    prefixes = list(defaults.prefixes) + [
        rf"[{BIDI_MARKS}]",  # invisible direction marks stick to numbers and words: their own token
        rf"[{QUOTE_MARKS}]",
        rf"[و](?=[{_DIG}])",  # و2015 -> و 2015
    ]
    suffixes = list(defaults.suffixes) + [
        rf"[{BIDI_MARKS}]",  # "١٠٠٪" + ARABIC LETTER MARK -> "١٠٠٪" and the mark
        r"\.",  # 2022. / الوزير. -> separate period (abbreviations are exceptions)
        rf"[{QUOTE_MARKS}]",
        r"[،؛؟:!]",
    ]
    infixes = list(defaults.infixes) + [
        rf"[{QUOTE_MARKS}()\[\]،؛؟!]",
        rf"(?<=[^{_DIG}]):|:(?=[^{_DIG}])",
        rf"(?<=[^{_DIG}]),|,(?=[^{_DIG}])",
        rf"(?<=[{_AR}])/(?=[{_AR}])",
        rf"(?<=[{_AR}]{{2}})\.(?=[{_AR}])",  # missing space after a full stop
    ]
    tok = nlp.tokenizer
    tok.prefix_search = compile_prefix_regex(prefixes).search
    tok.suffix_search = compile_suffix_regex(suffixes).search
    tok.infix_finditer = compile_infix_regex(infixes).finditer
    # spaCy's URL pattern takes "الوزير.وقال" for a domain name: only Latin URLs are URLs here
    tok.url_match = re.compile(r"^(?:https?://|www\.)[\x21-\x7e]+$|^[a-zA-Z0-9.-]+\.[a-z]{2,6}(?:/[\x21-\x7e]*)?$").match
    # Speed only. spaCy caches the tokens of each whitespace-separated chunk, but stops caching for
    # the rest of a text once a special case has matched in it, and its rules for "\n", "\t" and
    # " " match in nearly every article (every paragraph break). Those rules give exactly what
    # plain tokenization gives (one whitespace token, ORTH only), so dropping them changes no
    # token and lets the cache work; a larger cache keeps a worker's frequent chunks.
    rules = dict(tok.rules)
    for ws in ("\n", "\t", " "):
        if rules.get(ws) == [{ORTH: ws}]:
            del rules[ws]
    tok.rules = rules
    tok.max_cache_size = 100_000
    for abbr in read_lexicon("abbreviations.txt"):
        tok.add_special_case(abbr, [{"ORTH": abbr}])


# token classes for the sentence splitter, cached per vocabulary entry (orth id)
_PLAIN, _END, _NEWLINE, _CLOSER, _SPACE = range(5)
_TOKEN_CLASS: dict[int, int] = {}


def _token_class(doc: Doc, orth: int) -> int:
    text = doc.vocab.strings[orth]
    if not text.strip():
        return _NEWLINE if "\n" in text else _SPACE
    if text in SENTENCE_END:
        return _END
    return _CLOSER if text in CLOSERS else _PLAIN


@Language.component("arabic_sentences")
def arabic_sentences(doc: Doc) -> Doc:
    """Sentence boundaries after . ! ? ؟ … (and any closing quote or bracket that follows) and
    at line and paragraph breaks. Whitespace tokens stay with the sentence before them.
    (spaCy keeps newlines as tokens of their own: trailing whitespace is at most one space.)"""
    n = len(doc)
    if n == 0:
        return doc
    classes = _TOKEN_CLASS
    starts = numpy.full((n, 1), -1, dtype="int64")
    starts[0, 0] = 1
    boundary = False  # a boundary is pending: the next non-space token starts a sentence
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        kind = classes.get(orth)
        if kind is None:
            kind = classes[orth] = _token_class(doc, orth)
        if boundary and kind in (_PLAIN, _END):
            starts[i, 0] = 1
            boundary = False
        if kind == _END or kind == _NEWLINE:
            boundary = True
    doc.from_array([SENT_START], starts.astype("uint64"))  # -1 wraps, as spaCy stores it
    return doc


_BIDI_RE = re.compile(f"[{BIDI_MARKS}]+")


def _is_blank(text: str) -> bool:
    return text.isspace() or _BIDI_RE.fullmatch(text) is not None


def make_nlp() -> Language:
    """Blank Arabic pipeline with the project's tokenizer, norms and sentence splitter."""
    nlp = spacy.blank("ar")
    _customize_tokenizer(nlp)
    nlp.vocab.lex_attr_getters[NORM] = normalize
    # a token of direction marks alone (split off by the tokenizer) is blank, like whitespace
    nlp.vocab.lex_attr_getters[IS_SPACE] = _is_blank
    nlp.add_pipe("arabic_sentences")
    return nlp


MODEL_DIR = Path(__file__).parent / "models"
STAGES = ("ner", "dates", "numbers", "quotes")


def load(exclude: tuple[str, ...] = ()) -> Language:
    """The full pipeline as a spaCy ``Language``: tokenizer and norms, sentences, named entities
    (the shipped model, when present, plus canonical names and mention clusters), dates, numbers,
    quotes. Nothing is downloaded. ``exclude`` names stages to leave out."""
    from . import dates, ner, numbers, quotes  # noqa: F401  (register the components)

    nlp = make_nlp()
    if "ner" not in exclude:
        ner.add_to(nlp, MODEL_DIR)
    for stage in ("dates", "numbers", "quotes"):
        if stage not in exclude:
            nlp.add_pipe(stage)
    return nlp
