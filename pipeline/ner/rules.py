"""NER rule layers after the CRF: organization head nouns and their genitive chains, reviewed names."""

from __future__ import annotations

from functools import lru_cache

from ..lang.normalize import normalize, strip_proclitics
from ..resources import rows
from .features import MAX_CHAIN, NOT_CHAIN, Lexicon, chain_word, head_kind

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
        while lab == "ORG" and j < len(norms) and not taken[j] and norms[j].startswith("وال") and chain_word(
                norms[j]) and not head_kind(norms[j]) and norms[j][1:] not in NOT_CHAIN:
            taken[j] = True  # "مركز دراسات الهجرة" + "واللاجئين": the chain goes on after و
            j += 1
        fixed.append((i, j, lab))
    if level >= 2:
        h = 0
        while h < len(norms) - 1:
            if not taken[h] and _bare_head(norms[h]) == "ORG" and not taken[h + 1] and chain_word(norms[h + 1]) \
                    and norms[h + 1] not in _RULE_STOP and strip_proclitics(norms[h]) in _STRONG_HEADS:
                j = h + 1
                while j < len(norms) and not taken[j] and chain_word(norms[j]) and j - h <= MAX_CHAIN:
                    j += 1
                fixed.append((h, j, "ORG"))
                taken[h:j] = [True] * (j - h)
                h = j
                continue
            h += 1
    return sorted(fixed)



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
