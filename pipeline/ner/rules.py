"""NER rule layers after the CRF: organization head nouns and their genitive chains, reviewed names."""

from __future__ import annotations

from functools import lru_cache

from ..lang.normalize import clitic_variants, normalize, strip_proclitics
from ..resources import rows
from .features import MAX_CHAIN, NOT_CHAIN, Lexicon, chain_word, gaz_key, head_kind, titles

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


# --- news rules (issue 16): classes of names the model misses in news text ------------------------

_DASHES = frozenset("-–—:")
_PLACE_PREPS = frozenset(normalize(w) for w in ("في", "إلى", "الى", "من", "داخل", "خارج"))
_EMPTY = Lexicon()
_WITH_ON = frozenset(normalize(w) for w in ("مع", "على"))
_WITH = normalize("مع")
_AFTER_DAY = frozenset(normalize(w) for w in ("إن", "إنه", "إنها", "أن", "أنه", "الماضي", "المقبل", "الموافق", "أمس"))
_BYLINE_REACH = 6  # a media name between a byline's dashes within its first words ("فلان- سبق- مكة")
_DEMONSTRATIVES = frozenset(normalize(w) for w in ("هذه", "هذا", "تلك", "ذلك", "هذي"))


class _NewsWords:
    """The classes of ``resources/ner_news_rules.tsv``, normalized: one-word forms in ``one[cls]``,
    phrases (tuples of words) in ``phrases[cls]``."""

    def __init__(self) -> None:
        one: dict[str, set[str]] = {}
        phrases: dict[str, set[tuple[str, ...]]] = {}
        for cls, form in rows("ner_news_rules.tsv"):
            words = tuple(normalize(w) for w in form.split())
            phrases.setdefault(cls, set()).add(words)
            if len(words) == 1:
                one.setdefault(cls, set()).add(words[0])
        self.one = {k: frozenset(v) for k, v in one.items()}
        self.phrases = {k: frozenset(v) for k, v in phrases.items()}
        self.first = {k: frozenset(p[0] for p in v) for k, v in phrases.items()}
        self.longest = {k: max(map(len, v)) for k, v in phrases.items()}
        masc = self.one.get("nationality", frozenset())
        self.masc = masc
        self.nationality = masc | frozenset(w + "ه" for w in masc)
        self.weekdays = frozenset(normalize(form) for form, _, bare in rows("weekdays.tsv") if bare == "0")
        self._by_first: dict[str, frozenset[str]] = {}
        for cls, firsts in self.first.items():
            for f in firsts:
                self._by_first[f] = self._by_first.get(f, frozenset()) | {cls}
        self._cache: dict[tuple[str, bool], frozenset[str]] = {}

    def starts(self, n: str, clitic: bool = True) -> frozenset[str]:
        """The classes with a form whose first word is ``n`` (or, with ``clitic``, ``n`` without its
        proclitics); cached per word."""
        key = (n, clitic)
        got = self._cache.get(key)
        if got is None:
            got = frozenset().union(*(self._by_first.get(v, ()) for v in (_variants(n) if clitic else (n,))))
            if len(self._cache) < 200_000:
                self._cache[key] = got
        return got

    def get(self, cls: str) -> frozenset[str]:
        return self.one.get(cls, frozenset())

    def phrase_at(self, cls: str, norms: list[str], i: int, clitic: bool | str = True) -> int:
        """End of the longest phrase of ``cls`` starting at word ``i`` (its first word perhaps with a
        proclitic; ``clitic="conj"``: one letter و ف ب ل only, never the article), 0 when none."""
        if cls not in self.starts(norms[i], bool(clitic)):
            return 0
        first = self.first[cls]
        n = norms[i]
        if clitic == "conj":
            forms: tuple[str, ...] = (n, n[1:]) if n[:1] in "وفبل" and len(n) > 3 else (n,)
        else:
            forms = _variants(n) if clitic else (n,)
        starts = [v for v in forms if v in first]
        table = self.phrases[cls]
        for k in range(min(self.longest[cls], len(norms) - i), 0, -1):
            rest = tuple(norms[i + 1 : i + k])
            if any((v, *rest) in table for v in starts):
                return i + k
        return 0


@lru_cache(maxsize=1)
def news_words() -> _NewsWords:
    return _NewsWords()


_LAST: list = [None, frozenset()]  # the last sentence seen by _present and its classes


def _present(norms: list[str], words: _NewsWords) -> frozenset[str]:
    """The classes any word of the sentence may start (a cheap gate: a step whose classes are absent
    returns at once); computed once per sentence."""
    if _LAST[0] is not norms:
        _LAST[0], _LAST[1] = norms, frozenset().union(*map(words.starts, norms))
    return _LAST[1]


