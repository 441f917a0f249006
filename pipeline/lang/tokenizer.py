"""Tokenizer rules for Arabic news: spaCy's Arabic tokenizer with fixes for news punctuation."""

from __future__ import annotations

import re
import unicodedata

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from ..resources import read_lexicon
from .chars import AR as _AR
from .chars import BIDI_MARKS, QUOTE_MARKS
from .chars import DIG as _DIG

_AR_LETTER = "\u0621-\u064a\u0671-\u06d3"  # Arabic letters only (not the Arabic-Indic digits of AR)

# A run of characters without whitespace longer than MAX_RUN is tokenized in pieces of at most
# PIECE characters: spaCy's affix loop costs time quadratic in the length of a run (20,000 "="
# take 30 s), pieces keep it linear. News never comes near: the longest run in 23,547
# SaudiNewsNet articles is an 89-character URL, so every text with shorter runs is tokenized by
# spaCy exactly as before.
MAX_RUN = 500
PIECE = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def _mark(c: str) -> bool:
    return unicodedata.category(c)[0] == "M"


def _joins(a: str, b: str) -> bool:
    """Two characters a tokenizer might keep in one token (letters, digits, combining marks)."""
    return (a.isalnum() or _mark(a)) and (b.isalnum() or _mark(b))


def _cuts(text: str) -> list[int]:
    """Where to cut ``text`` so that no piece holds more than ``PIECE`` characters of one long run:
    inside runs longer than ``MAX_RUN`` only, preferably where two characters that never share a
    token meet ("==", "«ا"), else not before a combining mark when that can be avoided."""
    cuts = []
    for m in _LONG_RUN.finditer(text):
        pos, end = m.start(), m.end()
        while end - pos > PIECE:
            cut = pos + PIECE
            at = next((i for i in range(cut, pos + PIECE // 2, -1) if not _joins(text[i - 1], text[i])), None)
            if at is None:
                at = next((i for i in range(cut, pos + PIECE // 2, -1) if not _mark(text[i])), cut)
            cuts.append(at)
            pos = at
    return cuts


class NewsTokenizer(Tokenizer):
    """spaCy's tokenizer, except that a text with a run of more than ``MAX_RUN`` characters
    without whitespace is tokenized in pieces (cut inside such runs only) and the tokens joined
    into one ``Doc``: its text is the input text, every offset exact, and the time linear."""

    def __call__(self, text: str) -> Doc:
        if len(text) <= MAX_RUN or _LONG_RUN.search(text) is None:
            return super().__call__(text)
        words: list[str] = []
        spaces: list[bool] = []
        bounds = [0, *_cuts(text), len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            for token in super().__call__(text[a:b]):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
        return Doc(self.vocab, words=words, spaces=spaces)


def customize_tokenizer(nlp: Language) -> None:
    defaults = nlp.Defaults
    old = nlp.tokenizer
    nlp.tokenizer = NewsTokenizer(nlp.vocab, rules=old.rules, prefix_search=old.prefix_search,
                                  suffix_search=old.suffix_search, infix_finditer=old.infix_finditer,
                                  token_match=old.token_match, url_match=old.url_match,
                                  faster_heuristics=old.faster_heuristics)
    prefixes = list(defaults.prefixes) + [
        rf"[{BIDI_MARKS}]",  # invisible direction marks stick to numbers and words: their own token
        rf"[{QUOTE_MARKS}]",
        rf"[و](?=[{_DIG}])",  # و2015 -> و 2015
        rf"[-–—](?=[{_AR_LETTER}])",  # "-سبق" -> "-" "سبق"; "-١" stays a negative number
    ]
    suffixes = list(defaults.suffixes) + [
        rf"[{BIDI_MARKS}]",  # "١٠٠٪" + ARABIC LETTER MARK -> "١٠٠٪" and the mark
        r"\.",  # 2022. / الوزير. -> separate period (abbreviations are exceptions)
        rf"[{QUOTE_MARKS}]",
        r"[،؛؟:!]",
        rf"(?<=[{_AR_LETTER}])[-–—]",  # a byline's dash glued to a word: "العميري- سبق- مكة" -> "سبق" "-"
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
