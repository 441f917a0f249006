"""Detection of temporal expressions over the normalized tokens of a ``Doc``.

Tokens are cut into *pieces* (digit runs, letter runs, single punctuation marks) so that
"1443هـ", "28-نوفمبر" and "20/6/2022" read the same whichever way the tokenizer split them. A small
hand-written grammar reads the pieces left to right and returns ``(first_token, end_token, sem)``
matches where ``sem`` is a dict describing the expression (see :mod:`pipeline.dates.resolve`).
"""

from __future__ import annotations

import re

from spacy.attrs import IS_SPACE, NORM, ORTH

from .lexicon import NUMBER_STARTS, context_words, lookup, number_reader, tables

_PIECE_RE = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
SEPS = {"/", "-", "."}
COMMAS = {",", "،"}
# prepositions before a bare year, an ambiguous month name or a short numeric date
CONTEXT_PREP = context_words("context_prep")
# before a bare year ("في 2012"); "من"/"إلى" are left out: "أكثر من 2000 شخص" is a number
YEAR_PREP = context_words("year_prep")
# words that may follow a bare year in a range ("من 2014 إلى 2018 ثم ...")
AFTER_YEAR = context_words("after_year")
# words that start like a future verb (سـ + ي/ت/ن) and are not one (سياسة، سيطرت)
_FUTURE_NOT = context_words("not_future")
# after a weekday: a reported clause follows ("قال الخميس إنه سيزور"); its future is not the day's
_SPEECH = context_words("speech_complement")
_FUTURE_VERB = context_words("future_verb")


_BY_HASH: dict[int, tuple] = {}
# digits joined by tatweel ("3ـ10ـ1436هـ"): the normalized form drops the tatweel and glues the digits
_TATWEEL_SEP = re.compile(r"(?<=\d)\u0640+(?=\d)")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def _tatweel_pieces(orth: str) -> tuple | None:
    """Pieces of a token whose digits are separated by tatweel, read from the text as written."""
    if "\u0640" not in orth or not _TATWEEL_SEP.search(orth):
        return None
    return _pieces(_TATWEEL_SEP.sub("-", orth.translate(_DIGITS)))


def _pieces(norm: str) -> tuple:
    """(texts, ints, digit counts, first flags, last flags) of the pieces of one normalized token."""
    texts = tuple(_PIECE_RE.findall(norm.replace("\u0640", ""))) or (norm,)  # spaCy keeps "هـ"'s tatweel
    nums = tuple(int(x) if x.isdigit() and x.isascii() else None for x in texts)
    ndig = tuple(len(x) if v is not None else 0 for x, v in zip(texts, nums, strict=True))
    k = len(texts)
    return texts, nums, ndig, (True,) + (False,) * (k - 1), (False,) * (k - 1) + (True,), k


class Pieces:
    """Parallel arrays over the pieces of a doc: text, token index, int value of digit runs."""

    __slots__ = ("text", "tok", "num", "ndig", "first", "last", "brk", "n", "doc")

    def __init__(self, doc):
        self.doc = doc
        text, tok, num, ndig, first, last, brk = [], [], [], [], [], [], []
        strings = doc.vocab.strings
        cache = _BY_HASH
        for i, (h, space, o) in enumerate(doc.to_array([NORM, IS_SPACE, ORTH]).tolist()):
            hit = cache.get(h)
            if hit is None:
                hit = cache[h] = (_pieces(strings[h]), "\n" in strings[h])
                if len(cache) > 300_000:
                    cache.clear()
            if hit[0][1][0] is not None and "\u0640" in strings[o]:  # "3ـ10ـ1436هـ"
                tp = _tatweel_pieces(strings[o])
                if tp is not None:
                    hit = (tp, False)
            if space:
                if hit[1] and text:
                    brk[-1] = True
                continue
            ts, ns, ds, fs, ls, k = hit[0]
            text.extend(ts)
            num.extend(ns)
            ndig.extend(ds)
            first.extend(fs)
            last.extend(ls)
            if k == 1:
                tok.append(i)
                brk.append(False)
            else:
                tok.extend([i] * k)
                brk.extend([False] * k)
        self.text, self.tok, self.num, self.ndig = text, tok, num, ndig
        self.first, self.last, self.brk, self.n = first, last, brk, len(text)