@lru_cache(maxsize=100_000)
def _variants(n: str) -> tuple[str, ...]:
    """A normalized word and its readings without proclitics (و ف ب ل ك, لل)."""
    return tuple(clitic_variants(n)[:3]) if len(n) > 2 else (n,)


@lru_cache(maxsize=100_000)
def _bare(n: str) -> str:
    return strip_proclitics(n)


def _definite(n: str) -> bool:
    return _bare(n).startswith("ال")


def _place(spans: list[tuple[int, int, str]], i: int, j: int, lab: str) -> list[tuple[int, int, str]] | None:
    """``spans`` with (i, j, lab) in place of the spans inside it; None when a span sticks out of it."""
    keep = []
    for s in spans:
        if s[1] <= i or s[0] >= j:
            keep.append(s)
        elif s[0] < i or s[1] > j:
            return None
    return sorted([*keep, (i, j, lab)])


def _untagged(taken: list[bool], norms: list[str], forms: frozenset[str]) -> list[int]:
    """The untagged words whose reading without proclitics is one of ``forms`` (definite forms)."""
    return [k for k, w in enumerate(norms) if not taken[k] and _bare(w) in forms]


def _taken(spans: list[tuple[int, int, str]], n: int) -> list[bool]:
    taken = [False] * n
    for i, j, _ in spans:
        taken[i:j] = [True] * (j - i)
    return taken


def _trim(i: int, j: int, lab: str, norms: list[str], words: _NewsWords, lex: Lexicon) -> list[tuple[int, int, str]]:
    """A model span without the words it runs on over (``_trims``), and the place cut off a person
    ("وصالح بصنعاء" -> PER + LOC)."""
    if j - i >= 2 and lab in ("ORG", "LOC"):  # "ميليشيات الحوثي وصالح"، "تنظيم القاعدة والقيادي"
        w = norms[j - 1]
        bare = len(w) > 2 and w[0] == "و" and not w[1:].startswith(("ال", "لل")) and lex.counts.get(
            w[1:], 0) >= 5 and lex.counts.get(w[1:], 0) > lex.counts.get(w, 0)  # "وصالح"، not "ويمبلي"
        if (bare or w[:1] == "و" and w[1:] in words.get("role_tail")) and not (
                "LOC" in _gaz(lex, w) and "LOC" in _gaz(lex, norms[j - 2])):  # "للجبيل وينبع" stays
            j -= 1
    place = None
    if j - i >= 2:  # "شركة … القابضة برأسمال"، "بورصة مصر كبداية"، "وصالح بصنعاء"
        w = norms[j - 1]
        rest = w[1:]
        counts = lex.counts
        least, ratio = (10, 2) if lab == "ORG" else (20, 5)  # "براسمال" is rarer than "بصنعاء"
        if len(w) >= 5 and w[0] in "بك" and not rest.startswith("ال") and counts.get(rest, 0) >= least \
                and counts.get(rest, 0) > ratio * counts.get(w, 0):
            is_place = "LOC" in _gaz(lex, w) and "PER" not in _gaz(lex, w)  # a surname may start with ب: "بارباع"
            if lab == "ORG" or lab == "PER" and is_place:  # not from a place: "منطقة برمال"، "بريدة"
                j -= 1
                place = (j, j + 1, "LOC") if is_place else None  # "الجمعية الملكية بلندن": ORG + LOC
    if j - i >= 2 and norms[j - 1] in words.nationality and not _definite(norms[j - 2]):
        # "غلطة سراي التركي"، "مدينة أفيون التركية"، "نادي المحرق البحريني": the adjective is no part
        if lab == "ORG" and norms[j - 1] in words.masc or lab == "LOC" and j - i >= 3 and head_kind(norms[i]) == "LOC":
            j -= 1
    elif lab == "ORG" and j - i >= 3 and norms[j - 1] in words.nationality and any(
            v in words.get("club_head") for v in _variants(norms[i])):
        j -= 1
    elif lab == "LOC" and j - i >= 2 and norms[j - 1] in words.masc and _bare(norms[j - 2]) not in words.get(
            "region_noun") and head_kind(norms[i]) != "LOC" and not any(
            v in words.get("person_place_head") for v in _variants(norms[i])):
        j, lab = j - 1, "ORG"  # "المحرق البحريني"، "غلطة سراي التركي": a masculine body, not a place
    if lab == "PER":  # "الأوروجوياني خورخي دا سيلفا"، "بأن مخلوف"
        while j - i >= 2 and (norms[i] in words.nationality or norms[i] in words.get("not_lead") and (
                j - i == 2 or norms[i].startswith("ال"))):
            i += 1  # "الفاضل فلان"؛ "بأن مخلوف" -> "مخلوف", but "بان كي مون" (بأن and بان are one normalized word)
    elif j - i >= 2 and lab == "LOC" and titles().get("ال" + norms[i].lstrip("وف"), ("",))[0] == "title":
        i += 1  # "ومحافظ الأقصر": a role before the place (not "الشيخ زويد": an honorific in a name)
    if lab == "PER" and j - i >= 4:  # "أحمد السناني الدكتور علي الزهراني": two people
        cut = next((m for m in range(i + 2, j - 1) if norms[m] in titles() and norms[m - 1] not in words.get(
            "name_link")), None)
        if cut is not None:
            return [(i, cut, "PER"), *_trim(cut + 1, j, "PER", norms, words, lex)]
    if lab == "LOC" and j - i >= 2 and norms[j - 1] in words.get("direction") and not _definite(norms[j - 2]):
        j -= 1  # "ريف إدلب الشمالي": the direction is no part of the name (but "القطب الشمالي")
    if lab == "PER" and j - i >= 2 and norms[j - 1] in words.weekdays and j < len(norms) and norms[j] in _AFTER_DAY:
        j -= 1  # "أشتون كارتر الخميس إنه" (but "أحمد الخميس" is a surname)
    if lab == "PER" and j - i >= 3 and norms[j - 1].startswith("ال") and "sport" in words.starts(
            norms[j - 1]) and words.phrase_at("sport", norms, j - 1) == j:
        j -= 1  # "فهد الحريشي اللاعبين"
    if lab == "ORG" and j - i >= 3:  # "إدارة نادي الجيل"، "مجلس إدارة مصرف الراجحي"
        for k in (2, 1):
            if words.phrase_at("board", norms, i) == i + k and head_kind(norms[i + k]) == "ORG" and not _definite(
                    norms[i + k]) and j - i > k + 1:
                i += k
                break
    return [(i, j, lab)] + ([place] if place else [])


