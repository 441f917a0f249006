"""Dates stage: temporal expressions in ``doc.spans["dates"]``.

Detection (:mod:`pipeline.dates.grammar`) reads the normalized tokens with lexicons from
``pipeline/resources`` (months.tsv, hijri_months.tsv, weekdays.tsv, date_words.tsv, holidays.tsv);
resolution (:mod:`pipeline.dates.resolve`) gives each span ``value`` (ISO 8601), ``granularity``,
``calendar``, ``kind`` (absolute, relative, weekday, range, duration, set), ``hijri`` and
``modifier`` (``approx`` when "a few" units are counted as 3), anchored on ``doc._.published`` (read by :mod:`pipeline.published`, at its precision).
The numbers stage runs after this one and skips these tokens.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import schema  # noqa: F401  (extension attributes)
from ..published import day_range
from .grammar import Grammar
from .resolve import approximate, in_context, remember, resolve


def _in_context(sem: dict) -> bool:
    t = sem["t"]
    return t in ("relq", "same", "anaphor") or (t == "quarter" and sem.get("inner") is None)


def _resolve_at(sem: dict, days, future, ctx=None):
    """``resolve`` against the publication date at the precision it has: a date that covers several
    days (a year "2022", a month "2022-06", a Hijri month) anchors a value only when every day it
    covers gives the same one ("العام الماضي" in 2022 is 2021; "أمس" has no value)."""
    if ctx is not None and _in_context(sem):
        def run(pub):
            return in_context(sem, ctx, pub, future)
    else:
        def run(pub):
            return resolve(sem, pub, future)
    if days is None or days[0] == days[1]:
        return run(days and days[0])
    first, last = run(days[0]), run(days[1])
    return first if first[0] == last[0] else run(None)


def find_dates(doc: Doc) -> list[Span]:
    """Date spans of a ``Doc`` with their extension attributes set."""
    days = day_range(doc._.published)  # the first and last day of the publication date
    g = Grammar(doc)
    spans, sems = [], []
    in_name = set()
    ctx: dict = {}  # the periods named so far (resolve.in_context)
    for ent in doc.ents:  # the ner stage runs first: "بدر الخميس" is a person
        if ent.label_ in ("PER", "ORG"):
            in_name.update(range(ent.start, ent.end))
    for s, e, sem, p0, p1 in g.find():
        if s in in_name and e - 1 in in_name:
            continue
        span = Span(doc, s, e, label="DATE")

        def future(p0=p0, p1=p1):
            return g.future(p0, p1)

        try:
            value, gran, cal, kind, hij = _resolve_at(sem, days, future, ctx)
            if sem["t"] != "same" and not (sem["t"] == "relq" and sem["off"]):  # comparisons ("الربع المماثل
                # من العام السابق", "الربع السابق"): the article's period stays
                remember(ctx, value, gran, kind)
        except (ValueError, OverflowError):  # out-of-range arithmetic ("منذ مليون عام")
            value, gran, cal, kind, hij = None, None, None, None, None
        span._.value = value
        span._.granularity = gran
        span._.calendar = cal
        span._.kind = kind
        span._.hijri = hij
        span._.modifier = "approx" if value and approximate(sem) else None
        spans.append(span)
        sems.append(sem)
    return _weekday_with_date(doc, spans, sems)


_WEEKDAY_DATE_GLUE = frozenset({"،", ",", "-", "تاريخ", "بتاريخ", "وتاريخ", "الموافق", "الموافق:"})


def _weekday_with_date(doc: Doc, spans: list[Span], sems: list[dict]) -> list[Span]:
    """A weekday followed by the full date of that weekday: "الأحد المقبل 10/10/1436هـ" is one
    absolute span (a weekday standing with its date); "يوم الثلاثاء، تاريخ 12 شوال 1436هـ" keeps two
    spans, the weekday taking the date's day. Only when the date falls on the weekday named."""
    out: list[Span] = []
    k = 0
    while k < len(spans):
        w = spans[k]
        if k + 1 < len(spans) and w._.kind == "weekday" and isinstance(sems[k].get("wd"), int) \
                and spans[k + 1]._.kind == "absolute" and isinstance(spans[k + 1]._.value, str) \
                and len(spans[k + 1]._.value) == 10:
            d = spans[k + 1]
            between = [t.norm_ for t in doc[w.end:d.start]]
            try:
                same_day = date.fromisoformat(d._.value).isoweekday() == sems[k]["wd"]
            except ValueError:
                same_day = False
            if same_day and not between:
                merged = Span(doc, w.start, d.end, label="DATE")
                for attr in ("value", "granularity", "calendar", "kind", "hijri", "modifier"):
                    setattr(merged._, attr, getattr(d._, attr))
                out.append(merged)
                k += 2
                continue
            if same_day and len(between) <= 2 and all(b in _WEEKDAY_DATE_GLUE for b in between):
                w._.value, w._.granularity = d._.value, "day"
        out.append(w)
        k += 1
    return out


@Language.component("dates")
def dates_component(doc: Doc) -> Doc:
    doc.spans["dates"] = find_dates(doc)
    return doc
