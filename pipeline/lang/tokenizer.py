"""Tokenizer rules for Arabic news: spaCy's Arabic tokenizer with fixes for news punctuation."""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from ..resources import read_lexicon
from .chars import AR as _AR
from .chars import BIDI_MARKS, QUOTE_MARKS
from .chars import DIG as _DIG


def customize_tokenizer(nlp: Language) -> None:
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


_BIDI_RE = re.compile(f"[{BIDI_MARKS}]+")


def is_blank(text: str) -> bool:
    """A token of whitespace or of direction marks alone (split off by the tokenizer)."""
    return text.isspace() or _BIDI_RE.fullmatch(text) is not None