def _company_chain(j: int, norms: list[str], taken: list[bool], activity: frozenset[str]) -> int:
    """End of a company's name that goes on over ل + its activity and a definite chain ("لإنتاج
    الأسمدة"، "للتسويق")."""
    n = len(norms)
    if j >= n or taken[j]:
        return j
    w = norms[j]
    if not w.startswith("ل") or w.startswith("ال") or not any(v in activity for v in _variants(w)[1:]):
        return j
    k = j + 1
    chain_end = news_words().get("chain_end")
    while k < n and not taken[k] and k - j < MAX_CHAIN and (chain_word(norms[k]) or norms[k].startswith("بال")) \
            and not head_kind(norms[k]) and norms[k] not in chain_end:
        k += 1
    if k == j + 1 and not w.startswith("لل"):
        return j  # "لصناعة" needs what is made: "شركة الشرق الأوسط لصناعة …" ends before it ("للتسويق" stands alone)
    return k


def _fixed_phrases(out, norms, words, lex):
    """Fixed phrases whose words are no names: "رابط الخبر"، "الرباط الصليبي"، "مسقط رأسه"."""
    if "not_name" not in _present(norms, words):
        return out
    for k in range(len(norms)):
        end = words.phrase_at("not_name", norms, k)
        if end:
            out = [s for s in out if s[1] <= k or s[0] >= end]
    return out


def _trims(out, norms, words, lex):
    """The words a model span runs on over (``_trim``)."""
    return sorted(s for i, j, lab in out for s in _trim(i, j, lab, norms, words, lex))


def _quoted_names(out, norms, words, lex):
    """A head noun and a name in quotation marks are one ORG, marks included ("تنظيم «داعش»"،
    "شركة «تيراداتا»"، "مجموعة «كايشن» للنشر المالي")."""
    if "quote_head" not in _present(norms, words) or not _OPEN_QUOTES.intersection(norms):
        return out
    n = len(norms)
    taken = _taken(out, n)
    heads, company = words.get("quote_head"), words.get("company_head")
    for k in range(n - 3):
        if taken[k] or norms[k + 1] not in _OPEN_QUOTES or not any(v in heads for v in _variants(norms[k])):
            continue
        close = next((m for m in range(k + 3, min(n, k + 9)) if norms[m] in _CLOSE_QUOTES), None)
        if close is None:
            continue
        end = close + 1
        if any(v in company for v in _variants(norms[k])):
            end = _company_chain(end, norms, taken, words.get("activity"))
        placed = _place(out, k, end, "ORG")
        if placed is not None:
            out = placed
            taken[k:end] = [True] * (end - k)
    return out


