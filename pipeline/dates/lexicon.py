"""Lexicons of the dates stage, loaded once from ``pipeline/resources``.

Every form is normalized with :func:`pipeline.lang.normalize.normalize`; single words go to ``WORDS``
(normalized word -> list of entries), multi-word forms to ``PHRASES`` (first word -> list of
``(words, entry)``, longest first). An entry is a tuple whose first item is its category:

* ``("month", month, calendar, ambiguous)`` with calendar ``gregorian`` or ``hijri``
* ``("wd", isoweekday, bare)``
* ``(category, value)`` for the rows of ``date_words.tsv`` (``day``, ``unit``, ``mod`` ...)
* ``("holiday", calendar, month, day, needs_context)`` for ``holidays.tsv`` (day: an int, "A-B" or
  "wI:N")

Number words are read with the shared :mod:`pipeline.lang.number_words` (one shared lexicon).
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..lang import number_words as _number_words
from ..lang.normalize import clitic_variants, normalize
from ..resources import rows


def _number_starts() -> frozenset[str]:
    """Normalized words that can start a cardinal or an ordinal (with a proclitic or not)."""
    words, fractions, ordinals = _number_words.lexicons()
    base = set(words) | set(fractions) | {k.lstrip("#") for k in ordinals}
    base |= {"ال" + w for w in list(base)}
    out = set(base)
    for w in base:
        for c in ("و", "ف", "ب", "ل"):
            out.add(c + w)
        if w.startswith("ال"):
            out.add("لل" + w[2:])
            for c in ("و", "ف", "ب"):
                out.add(c + w)
    return frozenset(out)


NUMBER_STARTS = _number_starts()


@cache
def money_words() -> frozenset[str]:
    """Normalized currency words and their hundredths (``currencies.tsv``): after one, a number is an
    amount of money, not a day ("سبتمبر 12 سنتا")."""
    out: set[str] = set()
    for cols in rows("currencies.tsv"):
        if cols[0] == "word":
            out.update(normalize(f) for f in cols[2].split(","))
        elif cols[0] == "subunit":
            out.update(normalize(f) for f in cols[1].split(","))
    return frozenset(out)


@cache
def context_words(role: str) -> frozenset[str]:
    """Normalized forms of one role of ``date_context.tsv`` (words around a date expression)."""
    return frozenset(normalize(form) for form, r in rows("date_context.tsv") if r == role)


def _add(words: dict, phrases: dict, form: str, entry: tuple) -> None:
    parts = normalize(form).split()
    if len(parts) == 1:
        words.setdefault(parts[0], []).append(entry)
    else:
        phrases.setdefault(parts[0], []).append((tuple(parts[1:]), entry))


@lru_cache(maxsize=1)
def tables() -> tuple[dict, dict]:
    words: dict[str, list[tuple]] = {}
    phrases: dict[str, list[tuple]] = {}
    for form, month, _series, amb in rows("months.tsv"):
        _add(words, phrases, form, ("month", int(month), "gregorian", amb == "1"))
    for form, month, amb in rows("hijri_months.tsv"):
        _add(words, phrases, form, ("month", int(month), "hijri", amb == "1"))
    for form, iso, bare in rows("weekdays.tsv"):
        _add(words, phrases, form, ("wd", int(iso), bare == "1"))
    for form, cat, value in rows("date_words.tsv"):
        if cat in ("day", "mod", "decade", "yearword", "ago", "season", "minutes"):
            val: object = int(value)
        elif cat == "unit":
            u, c = value.split(":")
            val = (u, c)
        else:
            val = value
        _add(words, phrases, form, (cat, val))
    for row in rows("holidays.tsv"):
        form, cal, month, day = row[:4]
        spec: object = int(day) if day.lstrip("-").isdigit() else day
        _add(words, phrases, form, ("holiday", cal, int(month), spec, len(row) > 4 and row[4] == "ctx"))
    for key in phrases:
        phrases[key].sort(key=lambda item: -len(item[0]))
    return words, phrases


_CACHE: dict[str, tuple] = {}


def lookup(word: str) -> tuple:
    """Entries of a normalized word, trying it with its proclitics (و ف ب ل ك) removed when the
    whole word is unknown. Returns ``(entries, phrases)``: the single-word entries and the
    multi-word forms that start with this word."""
    hit = _CACHE.get(word)
    if hit is not None:
        return hit
    words, phrases = tables()
    out: tuple = ((), ())
    for form in clitic_variants(word):
        e, p = words.get(form, ()), phrases.get(form, ())
        if e or p:
            out = (tuple(e), tuple(p))
            break
    if len(_CACHE) < 200_000:
        _CACHE[word] = out
    return out


def number_reader():
    """The shared number-word reader (:mod:`pipeline.lang.number_words`)."""
    return _number_words
