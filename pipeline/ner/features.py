"""NER features: titles, name heads, the gazetteer key and the word lexicon (clusters, counts)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..lang.normalize import clitic_variants, normalize
from ..resources import rows

MAX_GAZ_LEN = 6  # longest gazetteer phrase matched, in words
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
NOT_CHAIN = frozenset(normalize(w) for w in ("الحكومة", "الدولة", "الشعب", "الجيش", "الشرطة", "الأمن"))


def chain_word(n: str) -> bool:
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
            if j >= len(norms) or (k > 1 and not chain_word(norms[j])) or not any(c.isalpha() for c in norms[j]):
                break
            if out[j] is None:
                out[j] = f"chain={kind}:{min(k, 3)}"
    return out