def _company_names(out, norms, words, lex):
    """A company's name goes on over ل + its activity ("شركة مصر لإنتاج الأسمدة"، "وشركة النيل
    للتسويق")."""
    taken = _taken(out, len(norms))
    company = words.get("company_head")
    for idx, (i, j, lab) in enumerate(out):
        if lab == "ORG" and any(v in company for v in _variants(norms[i])):
            end = _company_chain(j, norms, taken, words.get("activity"))
            if end > j:
                out[idx] = (i, end, lab)
                taken[j:end] = [True] * (end - j)
    return out


def _kingdom(out, norms, words, lex):
    """"المملكة" / "السلطنة" standing alone for the country is a place ("زار المملكة"), and so is the
    full name it starts ("المملكة العربية السعودية")."""
    if "kingdom" not in _present(norms, words):
        return out
    n = len(norms)
    taken = _taken(out, n)
    for k in _untagged(taken, norms, words.get("kingdom")):
        end = words.phrase_at("kingdom_tail", norms, k + 1, clitic=False) if k + 1 < n else 0
        if not end or any(taken[k:end]):
            end = k + 1
        out = sorted([*out, (k, end, "LOC")])
    return out


def _media(out, norms, words, lex):
    """A newspaper, agency or channel whose name is also a common word or a place ("سبق"، "الوطن"،
    "الشرق الأوسط") is an ORG as a source: in quotation marks ("لـ«عكاظ»"، "نشرته «سبق»") or opening a
    byline ("عين اليوم – متابعات")."""
    if "media" not in _present(norms, words):
        return out
    n = len(norms)
    for k in range(n):
        end = words.phrase_at("media", norms, k, clitic=False)
        if not end:
            continue
        quoted = k > 0 and norms[k - 1] in _OPEN_QUOTES and end < n and norms[end] in _CLOSE_QUOTES and (
            k == 1 or norms[k - 2] not in _OPEN_QUOTES)
        byline = k == 0 and end < n and norms[end] in _DASHES and norms[end] != ":"  # not "اليوم: …"
        late = False
        if not byline and 0 < k <= _BYLINE_REACH:  # "حاتم العميري- سبق- مكة"، "حنان الحامدي – عين اليوم"، "Next Previous عين اليوم –"
            dash_before = norms[k - 1] in _DASHES and norms[k - 1] != ":"
            dash_after = end < n and norms[end] in _DASHES and (norms[end] != ":" or dash_before)  # "- سبق:"
            latin_before = all(w.isascii() and w.isalpha() for w in norms[:k])
            byline = late = dash_before and (dash_after or end - k >= 2) or dash_after and latin_before
        if not (quoted or byline):
            continue
        same = [s for s in out if s[0] < end and k < s[1]]
        if same and (len(same) > 1 or same[0][:2] != (k, end)):
            continue  # part of a longer name: the model's reading stays
        if late and any(s[2] == "LOC" for s in same):
            continue  # "زيد الخمشي- الرياض- سبق": the dateline's city, the paper after it
        out = sorted([s for s in out if s not in same] + [(k, end, "ORG")])
    return out


def _regional_bodies(out, norms, words, lex):
    """A sector noun before a place is a regional body ("تعليم جازان"، "بصحة القصيم"، "لإدارة طرق
    جازان"); a body that has no name without its place is one ORG with it ("الجوازات بمنطقة مكة
    المكرمة"، "إدارة التعليم بجازان"، "الشؤون الصحية في محافظة الأحساء"، "الشؤون الصحية بالمنطقة")."""
    present = _present(norms, words)
    if "sector" not in present and "department" not in present:
        return out
    n = len(norms)
    sector = words.get("sector")
    by_start = {s[0]: s for s in out}
    for k in range(n - 1):
        loc = by_start.get(k + 1)
        if loc is None or loc[2] != "LOC" or _definite(norms[k]) or not any(v in sector for v in _variants(norms[k])):
            continue
        if any(s[0] <= k < s[1] for s in out):
            continue
        start = k - 1 if k > 0 and _bare_head(norms[k - 1]) == "ORG" and not any(
            s[0] <= k - 1 < s[1] for s in out) else k
        placed = _place(out, start, loc[1], "ORG")
        if placed is not None:
            out = placed
            by_start = {s[0]: s for s in out}
    for k in range(n - 1):
        m = words.phrase_at("department", norms, k)
        if not m or m >= n:
            continue
        end = words.phrase_at("place_word", norms, m, clitic=False)
        if not end:
            at = m + 1 if norms[m] == "في" else m
            loc = by_start.get(at)
            if loc is None or loc[2] != "LOC" or at == m and not norms[m].startswith("ب"):
                continue
            end = loc[1]
        placed = _place(out, k, end, "ORG")
        if placed is not None:
            out = placed
            by_start = {s[0]: s for s in out}
    return out