class Parser:
    def __init__(self, doc):
        self.P = Pieces(doc)
        self.n = self.P.n
        self._nw = number_reader()

    # ---------------------------------------------------------------- lexicon helpers
    def w(self, p: int) -> str | None:
        return self.P.text[p] if 0 <= p < self.n else None

    def entries(self, p: int) -> tuple:
        if p >= self.n or self.P.num[p] is not None:
            return ()
        return lookup(self.P.text[p])[0]

    def entries_exact(self, p: int) -> tuple:
        """Entries of the piece as written (no proclitic stripped)."""
        return tuple(tables()[0].get(self.P.text[p], ()))

    def cat(self, p: int, category: str):
        """(end, entry) of the longest entry of ``category`` starting at piece ``p``."""
        if p >= self.n or self.P.num[p] is not None:
            return None
        single, phrases = lookup(self.P.text[p])
        for rest, entry in phrases:
            if entry[0] == category and self._follows(p + 1, rest):
                return p + 1 + len(rest), entry
        for entry in single:
            if entry[0] == category:
                return p + 1, entry
        return None

    def _follows(self, p: int, words: tuple) -> bool:
        if p + len(words) > self.n:
            return False
        for k, wd in enumerate(words):
            if self.P.text[p + k] != wd or self.P.brk[p + k - 1]:
                return False
        return True

    def is_word(self, p: int, *forms: str) -> bool:
        return p < self.n and self.P.text[p] in forms

    def skip_commas(self, p: int) -> int:
        while p < self.n and self.P.text[p] in COMMAS and not self.P.brk[p - 1]:
            p += 1
        return p

    # ---------------------------------------------------------------- numbers
    def number(self, p: int, ordinal: bool | None = None):
        """(end, value, is_ordinal) of a number in digits or words at ``p``."""
        if p >= self.n:
            return None
        v = self.P.num[p]
        if v is not None:
            return (p + 1, v, False) if ordinal is not True else None
        if self.P.text[p] not in NUMBER_STARTS:
            return None
        return self._number_words(p, ordinal)

    def _number_words(self, p: int, ordinal):  # via pipeline.lang.number_words
        T = self.P.text
        if ordinal is not True:
            r = self._nw.read_number(T, p, ratios=False)
            if r and r[1] > p:
                return r[1], r[0], False
            if T[p].startswith("ال") and len(T[p]) > 4:  # "الأيام الثلاثة": a definite cardinal
                r = self._nw.read_number([T[p][2:], *T[p + 1:p + 4]], 0, ratios=False)
                if r and r[0] < 100:
                    return p + r[1], r[0], False
        if ordinal is not False:
            r = self._nw.read_ordinal(T, p)
            w = T[p]
            if r is None and w.endswith(("الحادي", "الحاديه")) and p + 1 < self.n:
                # "الحادي والعشرين" (21st) reads as "الواحد والعشرين"
                fem = w.endswith("ه")
                r = self._nw.read_ordinal([w[:-5 if fem else -4] + ("واحده" if fem else "واحد"), T[p + 1]], 0)
                r = (r[0], p + 2) if r and r[1] == 2 else None
            if r and r[1] > p:
                return r[1], r[0], True
        return None

    def day_number(self, p: int, ordinal_ok: bool = True):
        r = self.number(p)
        if r and 1 <= r[1] <= 31 and r[1] == int(r[1]) and (ordinal_ok or not r[2]):
            if r[2] is False and self.P.num[p] is not None and self.P.ndig[p] > 2:
                return None
            return r
        return None

    # ---------------------------------------------------------------- calendar pieces
    def month(self, p: int):
        """(end, month, calendar, ambiguous) including paired forms "حزيران/يونيو", "يونيو (حزيران)"."""
        r = self.cat(p, "month")
        if not r:
            return None
        w = self.P.text[p]
        if w.startswith(("ال", "وال", "بال", "فال", "لل")) and not any(e[0] == "month" for e in self.entries_exact(p)):
            return None  # "الأب" is not آب
        end, (_, m, cal, amb) = r
        if amb and w == "باب" and not self.entries_exact(p):
            return None  # "من باب المسؤولية": a door, not ب + آب
        # paired forms
        r2 = self.cat(end, "month") if end < self.n and not self.P.brk[end - 1] else None
        if r2 and r2[1][1] == m and r2[1][2] == cal:  # "مارس آذار"
            return r2[0], m, cal, False
        if end < self.n and self.P.text[end] in ("/", "(", "-"):
            r2 = self.cat(end + 1, "month")
            if r2 and r2[1][1] == m and r2[1][2] == cal:
                e2 = r2[0]
                if self.P.text[end] == "(":
                    if e2 < self.n and self.P.text[e2] == ")":
                        return e2 + 1, m, cal, False
                else:
                    return e2, m, cal, False
        return end, m, cal, amb

    def era(self, p: int):
        r = self.cat(p, "era")
        return (r[0], r[1][1]) if r else None

    def year(self, p: int, bare: bool = True, words: bool = False):
        """(end, year, calendar or None) of a year number with an optional era mark."""
        if p >= self.n:
            return None
        v = self.P.num[p]
        if v is not None:
            nd = self.P.ndig[p]
            if not (nd == 4 or (not bare and nd in (3, 4))):
                e = self.era(p + 1) if nd in (2, 3) else None
                if not e or (e[1] == "gregorian" and self.P.text[p + 1] == "م"):
                    return None  # "568 ميلادية", "450 ق.م", "950 هـ" are years; "500 م" may be metres
                return e[0], v, e[1]
            if p + 1 < self.n and self.P.text[p + 1] in SEPS and self.P.num[min(p + 2, self.n - 1)] is not None \
                    and p + 2 < self.n and (self.P.text[p + 1] != "-" or self._glued(p, p + 1)):
                return None  # part of a numeric date, a decimal or "1435 / 1436هـ" (not "2016 - 2016/01/22")
            end, cal = p + 1, None
            e = self.era(end)
            if e:
                end, cal = e
            return end, v, cal
        if words:
            r = self.number(p, ordinal=False)
            if r and r[0] > p + 1 or (r and r[1] >= 1000):
                end, val = r[0], r[1]
                if val < 100 and r[0] < self.n:  # "تسعة عشر تسعة وتسعون" = 19|99
                    r2 = self.number(r[0], ordinal=False)
                    if r2 and r2[1] < 100 and 10 <= val <= 20:
                        end, val = r2[0], val * 100 + r2[1]
                if val >= 100 and val == int(val):
                    e = self.era(end)
                    cal = None
                    if e:
                        end, cal = e
                    return end, int(val), cal
        return None

    def year_part(self, p: int):
        """Year after a month or a day: ``[،] [من] [عام] 2016 [م]`` -> (end, year, calendar)."""
        q = self.skip_commas(p)
        if self.is_word(q, "من"):
            q += 1
        yw = self.cat(q, "yearword")
        if yw and yw[1][1] == 1:
            r = self.year(yw[0], bare=False, words=True)
            if r:
                return r
        return self.year(q, bare=True, words=q > p or True)

    def _glued(self, p: int, q: int) -> bool:
        """Pieces p..q written without a space between them ("22-4", "15/4")."""
        doc, t0, t1 = self.P.doc, self.P.tok[p], self.P.tok[q]
        return all(not doc[i].whitespace_ for i in range(t0, t1))

    def _year_ctx(self, p: int) -> bool:
        return p > 0 and not self.P.brk[p - 1] and self.P.text[p - 1] in YEAR_PREP

    def _ctx_before(self, p: int) -> bool:
        if p == 0 or self.P.brk[p - 1]:
            return False
        w = self.P.text[p - 1]
        return w in CONTEXT_PREP or (w[:1] in "وفب" and w[1:] in CONTEXT_PREP)

    # ---------------------------------------------------------------- tense
    def future(self, p: int, end: int) -> bool:
        """A future marker near the expression (سوف، سـ + verb) in the same sentence."""
        doc = self.P.doc
        t0, t1 = self.P.tok[p], self.P.tok[end - 1]
        lo = max(0, t0 - 10)
        wd = None
        for i in range(t0 - 1, lo - 1, -1):
            t = doc[i]
            if t.text in (".", "!", "?", "؟") or "\n" in t.text:
                break
            if _is_future(t):
                return True
            if i >= t0 - 3 and t.norm_ in _FUTURE_VERB:  # "الذي يقام مساء السبت": a weekday to come
                if wd is None:
                    wd = any(e[0] == "wd" for q in range(p, end) for e in lookup(self.P.text[q])[0])
                if wd:
                    return True
        for i in range(t1 + 1, min(len(doc), t1 + 4)):
            if doc[i].norm_ in _SPEECH:
                break
            if _is_future(doc[i]):
                return True
        return False


def _is_future(tok) -> bool:
    n = tok.norm_
    if n in ("سوف", "وسوف", "المرتقب", "المقرر", "المنتظر"):
        return True
    raw = tok.text
    if raw.startswith(("سأ", "وسأ", "فسأ")):
        return True
    if n[:1] in "وف" and len(n) > 5:
        n = n[1:]
    return len(n) >= 5 and n[0] == "س" and n[1] in "يتن" and n not in _FUTURE_NOT
