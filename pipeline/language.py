"""The spaCy ``Language``: Arabic tokenizer rules, token norms, sentence splitting, component order.

``make_nlp()`` builds the blank Arabic pipeline shared by training and by ``pipeline.load()``:
spaCy's Arabic tokenizer with fixed rules for news punctuation, ``token.norm_`` from
:mod:`pipeline.normalize` (set once per vocabulary entry, so offsets never drift) and a sentence
splitter that knows Arabic punctuation and paragraphs.
"""

from __future__ import annotations

import re
from pathlib import Path

import spacy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from .normalize import normalize

RESOURCES = Path(__file__).parent / "resources"
_AR = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
_DIG = "0-9\u0660-\u0669\u06f0-\u06f9"
QUOTE_MARKS = "«»“”„‹›\"‟"
SENTENCE_END = {".", "!", "?", "؟", "…", "...", "!!", "؟!", "?!", "۔"}
CLOSERS = set("»”\"’)]›")


def read_lexicon(name: str) -> list[str]:
    """Lines of a resource file, without comments and blank lines."""
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _customize_tokenizer(nlp: Language) -> None:
    defaults = nlp.Defaults
    prefixes = list(defaults.prefixes) + [
        rf"[{QUOTE_MARKS}]",
        rf"[و](?=[{_DIG}])",  # و2015 -> و 2015
    ]
    suffixes = list(defaults.suffixes) + [
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
    for abbr in read_lexicon("abbreviations.txt"):
        tok.add_special_case(abbr, [{"ORTH": abbr}])


@Language.component("arabic_sentences")
def arabic_sentences(doc: Doc) -> Doc:
    """Sentence boundaries after . ! ? ؟ … (and any closing quote or bracket that follows) and
    at line and paragraph breaks. Whitespace tokens stay with the sentence before them."""
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    boundary = False  # a boundary is pending: the next non-space token starts a sentence
    for i, tok in enumerate(doc):
        text = tok.text
        if boundary and not tok.is_space and text not in CLOSERS:
            starts[i] = True
            boundary = False
        if tok.is_space:
            if "\n" in text:
                boundary = True
        elif text in SENTENCE_END:
            boundary = True
        if "\n" in tok.whitespace_:
            boundary = True
    for i, tok in enumerate(doc):
        tok.is_sent_start = starts[i]
    return doc


def make_nlp() -> Language:
    """Blank Arabic pipeline with the project's tokenizer, norms and sentence splitter."""
    nlp = spacy.blank("ar")
    _customize_tokenizer(nlp)
    nlp.vocab.lex_attr_getters[NORM] = normalize
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
