"""Named entities: the shipped CRF model, canonical names and mention clusters.

The NER stage is one spaCy component named ``"ner"`` (factory ``"crf_ner"``). For every sentence it
tags the tokens with a linear-chain CRF (python-crfsuite) over Arabic features: the normalized word,
prefixes and suffixes up to four letters (clitics such as "وال", "بال", endings such as "ية"), the
word without its proclitics, word clusters learned from raw Arabic text, gazetteer membership and a
title before the word; the same features of the two words on each side. Then it sets ``doc.ents``
(labels ``PER``, ``ORG``, ``LOC``, ``MISC``) and, for every entity,

* ``span._.canonical``: the name without the proclitics attached to its first word, without
  diacritics and tatweel ("والمنظمة الدولية للهجرة" -> "المنظمة الدولية للهجرة"); titles are not part
  of a person's span ("السيدة كارميلا جودو" -> PER "كارميلا جودو", see ``resources/titles.tsv``);
* ``span._.entity_id``: shared by the mentions of one entity in the document ("كارميلا جودو" …
  "جودو"), ``"<doc_id>-E<n>"`` (or ``"E<n>"`` when the document has no id).

Spans are token spans: ``start``/``end`` cover the surface word *with* its clitic ("بالقاهرة"); the
canonical name is the name alone ("القاهرة").

The model directory (``pipeline/models/ner/``) holds ``model.crfsuite`` (the CRF), ``lexicon.tsv``
(word -> cluster ids and corpus counts, derived from raw text) and ``gazetteer.tsv`` (a derived feature
table of normalized names and their types) and ``meta.json``.
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

from spacy.attrs import IS_SPACE, NORM
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import schema  # noqa: F401  (extension attributes)
from ..lang.normalize import clitic_variants, normalize, normalize_light, strip_proclitics
from ..resources import rows

LABELS = ("PER", "ORG", "LOC", "MISC")
LABEL_MAP = {"PERS": "PER"}
MAX_GAZ_LEN = 6  # longest gazetteer phrase matched, in words
HARD_O = 0.995  # a word whose CRF marginal for O reaches this is O in the biased decoding
_NEAR = ("s2=", "p2=", "p3=", "s1=", "shape", "stem", "head")  # own features also given to the next word


# --- resources -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def titles() -> dict[str, tuple[str, str]]:
    """Normalized title/honorific (one or more words) -> (kind, gender) from ``titles.tsv``."""
    return {normalize(form): (kind, gender) for form, kind, gender in rows("titles.tsv")}


@lru_cache(maxsize=1)
def name_heads() -> dict[str, str]:
    """Normalized head noun of organization / place names -> ``ORG`` or ``LOC`` (``name_heads.tsv``)."""
    return {normalize(form): kind for form, kind in rows("name_heads.tsv")}


@lru_cache(maxsize=100_000)
def head_kind(n: str) -> str | None:
    """``ORG``/``LOC`` when a normalized word, or its reading without proclitics, is a name head
    ("ولوزاره" -> ORG, "بمنطقه" -> LOC)."""
    heads = name_heads()
    for v in clitic_variants(n)[:3] if len(n) > 2 else [n]:
        kind = heads.get(v)
        if kind:
            return kind
    return None


def _title_words() -> set[str]:
    return {t for t in titles() if " " not in t}


def _strip_conj(n: str) -> list[str]:
    """A normalized word and its readings without a leading و/ف/ب/ل/ك (for title lookup)."""
    return clitic_variants(n)[:3]


def title_length(words: list[str]) -> int:
    """Number of leading words of ``words`` (normalized) that form a title or honorific, chained:
    "السفيرة الدكتورة" -> 2. A proclitic on the first word is allowed ("وقال بالسيد")."""
    table = titles()
    i = 0
    while i < len(words):
        step = 0
        for k in (2, 1):
            if i + k > len(words):
                continue
            first = _strip_conj(words[i]) if i == 0 else [words[i]]
            for f in first:
                if " ".join([f, *words[i + 1 : i + k]]) in table:
                    step = k
                    break
            if step:
                break
        if not step:
            break
        i += step
    return i


# --- features --------------------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def gaz_key(phrase: tuple[str, ...]) -> str:
    """Hash key of a normalized gazetteer phrase (64-bit BLAKE2b of the words joined by spaces)."""
    return hashlib.blake2b(" ".join(phrase).encode("utf-8"), digest_size=8).hexdigest()


class Lexicon:
    """Word clusters, corpus counts and gazetteer phrases used by the features."""

    def __init__(self, clusters: dict[str, tuple[str, ...]] | None = None,
                 counts: dict[str, int] | None = None,
                 gazetteer: dict[tuple[str, ...], str] | None = None,
                 options: dict | None = None) -> None:
        self.options = dict(options or {})
        self.clusters = clusters or {}
        self.counts = counts or {}
        # The gazetteer is held as keyed hashes of normalized phrases, never as the names: its
        # source lists (ANERGazet) may be used for research but not redistributed as text.
        self.gazetteer: dict[str, str] = {}  # gaz_key(phrase) -> label
        self.gaz_words: dict[str, set[str]] = {}  # gaz_key(word) -> labels of one-word entries
        self.gaz_first: set[str] = set()  # gaz_key(first word) of multi-word entries
        for phrase, label in (gazetteer or {}).items():
            self.add_gazetteer_entry(phrase, label)
        self._cache: dict[str, tuple[list[str], dict[int, list[str]]]] = {}
        self._variants: dict[str, list[str]] = {}
        self.titles = _title_words()

    @classmethod
    def from_disk(cls, path: Path) -> Lexicon:
        clusters, counts, gaz = {}, {}, {}
        lex = path / "lexicon.tsv"
        if lex.exists():
            for line in lex.read_text(encoding="utf-8").splitlines():
                if not line or line.startswith("#"):
                    continue
                word, count, *ids = line.split("\t")
                counts[word] = int(count)
                if ids:
                    clusters[word] = tuple(ids)
        f = path / "features.json"
        options = json.loads(f.read_text(encoding="utf-8")) if f.exists() else {}
        lexicon = cls(clusters, counts, gaz, options)
        g = path / "gazetteer.tsv"
        if g.exists():
            for line in g.read_text(encoding="utf-8").splitlines():
                if not line or line.startswith("#"):
                    continue
                kind, key, label = line.split("\t")
                if kind == "phrase":
                    lexicon.gazetteer[key] = label
                elif kind == "word":
                    lexicon.gaz_words.setdefault(key, set()).add(label)
                else:
                    lexicon.gaz_first.add(key)
        return lexicon

    def add_gazetteer_entry(self, phrase: tuple[str, ...], label: str) -> None:
        """Add a normalized phrase (a tuple of words) of type ``label`` to the gazetteer."""
        if len(phrase) == 1:
            self.gaz_words.setdefault(gaz_key(phrase), set()).add(label)
        else:
            self.gazetteer[gaz_key(phrase)] = label
            self.gaz_first.add(gaz_key(phrase[:1]))

    def to_disk(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        lines = ["# word (normalized)\tcount in the raw-text corpus\tcluster ids (coarse to fine)"]
        for w, c in sorted(self.counts.items(), key=lambda x: (-x[1], x[0])):
            lines.append("\t".join([w, str(c), *self.clusters.get(w, ())]))
        (path / "lexicon.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        lines = ["# derived feature table, hashed (ner.gaz_key of normalized phrases): kind\tkey\ttype"]
        lines += [f"phrase\t{k}\t{lab}" for k, lab in sorted(self.gazetteer.items())]
        lines += [f"word\t{k}\t{lab}" for k, labs in sorted(self.gaz_words.items()) for lab in sorted(labs)]
        lines += [f"first\t{k}\t-" for k in sorted(self.gaz_first)]
        (path / "gazetteer.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (path / "features.json").write_text(json.dumps(self.options), encoding="utf-8")

    def variants(self, n: str) -> list[str]:
        v = self._variants.get(n)
        if v is None:
            v = clitic_variants(n) if len(n) > 2 else [n]
            if len(self._variants) < 100_000:
                self._variants[n] = v
        return v

    def word_features(self, n: str) -> list[str]:
        """Features of one normalized word by itself."""
        feats = ["w=" + n]
        ln = len(n)
        for k in (1, 2, 3, 4):
            if ln > k:
                feats.append(f"p{k}=" + n[:k])
                feats.append(f"s{k}=" + n[-k:])
        if n.isdigit():
            feats.append("shape=digit")
        elif any(c.isdigit() for c in n):
            feats.append("shape=hasdigit")
        elif n.isascii() and n.isalpha():
            feats.append("shape=latin")
        elif not any(c.isalnum() for c in n):
            feats.append("shape=punct")
        feats.append(f"len={min(ln, 8)}")
        variants = self.variants(n)
        for v in variants[1:]:
            feats.append("v=" + v)
        stem = variants[-1]
        if stem != n:
            feats.append("stem=" + stem)
        for v in variants:
            ids = self.clusters.get(v)
            if ids:
                tag = "" if v == n else "v"
                feats.extend(f"{tag}c{i}={c}" for i, c in enumerate(ids))
                break
        else:
            feats.append("c=none")
        count = self.counts.get(n, 0)
        if self.options.get("article_ratio"):
            # how often the corpus writes this word with the article: names rarely take it
            base = variants[-1] if variants[-1] != n else n
            if base.startswith("ال") and len(base) > 3:
                with_al, bare = self.counts.get(base, 0), self.counts.get(base[2:], 0)
            else:
                with_al, bare = self.counts.get("ال" + base, 0), self.counts.get(base, 0)
            if with_al + bare >= 5:
                r = with_al / (with_al + bare)
                feats.append("al=" + ("0" if r < 0.02 else "1" if r < 0.2 else "2" if r < 0.6 else "3"))
            else:
                feats.append("al=rare")
        feats.append("freq=" + ("0" if count == 0 else "1" if count < 10 else "2" if count < 100 else
                                "3" if count < 1000 else "4"))
        for v in variants:
            for lab in self.gaz_words.get(gaz_key((v,)), ()):
                feats.append("gz=" + lab)
            if v in self.titles:
                feats.append("title")
        if self.options.get("heads"):
            kind = head_kind(n)
            if kind:
                feats.append("head=" + kind)
        return feats

    def _entry(self, n: str) -> tuple[list[str], dict[int, list[str]]]:
        """(own features, features seen from each neighbouring offset) of a word, cached."""
        entry = self._cache.get(n)
        if entry is None:
            own = self.word_features(n)
            near = [own[0], *(f for f in own[1:] if f[0] in "cvgt" or f.startswith(_NEAR))]
            far = [own[0]]
            if self.options.get("far_clusters"):  # clusters and gazetteer of the words at ±2 too
                far += [f for f in own[1:] if f[0] in "cg" or f.startswith("vc")]
            ctx = {-2: [f"-2:{f}" for f in far], 2: [f"2:{f}" for f in far],
                   -1: [f"-1:{f}" for f in near], 1: [f"1:{f}" for f in near]}
            entry = (own, ctx)
            if len(self._cache) < 100_000:
                self._cache[n] = entry
        return entry

    def gazetteer_tags(self, norms: list[str]) -> list[str | None]:
        """Longest-match BIO tags of multi-word gazetteer phrases over a sentence (first word may
        carry a proclitic)."""
        out: list[str | None] = [None] * len(norms)
        gaz, first = self.gazetteer, self.gaz_first
        i = 0
        while i < len(norms):
            found = 0
            starts = [v for v in self.variants(norms[i])[:3] if gaz_key((v,)) in first]
            if starts:
                for k in range(min(MAX_GAZ_LEN, len(norms) - i), 1, -1):
                    rest = tuple(norms[i + 1 : i + k])
                    for v in starts:
                        lab = gaz.get(gaz_key((v, *rest)))
                        if lab:
                            out[i] = "B-" + lab
                            for j in range(i + 1, i + k):
                                out[j] = "I-" + lab
                            found = k
                            break
                    if found:
                        break
            i += found or 1
        return out

    def sentence_features(self, norms: list[str]) -> list[list[str]]:
        """CRF features of every word of a sentence (normalized words)."""
        n = len(norms)
        entries = [self._entry(w) for w in norms]
        gz = self.gazetteer_tags(norms) if self.gaz_first else [None] * n
        chain = head_chains(norms) if self.options.get("heads") else None
        out = []
        for i in range(n):
            f = [*entries[i][0], "bias"]
            if gz[i]:
                f.append("gzp=" + gz[i])
            for off in (-2, -1, 1, 2):
                j = i + off
                if j < 0:
                    f.append(f"{off}:BOS")
                elif j >= n:
                    f.append(f"{off}:EOS")
                else:
                    f.extend(entries[j][1][off])
                    if gz[j] and abs(off) == 1:
                        f.append(f"{off}:gzp={gz[j]}")
            if chain and chain[i]:
                f.append(chain[i])
            if i > 0:
                f.append(f"bi-1={norms[i - 1]}|{norms[i]}")
            if i + 1 < n:
                f.append(f"bi+1={norms[i]}|{norms[i + 1]}")
            out.append(f)
        return out


_CHAIN_STOP = frozenset(normalize(w) for w in (
    "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "الان", "اليوم", "الماضي", "الماضية",
    "المقبل", "المقبلة", "الحالي", "الحالية", "الجاري", "الأول", "الأولى", "الأخير", "الأخيرة", "السابق",
    "السابقة", "العام", "الشهر", "الأسبوع", "أمس", "إلى", "الى"))
MAX_CHAIN = 6
_NOT_CHAIN = frozenset(normalize(w) for w in ("الحكومة", "الدولة", "الشعب", "الجيش", "الشرطة", "الأمن"))


def _chain_word(n: str) -> bool:
    """A word that can continue a name's genitive chain: definite (ال، لل، وال) and not a function or
    time word ("العامة"، "للسياحة"، "والتراث")."""
    if n in _CHAIN_STOP or len(n) < 4:
        return False
    return n.startswith(("ال", "لل")) or (n.startswith("وال") and len(n) > 5)


def head_chains(norms: list[str]) -> list[str | None]:
    """Per word, ``chain=ORG:k`` / ``chain=LOC:k`` when it follows a name head (``name_heads.tsv``)
    through a genitive chain of definite words, k its place (1, 2, 3+): "وزارة الشؤون البلدية
    والقروية" -> None, ORG:1, ORG:2, ORG:3. The word right after the head always counts (a name:
    "شركة أرامكو")."""
    out: list[str | None] = [None] * len(norms)
    for h, w in enumerate(norms):
        kind = head_kind(w)
        if not kind:
            continue
        for k in range(1, MAX_CHAIN + 1):
            j = h + k
            if j >= len(norms) or (k > 1 and not _chain_word(norms[j])) or not any(c.isalpha() for c in norms[j]):
                break
            if out[j] is None:
                out[j] = f"chain={kind}:{min(k, 3)}"
    return out


_OPEN_QUOTES = frozenset("«“\"'")
_CLOSE_QUOTES = frozenset("»”\"'")
_RULE_STOP = frozenset(normalize(w) for w in ("الإدارة", "الادارة", "المدينة", "الطلاب", "الأمناء"))  # "مجلس الإدارة" is generic
# heads that name one body with their chain (level 2): not مركز، إدارة، مكتب، فريق، سوق… ("فريق العمل")
_STRONG_HEADS = frozenset(normalize(w) for w in (
    "وزارة", "هيئة", "مجلس", "أمانة", "إمارة", "مديرية", "جمعية", "وكالة", "محكمة", "بلدية", "جامعة",
    "حزب", "تنظيم", "جماعة", "جبهة", "حركة", "منظمة", "ميليشيات", "ميليشيا", "مليشيات", "صحيفة"))


def _bare_head(n: str) -> str | None:
    """The head kind of an indefinite head ("وزاره"، "بمنطقه"، "لنادي"), None for a definite one
    ("الوزاره" alone is generic)."""
    kind = head_kind(n)
    if not kind:
        return None
    return None if strip_proclitics(n).startswith("ال") else kind


def apply_head_rules(spans: list[tuple[int, int, str]], norms: list[str], level: int = 2) -> list[tuple[int, int, str]]:
    """Name heads around the model's spans (``decode.head_rules``; each step was kept by the news
    dev split, ``benchmarks/results/ner.md``):

    0. an ORG span with ل + a LOC head inside is two names: the ORG and the place ("للمنظمة الدولية
       للهجرة لمنطقة الشرق الأوسط");
    1. an untagged indefinite head right before a span takes it in: a LOC head before a LOC ("بمنطقة
       جازان"), an ORG head before any span, which becomes an ORG ("نادي الوحدة"، "تنظيم داعش"،
       "جامعة القصيم"، "إمارة منطقة مكة المكرمة"); a closing quote after a span that opened one
       ("صحيفة «التايمز»") is taken in; an ORG goes on over و + definite words ("واللاجئين") but not
       over another body ("والحكومة");
    2. (level 2) an untagged indefinite ORG head followed by a genitive chain of untagged definite
       words is an ORG ("وزارة التجارة"، "مجلس الشورى"), "مجلس الإدارة" excepted."""
    if not spans and level < 2:
        return spans
    out = sorted(spans)
    taken = [False] * len(norms)
    for i, j, _ in out:
        taken[i:j] = [True] * (j - i)
    fixed = []
    split = []
    for i, j, lab in out:  # "للمنظمة الدولية للهجرة لمنطقة الشرق الأوسط": the ORG, then the place
        cut = next((k for k in range(i + 2, j - 1) if lab == "ORG" and norms[k].startswith("لم")
                    and head_kind(norms[k]) == "LOC"), None)
        split += [(i, cut, "ORG"), (cut, j, "LOC")] if cut else [(i, j, lab)]
    out = split
    for i, j, lab in out:
        k = i - 1
        if k >= 0 and not taken[k]:
            kind = _bare_head(norms[k])
            if kind == "LOC" and lab == "LOC" or kind == "ORG" and lab in ("ORG", "LOC", "PER", "MISC"):
                if not (kind == "ORG" and lab == "PER" and j - i > 1):
                    i, lab = k, ("LOC" if kind == "LOC" else "ORG")
                    taken[k] = True
        if j < len(norms) and not taken[j] and norms[j] in _CLOSE_QUOTES and any(
                any(c in _OPEN_QUOTES for c in w) for w in norms[i:j]):
            taken[j] = True
            j += 1
        while lab == "ORG" and j < len(norms) and not taken[j] and norms[j].startswith("وال") and _chain_word(
                norms[j]) and not head_kind(norms[j]) and norms[j][1:] not in _NOT_CHAIN:
            taken[j] = True  # "مركز دراسات الهجرة" + "واللاجئين": the chain goes on after و
            j += 1
        fixed.append((i, j, lab))
    if level >= 2:
        h = 0
        while h < len(norms) - 1:
            if not taken[h] and _bare_head(norms[h]) == "ORG" and not taken[h + 1] and _chain_word(norms[h + 1]) \
                    and norms[h + 1] not in _RULE_STOP and strip_proclitics(norms[h]) in _STRONG_HEADS:
                j = h + 1
                while j < len(norms) and not taken[j] and _chain_word(norms[j]) and j - h <= MAX_CHAIN:
                    j += 1
                fixed.append((h, j, "ORG"))
                taken[h:j] = [True] * (j - h)
                h = j
                continue
            h += 1
    return sorted(fixed)


# --- the component ------------------------------------------------------------------------------


@Language.factory("crf_ner", default_config={"postprocess": True, "fallback": True})
def make_crf_ner(nlp: Language, name: str, postprocess: bool, fallback: bool) -> CRFEntityRecognizer:
    return CRFEntityRecognizer(name, postprocess, fallback)


@lru_cache(maxsize=1)
def reviewed_names() -> dict[tuple[str, ...], str]:
    """Normalized phrase -> label from ``resources/gazetteer_names.tsv`` (reviewed names)."""
    return {tuple(normalize(w) for w in name.split()): label for name, label in rows("gazetteer_names.tsv")}


@lru_cache(maxsize=1)
def feature_names() -> dict[tuple[str, ...], str]:
    """Normalized phrase -> label from ``resources/gazetteer_features.tsv``: reviewed names that are
    also common words ("الهلال"، "سبق"), gazetteer features of the model only, never a fallback."""
    return {tuple(normalize(w) for w in name.split()): label for name, label in rows("gazetteer_features.tsv")}


def apply_fallback(spans: list[tuple[int, int, str]], norms: list[str], lexicon: Lexicon,
                   names: dict[tuple[str, ...], str]) -> list[tuple[int, int, str]]:
    """Add reviewed names the model missed or cut short: a multi-word name replaces the model's
    shorter spans inside it ("المنظمة الدولية" -> "المنظمة الدولية للهجرة"); a name is never cut out
    of a longer model span, and a span the model found exactly keeps the model's label."""
    matches = _phrase_matches(norms, names, lexicon)
    if not matches:
        return spans
    out = list(spans)
    for i, j, lab in matches:
        overlap = [s for s in out if s[0] < j and i < s[1]]
        if overlap and (j - i == 1 or any(s[:2] == (i, j) for s in overlap)):
            continue  # the model found this name (perhaps with another label): keep its reading
        if any(s[0] < i or s[1] > j for s in overlap):
            continue
        out = [s for s in out if s not in overlap] + [(i, j, lab)]
    return sorted(out)


_INDEX: dict[int, tuple] = {}  # id(names table) -> (table, first words, longest phrase)


def _phrase_matches(norms: list[str], names: dict[tuple[str, ...], str], lexicon: Lexicon):
    entry = _INDEX.get(id(names))
    if entry is None or entry[0] is not names:
        entry = _INDEX[id(names)] = (names, frozenset(p[0] for p in names), max(map(len, names), default=0))
    _, first, longest = entry
    out, i = [], 0
    while i < len(norms):
        found = 0
        starts = [v for v in lexicon.variants(norms[i])[:3] if v in first]
        if starts:
            for k in range(min(longest, len(norms) - i), 0, -1):
                rest = tuple(norms[i + 1 : i + k])
                for v in starts:
                    lab = names.get((v, *rest))
                    if lab:
                        out.append((i, i + k, lab))
                        found = k
                        break
                if found:
                    break
        i += found or 1
    return out


class CRFEntityRecognizer:
    """spaCy component: CRF tagging per sentence, then canonical names and mention clusters."""

    def __init__(self, name: str = "ner", postprocess: bool = True, fallback: bool = True) -> None:
        self.name = name
        self.postprocess = postprocess
        self.fallback = fallback
        self.lexicon = Lexicon()
        self.tagger = None
        self.meta: dict = {}
        self.entity_bias: float | dict | None = None  # None: the value in meta.json
        self._labels: tuple[str, ...] | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """The CRF's tags, in its order."""
        if self._labels is None:
            self._labels = tuple(self.tagger.labels())
        return self._labels

    def tag_words(self, norms: list[str]) -> list[str]:
        if not norms or self.tagger is None:
            return ["O"] * len(norms)
        xseq = self.lexicon.sentence_features(norms)
        bias = self.entity_bias if self.entity_bias is not None else self.meta.get("entity_bias", 0.0)
        if not bias:
            return self.tagger.tag(xseq)
        return self._biased_decode(xseq, bias)

    def _biased_decode(self, xseq, bias: float | dict) -> list[str]:
        """Best BIO-consistent sequence over the CRF's per-word marginals, with ``bias`` added to
        the log-probability of every entity tag: trades precision for recall (tuned on dev).

        A word whose marginal for O is at least ``HARD_O`` is O (no entity tag can outscore it):
        only the runs of other words are decoded, each as if it began a sentence. ``bias`` is one
        value for every type or a value per type ({"ORG": 1.5, ...}; a type not given gets 0)."""
        tagger = self.tagger
        tagger.set(xseq)
        labels = self.labels
        per_type = bias if isinstance(bias, dict) else dict.fromkeys(LABELS, bias)
        add = [0.0 if lab == "O" else float(per_type.get(lab[2:], 0.0)) for lab in labels]
        n = len(xseq)
        marginal = tagger.marginal
        p_o = [marginal("O", t) for t in range(n)]
        tags = ["O"] * n
        t = 0
        while t < n:
            if p_o[t] >= HARD_O:
                t += 1
                continue
            j = t + 1
            while j < n and p_o[j] < HARD_O:
                j += 1
            tags[t:j] = self._decode_run(t, j, labels, add)
            t = j
        return tags

    def _decode_run(self, start: int, end: int, labels: tuple[str, ...], add: list[float]) -> list[str]:
        marginal = self.tagger.marginal
        emit = [[math.log(marginal(lab, t) + 1e-12) + a for lab, a in zip(labels, add, strict=True)]
                for t in range(start, end)]
        return bio_viterbi(emit, labels)

    def predict_spans(self, norms: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, label) word spans of one sentence of normalized words."""
        spans = bio_spans(self.tag_words(norms))
        if self.fallback:
            spans = apply_fallback(spans, norms, self.lexicon, reviewed_names())
        level = self.meta.get("head_rules", 0)
        if level:
            spans = apply_head_rules(spans, norms, level)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        arr = doc.to_array([NORM, IS_SPACE])  # token arrays: no Token objects on the hot path
        strings = doc.vocab.strings
        sent_toks = [[i for i in range(sent.start, sent.end) if not arr[i, 1]] for sent in sents]
        sent_toks = [toks for toks in sent_toks if toks]
        norms = [[strings[int(arr[i, 0])] for i in toks] for toks in sent_toks]
        spans = self.predict_document(norms)
        ents = [Span(doc, toks[i], toks[j - 1] + 1, label=lab)
                for toks, sp in zip(sent_toks, spans, strict=True) for i, j, lab in sorted(sp)]
        doc.ents = ents
        if self.postprocess:
            finish_entities(doc, self.lexicon.counts)
        return doc

    def predict_document(self, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) word spans of every sentence of one document (normalized words):
        each sentence tagged by the CRF, then, if the model says so, the other mentions of a name
        found in the document tagged like it."""
        spans = [self.predict_spans(norms) for norms in sentences]
        if self.meta.get("propagate"):
            spans = propagate_names(sentences, spans)
        return spans

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.lexicon.to_disk(path)
        (path / "meta.json").write_text(json.dumps(self.meta, ensure_ascii=False, indent=2), encoding="utf-8")

    def from_disk(self, path, exclude=()) -> CRFEntityRecognizer:
        import pycrfsuite

        path = Path(path)
        self.lexicon = Lexicon.from_disk(path)
        meta = path / "meta.json"
        self.meta = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path / "model.crfsuite"))
        return self