def _national_bodies(out, norms, words, lex):
    """A national team, league, army or armed forces named by a nationality adjective is an ORG
    ("المنتخب البحريني"، "الدوري الفرنسي لكرة القدم"، "الجيش السوري"، "القوات العراقية")."""
    if "nation_body" not in _present(norms, words):
        return out
    n = len(norms)
    body = words.get("nation_body")
    for k in range(n - 1):
        if norms[k + 1] not in words.nationality or _bare(norms[k]) not in body:
            continue
        if _bare(norms[k]).endswith(("ات", "ه")) != (norms[k + 1] not in words.masc):
            continue  # the adjective agrees: "القوات العراقية"، "الجيش العراقي" (not "والجيش الأفغانية")
        end = words.phrase_at("sport_tail", norms, k + 2, clitic=False) if k + 2 < n else 0
        placed = _place(out, k, end or k + 2, "ORG")
        if placed is not None:
            out = placed
    return out


def _short_forms(out, norms, words, lex):
    """A short form that names one body in news is an ORG ("التحالف" for the coalition, "القاعدة"),
    unless a definite word goes on with it ("القاعدة الجوية") or a demonstrative points at it."""
    if "short_org" not in _present(norms, words):
        return out
    n = len(norms)
    for k in _untagged(_taken(out, n), norms, words.get("short_org")):
        if not (k + 1 < n and chain_word(norms[k + 1]) or k > 0 and norms[k - 1] in _DEMONSTRATIVES):
            out = sorted([*out, (k, k + 1, "ORG")])
    return out


def _gaz(lex: Lexicon, n: str) -> set[str]:
    """Labels of the one-word gazetteer entries of a word (any reading without proclitics)."""
    out: set[str] = set()
    for v in _variants(n):
        out |= lex.gaz_words.get(gaz_key((v,)), set())
    return out


def _company_heads(out, norms, words, lex):
    """An untagged company or society head with a definite chain after it is an ORG, with its
    activity ("شركة المعجل"، "جمعية الأشخاص ذوي الإعاقة"، "شركة النيل للتسويق"): only the heads of
    ``named_head``, whose chain names one body, and never a generic word after it (``not_name_word``)."""
    n = len(norms)
    present = _present(norms, words)
    if "named_head" not in present:
        return out
    taken = _taken(out, n)
    for k in range(n - 1):
        if taken[k] or taken[k + 1] or _definite(norms[k]) or not any(
                v in words.get("named_head") for v in _variants(norms[k])):
            continue
        if lex.counts and lex.counts.get(_bare(norms[k + 1])[2:], 0) < 5:
            continue  # not the article: "شركة ألبسة"
        j = k + 1
        while j < n and not taken[j] and j - k <= MAX_CHAIN and (
                chain_word(norms[j]) and norms[j][1:] not in NOT_CHAIN or norms[j] in words.get("chain_link")) \
                and not head_kind(norms[j]) and norms[j] not in words.get("not_name_word") and norms[j] not in titles():
            j += 1
        if j == k + 1 or norms[j - 1] in words.get("chain_link") or j < n and norms[j] in words.nationality:
            continue  # "شركة الأدوية الأمريكية": a description, not a name
        j = _company_chain(j, norms, taken, words.get("activity"))
        out = sorted([*out, (k, j, "ORG")])
        taken[k:j] = [True] * (j - k)
    return out


def _place_heads(out, norms, words, lex):
    """A part-of-a-place noun before a place is the place's name with it ("ريف حلب"، "مرتفعات عسير"،
    "صعيد مصر"، "فندق بودان"): one LOC."""
    if "place_head" not in _present(norms, words):
        return out
    n = len(norms)
    taken = _taken(out, n)
    for idx, (i, j, lab) in enumerate(out):
        k = i - 1
        if lab == "LOC" and k >= 0 and not taken[k] and not _definite(norms[k]) and head_kind(norms[i]) != "LOC" \
                and any(v in words.get("place_head") for v in _variants(norms[k])) \
                and not (k > 0 and words.phrase_at("not_name", norms, k - 1) > k):  # "على صعيد المملكة"
            out[idx] = (k, j, lab)
            taken[k] = True
    return out


