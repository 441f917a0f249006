"""Read Arabic numbers from normalized tokens: a pure module, no spaCy objects.

Entry points (stable; the dates stage imports ``read_number`` for "ثلاثة أيام", "أربع سنوات"):

``read_number(norms, i, ws=None, ratios=True) -> (value, end) | None``
    Read the cardinal (or fraction) that starts at token ``i`` of ``norms`` (a sequence of
    ``token.norm_`` values, see :func:`pipeline.lang.normalize.normalize`). ``end`` is the index one past
    the last token of the number; ``value`` a float. ``None`` when no number starts at ``i``.
    Handles digits (the norms already map Arabic-Indic and Persian digits and ٫ ٬ to ASCII), decimal
    and thousands separators ("1,234,567", "20.000 شخص" = 20000, "1.5"), space-grouped thousands
    ("1 414 021 100"), number words with compounds ("ثلاثة آلاف وخمسمائة", "مائتان وواحد وثمانون"),
    masculine/feminine forms, case endings, duals ("ألفين", "مليونا"), teens ("ستة عشر"), digits
    with scales ("281 مليون", "1.5 مليار", "2 مليون 300 ألف"), fractions ("نصف", "ثلاثة أرباع",
    "مليون ونصف", "نصف مليون"), ratios ("واحد من ثلاثة", "1 على 3", "جزء من مئة") and negatives
    ("سالب خمسة"). ``ws`` (optional) holds each token's trailing whitespace (``token.whitespace_``):
    with it, digit groups glued by an Arabic comma ("١،٢٣٤،٥٦٧") and fractions split by the
    tokenizer ("٣/٤") are joined; without it they are not. ``ratios=False`` (used inside ranges and
    by the dates stage) leaves "X على Y" / "واحد من Y" unread as ratios.

``read_ordinal(norms, i) -> (value, end) | None``
    Definite ordinals: "الأول", "الثانية", "الحادي عشر", "الخامس والعشرون", "العشرين", and the bare
    "أول". Relative ordinals ("الأخير", "التالي") are not read here: the numbers stage reads them from
    ``resources/relative_ordinals.tsv``.

``is_definite_noun(w)``, ``undefine(w)``
    Whether a norm carries the article (not "الي", "الذي"); the norm without it ("والعشرون" -> "وعشرون").

``parse_digits(text, next_norm=None) -> float | None``
    The value of one token of digits (``norm_`` form), or None.

The vocabulary is data: ``resources/number_words.tsv``, ``fractions.tsv`` and ``ordinals.tsv``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from ..resources import rows
from .normalize import normalize

NEGATIVE = frozenset({"سالب", "ناقص"})
TEEN = frozenset({"عشر", "عشره"})
PART = frozenset({"جزء", "اجزاء"})
RATIO = frozenset({"من", "علي"})
POINT = frozenset({"فاصله", "فاصل"})
_SCALES = ("hundred", "scale", "scale_acc", "scale_dual")
CLITICS = "وفبلك"

_NUM = r"(?:\d+(?:[.,]\d+)*|[.,]\d+)"
_DIGITS_RE = re.compile(rf"^([+-]?)({_NUM})$")
_RA_RE = re.compile(r"^(\d+)ر(\d+)$")
_EXP_RE = re.compile(rf"^([+-]?)({_NUM})(?:e([+-]?\d+)|\^([+-]*)({_NUM}))$")
_SLASH_RE = re.compile(r"^([+-]?)(\d+)/(\d+)$")
_GLUE_RE = re.compile(r"^[\d.,^+\-e/]+$")
_SPACES = (" ", "\u202f", "\u00a0", "\u2009")
_THREE_DEC = re.compile(r"^\d{3}(?:[.,]\d+)?$")
_GROUP = re.compile(r"^\d+(?:[.,]\d+)?$")
_AR_LETTER = re.compile(r"^[\u0621-\u064a]")


@lru_cache(maxsize=1)
def lexicons() -> tuple[dict, dict, dict]:
    """(number words, fractions, ordinals) as ``normalized form -> (value, class[, flag])``, loaded once."""
    words = {}
    for form, value, cls in rows("number_words.tsv"):
        words[normalize(form)] = (float(value), cls)
    fractions = {}
    for form, value, cls, flag in rows("fractions.tsv"):
        fractions[normalize(form)] = (float(value), cls, flag)
    ordinals: dict[str, tuple[float, str]] = {}
    for form, value, cls in rows("ordinals.tsv"):
        key = normalize(form) if cls != "bare" else "#" + normalize(form)
        ordinals[key] = (float(value), cls)
    return words, fractions, ordinals


# --- digits ---------------------------------------------------------------------------------------


def _plain(num: str, next_norm: str | None) -> float | None:
    if "," in num and "." in num:
        dec = max(num.rfind(","), num.rfind("."))
        return float(num[:dec].replace(",", "").replace(".", "") + "." + num[dec + 1:])
    for sep in (",", "."):
        if sep not in num:
            continue
        groups = num.split(sep)
        if len(groups) > 2:
            if all(len(g) == 3 for g in groups[1:]) and 0 < len(groups[0]) <= 3:
                return float("".join(groups))
            return None  # 192.168.1.2: not one number
        head, tail = groups
        thousands = len(tail) == 3 and head not in ("", "0") and len(head) <= 3
        if thousands and sep == ".":
            # "20.000 شخص": three decimals before a count noun are a thousands separator
            thousands = bool(next_norm) and bool(_AR_LETTER.match(next_norm)) and not _is_scale_or_percent(next_norm)
        if thousands:
            return float(head + tail)
        return float((head or "0") + "." + tail)
    return float(num)


def _is_scale_or_percent(w: str) -> bool:
    words, fractions, _ = lexicons()
    if w in words or w in fractions:
        return True
    return w in ("في", "بالمئه", "بالمائه", "%")


def parse_digits(text: str, next_norm: str | None = None) -> float | None:
    """Value of one digits token in ``norm_`` form ("1,234", "-9.2", "1.5", "20.000", "1e10",
    "2.5^-1", "3/4"); ``next_norm`` is the following token, which decides "20.000 شخص" = 20000."""
    m = _DIGITS_RE.match(text)
    if m:
        v = _plain(m.group(2), next_norm)
        return None if v is None else (-v if m.group(1) == "-" else v)
    m = _EXP_RE.match(text)
    if m:
        base = _plain(m.group(2), None)
        if base is None:
            return None
        if m.group(3) is not None:
            v = base * 10 ** int(m.group(3))
        else:
            exp = _plain(m.group(5), None)
            if exp is None:
                return None
            try:
                v = base ** (-exp if m.group(4).count("-") % 2 else exp)  # "^--23" = "^23"
            except (OverflowError, ZeroDivisionError):
                return None
        return -v if m.group(1) == "-" else v
    m = _RA_RE.match(text)
    if m:  # the old decimal sign ر, shown in reverse order: "5ر15" is 15.5, "88ر0" is 0.88
        return float(f"{m.group(2)}.{m.group(1)}")
    m = _SLASH_RE.match(text)
    if m and 0 < int(m.group(2)) < int(m.group(3)):
        v = int(m.group(2)) / int(m.group(3))
        return -v if m.group(1) == "-" else v
    return None


def _glued(ws: Sequence[str] | None, j: int) -> bool:
    return ws is not None and ws[j] == ""


def _read_digits(norms: Sequence[str], j: int, ws: Sequence[str] | None) -> tuple[float, int] | None:
    """Digits at ``j``, joining glued Arabic-comma groups, space groups and "2 1/4"."""
    n = len(norms)
    w = norms[j]
    if not w or not (w[0].isdigit() or (len(w) > 1 and w[0] in "+-.,")):
        return None
    nxt = norms[j + 1] if j + 1 < n else None
    after_slash = ws is not None and j >= 1 and norms[j - 1] == "/" and _glued(ws, j - 1)
    # glued pieces: 1 ، 234 ، 567 (the tokenizer splits the Arabic comma) and 3 / 4
    if ws is not None and w.lstrip("+-").isdigit() and nxt in (",", "/") and _glued(ws, j) and j + 2 < n \
            and _glued(ws, j + 1):
        if nxt == "," and _GROUP.match(norms[j + 2]):
            k, s = j, w
            while k + 2 < n and norms[k + 1] == "," and _glued(ws, k) and _glued(ws, k + 1) and _GROUP.match(norms[k + 2]):
                g = norms[k + 2]
                k += 2
                if not _THREE_DEC.match(g):
                    s += "." + g  # a decimal comma: 25799,52
                    break
                s += g
            v = parse_digits(s, norms[k + 1] if k + 1 < n else None)
            if v is not None:
                return v, k + 1
        elif nxt == "/" and norms[j + 2].isdigit() and not after_slash \
                and not (j + 3 < n and norms[j + 3] == "/" and _glued(ws, j + 2)):
            den = int(norms[j + 2])
            if den:
                return int(w) / den, j + 3
    if after_slash and w.isdigit():
        return float(w), j + 1  # 5/17/2018: pieces of a date, read one by one
    if ws is not None and nxt == "^" and _glued(ws, j):
        k, s = j, w
        while k + 1 < n and _glued(ws, k) and _GLUE_RE.match(norms[k + 1]):
            s += norms[k + 1]
            k += 1
        v = parse_digits(s)
        if v is not None:
            return v, k + 1
    v = parse_digits(w, nxt)
    if v is None:
        return None
    end = j + 1
    # space-grouped thousands: 1 414 021 100 (also with narrow no-break spaces, split as tokens)
    if w.isdigit() and len(w) <= 3:
        k, s = j + 1, w
        while True:
            if k < n and _THREE_DEC.match(norms[k]) and (ws is None or ws[k - 1] == " "):
                gap = 0
            elif k + 1 < n and norms[k] in _SPACES and _THREE_DEC.match(norms[k + 1]) and ws is not None \
                    and ws[k - 1] == "" and ws[k] == "":
                gap = 1
            else:
                break
            s += norms[k + gap]
            k += gap + 1
            if "." in s or "," in s:
                break
        if k > j + 1:
            v2 = parse_digits(s)
            if v2 is not None:
                return v2, k
    # mixed fraction: 2 1/4, -1 4/5
    if w.lstrip("+-").isdigit() and end < n and (ws is None or ws[j] == " "):
        f = None
        if _SLASH_RE.match(norms[end]):
            f, fend = parse_digits(norms[end]), end + 1
        elif ws is not None and end + 2 < n and norms[end].isdigit() and norms[end + 1] == "/" \
                and _glued(ws, end) and _glued(ws, end + 1) and norms[end + 2].isdigit():
            num, den = int(norms[end]), int(norms[end + 2])
            f, fend = (num / den if 0 < num < den else None), end + 3
        if f is not None:
            return (v - f if w.startswith("-") else v + f), fend
    return v, end


# --- words ----------------------------------------------------------------------------------------


def _word(w: str) -> tuple[float, str] | None:
    return lexicons()[0].get(w)


def _fraction(w: str) -> tuple[float, str, str] | None:
    return lexicons()[1].get(w)


def _strip_conj(w: str) -> str | None:
    """``w`` without a leading conjunction و when the rest is a number word or digits."""
    if len(w) > 1 and w[0] == "و" and w not in lexicons()[0]:
        rest = w[1:]
        if rest in lexicons()[0] or rest in lexicons()[1] or rest in PART or rest[0].isdigit():
            return rest
    return None


def _first_word(norms: Sequence[str], j: int) -> tuple[float, str, int] | None:
    """A number word starting a number at ``j`` (a proclitic is allowed: "بألفين")."""
    w = norms[j]
    nxt = norms[j + 1] if j + 1 < len(norms) else ""
    for form in (w, w[1:] if len(w) > 2 and w[0] in CLITICS else None):
        if not form:
            continue
        hit = _word(form)
        frac = _fraction(form)
        if frac is not None and (hit is None or (frac[2] == "ambiguous" and nxt.startswith("ال"))):
            if frac[2] == "numerator_only" or frac[1] == "plural":
                return None
            if form != w and w[0] == "و" and not (_word(nxt) and _word(nxt)[1] in ("scale", "scale_acc")):
                return None  # "متر ونصف": the half of a measure, not a number on its own
            return frac[0], "fraction", j + 1
        if hit is not None:
            value, cls = hit
            if cls == "teen_unit" and nxt not in TEEN:
                return None
            return value, cls, j + 1
        if form in PART and nxt == "من":
            return 1.0, "part", j + 1
    return None


def _denominator(norms: Sequence[str], j: int, ws) -> tuple[float, int] | None:
    r = read_number(norms, j, ws, ratios=False)
    if r is None or r[0] == 0:
        return None
    return r


def read_number(norms: Sequence[str], i: int, ws: Sequence[str] | None = None,
                ratios: bool = True) -> tuple[float, int] | None:
    """The number starting at token ``i``: ``(value, end)`` or ``None`` (see the module doc)."""
    n = len(norms)
    if i >= n:
        return None
    sign, j = 1.0, i
    if norms[i] in NEGATIVE and i + 1 < n:
        sign, j = -1.0, i + 1
    d = _read_digits(norms, j, ws)
    if d is not None:
        value, j = d
        st = _State(value, "digits")
    else:
        first = _first_word(norms, j)
        if first is None:
            return None
        value, cls, j = first
        if cls == "zero":
            return 0.0, j
        if cls == "part":
            den = _denominator(norms, j + 1, ws) if j + 1 < n and not norms[j + 1][:1].isdigit() else None
            return (sign / den[0], den[1]) if den else None
        if cls == "fraction" and j < n and norms[j].startswith("ال"):
            # "خمس العشرين", "ربع المليون": a fraction of the definite number after it
            of = _word(norms[j][2:])
            if of is not None and of[1] in ("unit", "ten", "hundred", "hundreds", "scale", "scale_dual"):
                whole = read_number([norms[j][2:], *norms[j + 1:j + 8]], 0, ratios=False)
                if whole is not None:
                    return sign * value * whole[0], j + whole[1]
        st = _State(value, cls)
    r = _continue(norms, j, st, ws, ratios)
    return sign * r[0], r[1]


class _State:
    """The number read so far: ``total`` (scale parts) + ``group`` (below the last scale)."""

    __slots__ = ("total", "total_place", "group", "group_place", "last", "last_unit", "conj_unit",
                 "conj_seen", "tail", "frac", "checkpoint")

    def __init__(self, value: float, cls: str) -> None:
        self.total, self.total_place = 0.0, math.inf
        self.group, self.group_place = 0.0, math.inf
        self.last = "scale" if cls.startswith(("scale", "dozen")) else cls
        self.last_unit = cls in ("unit", "teen_unit")
        self.conj_unit = 0.0  # a unit joined by و just before (the numerator of "وثلاثة أخماس")
        self.conj_seen = False
        self.tail = 0.0  # what و added since the last hundred or scale ("مائتان وثلاثة جزء من مائة")
        self.frac = 0.0
        self.checkpoint = None
        if cls in ("scale", "dozen"):
            self.total, self.total_place = value, value
        elif cls == "scale_acc":
            self.total, self.total_place = 2 * value, value
        elif cls in ("scale_dual", "dozen_dual"):
            self.total, self.total_place = value, value / 2
        elif cls == "fraction":
            self.frac = value
        else:
            self.group = value
            self.group_place = {"ten": 10.0, "hundred": 100.0, "hundreds": 100.0}.get(cls, 1.0)

    def value(self) -> float:
        return self.total + self.group + self.frac

    def place(self) -> float:
        return self.group_place if self.group else self.total_place


# one step of _continue: ("go", end) read on from end, ("stop", end) the number ends at end,
# ("done", (value, end)) the number is read
_GO, _STOP, _DONE = "go", "stop", "done"


def _continue(norms: Sequence[str], j: int, st: _State, ws, ratios: bool) -> tuple[float, int]:
    """Read on from word ``j`` of a number whose start is in ``st``: each next word either joins
    it bare (a teen, hundreds, a scale, a fraction, a decimal point, digits after a scale; see
    ``_bare_step``) or after و (``_joined_step``); returns (value, end)."""
    n = len(norms)
    end = j
    while j < n:
        w = norms[j]
        if w == "و" and j + 1 < n:
            conj, k, x = True, j + 1, norms[j + 1]
        else:
            rest = _strip_conj(w)
            conj, k, x = (True, j, rest) if rest is not None else (False, j, w)
        kind, out = _step(norms, k, x, conj, st, ws, ratios, end)
        if kind == _DONE:
            return out
        end = out
        if kind == _STOP:
            break
        j = end
    return st.value(), end


def _step(norms: Sequence[str], k: int, x: str, conj: bool, st: _State, ws, ratios: bool, end: int):
    words, fractions, _ = lexicons()
    hit = words.get(x)
    frac = fractions.get(x)
    nxt = norms[k + 1] if k + 1 < len(norms) else ""
    cur = st.value()
    if st.frac and not (hit and hit[1] in ("scale", "dozen", "scale_acc") and not conj and not st.group and not st.total):
        return _STOP, end
    if not conj:
        return _bare_step(norms, k, x, hit, frac, nxt, cur, st, ws, ratios, end)
    return _joined_step(norms, k, x, hit, frac, nxt, cur, st, ws, end)


def _bare_step(norms, k, x, hit, frac, nxt, cur, st: _State, ws, ratios: bool, end: int):
    """The next word without و: a teen, hundreds, a scale, a fraction, part of, a ratio, a
    decimal point, digits after a scale."""
    words = lexicons()[0]
    if x in TEEN and st.last in ("unit", "teen_unit") and (st.conj_unit or st.group) < 10:
        st.group += 10
        st.tail += 10
        st.last, st.last_unit, st.conj_unit = "teen", False, 0.0
    elif hit and hit[1] == "hundred" and st.group_place < 100 and (
            0 < st.group < 100 or (st.last == "digits" and st.group.is_integer() and st.group > 0)):
        st.group *= 100
        st.group_place, st.last, st.last_unit, st.tail, st.conj_unit = 100.0, "hundreds", False, 0.0, 0.0
    elif hit and hit[1] in ("scale", "dozen", "scale_acc"):
        scale = hit[0]
        if st.frac and not st.group and not st.total:
            st.total, st.total_place, st.frac = st.frac * scale, scale, 0.0
        elif st.group:
            if st.total and scale > st.total_place and cur < scale and not st.frac:
                # "ثلاثة آلاف وخمسمائة مليون" = 3500 million: the scale counts the whole number
                st.total, st.total_place, st.group, st.group_place = cur * scale, scale, 0.0, math.inf
                st.last, st.last_unit, st.tail, st.conj_unit = "scale", False, 0.0, 0.0
                return _GO, k + 1
            if scale >= st.total_place:
                return _DONE, (st.checkpoint if st.checkpoint else (cur, end))
            st.total += st.group * scale
            st.total_place, st.group, st.group_place = scale, 0.0, math.inf
        elif st.total and not st.conj_seen and scale > st.total_place:
            st.total *= scale
            st.total_place = scale
        else:
            return _STOP, end
        st.last, st.last_unit, st.tail, st.conj_unit = "scale", False, 0.0, 0.0
    elif frac and (frac[1] == "plural" or frac[2] in ("ambiguous", "numerator_only")) and (st.group or st.total) \
            and not (frac[2] == "ambiguous" and words.get(nxt, (0, ""))[1] == "hundred"):
        if st.conj_unit:
            st.group += st.conj_unit * frac[0] - st.conj_unit
        else:
            st.group, st.total = (st.total + st.group) * frac[0], 0.0
        return _STOP, k + 1
    elif x in PART and nxt == "من" and cur:
        den = _denominator(norms, k + 2, ws)
        if den is None:
            return _STOP, end
        num = st.tail if st.conj_seen and st.tail else cur
        return _DONE, (cur - num + num / den[0], den[1])
    elif ratios and x in RATIO and cur and st.last != "fraction":
        # "واحد من ثلاثة", "1 على 3", "ثلاثة من واحد وعشرين." (words, the sentence ends: a ratio);
        # not "6 من 7 مباريات", "ثلاث من 24 طائرة" (three of 24), "قتل 3 من 5، وأصيب" (three of five)
        den = _denominator(norms, k + 1, ws)
        if den is None or not (x == "علي" or cur == 1 or (not norms[k - 1][:1].isdigit() and (
                den[1] >= len(norms) or norms[den[1]] in (".", "!", "؟", "?")))):
            return _STOP, end
        return _DONE, (cur / den[0], den[1])
    elif x in POINT and cur:
        r = read_number(norms, k + 1, ws)
        if r is None:
            return _STOP, end
        if r[1] + 1 < len(norms) and norms[r[1]] == "من":  # "مائتين فاصلة ثلاثة من مائة" = 200.03
            den = _denominator(norms, r[1] + 1, ws)
            if den is not None:
                return _DONE, (cur + r[0] / den[0], den[1])
        frac_part = r[0] if r[0] < 1 else r[0] / 10 ** len(str(int(r[0])))
        return _DONE, (cur + frac_part, r[1])
    elif st.last == "scale" and not st.group and (hit or x[:1].isdigit()):
        d = _read_digits(norms, k, ws) if x[:1].isdigit() else None
        v = d[0] if d else (hit[0] if hit and hit[1] in ("unit", "ten", "hundreds", "hundred") else None)
        if v is None or v >= st.total_place or not float(v).is_integer():
            return _STOP, end
        st.group = v
        st.group_place = 1.0 if d else {"ten": 10.0, "hundred": 100.0, "hundreds": 100.0}.get(hit[1], 1.0)
        st.last, st.last_unit = ("digits", False) if d else (hit[1], hit[1] == "unit")
        return _GO, (d[1] if d else k + 1)
    else:
        return _STOP, end
    return _GO, k + 1


def _joined_step(norms, k, x, hit, frac, nxt, cur, st: _State, ws, end: int):
    """The next word after و: a unit times a plural fraction, a ten after a unit, a smaller unit,
    ten or hundreds, a smaller scale, digits after hundreds or a scale, a fraction."""
    words, fractions, _ = lexicons()
    place = st.place()
    before = (cur, end)
    nxt_frac = fractions.get(nxt)
    if hit and hit[1] == "unit" and nxt_frac and nxt_frac[1] == "plural":
        st.group += hit[0] * nxt_frac[0]
        return _STOP, k + 2
    if hit and hit[1] == "ten" and st.last == "unit" and st.group_place == 1.0 and st.conj_unit <= 9 \
            and (st.conj_unit or st.group < 10):
        st.group += hit[0]
        st.tail += hit[0]
        st.last, st.last_unit, st.conj_unit = "ten", False, 0.0
    elif hit and hit[1] in ("unit", "ten", "hundreds", "hundred", "dozen_dual", "teen_unit") and hit[0] < place \
            and not (hit[1] == "teen_unit" and nxt not in TEEN):
        st.checkpoint = before
        st.group += hit[0]
        st.group_place = {"ten": 10.0, "hundred": 100.0, "hundreds": 100.0}.get(hit[1], 1.0)
        st.tail = 0.0 if hit[1] in ("hundreds", "hundred") else st.tail + hit[0]
        st.last, st.last_unit = hit[1], hit[1] in ("unit", "teen_unit")
        st.conj_unit = hit[0] if hit[1] == "unit" else 0.0
    elif hit and hit[1] in ("scale", "scale_dual", "scale_acc") and hit[0] < st.total_place and not st.group:
        st.checkpoint = before
        st.total += hit[0] * (2 if hit[1] == "scale_acc" else 1)
        st.total_place = hit[0] if hit[1] != "scale_dual" else hit[0] / 2
        st.last, st.last_unit, st.tail, st.conj_unit = "scale", False, 0.0, 0.0
    elif x[:1].isdigit() and st.last in ("hundred", "hundreds", "scale"):
        d = _read_digits(norms, k, ws)
        if d is None or not 0 < d[0] < place or d[1] != k + 1:
            return _STOP, end
        st.checkpoint = before
        st.group += d[0]
        st.group_place, st.last, st.last_unit, st.conj_unit = 1.0, "digits", False, 0.0
    elif frac and (frac[1] in ("single", "dual")) and frac[2] != "numerator_only" and (
            frac[2] != "ambiguous" or not _AR_LETTER.match(nxt) or nxt.startswith("ال")
            or (hit is not None and hit[0] >= place and words.get(nxt, (0, ""))[1] not in _SCALES)):
        # an ambiguous word (خمس five / a fifth) is a fraction where no cardinal can stand:
        # "ثلاث وخمس" (a unit cannot follow a unit), "مئة وثلاثون وخمسين" (nor a ten a ten)
        unit = st.total_place if not st.group and st.total else 1.0
        st.frac = frac[0] * unit
        again = words.get(nxt[2:] if nxt.startswith("ال") else nxt)
        if unit > 1 and again and again[1] in ("scale", "scale_acc") and again[0] == unit:
            return _STOP, k + 2  # "مليون ونصف مليون", "ثلاثة ملايين ونصف المليون"
        return _STOP, k + 1
    else:
        return _STOP, end
    st.conj_seen = True
    return _GO, k + 1


# --- ordinals -------------------------------------------------------------------------------------


def _definite(w: str) -> str | None:
    """``w`` without proclitics and the article, or None when it has no article."""
    for pre in ("وال", "فال", "بال", "كال", "ال"):
        if w.startswith(pre) and len(w) > len(pre) + 1:
            return w[len(pre):]
    if w.startswith("لل") and len(w) > 3:
        return w[2:]
    return None


NOT_NOUNS = frozenset({"الي", "الا", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللاتي", "اللواتي", "الان"})


def is_definite_noun(w: str) -> bool:
    """``w`` carries the article (with a proclitic: "بالذكري", "للمدرسه") and is not a particle that
    starts with the same letters ("الي", "الذي")."""
    return _definite(w) is not None and w not in NOT_NOUNS


def undefine(w: str) -> str:
    """"الواحد" -> "واحد", "والعشرون" -> "وعشرون" (other words unchanged)."""
    if w.startswith("وال") and len(w) > 4:
        return "و" + w[3:]
    if w.startswith("ال") and len(w) > 3:
        return w[2:]
    return w


def _ordinal_atom(form: str) -> tuple[float, str] | None:
    _, _, ordinals = lexicons()
    hit = ordinals.get(form)
    if hit:
        return hit
    w = _word(form)
    if w and w[1] in ("unit", "ten", "hundred", "hundreds", "scale"):
        return w[0], "cardinal_" + w[1]
    return None


def read_ordinal(norms: Sequence[str], i: int) -> tuple[float, int] | None:
    """The ordinal starting at token ``i``: ``(value, end)`` or ``None`` (see the module doc)."""
    n = len(norms)
    if i >= n:
        return None
    w = norms[i]
    _, _, ordinals = lexicons()
    bare = w if ("#" + w) in ordinals else (w[1:] if len(w) > 3 and w[0] in "وفبل" and ("#" + w[1:]) in ordinals else None)
    if bare is not None:
        return ordinals["#" + bare][0], i + 1
    form = _definite(w)
    if form is None:
        return None
    atom = _ordinal_atom(form)
    if atom is None:
        return None
    value, cls = atom
    end = i + 1
    nxt = norms[end] if end < n else ""
    if cls in ("unit", "teen_unit", "cardinal_unit") and nxt in TEEN and value < 10:
        return value + 10, end + 1
    # compounds: الخامس والعشرون, الواحد والعشرون, المئة والخامسة والعشرون
    total, last = value, cls
    while end < n:
        x = norms[end]
        k = end
        if x == "و" and end + 1 < n:
            k, x = end + 1, norms[end + 1]
        elif x.startswith("و") and len(x) > 2:
            x = x[1:]
        else:
            break
        x = _definite(x) or x
        a = _ordinal_atom(x)
        if a is None or a[1].endswith("scale"):
            break
        if a[1] in ("unit", "cardinal_unit") and total >= 100 and total % 100 == 0:
            total += a[0]
        elif a[1] == "cardinal_ten" and last in ("unit", "cardinal_unit", "teen_unit") and total % 100 < 10:
            total += a[0]
        else:
            break
        last = a[1]
        end = k + 1
    if end < n and cls != "unit" and _word(norms[end]) and _word(norms[end])[1] in ("scale", "scale_acc"):
        # "الواحد والعشرون تريليون وثلاث مائة": a long ordinal read as the cardinal it is made of
        window = [undefine(x) for x in norms[i:min(n, i + 16)]]
        r = read_number(window, 0, ratios=False)
        if r is not None and r[1] > end - i:
            return r[0], i + r[1]
    if end == i + 1 and cls in ("cardinal_unit", "teen_unit"):
        return None  # الواحد, الاثنين (Monday), الحادي: not ordinals on their own
    if end == i + 1 and cls in ("cardinal_hundred", "cardinal_scale"):
        prev = norms[i - 1] if i > 0 else ""
        if not is_definite_noun(prev):
            return None
    return total, end