def propagate_names(sentences: list[list[str]],
                    spans: list[list[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
    """One reading of a name per document, as a news article uses it:

    * an untagged word sequence equal to a name tagged elsewhere in the document (its first word
      with or without a proclitic: "للبنك التجاري" after "البنك التجاري") gets that name's label,
      longest names first, never over a tagged word;
    * an untagged word equal to the last word of a person's name of two words or more is that
      person ("فينغر" after "أرسين فينغر"), unless the document tags that word alone otherwise;
    * every mention of a name takes the label most of its mentions have (ties keep their own).
    Dev (documents of 20 sentences): 73.5 -> 75.5."""
    found: dict[tuple[str, ...], dict[str, int]] = {}
    for norms, sp in zip(sentences, spans, strict=True):
        for i, j, lab in sp:
            votes = found.setdefault(_name_key(norms, i, j), {})
            votes[lab] = votes.get(lab, 0) + 1
    if not found:
        return spans
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, votes in sorted(found.items(), key=lambda kv: -len(kv[0])):
        by_first.setdefault(key[0], []).append((key[1:], max(votes, key=lambda lab: (votes[lab], lab))))
    surnames = {norms[j - 1] for norms, sp in zip(sentences, spans, strict=True) for i, j, lab in sp
                if lab == "PER" and j - i >= 2 and len(norms[j - 1]) > 2}
    surnames = {w for w in surnames if (w,) not in found}
    out = []
    for norms, sp in zip(sentences, spans, strict=True):
        taken = [False] * len(norms)
        for i, j, _ in sp:
            taken[i:j] = [True] * (j - i)
        new, i = list(sp), 0
        while i < len(norms):
            hit = 0
            if not taken[i]:
                first = _bare(norms[i])
                for rest, lab in by_first.get(first, ()):
                    j = i + 1 + len(rest)
                    if j <= len(norms) and tuple(norms[i + 1 : j]) == rest and not any(taken[i:j]):
                        new.append((i, j, lab))
                        hit = j - i
                        break
                if not hit and first in surnames:
                    new.append((i, i + 1, "PER"))
                    hit = 1
            i += hit or 1
        out.append(new)
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for norms, sp in zip(sentences, out, strict=True):
        for i, j, lab in sp:
            v = votes.setdefault(_name_key(norms, i, j), {})
            v[lab] = v.get(lab, 0) + 1
    result = []
    for norms, sp in zip(sentences, out, strict=True):
        fixed = []
        for i, j, lab in sp:
            v = votes[_name_key(norms, i, j)]
            fixed.append((i, j, max(v, key=lambda x, lab=lab: (v[x], x == lab))))
        result.append(sorted(fixed))
    return result


@lru_cache(maxsize=100_000)
def _bare(word: str) -> str:
    return strip_proclitics(word)


def _name_key(norms: list[str], i: int, j: int) -> tuple[str, ...]:
    """A name as propagation compares it: words i..j, the first without its proclitics."""
    return (_bare(norms[i]), *norms[i + 1 : j])


@lru_cache(maxsize=4)
def _allowed(labels: tuple[str, ...]) -> list[tuple[int, int] | None]:
    """For an I- tag, the indices of the two tags that may precede it (B-X, I-X); None for tags
    that may follow anything."""
    out: list[tuple[int, int] | None] = []
    for lab in labels:
        if lab.startswith("I-"):
            typ = lab[2:]
            b = labels.index(f"B-{typ}") if f"B-{typ}" in labels else labels.index(lab)
            out.append((b, labels.index(lab)))
        else:
            out.append(None)
    return out


def bio_viterbi(emit, labels: tuple[str, ...]) -> list[str]:
    """Best BIO-consistent tag sequence of per-word scores (``emit[t][k]`` for ``labels[k]``, e.g.
    log-probabilities): an I- tag only after a B- or I- tag of its type, never first."""
    if len(emit) == 0:
        return []
    k = len(labels)
    allowed = _allowed(labels)
    best = [s if allowed[j] is None else -1e18 for j, s in enumerate(emit[0])]
    back = []
    for e_t in emit[1:]:
        top = max(range(k), key=best.__getitem__)
        ptr = [top if a is None else (a[0] if best[a[0]] >= best[a[1]] else a[1]) for a in allowed]
        best = [best[i] + e for i, e in zip(ptr, e_t, strict=True)]
        back.append(ptr)
    j = max(range(k), key=best.__getitem__)
    path = [j]
    for ptr in reversed(back):
        j = ptr[j]
        path.append(j)
    return [labels[j] for j in reversed(path)]


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) spans of BIO tags, conlleval style (an I- after O or another type
    starts a new entity); PERS -> PER. Shared by the component and the evaluation."""
    spans, start, label = [], None, None
    for k, tag in enumerate([*tags, "O"]):
        pos, _, lab = tag.partition("-")
        lab = LABEL_MAP.get(lab, lab)
        if start is not None and (pos != "I" or lab != label):
            spans.append((start, k, label))
            start = None
        if pos in ("B", "I") and start is None:
            start, label = k, lab
    return spans


# --- canonical names and clusters -------------------------------------------------------------------


def strip_first_word(word: str, counts: dict[str, int] | None = None) -> str:
    """The first word of a name without its attached proclitics, as written (diacritics removed).

    Article forms are certain ("وبالقاهرة" -> "القاهرة", "للمنظمة" -> "المنظمة"); a bare و/ف/ب/ل/ك
    before a word without article is removed only when the corpus counts say the rest is the usual
    word ("ومصر" -> "مصر", but "وليد" stays)."""
    w = normalize_light(word)
    counts = counts or {}
    for _ in range(2):
        s = strip_proclitics(w)
        if s != w:
            # "فالنسيا" is Valencia, not "ف + النسيا": trust the corpus when it knows better
            if counts and counts.get(normalize(w), 0) > counts.get(normalize(s), 0):
                return w
            return s
        if len(w) > 3 and w[0] in "وف" and normalize(w[1:]).startswith(("ال", "بال", "لل", "كال")):
            w = w[1:]
            continue
        break
    n = normalize(w)
    if len(n) >= 4 and n[0] in "وفبلك" and counts:
        rest = normalize(w[1:])
        # ل before a non-article word: the rest is a name head ("لجماعة" -> "جماعة") or the usual
        # word, a noun that takes the article ("لوكالة" -> "وكالة", "ليلى" stays: "يلي" is no noun);
        # the other proclitics need the rest five times as frequent ("ومصر" -> "مصر", "وليد" stays)
        lam = n[0] == "ل" and (name_heads().get(rest) is not None or counts.get(rest, 0) >= 20 and counts.get(
            rest, 0) > counts.get(n, 0) and counts.get("ال" + rest, 0) >= 5)
        if lam or counts.get(rest, 0) >= 20 and counts.get(rest, 0) > 5 * counts.get(n, 0):
            w = w[1:]
            n = normalize(w)
            if len(n) >= 4 and n[0] in "بلك" and counts.get(n[1:], 0) > 5 * counts.get(n, 0):
                w = w[1:]
    return w


def canonical_name(words: list[str], counts: dict[str, int] | None = None) -> str:
    """Canonical form of an entity given its words as written."""
    if not words:
        return ""
    first = strip_first_word(words[0], counts)
    return " ".join([first, *(normalize_light(w) for w in words[1:])]).strip()


def _trim_titles(doc: Doc, ents: list[Span]) -> list[Span]:
    out = []
    for ent in ents:
        if ent.label_ == "PER":
            k = title_length([t.norm_ for t in ent])
            if 0 < k < len(ent):
                ent = Span(doc, ent.start + k, ent.end, label=ent.label)
            elif k == len(ent):
                continue
        out.append(ent)
    return out


def cluster_mentions(mentions: list[tuple[str, str]]) -> list[int]:
    """Cluster numbers (0, 1, …) for mentions given as (label, canonical), in document order.

    A mention joins an earlier entity of the same label with the same normalized name; a
    one-word person mention joins the latest person whose name contains that word ("جودو" ->
    "كارميلا جودو"); a mention that is the beginning of an earlier organization or place name
    joins it ("المنظمة" -> "المنظمة الدولية للهجرة"); a longer name absorbs earlier mentions it
    contains (first "جودو", then "كارميلا جودو")."""
    ids: list[int] = []
    names: list[tuple[str, tuple[str, ...], int]] = []  # (label, words, cluster)
    n_clusters = 0
    for label, canon in mentions:
        words = tuple(normalize(canon).split())
        cid = None
        for lab, ws, c in reversed(names):
            if lab != label:
                continue
            if ws == words:
                cid = c
                break
        if cid is None and words:
            for lab, ws, c in reversed(names):
                if lab != label or len(ws) <= len(words):
                    continue
                if label == "PER" and len(words) == 1 and words[0] in ws[1:]:
                    cid = c
                    break
                if label == "PER" and len(words) > 1 and ws[-len(words):] == words:
                    cid = c
                    break
                if label in ("ORG", "LOC", "MISC") and ws[: len(words)] == words:
                    cid = c
                    break
        if cid is None and words and len(words) > 1:
            for lab, ws, c in reversed(names):
                if lab == label == "PER" and len(ws) == 1 and ws[0] in words[1:]:
                    cid = c
                    break
        if cid is None:
            cid = n_clusters
            n_clusters += 1
        ids.append(cid)
        names.append((label, words, cid))
    return ids


def finish_entities(doc: Doc, counts: dict[str, int] | None = None) -> Doc:
    """Titles out of person spans, canonical names and entity ids on ``doc.ents``."""
    ents = _trim_titles(doc, list(doc.ents))
    doc.ents = ents
    canon = [canonical_name([t.text for t in e if not t.is_space], counts) for e in doc.ents]
    cids = cluster_mentions([(e.label_, c) for e, c in zip(doc.ents, canon, strict=True)])
    prefix = f"{doc._.doc_id}-" if doc._.doc_id else ""
    for ent, c, k in zip(doc.ents, canon, cids, strict=True):
        ent._.canonical = c
        ent._.entity_id = f"{prefix}E{k + 1}"
    return doc


# --- hook used by language.load() ----------------------------------------------------------------


def add_to(nlp: Language, model_dir: Path) -> None:
    """Add the NER stage (component ``"ner"``) with the shipped model from ``model_dir/ner``."""
    path = Path(model_dir) / "ner"
    comp = nlp.add_pipe("crf_ner", name="ner")
    if (path / "model.crfsuite").exists():
        comp.from_disk(path)