def _split_persons(out, norms, words, lex):
    """A span that runs a place or body on into a person's name after a role is two names ("محافظ
    الأقصر محمد بدر" -> LOC + PER, "الأمين العام لأوبك عبد الله البدري" -> ORG + PER): the cut is
    where a gazetteer place or body is followed by a gazetteer first name and two words or more."""
    if not lex.gaz_words:
        return out
    new = []
    for i, j, lab in out:
        cut = None
        for k in range(i + 1, j - 1):
            w, prev = norms[k], norms[k - 1]
            if _definite(w) or w in words.get("name_link") or "PER" not in _gaz(lex, w) or prev in words.get(
                    "name_within") or k == i + 1 and head_kind(norms[i]):
                continue  # a first name opens the person's part, not after أبو / بني ("حي أبو موسى الأشعري"، "خان بني
                # سعد") nor right after a bare head ("مدينة بلد الوليد")
            before = _gaz(lex, prev)
            if "PER" in before or _bare(prev) in titles() or prev in words.nationality or _bare(norms[i]) in titles() \
                    or not (
                    "ORG" in before or "LOC" in before and (_definite(prev) or head_kind(norms[i]))):
                continue
            cut = k
            break
        if cut is None or lab == "PER" and cut == i + 1 and _definite(norms[i]):
            new.append((i, j, lab))  # "الفارس محمد آل هادي": a definite word before a person's name is a role
            continue
        first = lab if lab != "PER" else ("ORG" if "ORG" in _gaz(lex, norms[cut - 1]) else "LOC")
        new += [(i, cut, first), (cut, j, "PER")]
    return new


def _named_after_person(out, norms, words, lex):
    """A head noun before a person's name is a body or a place named after the person: "مجموعة
    د.سليمان الحبيب الطبية" ORG, "شركة سعد الهداب وأولاده القابضة" ORG, "مدرسة عمر بن الخطاب"
    ORG, "متنزهات الأمير سلطان" LOC, "مسرح عبدالرحمن المريخي" LOC; the name goes on over
    "وأولاده" and definite adjectives."""
    present = _present(norms, words)
    if "person_org_head" not in present and "person_place_head" not in present or not any(
            s[2] == "PER" for s in out):
        return out
    n = len(norms)
    taken = _taken(out, n)
    starts = {s[0]: s for s in out}
    org, loc = words.get("person_org_head"), words.get("person_place_head")
    for k in range(n - 1):
        if taken[k] or _definite(norms[k]):
            continue
        forms = _variants(norms[k])
        kind = "ORG" if any(v in org for v in forms) else "LOC" if any(v in loc for v in forms) else None
        if kind is None:
            continue
        if k > 0 and words.phrase_at("not_name", norms, k - 1) > k:
            continue  # "عن طريق فلان": by way of, no road
        at = k + 1
        while at < min(n, k + 4) and norms[at] in words.get("namesake_title"):
            at += 1  # "متنزهات الأمير سلطان"، "مجموعة د.سليمان الحبيب" (not "مكتب الوزير السفير فلان")
        per = starts.get(at)
        if per is None or per[2] != "PER" or any(taken[k + 1 : at]):
            continue
        end = per[1]
        while end < n and not taken[end] and end - per[1] < 3 and (
                norms[end] in words.get("family") or chain_word(norms[end]) and not norms[end].startswith("وال")
                and norms[end].endswith(("ي", "ه")) and not head_kind(norms[end])):  # adjectives, not "الزائرين"
            end += 1
        placed = _place(out, k, end, kind)
        if placed is not None:
            out = placed
            taken[k:end] = [True] * (end - k)
            starts = {s[0]: s for s in out}
    return out


def _stock_lists(out, norms, words, lex):
    """In a sentence about shares ("أسهم"، "سهم"، "شركات"), the listed companies named bare are ORG
    ("تلتها أسهم الخليج للتدريب والعالمية للتأمين ووفرة"), a place reading of them included
    ("والإنماء طوكيو")."""
    if "stock_cue" not in _present(norms, words):
        return out
    n = len(norms)
    if not any("stock_cue" in words.starts(w, clitic=False) for w in norms):
        return out
    for k in range(n):
        end = words.phrase_at("stock", norms, k, clitic="conj")  # "والإنماء", not "السلامة" for "سلامة"
        if not end:
            continue
        same = [s for s in out if s[0] < end and k < s[1]]
        if same:
            if len(same) == 1 and same[0][0] == k and same[0][2] != "ORG":
                out = sorted([s for s in out if s != same[0]] + [(k, same[0][1], "ORG")])
            continue
        taken = _taken(out, n)
        end = _company_chain(end, norms, taken, words.get("activity"))
        start = k - 1 if k > 0 and not taken[k - 1] and any(
            v in words.get("company_head") for v in _variants(norms[k - 1])) else k  # "شركة الكابلات"
        out = sorted([*out, (start, end, "ORG")])
    return out


