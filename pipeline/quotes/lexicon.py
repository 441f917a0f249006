"""Lexicons of the quotes stage, loaded once from ``pipeline/resources``.

Every form is stored normalized (:func:`pipeline.lang.normalize.normalize`), so lookups compare
``token.norm_`` (with a leading و/ف removed) against these tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ..lang.normalize import normalize, normalize_light
from ..resources import rows


@cache
def cue_words(role: str) -> frozenset[str]:
    """Normalized forms of one role of ``quote_cues.tsv`` (complementizers, particles, name links ...)."""
    return frozenset(normalize(form) for form, r in rows("quote_cues.tsv") if r == role)


COMPLEMENTIZERS = cue_words("complementizer")
# words right before أن that make it a different conjunction (بعد أن، يجب أن)
NOT_COMPLEMENTIZER_AFTER = cue_words("not_complementizer_after")


@dataclass(frozen=True)
class Verb:
    form: str
    lemma: str
    gender: str  # m | f | p
    tense: str  # past | present | participle
    weak: bool  # only with a quote mark or a colon
    ambig: bool = False  # also a noun or preposition: a verb only after و/ف or at a sentence start
    near: bool = False  # reports only with its أن/إن close after it (أظهرت دراسة حديثة أن), not after an object


@dataclass(frozen=True)
class Title:
    form: str
    kind: str  # honorific | title
    gender: str  # m | f | -


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, Verb]:
    out: dict[str, Verb] = {}
    for row in rows("speech_verbs.tsv"):
        form, lemma, gender, tense, role = (c.strip() for c in row[:5])
        out.setdefault(normalize(form), Verb(form, lemma, gender, tense, role == "weak", role == "ambig",
                                                  role == "near"))
    return out


@lru_cache(maxsize=1)
def source_phrases() -> list[tuple[tuple[str, ...], bool]]:
    """(normalized words, needs_source), longest first."""
    out = []
    for row in rows("source_phrases.tsv"):
        words = tuple(normalize(w) for w in row[0].split())
        out.append((words, row[1].strip() == "yes"))
    out.sort(key=lambda x: -len(x[0]))
    return out


@lru_cache(maxsize=1)
def source_index() -> dict[str, list[tuple[tuple[str, ...], bool]]]:
    """Source phrases by their first (normalized) word, longest first."""
    idx: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for words, needs in source_phrases():
        idx.setdefault(words[0], []).append((words, needs))
    return idx


ENTS_KEY = "_quotes_ents"


class _EntIndex:
    """The entities of a ``Doc`` read once (``doc.ents`` rebuilds its list at every access): all of
    them, the PER/ORG ones, the entity over each token, the token starts of PER/ORG entities and
    the norms of one-word ORG entities, so that each check is O(1)."""

    __slots__ = ("every", "people_orgs", "starts", "org_words", "cover")

    def __init__(self, doc):
        self.every = list(doc.ents)
        self.cover = [None] * len(doc)  # token -> the entity it is part of
        for e in self.every:
            for k in range(e.start, e.end):
                self.cover[k] = e
        self.people_orgs = [e for e in self.every if e.label_ in ("PER", "PERS", "ORG")]
        self.starts = frozenset(e.start for e in self.people_orgs)
        self.org_words = frozenset(e[0].norm_ for e in self.every if e.label_ == "ORG" and e.end - e.start == 1)


def ent_index(doc) -> _EntIndex:
    """The entity index of a ``Doc``, computed once per document; the quotes stage clears the cache
    before and after its run."""
    cached = doc.user_data.get(ENTS_KEY)
    if cached is None:
        cached = _EntIndex(doc)
        doc.user_data[ENTS_KEY] = cached
    return cached


def entities(doc) -> list:
    """PER/ORG entities of a ``Doc``, computed once per document."""
    return ent_index(doc).people_orgs


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    """Single-word titles and honorifics, normalized, with and without the article."""
    out: dict[str, Title] = {}
    entries = list(rows("titles.tsv"))
    entries += [(r[0], "title", r[2] if len(r) > 2 else "-") for r in rows("quote_words.tsv") if r[1] == "role"]
    for row in entries:
        if len(row) < 3:
            continue
        form, kind, gender = (c.strip() for c in row[:3])
        if " " in form:
            continue
        n = normalize(form)
        out.setdefault(n, Title(form, kind, gender))
        if n.startswith("ال") and len(n) > 3 and kind == "title":
            out.setdefault(n[2:], Title(form, kind, gender))  # وزير / نائبة in a construct state
    return out


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """class -> normalized forms (org, region, source, work, stop, cont)."""
    acc: dict[str, set[str]] = {}
    for row in rows("quote_words.tsv"):
        acc.setdefault(row[1].strip(), set()).add(normalize(row[0].strip()))
    return {k: frozenset(v) for k, v in acc.items()}


@lru_cache(maxsize=1)
def nationalities() -> frozenset[str]:
    """Nationality adjectives, normalized with the article, masculine and feminine (القطري، القطريه):
    the relation adjectives of the entity stage's news rules (``ner_news_rules.tsv`` class
    ``nationality``), read here so that both stages end a name at the same word."""
    out = set()
    for r in rows("ner_news_rules.tsv"):
        if r[0].strip() == "nationality":
            n = normalize(r[1].strip())
            out |= {n, n + "ه"}
    return frozenset(out)


@lru_cache(maxsize=1)
def role_synonyms() -> dict[str, str]:
    """Words of a role that name the same office (الحكومة for الوزراء in رئيس الحكومة): the form
    (without the article) -> the word it stands for (``quote_words.tsv`` class ``same``)."""
    return {normalize(r[0].strip()): normalize(r[2].strip()) for r in rows("quote_words.tsv")
            if r[1].strip() == "same" and len(r) > 2}


@lru_cache(maxsize=1)
def _stop_forms() -> frozenset[str]:
    # compared on the lightly normalized text: على (on) and علي (a name) stay apart
    return frozenset(normalize_light(r[0].strip()) for r in rows("quote_words.tsv") if r[1].strip() == "stop")


def is_stop(text: str) -> bool:
    """A word that ends a speaker phrase (في، خلال، على، فيه، بتصريح …), with و/ف allowed."""
    w = normalize_light(text)
    forms = _stop_forms()
    return w in forms or (len(w) > 2 and w[0] in "وف" and w[1:] in forms)


def strip_conj(norm: str) -> str:
    """A normalized word without a leading conjunction و/ف (``وقال`` -> ``قال``)."""
    if len(norm) > 2 and norm[0] in "وف":
        return norm[1:]
    return norm


def bare(norm: str) -> list[str]:
    """Readings of a normalized word without proclitics and article (``للمنظمه`` -> ``منظمه``)."""
    out = [norm]
    w = strip_conj(norm)
    if w != norm:
        out.append(w)
    if w.startswith("لل") and len(w) > 3:
        out.append(w[2:])
        return out
    if len(w) > 2 and w[0] in "بلك":
        w = w[1:]
        out.append(w)
    if w.startswith("ال") and len(w) > 3:
        out.append(w[2:])
    return out


def in_class(norm: str, cls: str) -> bool:
    forms = word_classes().get(cls, frozenset())
    return any(r in forms for r in bare(norm))


def title_of(norm: str) -> Title | None:
    """The title or honorific a (normalized) word is, proclitics allowed."""
    table = titles()
    for r in bare(norm):
        t = table.get(r)
        if t is not None:
            return t
        if not r.startswith("ال"):
            t = table.get("ال" + r)
            if t is not None and t.kind == "title":
                return t
    return None


def verb_of(norm: str) -> Verb | None:
    table = speech_verbs()
    v = table.get(norm)
    if v is None and len(norm) > 3 and norm[0] in "وف":
        v = table.get(norm[1:])
    return v
