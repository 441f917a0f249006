"""Numbers stage: quantities in ``doc.spans["numbers"]``.

The component ``numbers`` runs after ``dates`` and finds cardinals, ordinals, fractions, percentages,
money and ranges with :mod:`pipeline.lang.number_words` (the reader of digits and number words). Each span
is token-aligned and carries the columns of ``records.SCHEMA["numbers"]``:

- ``value`` (float; a range's lower bound), ``value_max`` (a range's upper bound),
- ``kind``: cardinal | ordinal | fraction | percent | money | range | ordinal_from_end |
  ordinal_relative. The last two are relative ordinals (``resources/relative_ordinals.tsv``):
  ordinal_from_end counts from the end ("الأخير" 1, "قبل الأخير" 2, "آخر جملة" 1), ordinal_relative
  is an offset from the current item ("التالي" +1, "السابق" -1, "الحالي" 0); read only where they
  place an item of an ordered sequence ("المرحلة التالية", "الجولة قبل الأخيرة", "أرني التالي";
  ``resources/relative_ordinal_context.tsv``), never "الرئيس السابق", "وقال الأخير", "العام المقبل",
- ``unit``: the counted noun that follows, as written ("110 دولة" -> "دولة"); for money the ISO 4217
  code ("1.5 مليار دولار" -> USD; a bare دينار or ليرة keeps the word, its country being unknown);
  "%" for percentages,
- ``modifier``: approx | more_than | less_than | at_least | at_most | up_to | equal, from the words
  around the number ("أكثر من 100 تعهد" -> 100, more_than; "يساوي 20" -> equal); a phrase before
  and one after combine ("أقل من 5000 أو يساوي" -> at_most, see :func:`modifier_extent`).

What the span covers: the number itself (digits, words, scales), a percent sign or words ("15 في
المائة"), a negative word ("سالب"), and for ranges the range words ("بين 10 و20", "من 5 إلى 7",
"أكثر من 10 وأقل من 20").
The counted noun, the currency word and the modifier words stay outside the span (they are in
``unit`` and ``modifier``); a currency sign written before digits ("$20") too. One exception: a
percentage written with "نسبة" and no percent sign ("نسبة ١٠") starts its span at "نسبة".

Not quantities, hence skipped: tokens inside a ``doc.spans["dates"]`` span, numbers after an
identifier word ("رؤية 2030", "رقم الهاتف", "كوفيد 19"), phone numbers and runs of 9 or more bare
digits (identifiers), clock times ("الساعة 10"),
dimensions ("1366 × 768"), digit groups glued by periods that are no number ("١٩٢.١٦٨.١.٢"), and years (a bare integer 1900-2099 without a currency, a percent sign
or a bound modifier, or any number after "عام").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import schema  # noqa: F401  (extension attributes)
from ..lang.normalize import clitic_variants, normalize
from ..lang.number_words import (
    NEGATIVE,
    is_definite_noun,
    lexicons,
    parse_digits,
    read_number,
    read_ordinal,
    undefine,
)
from ..resources import rows

_CLITIC_DIGITS = re.compile(r"^(?:[وفبلك]{1,2}|[وفبلك]?ال)(?=[+-]?\d)")
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TILDE = re.compile(r"^(\d+(?:[.,]\d+)?)~(\d+(?:[.,]\d+)?)$")
_AR_WORD = re.compile(r"^[\u0621-\u064a\u0671-\u06d3]+$")
PERCENT_AFTER = {"%": 1, "بالمئه": 1, "بالمائه": 1}
PERCENT_WORDS = ("المئه", "المائه")
DIMENSION = {"×", "x", "X"}
def _context_words(role: str) -> frozenset[str]:
    """Normalized forms of one role of ``number_context.tsv``."""
    return frozenset(normalize(word) for word, r in rows("number_context.tsv") if r == role)


VAGUE = _context_words("vague")
LONE_ONE = _context_words("lone_one")


@lru_cache(maxsize=1)
def _data():
    context: dict[str, set[str]] = {}
    for word, role in rows("number_context.tsv"):
        context.setdefault(role, set()).add(normalize(word))
    mods: dict[str, list[tuple[tuple[str, ...], str]]] = {"before": [], "after": []}
    for phrase, mod, pos in rows("number_modifiers.tsv"):
        mods[pos].append((tuple(normalize(w) for w in phrase.split(" ")), mod))
    for pos in mods:
        mods[pos].sort(key=lambda x: -len(x[0]))
    cur_forms: dict[str, str] = {}
    codes: dict[tuple[str, str], str] = {}
    symbols: dict[str, str] = {}
    for cols in rows("currencies.tsv"):
        if cols[0] == "word":
            for form in cols[2].split(","):
                cur_forms[normalize(form)] = cols[1]
        elif cols[0] == "code":
            codes[(cols[1], cols[2])] = cols[3]
        elif cols[0] == "symbol":
            symbols[cols[1]] = cols[3]
    relative: dict[str, tuple[str, float, str]] = {}
    for form, kind, value, cls in rows("relative_ordinals.tsv"):
        relative[normalize(form)] = (kind, float(value), cls)
    words, fractions, ordinals = lexicons()
    starts = set(words) | set(fractions) | {"ال" + o for o in ordinals} | {o[1:] for o in ordinals if o[0] == "#"}
    starts |= {c + s for s in list(starts) for c in "وفبلك"}
    starts |= {p + w for w in list(words) + list(ordinals) for p in ("ال", "وال", "بال", "فال", "لل", "كال")}
    starts |= {"ال" + f for f in fractions}
    starts |= set(NEGATIVE) | {"بين", "من", "جزء", "اجزاء", "ما"} | context.get("percent_before", set())
    starts |= {"ومن", "وبين"}
    starts |= {o for o, (v, _) in ordinals.items() if o.endswith("ه") and 3 <= v <= 10}  # "صفقة خامسة"
    starts |= {c + w for w in context.get("construct_ordinal", ()) for c in ("", "و", "ف")}
    starts |= set(relative) | {c + w for w in relative for c in "وف" if relative[w][2] == "word"}
    _RELATIVE.update(relative)
    for form, role in rows("relative_ordinal_context.tsv"):
        _RELATIVE_CONTEXT.setdefault(role, set()).add(normalize(form))
    return context, mods, cur_forms, codes, symbols, frozenset(starts)


_RELATIVE: dict[str, tuple[str, float, str]] = {}  # relative_ordinals.tsv, filled by _data()
_RELATIVE_CONTEXT: dict[str, set[str]] = {}  # relative_ordinal_context.tsv: role -> forms


def _adjective(norm: str) -> str:
    a = norm[2:] if norm.startswith("ال") else norm
    return a[:-1] if a.endswith(("يه", "يا")) else a  # كويتية, أردنيًا -> كويتي, اردني


@lru_cache(maxsize=1)
def _subunits() -> dict[str, tuple[float, str]]:
    """currencies.tsv ``subunit`` lines: form -> (share of the currency, ISO code)."""
    out = {}
    for cols in rows("currencies.tsv"):
        if cols[0] == "subunit":
            for form in cols[1].split(","):
                out[normalize(form)] = (float(cols[2]), cols[3])
    return out


def currency(norms: list[str], i: int) -> tuple[str, int] | None:
    """(ISO code or the bare word's lemma, end) for a currency word at ``i``."""
    _, _, forms, codes, _, _ = _data()
    if i >= len(norms):
        return None
    lemma = forms.get(norms[i])
    if lemma is None:
        return None
    if i + 1 < len(norms):
        adj = _adjective(norms[i + 1])
        if (lemma, adj) in codes:
            return codes[(lemma, adj)], i + 2
        two = adj + " " + _adjective(norms[i + 2]) if i + 2 < len(norms) else ""
        if (lemma, two) in codes:
            return codes[(lemma, two)], i + 3
    code = codes.get((lemma, "-"), "-")
    return (code if code != "-" else ""), i + 1


def modifier_before(norms: list[str], i: int) -> tuple[str, int] | None:
    """(modifier, start token) of the approximation or bound phrase ending right before token ``i``."""
    _, mods, _, _, _, _ = _data()
    for phrase, mod in mods["before"]:
        k = len(phrase)
        if i - k < 0:
            continue
        got = norms[i - k:i]
        first = got[0]
        if tuple(got[1:]) != phrase[1:]:
            continue
        if first == phrase[0] or (len(first) > 1 and first[0] in "وبلف" and first[1:] == phrase[0]):
            if len(phrase) == 1 and phrase[0] in "<>" and i - 2 >= 0 and norms[i - 2] in ("=", "<", ">"):
                continue  # "<>30" (not equal), "=>30": not a bound
            return mod, i - k
    return None


def modifier_after(norms: list[str], j: int) -> tuple[str, int] | None:
    """(modifier, end token) of a bound phrase starting at token ``j`` ("أو أكثر", "تقريبا")."""
    _, mods, _, _, _, _ = _data()
    for phrase, mod in mods["after"]:
        if tuple(norms[j:j + len(phrase)]) == phrase:
            k = j + len(phrase)
            nxt = norms[k] if k < len(norms) else ""
            if phrase[-1] in _COMPARATIVES and (nxt == "من" or nxt[:1].isdigit() or nxt in lexicons()[0]
                                                 or nxt in lexicons()[1]):
                continue  # "5000 أو أقل من 6000", "أكثر من 5000 أو يساوي 6000": a bound of the next number
            return mod, k
    return None


_COMPARATIVES = frozenset({"اكثر", "اقل", "اكبر", "اصغر", "واكثر", "واقل", "فاكثر", "فاقل", "يساوي", "تساوي", "من"})
BOUND_OR_EQUAL = {"more_than": "at_least", "less_than": "at_most"}


def modifier_extent(norms: list[str], start: int, after: int) -> tuple[str, int, int] | None:
    """The modifier of the number spanning tokens ``start`` .. ``after`` (``after``: the token after
    the number or its counted noun), with the tokens its phrases cover: ``(modifier, first, end)``.
    A phrase before and one after combine: "أقل من 5000 أو يساوي" -> at_most, "يساوي 5000 أو أقل"
    -> at_most, "حوالي 500 أو أقل" -> at_most (a bound wins over approx and equal)."""
    b = modifier_before(norms, start)
    a = modifier_after(norms, after)
    if a is not None and a[0] == "or_equal":
        if b is None or b[0] not in BOUND_OR_EQUAL:
            a = None
        else:
            return BOUND_OR_EQUAL[b[0]], b[1], a[1]
    if a is None:
        return (b[0], b[1], start) if b is not None else None
    if b is None or b[0] in ("approx",):
        return a[0], start, a[1]
    if b[0] == "equal":
        return a[0], b[1], a[1]
    return b[0], b[1], start


def _percent_end(norms: list[str], j: int) -> int | None:
    n = len(norms)
    if j < n and norms[j] in PERCENT_AFTER:
        return j + 1
    if j + 1 < n and norms[j] == "في" and norms[j + 1] in PERCENT_WORDS:
        return j + 2
    return None


def _unit(doc: Doc, norms: list[str], j: int, blocked: set[int]) -> str | None:
    context = _data()[0]
    if j >= len(norms) or j in blocked:
        return None
    w = norms[j]
    if not _AR_WORD.match(w) or w.startswith(("ال", "بال", "لل", "وال", "فال", "كال")) \
            or w in context.get("not_unit", ()):
        return None
    if w.startswith("و") and w not in context.get("unit_with_waw", ()):
        return None  # "1-3 وليس": a conjunction starts another clause
    words, fractions, _ = lexicons()
    if w in words or w in fractions:
        return None
    return doc[j].text


def _is_year(norms: list[str], i: int, end: int, value: float) -> bool:
    return end == i + 1 and len(norms[i]) == 4 and norms[i].isdigit() and 1900 <= value <= 2099


def _counted_after(doc, norms: list[str], j: int, blocked: set[int]) -> bool:
    """"2027 شخصا": an indefinite accusative noun after four digits is what they count (no year)."""
    return j < len(norms) and len(norms[j]) > 3 and norms[j].endswith("ا") and norms[j][0] not in "بلفكو" \
        and _unit(doc, norms, j, blocked) is not None  # not "2018 بروسيا"، "2019 فيما"


def _phone_like(norm: str) -> bool:
    """Phone numbers and identifiers: "+966…", "0501234567", and any run of 9+ bare digits (large
    quantities are written with separators or scale words: "1,414,021,100", "281 مليون")."""
    if norm.startswith("+") and norm[1:2].isdigit():
        return True
    return norm.isdigit() and (len(norm) >= 9 or (len(norm) >= 8 and norm.startswith("0")))


class _View:
    """The tokens of a Doc without the extra-space tokens ("مائة  وخمسون" with two spaces), so a
    number reads across them; positions map back to Doc tokens when a Span is made."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.idx = [t.i for t in doc if not (t.is_space and "\n" not in t.text)]
        self.pct: set[int] = set()  # tokens holding digits and their percent sign

    def __getitem__(self, k: int):
        return self.doc[self.idx[k]]

    def __len__(self) -> int:
        return len(self.idx)

    def span(self, start: int, end: int) -> Span:
        return Span(self.doc, self.idx[start], self.idx[end - 1] + 1, label="NUMBER")


def find_numbers(doc: Doc) -> list[Span]:
    """The number spans of ``doc`` (see the module doc), in text order, never overlapping."""
    context, _, _, _, symbols, starts = _data()
    full = doc
    doc = _View(full)
    norms = [doc[k].norm_ for k in range(len(doc))]
    dropped = set(range(len(full))) - set(doc.idx)
    ws = [t.whitespace_ or (" " if t.i + 1 in dropped else "") for t in (doc[k] for k in range(len(doc)))]
    for k, w in enumerate(norms):  # "ب20", "ال192": read the digits, keep the whole token in the span
        if w and w[-1] in _BIDI and w[0].isdigit():  # "١٠٠٪" + U+061C: the mark is no part of the number
            norms[k] = w = w.rstrip(_BIDI)
        if w and not w[0].isdigit() and len(w) > 1:
            m = _CLITIC_DIGITS.match(w)
            if m:
                norms[k] = w[m.end():]
        if len(w) > 1 and w.endswith("%") and w[0].isdigit():  # "١٠٠٪" + a bidi mark: one token
            norms[k] = w[:-1]
            doc.pct.add(k)
    blocked: set[int] = set()
    if "dates" in full.spans:
        opener = context.get("counted_date_opener", ())
        claimed = set()
        for sp in full.spans["dates"]:
            if sp._.kind == "duration" and sp._.value is None:
                continue  # "بين 38 و50 عاما": the bounds of an amount between two counts are a range here
            ks = range(sp.start, sp.end)
            if sp._.kind == "relative" and full[sp.start].norm_ in opener:
                # "قبل حوالى عشرة أيام"، "أول ستة أشهر من السنة": the count of units is a number too
                ks = [k for k in ks if not (k > sp.start and full[k].norm_ and _is_number_word(full[k].norm_))]
            claimed.update(ks)
        blocked = {k for k, t in enumerate(doc.idx) if t in claimed}
    ident = context.get("identifier_before", set())
    years = context.get("year_before", set())
    not_number = context.get("not_number", set())
    name_after = context.get("name_after", set())
    n = len(doc)
    out: list[Span] = []
    i = 0
    while i < n:
        w = norms[i]
        if i in blocked or not w or not (w in starts or w[0].isdigit() or (w[0] in "+-.," and w[1:2].isdigit())) \
                or w in not_number:
            i += 1
            continue
        prev = norms[i - 1] if i else ""
        chain = _dotted_chain(norms, ws, i)
        if chain > i + 1 or _phone_like(w) or (prev in ident and w not in _OPENERS and w not in _RELATIVE
                                                and i not in doc.pct
                                                and _percent_end(norms, i + 1) is None):
            i = max(i + 1, chain)
            while i < n and (norms[i][:1].isdigit() or norms[i] in ("-", "/")) and ws[i - 1] in ("", " "):
                i += 1
            continue
        if _list_marker(norms, i, context):
            i += 1
            continue
        if not w[0].isdigit() and i + 1 < n and norms[i + 1] in name_after:
            i += 1  # "فريق النهضة الأول لكرة القدم" (the senior team), "وست هام": part of a name
            continue
        if _index_name(norms, i, context):
            i += 1  # "مؤشر فايننشال تايمز 100": the number names the index
            continue
        if _score(norms, ws, i, context):
            i += 3  # "بهزيمة 7-6": a score (conventions), not two quantities
            continue
        found = _read_at(doc, norms, ws, i, blocked, years)
        if found is None:
            i += 1
            continue
        span, end = found
        if span is not None:
            out.append(span)
        i = max(end, i + 1)
    return _join_bounds(full, out)


_OPENERS = frozenset({"بين", "وبين", "ما", "من", "ومن"})


def _score(norms: list[str], ws: list[str], i: int, context: dict) -> bool:
    """"فاز 2-1"، "بهزيمة محبطة 7-6": two small numbers glued by a dash a few words after a result word."""
    if not (norms[i].isdigit() and i + 2 < len(norms) and norms[i + 1] in ("-", "–") and norms[i + 2].isdigit()
            and ws[i] == "" and ws[i + 1] == "" and int(norms[i]) <= 30 and int(norms[i + 2]) <= 30):
        return False
    words = context.get("score_before", ())
    return any(v in words for k in range(max(0, i - 3), i) for v in clitic_variants(norms[k]))


def _index_name(norms: list[str], i: int, context: dict) -> bool:
    """"مؤشر فايننشال تايمز 100"، "ومؤشر كاك 40 الفرنسي": whole digits one to four words after an index
    noun (index_before), only words between, the last without the article (a transliterated name), and
    no points or percent after (index_after: "مؤشر السوق 120 نقطة" is a change), name the index."""
    w = norms[i]
    if not w.isdigit() or len(w) > 4 or (i + 1 < len(norms) and (
            norms[i + 1] in context.get("index_after", ()) or norms[i + 1][:1].isdigit()
            or norms[i + 1] in (".", ",", "٫"))):
        return False
    before = context.get("index_before", ())
    if i == 0 or norms[i - 1].startswith("ال"):
        return False  # "مؤشر مديري المشتريات 51": a reading of an index named in Arabic words
    for k in range(i - 1, max(-1, i - 6), -1):
        if not _AR_WORD.match(norms[k]):
            return False
        if any(v in before for v in clitic_variants(norms[k])):
            return k < i - 1
    return False


def _list_marker(norms: list[str], i: int, context: dict) -> bool:
    """"1 – غلاء المهور": one or two digits at the start of a line or after a full stop or colon,
    then a dash or a bracket and a word, number a list item."""
    w = norms[i]
    if not (w.isdigit() and len(w) <= 2) or i + 2 >= len(norms):
        return False
    if i and norms[i - 1].strip() and norms[i - 1] not in context.get("list_before", ()):
        return False
    return norms[i + 1] in context.get("list_after", ()) and norms[i + 2][:1].isalpha()


def _dotted_chain(norms: list[str], ws: list[str], i: int) -> int:
    """The end of an identifier written as digit groups glued by periods ("١٩٢.١٦٨.١.٢", an IP
    address or "5.17.2018" split by the tokenizer), or ``i`` when the tokens at ``i`` are not one."""
    n = len(norms)
    if not norms[i][:1].isdigit() or i + 2 >= n or norms[i + 1] != "." or ws[i] != "":
        return i
    k, text = i, norms[i]
    while k + 2 < n and norms[k + 1] == "." and ws[k] == "" and ws[k + 1] == "" and norms[k + 2][:1].isdigit():
        text += "." + norms[k + 2]
        k += 2
    if k == i or text.count(".") < 2 or parse_digits(text) is not None:
        return i
    return k + 1


LOWER = ("more_than", "at_least")
UPPER = ("less_than", "at_most", "up_to")


def _join_bounds(doc: Doc, spans: list[Span]) -> list[Span]:
    """"أكثر من 10 وأقل من 20" -> one range (10, 20) whose span holds both bound phrases."""
    if len(spans) < 2:
        return spans
    norms = [t.norm_ for t in doc]
    out: list[Span] = []
    k = 0
    while k < len(spans):
        a = spans[k]
        b = spans[k + 1] if k + 1 < len(spans) else None
        merged = None
        if b is not None and a._.kind in ("cardinal", "money", "percent", "fraction") and (
                b._.kind == a._.kind or {a._.kind, b._.kind} == {"cardinal", "fraction"}):
            ma, mb = modifier_before(norms, a.start), modifier_before(norms, b.start)
            pair = (a._.modifier, b._.modifier)
            if ma and mb and ((pair[0] in LOWER and pair[1] in UPPER) or (pair[0] in UPPER and pair[1] in LOWER)):
                gap = [t for t in doc[a.end:mb[1]] if not t.is_space]
                glued = not gap and norms[mb[1]].startswith("و")
                lo, hi = (a._.value, b._.value) if pair[0] in LOWER else (b._.value, a._.value)
                if lo < hi and (glued or (len(gap) == 1 and gap[0].norm_ == "و")):
                    merged = _make(_View(doc), 0, 0, lo, hi, "range", b._.unit or a._.unit, None, (ma[1], b.end))
        if merged is not None:
            out.append(merged)
            k += 2
        else:
            out.append(a)
            k += 1
    return out


def _clip(end: int, start: int, blocked: set[int]) -> int:
    for k in range(start, end):
        if k in blocked:
            return k
    return end


_UNHANDLED = object()  # _opened_range: no range opener at this token


class _Skip(NamedTuple):
    """What ``_read_at`` returns for a number that is not a quantity: ``None`` or ``(None, end)``."""

    result: tuple | None


def _read_at(doc, norms, ws, i, blocked, years):
    """A span starting at token ``i`` (or ``(None, end)`` to skip a non-quantity), or None.

    Phases: a range with an opener; a percent word before the number; the number (or an ordinal);
    what is not a quantity (``_quantity``); percent (``_percent``); a range without an opener; a
    year or an amount of money."""
    found = _opened_range(doc, norms, ws, i, blocked)
    if found is not _UNHANDLED:
        return found
    context = _data()[0]
    symbols = _data()[4]
    n = len(norms)
    w = norms[i]
    start = i
    pct_prefix = None
    if w in context.get("percent_before", ()) and i + 1 < n:
        pct_prefix = i
        i += 1
    tilde = _TILDE.match(w)
    if tilde and pct_prefix is None:  # "٢٠~١٠٠": one token (the tokenizer keeps the tilde)
        lo, hi = parse_digits(tilde.group(1)), parse_digits(tilde.group(2))
        if lo is not None and hi is not None and lo < hi:
            return _finish(doc, norms, i, i + 1, lo, hi, "range", blocked, i), i + 1
    bracketed = _bracketed_scale(doc, norms, i)
    if bracketed is not None:  # "(150) ألف ريال"، "«12» مليوناً": one number, the brackets in the span
        start, r = i - 1, bracketed
    else:
        r = read_number(norms, i, ws)
        if r is not None and r[1] == i + 1 and _lone_accusative_scale(doc, norms, i):
            r = (r[0] / 2, r[1])  # "بلغت ألفاً": one thousand, not the dual construct "ألفا دولار"
    if r is None and pct_prefix is None:
        r = _definite_number(norms, i)
    if r is None:
        return None if pct_prefix is not None else _ordinal_at(doc, norms, i, blocked)
    found = _quantity(doc, norms, ws, start, i, r, blocked)
    if isinstance(found, _Skip):
        return found.result
    value, end, kind = found
    kind, start, end = _percent(doc, norms, ws, i, start, end, kind, pct_prefix, blocked)
    if kind == "cardinal":
        rng = _unopened_range(doc, norms, ws, i, start, end, value, blocked)
        if rng is not None:
            return rng
    prev = norms[start - 1] if start else ""
    cur = currency(norms, end) if kind == "cardinal" else None
    if kind == "cardinal" and cur is None and start > 0 and doc[start - 1].text in symbols:
        cur = (symbols[doc[start - 1].text], end)
    if kind == "cardinal" and cur is None and (
            (prev in years and _is_digit_start(norms[i]))
            or (_is_year(norms, i, end, value) and modifier_before(norms, start) is None
                and not _counted_after(doc, norms, end, blocked))):
        return None, end  # a year: the dates stage's business
    return _finish(doc, norms, start, end, value, None, kind, blocked, i), end


_OPEN_CLOSE = {"(": ")", "«": "»", '"': '"', "“": "”"}


def _bracketed_scale(doc, norms, i):
    """``(value, end)`` of digits in brackets or guillemets before a scale word at token ``i``:
    "(150) ألف" = 150000, "«12» مليوناً" = 12000000 (the accusative after a number is one scale)."""
    if i == 0 or i + 2 >= len(norms) or not _is_digit_start(norms[i]):
        return None
    close = _OPEN_CLOSE.get(doc[i - 1].text)
    if close is None or doc[i + 1].text != close:
        return None
    v = parse_digits(norms[i])
    hit = lexicons()[0].get(norms[i + 2])
    if v is None or hit is None or hit[1] not in ("scale", "scale_acc"):
        return None
    return v * hit[0], i + 3


def _lone_accusative_scale(doc, norms, i) -> bool:
    """A scale word in the accusative standing alone ("بلغت ألفاً"، "صدت ألفا من المحاولات") counts one
    scale; before the noun it counts ("مليونا دولار") it is the dual construct."""
    hit = lexicons()[0].get(norms[i])
    if hit is None or hit[1] != "scale_acc":
        return False
    if "\u064b" in doc[i].text:  # the tanween of the accusative singular: "ألفاً"
        return True
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    return not nxt or not nxt[0].isalpha() or nxt in ("من", "او", "و")


def _opened_range(doc, norms, ws, i, blocked):
    """Ranges: بين X و Y, ما بين X و Y, من X إلى Y; ``_UNHANDLED`` when token ``i`` opens none."""
    n = len(norms)
    w = norms[i]
    opener = 0
    if w in ("بين", "وبين", "من", "ومن"):
        opener = 1
    elif w == "ما" and i + 1 < n and norms[i + 1] == "بين":
        opener = 2
    if opener:
        rng = _range(doc, norms, ws, i, i + opener, blocked, "بين" in norms[i:i + opener] or w == "وبين")
        if rng is not None:
            return rng
        if w in ("بين", "وبين", "ما", "من", "ومن"):
            return None
    return _UNHANDLED


def _ordinal_at(doc, norms, i, blocked):
    """No cardinal at token ``i``: an ordinal, a relative ordinal, or nothing."""
    context = _data()[0]
    o = read_ordinal(norms, i)
    if o is None:
        o = _construct_ordinal(doc, norms, i, context)
    if o is None:
        o = _indefinite_ordinal(norms, i, context)
    if o is None:
        return _relative(doc, norms, i, blocked)
    prev = norms[i - 1] if i else ""
    if prev in context.get("not_ordinal_before", ()) or prev in context.get("time_before", ()):
        return None, o[1]  # "كانون الثاني", "الساعة السادسة"
    if i > 1 and not norms[i - 1].startswith("ال") and any(
            v in context.get("regnal_title", ()) for v in clitic_variants(norms[i - 2])):
        return None, o[1]  # "الملك عبدالله الثاني": a regnal number, part of the name
    if i > 1 and any(v + " " + prev in context.get("name_before", ()) for v in clitic_variants(norms[i - 2])):
        return None, o[1]  # "دوري الدرجة الأولى": a fixed name (conventions)
    if prev == "في" and i > 1 and norms[i - 2] in context.get("rate_unit", ()):
        return None, o[1]  # "جيجا بت في الثانية": per second
    if norms[i] in context.get("preliminary", ()) and doc[i].text.endswith("ي") and i > 0 \
            and not doc[i - 1].text.endswith(("ة", "ه")):
        return None, o[1]  # "التقرير الأولي": preliminary (not "المرحلة الأولي", not "الأولى")
    end = _clip(o[1], i, blocked)
    if end == i:
        return None
    return _make(doc, i, end, o[0], None, "ordinal", None, None), end


def _indefinite_ordinal(norms, i, context) -> tuple[float, int] | None:
    """"صفقة خامسة"، "مرة ثالثة": a feminine ordinal without the article after the indefinite feminine noun
    it qualifies (3rd to 10th; not ثانية, also a second of time; not_indefinite_ordinal)."""
    w = norms[i]
    if i == 0 or not w.endswith("ه") or w in context.get("not_indefinite_ordinal", ()):
        return None
    _, _, ordinals = lexicons()
    hit = ordinals.get(w)
    prev = norms[i - 1]
    if hit is None or not 3 <= hit[0] <= 10 or not prev.endswith("ه") or prev.startswith(("ال", "وال", "بال", "لل")) \
            or _is_number_word(prev) or (i + 1 < len(norms) and norms[i + 1] in context.get("not_indefinite_ordinal", ())):
        return None
    return hit[0], i + 1


def _construct_ordinal(doc, norms, i, context) -> tuple[float, int] | None:
    """"ثاني أكبر مستهلك"، "خامس خسائره"، "وأولى ضرباتها": an ordinal without the article governing
    the next word (number_context.tsv: construct_ordinal, not_construct_after)."""
    w = norms[i]
    forms = context.get("construct_ordinal", ())
    if w not in forms:
        w = w[1:] if len(w) > 3 and w[0] in "وف" else ""
        if w not in forms:
            return None
    if i + 1 >= len(norms) or (i and norms[i - 1] in ("ال", "آل")):
        return None
    nxt = norms[i + 1]
    if not nxt[:1].isalpha() or nxt in context.get("not_unit", ()) or nxt in context.get("not_construct_after", ()):
        return None
    if w == "اولي" and not (nxt.startswith("ال") or doc[i + 1].text.endswith(("ه", "ها", "هم", "هما"))):
        return None  # "أولى بالرعاية": more deserving
    o = read_ordinal(["ال" + w], 0)
    return (o[0], i + 1) if o else None


def _quantity(doc, norms, ws, start, i, r, blocked) -> tuple[float, int, str] | _Skip:
    """The number ``r`` read at token ``i``, cut at the blocked tokens: ``(value, end, kind)`` with
    kind cardinal or fraction, or ``_Skip`` when it is not a quantity (a vague plural, a pronoun,
    part of a code, a semi-final, a dimension, a clock time, a word of a quoted title)."""
    context = _data()[0]
    n = len(norms)
    kind = "cardinal"
    value: float
    value, end = r
    if end == i + 1 and norms[i] in VAGUE:
        return _Skip((None, end))  # "ملايين الدولارات", "آلاف المهاجرين": no number
    if end == i + 1 and norms[i] in ("واحد", "واحده") and i > 0 and norms[i - 1] in context.get("not_number_before", ()):
        return _Skip(None)  # "أي واحد", "كل واحد": a pronoun
    if end == i + 1 and doc[i].text.lstrip("وف")[:1] in ("أ", "إ") and norms[i] in ("واحد", "فاحد"):
        return _Skip(None)  # "وأحد علاجاتها": و + أحد (one of), not "واحد" (one); the normalized forms are one
    if end == i + 1 and norms[i] in ("واحد", "واحده", "واحدا") and end + 1 < n and norms[end] == "من" \
            and norms[end + 1] in context.get("one_of_after", ()):
        return _Skip(None)  # "واحدة من أهم البطولات": one of (conventions: no count)
    if end < n and ws[end - 1] == "" and doc[end].text[:1].isalpha() and norms[end] not in PERCENT_AFTER:
        return _Skip((None, end))  # "1M", "5G", "3D": part of a code
    if end + 1 < n and norms[end] in context.get("score_noun", ()) and norms[end + 1] in context.get("score_after", ()):
        return _Skip((None, end))  # "فاز بأربعة أهداف دون رد"، "بثلاثة أهداف مقابل هدفين": a score (conventions)
    end = _clip(end, i, blocked)
    if end == i:
        return _Skip(None)
    if end != r[1]:
        r2 = read_number(norms[:end], i, ws[:end])
        if r2 is None:
            return _Skip(None)
        value, end = r2
    if not float(value).is_integer() and (
            (not _is_digit_start(norms[i]) and _is_fraction_only(norms, i, end))
            or any(t in ("من", "علي", "جزء", "اجزاء") for t in norms[i:end]) or "/" in "".join(norms[i:end])):
        kind = "fraction"
    if kind == "fraction" and end < n and norms[end] in context.get("not_fraction_after", ()):
        return _Skip((None, end))  # "نصف النهائي", "ربع النهائي": semi-final, quarter-final
    if (i > 0 and norms[i - 1] in DIMENSION) or (end < n and norms[end] in DIMENSION):
        return _Skip((None, end))  # 1366 × 768: a dimension or a model name
    if (i > 0 and norms[i - 1] in context.get("time_before", ())) or (
            end < n and norms[end] in context.get("time_after", ())):
        return _Skip((None, end))  # "الساعة 10", "8 صباحا": a clock time
    if start > 0 and doc[start - 1].text == "«" and ws[start - 1] == "" and not _is_digit_start(norms[i]) \
            and end == i + 1:
        return _Skip((None, end))  # «وست سايد»: a word of a quoted title
    return value, end, kind


def _percent(doc, norms, ws, i, start, end, kind, pct_prefix, blocked) -> tuple[str, int, int]:
    """A percent sign or word around the number: (kind, start, end)."""
    pend = _percent_end(norms, end)
    if end - 1 in doc.pct:
        kind, start = "percent", i
    elif pend is not None and not any(k in blocked for k in range(end, pend)):
        kind, end, start = "percent", pend, i
    elif i > 0 and norms[i - 1] == "%" and ws[i - 1] == "" and _is_digit_start(norms[i]):
        kind, start = "percent", i - 1  # "%27": the sign typed before the digits
    elif pct_prefix is not None:
        if _unit(doc, norms, end, blocked) is not None or currency(norms, end) is not None:
            start = i  # "بنسبة 0.8 بوصة": a ratio of something else
        else:
            kind = "percent"
            start = pct_prefix if norms[pct_prefix] in ("نسبه", "بالمئه", "بالمائه", "النسبه") else i
    return kind, start, end


def _unopened_range(doc, norms, ws, i, start, end, value, blocked):
    """A range written without an opener: "20 إلى 100", "1000 - 5000"; ``(span, end)`` or None."""
    n = len(norms)
    if end + 1 < n and norms[end] in ("الي", "-", "–", "~") and end + 1 not in blocked:
        r2 = read_number(norms, end + 1, ws, ratios=False)
        lo_v = _lower_bound(norms, value, r2[0], r2[1]) if r2 else value
        if r2 is not None and r2[0] > lo_v and not _is_year(norms, i, end, value):
            hi_end = _clip(r2[1], end + 1, blocked)
            # "1-3" with nothing counted after it is a score, not a range; no score reaches a thousand
            counted = _percent_end(norms, hi_end) is not None or currency(norms, hi_end) is not None \
                or _unit(doc, norms, hi_end, blocked) is not None or norms[end] not in ("-", "–") \
                or lo_v >= 1000
            if hi_end == r2[1] and counted:
                span = _finish(doc, norms, start, hi_end, lo_v, r2[0], "range", blocked, i)
                return span, hi_end
    return None


BOUNDS = ("more_than", "less_than", "at_least", "at_most")


def _definite_number(norms: list[str], i: int) -> tuple[float, int] | None:
    """A number word with the article read as a cardinal or fraction: after a bound ("فوق الثلاثين",
    "أكثر من النصف"), and a hundred or scale word standing alone ("المائة", "تجاوز المليون"; after a
    definite noun it is an ordinal, "الكتاب المئة", and "في المائة" is a percent word)."""
    w = norms[i]
    if not w.startswith("ال") or len(w) < 4:
        return None
    bare = w[2:]
    words, fractions, _ = lexicons()
    hit = words.get(bare)
    m = modifier_before(norms, i)
    if m is not None and m[0] in BOUNDS:
        frac = fractions.get(bare)
        if frac is not None and frac[1] in ("single", "dual") and frac[2] == "-":
            return frac[0], i + 1
        if hit is not None and hit[1] in ("zero", "unit", "ten", "hundred", "hundreds", "scale", "scale_dual"):
            return _read_undefined(norms, i)  # "تحت الصفر", "فوق الستين"
        return None
    prev = norms[i - 1] if i else ""
    if prev[:1] == "و" and prev[1:] in fractions:
        prev = prev[1:]
    if hit is not None and hit[1] in ("hundred", "scale", "scale_dual") and bare not in VAGUE \
            and prev not in ("في", *fractions):
        o = read_ordinal(norms, i)
        if o is None or o[1] == i + 1:  # "المائة والخامس والعشرون" is an ordinal
            r = _read_undefined(norms, i)
            # after a definite noun it is an ordinal ("الكتاب المئة") unless indefinite number words
            # continue it ("عدد الزوار المليون ومائتين ألف")
            if r[1] > i + 1 or not is_definite_noun(prev):
                return r
    if hit is not None and hit[1] == "unit" and hit[0] >= 3 and read_ordinal(norms, i) is None and (
            is_definite_noun(prev) or (len(prev) > 4 and prev.endswith(tuple(_data()[0].get("possessed_plural_end", ()))))):
        return _read_undefined(norms, i)  # "المواسم الثلاثة"، "الأشهر الستة"، "أبنائي الثلاثة": a count after its noun
    return None


def _read_undefined(norms: list[str], i: int) -> tuple[float, int]:
    """The number at ``i`` read with the article taken off its words: "الخمسة والعشرين ألف" = 25000,
    "المليون ومائتين وثمانين ألف" = 1280000."""
    window = [undefine(x) for x in norms[i:i + 12]]
    r = read_number(window, 0, ratios=False)
    return r[0], i + r[1]


_SENTENCE_START = frozenset({"", ".", "!", "?", ":", "«", '"', "(", "-", "\n"})


_QUOTES = frozenset({'"', "«", "“", "'"})


def _item_noun(w: str) -> bool:
    """``w`` is a noun of an ordered item (relative_ordinal_context.tsv), with or without the
    article and a proclitic ("والمرحله", "للجوله", "صفحه")."""
    items = _RELATIVE_CONTEXT.get("item", ())
    return any((v[2:] if v.startswith("ال") else v) in items for v in clitic_variants(w))


def _is_number_word(w: str) -> bool:
    words, _, ordinals = lexicons()
    bare = undefine(w)
    return w[:1].isdigit() or bare in words or w in words or bare in ordinals or ("#" + bare) in ordinals \
        or (bare[:1] == "و" and (bare[1:] in words or bare[1:] in ordinals))


def _positional(norms: list[str], i: int) -> bool:
    """The relative ordinal at ``i`` gives a position: it follows the noun of an ordered item
    (number words between them skipped: "الكتب الثلاثة التالية", "الجولة الثالثة والأخيرة"), or
    stands alone after a word of relative_ordinal_context.tsv's ``alone`` role (a quotation mark
    between them allowed).
    Not after a person, role or time noun ("الرئيس السابق", "العام المقبل"), nor "في السابق"."""
    k = i - 1
    while k >= 0 and i - k <= 3 and _is_number_word(norms[k]):
        k -= 1
    if k < 0:
        return False
    if _item_noun(norms[k]):
        return True
    k = i - 1
    if k > 0 and norms[k] in _QUOTES:
        k -= 1  # 'هل تعني "التالي"'; a quotation mark alone is not enough: '"فيفا" السابق', 'وأضاف "المقبل"'
    return k >= 0 and norms[k] in _RELATIVE_CONTEXT.get("alone", ())


def _relative(doc, norms: list[str], i: int, blocked: set[int]):
    """A relative ordinal at ``i`` (relative_ordinals.tsv): "الأخير" (ordinal_from_end 1), "قبل
    الأخير" (2), "التالي" (ordinal_relative +1), "السابق" (-1), "الحالي" (0), a bare "آخر" before
    the noun it governs ("آخر جملة"); or None. Only where it places an item of an ordered sequence
    (:func:`_positional`; "آخر" before an item noun: "آخر مباراة", "آخر 3 جولات")."""
    w = norms[i]
    rel = _RELATIVE.get(w)
    if rel is None and len(w) > 4 and w[0] in "وف" and w[1:3] == "ال":
        rel = _RELATIVE.get(w[1:])
    if rel is None:
        return None
    kind, value, cls = rel
    n = len(norms)
    end = i + 1
    if cls == "before":
        nxt = _RELATIVE.get(norms[i + 1]) if i + 1 < n and i + 1 not in blocked else None
        if nxt is None or nxt[2] != "word" or nxt[0] != "ordinal_from_end":
            return None
        if not (_positional(norms, i) or i == 0 or norms[i - 1] in _SENTENCE_START):
            return None  # "وصل قبل الأخير": before the latter
        value, end = nxt[1] + value, i + 2
    elif cls == "bare":
        # آخِر "last" governs the noun after it (an ordered item: "آخر جملة", "آخر 3 مباريات");
        # آخَر "another" follows its noun ("مصدر آخر")
        nxt = norms[i + 1] if i + 1 < n else ""
        if nxt[:1].isdigit():
            nxt = norms[i + 2] if i + 2 < n else ""
        if not (_AR_WORD.match(nxt) and _item_noun(nxt)):
            return None
    elif not _positional(norms, i):
        return None
    return _make(doc, i, end, value, None, kind, None, None), end


def _is_digit_start(w: str) -> bool:
    return w[:1].isdigit() or (w[:1] in "+-" and w[1:2].isdigit())


def _is_fraction_only(norms, i, end) -> bool:
    fractions = lexicons()[1]
    words = lexicons()[0]
    toks = norms[i:end]
    return any(t in fractions or t[1:] in fractions or t[2:] in fractions for t in toks) and not any(
        t in words and words[t][1] in ("scale", "scale_acc", "dozen") for t in toks)


def _lower_bound(norms, lo_v: float, hi_v: float, hi_end: int) -> float:
    """"بين 10 و20 مليون", "200 إلى 300 ألف": the lower bound takes the scale of the upper one."""
    words = lexicons()[0]
    last = norms[hi_end - 1]
    if last in words and words[last][1] in ("scale", "scale_acc"):
        scale = words[last][0]
        if lo_v < scale and lo_v < hi_v / scale * 10:
            return lo_v * scale
    return lo_v


def _range(doc, norms, ws, i, j, blocked, between: bool):
    n = len(norms)
    lo = read_number(norms, j, ws, ratios=False) or read_ordinal(norms, j)
    if lo is None or any(k in blocked for k in range(i, lo[1])):
        return None
    k = lo[1]
    if k >= n:
        return None
    first_cur = None
    if between:
        cur = currency(norms, k)
        if cur and cur[1] < n and norms[cur[1]].startswith("و") and not any(x in blocked for x in range(k, cur[1])):
            first_cur, k = cur[0], cur[1]  # "بين 100 ألف ريال ومليون ريال": the currency after each bound
        if norms[k] == "و":
            k += 1
        elif norms[k] in ("الي", "حتي"):  # "بين 200 إلى 300"
            k += 1
        elif not (norms[k].startswith("و") and len(norms[k]) > 1):
            # "بين خمسة وعشرين": the reader took both; split at the last و
            cut = next((x for x in range(lo[1] - 1, j, -1) if norms[x].startswith("و")), None)
            if cut is None:
                return None
            lo = read_number(norms[:cut], j, ws[:cut], ratios=False)
            if lo is None or lo[1] != cut:
                return None
            k = cut + 1 if norms[cut] == "و" else cut
    else:
        if norms[k] not in ("الي", "حتي", "-", "–"):
            return None
        k += 1
    hi = read_number(norms, k, ws, ratios=False) or (read_ordinal(norms, k) if between else None)
    if hi is None or any(x in blocked for x in range(k, hi[1])):
        return None
    if first_cur is not None and (currency(norms, hi[1]) or ("?",))[0] != first_cur:
        return None  # "بين 100 ريال و50 دولارا": two amounts, no range
    lo_v, hi_v = _lower_bound(norms, lo[0], hi[0], hi[1]), hi[0]
    if hi_v < lo_v:
        return None
    return _finish(doc, norms, i, hi[1], lo_v, hi_v, "range", blocked, j), hi[1]


def _finish(doc, norms, start, end, value, value_max, kind, blocked, num_start) -> Span:
    unit = None
    pend = _percent_end(norms, end)
    if pend is not None and not any(k in blocked for k in range(end, pend)):
        end = pend
        unit = "%"
    elif kind == "percent":
        unit = "%"
    elif kind in ("cardinal", "range") and end < len(norms) and norms[end] in _subunits():
        share, unit = _subunits()[norms[end]]  # "35 سنتا": 0.35 USD
        value, kind = value * share, "money" if kind == "cardinal" else kind
        value_max = value_max * share if value_max is not None else None
    else:
        cur = currency(norms, end)
        if cur is not None:
            unit = cur[0] or doc[end].text
            kind = "money" if kind in ("cardinal", "fraction") else kind
        else:
            symbols = _data()[4]
            if start > 0 and doc[start - 1].text in symbols and kind == "cardinal":
                unit, kind = symbols[doc[start - 1].text], "money"
            elif not (end - num_start == 1 and norms[num_start] in LONE_ONE):
                unit = _unit(doc, norms, end, blocked)
    after = end + (1 if unit and kind not in ("percent",) and end < len(norms) and doc[end].text == unit else 0)
    ext = modifier_extent(norms, start, after)
    return _make(doc, start, end, value, value_max, kind, unit, ext[0] if ext else None)


def _make(doc, start, end, value, value_max, kind, unit, mod, doc_range=None) -> Span:
    span = doc.span(start, end) if doc_range is None else Span(doc.doc, *doc_range, label="NUMBER")
    span._.value = float(f"{value:.12g}")  # 268.4 * 10^6 -> 268400000, not 268399999.99999997
    span._.value_max = float(f"{value_max:.12g}") if value_max is not None else None
    span._.kind = kind
    span._.unit = unit
    span._.modifier = mod
    return span


@Language.component("numbers")
def numbers_component(doc: Doc) -> Doc:
    """Fill ``doc.spans["numbers"]`` (after the dates stage, whose spans are never repeated)."""
    doc.spans["numbers"] = find_numbers(doc)
    return doc