def _adjective_places(out, norms, words, lex):
    """A country name that is also a feminine relation adjective is the adjective after a plural
    ("مواقع سورية معارضة"، "من جنسيات سورية"): no entity."""
    plural = words.get("plural_noun")
    return [s for s in out if not (s[1] - s[0] == 1 and s[2] == "LOC" and norms[s[0]] in words.get("nisba_place")
                                   and s[0] > 0 and (norms[s[0] - 1].endswith("ات") or norms[s[0] - 1] in plural))]


def _org_places(out, norms, words, lex):
    """A place span that opens with an institution's head is the institution ("مستشفى العقيق"،
    "ثانوية الملك فهد": ORG, as the conventions tag hospitals and schools)."""
    if "org_place_head" not in _present(norms, words):
        return out
    heads = words.get("org_place_head")
    return [(i, j, "ORG") if lab == "LOC" and j - i >= 2 and any(v in heads for v in _variants(norms[i]))
            else (i, j, lab) for i, j, lab in out]


def _known_places(out, norms, words, lex):
    """Towns, governorates and districts of Saudi Arabia, the Gulf and the Arab countries that the
    model leaves untagged ("المزاحمية"، "بالمخواة"، "ولودر") are LOC: only names that are no common
    word (``town`` in ``ner_news_rules.tsv``), never inside a span, never before a definite chain
    word that would make them part of a longer name."""
    if "town" not in _present(norms, words):
        return out
    n = len(norms)
    taken = _taken(out, n)
    k = 0
    while k < n:
        end = 0 if taken[k] else words.phrase_at("town", norms, k, clitic="conj")
        if end and not any(taken[k:end]):
            start, lab = k, "LOC"  # the heads before it, as the head rules take them ("بلدية محافظة العارضة")
            if start > 0 and not taken[start - 1] and _bare_head(norms[start - 1]) == "LOC":
                start -= 1
            if start > 0 and not taken[start - 1] and _bare_head(norms[start - 1]) == "ORG":
                start, lab = start - 1, "ORG"
            out = sorted([*out, (start, end, lab)])
            taken[start:k] = [True] * (k - start)
            taken[k:end] = [True] * (end - k)
            k = end
            continue
        k += 1
    return out


def _leagues(out, norms, words, lex):
    """League names of the news ("دوري الدرجة الأولى"، "دوري المحترفين"، "الكالتشيو") are ORG, with a
    proclitic ("لدوري المحترفين"); a model span inside one is replaced by it."""
    if "league" not in _present(norms, words):
        return out
    n = len(norms)
    k = 0
    while k < n:
        end = words.phrase_at("league", norms, k)
        if end:
            placed = _place(out, k, end, "ORG")
            if placed is not None:
                out = placed
            k = end
            continue
        k += 1
    return out


def _bare_common(out, norms, words, lex):
    """A name that is also a common noun ("تداول" the exchange, and trading) is an ORG alone only in
    quotation marks or brackets or after a word that names it ("موقع تداول"); elsewhere it is the
    noun ("بنهاية تداول يوم الثلاثاء")."""
    if "quoted_only" not in _present(norms, words):
        return out
    forms, cues = words.get("quoted_only"), words.get("quoted_only_cue")
    n = len(norms)
    keep = []
    for i, j, lab in out:
        if j - i == 1 and lab == "ORG" and _bare(norms[i]) in forms:
            prev, nxt = norms[i - 1] if i else "", norms[j] if j < n else ""
            marked = prev in _OPEN_QUOTES or prev == "(" or nxt in _CLOSE_QUOTES or nxt == ")"
            if not marked and not any(v in cues for v in _variants(prev)):
                continue
        keep.append((i, j, lab))
    return keep


NEWS_STEPS = [_fixed_phrases, _trims, _known_places, _quoted_names, _company_names, _kingdom, _media,
              _regional_bodies, _national_bodies, _short_forms, _company_heads, _place_heads, _split_persons,
              _named_after_person, _stock_lists, _org_places, _leagues, _bare_common]


def apply_news_rules(spans: list[tuple[int, int, str]], norms: list[str], lexicon: Lexicon | None = None,
                     steps=None) -> list[tuple[int, int, str]]:
    """News classes after the model and the head rules, one sentence of normalized words
    (``resources/ner_news_rules.tsv``; every step in ``NEWS_STEPS`` was kept by the news dev split,
    ``benchmarks/results/ner_rules.md``). ``lexicon``: the model's corpus counts and gazetteer."""
    words = news_words()
    out = sorted(spans)
    lexicon = lexicon or _EMPTY
    for step in NEWS_STEPS if steps is None else steps:
        out = step(out, norms, words, lexicon)
    return out


# --- document rules: what a sports report means by a country or a bare club name -----------------


def _sports_report(sentences: list[list[str]], words: _NewsWords, least: int = 4) -> bool:
    """At least ``least`` sports words in the document (``sport`` in ``ner_news_rules.tsv``)."""
    seen = 0
    for norms in sentences:
        for k, w in enumerate(norms):
            if "sport" in words.starts(w) and words.phrase_at("sport", norms, k):
                seen += 1
                if seen >= least:
                    return True
    return False


def _team_context(norms: list[str], k: int, words: _NewsWords) -> bool:
    """Word ``k`` follows a word that makes a country or a club the team: "مدرب المكسيك"، "ضد بنما"،
    "مباراته مع كوستاريكا"، "فاز على بنما"."""
    if k == 0:
        return False
    if any(v in words.get("team_cue") for v in _variants(norms[k - 1])):
        return True
    return k >= 2 and norms[k - 1] in _WITH_ON and any(v in words.get("match_word") for v in _variants(norms[k - 2]))


def _sports_teams(sentences, spans, words):
    """In a sports report, a country after a team word is the team ("مدرب المكسيك"، "ضد بنما") and
    so are its other mentions in the document, except after a place preposition ("في المكسيك"); a
    club written bare ("واصل النصر تدريباته"، "إعارته للخليج") is an ORG."""
    if not _sports_report(sentences, words):
        return spans
    teams = set()
    for norms, sp in zip(sentences, spans, strict=True):
        for i, j, lab in sp:
            if lab == "LOC" and _team_context(norms, i, words) and head_kind(norms[i]) != "LOC":
                teams.add((_bare(norms[i]), *norms[i + 1 : j]))
    clubs = words.get("club")
    out = []
    for norms, sp in zip(sentences, spans, strict=True):
        new = []
        for i, j, lab in sp:
            if lab == "LOC" and (_bare(norms[i]), *norms[i + 1 : j]) in teams and head_kind(norms[i]) != "LOC" and not (
                    i > 0 and norms[i - 1] in _PLACE_PREPS or norms[i].startswith(("بال", "لل", "وبال"))):
                lab = "ORG"
            new.append((i, j, lab))
        n = len(norms)
        for k in _untagged(_taken(new, n), norms, clubs):
            nxt = norms[k + 1] if k + 1 < n else ""
            if (not chain_word(nxt) or _bare(nxt) in clubs) and nxt != _WITH and not (
                    k > 0 and any(v in words.get("not_club_after") for v in _variants(norms[k - 1]))):
                new.append((k, k + 1, "ORG"))
        out.append(sorted(new))
    return out


def _adjective_mentions(sentences, spans, words):
    """``_adjective_places`` after the document's other mentions were tagged like its names ("في
    سورية" … "من جنسيات سورية")."""
    return [_adjective_places(sp, norms, words, _EMPTY) for norms, sp in zip(sentences, spans, strict=True)]


def _group_or_base(sentences, spans, words):
    """"القاعدة" is the group in a document that never writes it as a base or a rule: not after
    "قاعدة" indefinite ("قاعدة إنجرليك") or a definite adjective with it ("القاعدة الجوية")
    anywhere in the document, nor before a definite word or after a demonstrative itself."""
    forms = words.get("group_or_base")
    if not any(_bare(w) in forms for norms in sentences for w in norms):
        return spans
    for norms in sentences:
        for k, w in enumerate(norms):
            indefinite = not _definite(w) and any("ال" + v in forms for v in _variants(w))
            if indefinite or _bare(w) in forms and k + 1 < len(norms) and chain_word(norms[k + 1]) \
                    and norms[k + 1][0] != "و":
                return spans  # "قاعدة إنجرليك"، "القاعدة الجوية": the word is a base here
    out = []
    for norms, sp in zip(sentences, spans, strict=True):
        n = len(norms)
        out.append(sorted([*sp, *((k, k + 1, "ORG") for k in _untagged(_taken(sp, n), norms, forms)
                                  if not (k > 0 and norms[k - 1] in _DEMONSTRATIVES))]))
    return out


DOCUMENT_STEPS = [_sports_teams, _adjective_mentions, _group_or_base]


def apply_document_rules(sentences: list[list[str]], spans: list[list[tuple[int, int, str]]],
                         steps=None) -> list[list[tuple[int, int, str]]]:
    """The document rules (``DOCUMENT_STEPS``) over every sentence's spans of one document."""
    words = news_words()
    for step in DOCUMENT_STEPS if steps is None else steps:
        spans = step(sentences, spans, words)
    return spans
