"""Dates stage: temporal expressions in ``doc.spans["dates"]``.

Detection (:mod:`pipeline.dates.grammar`) reads the normalized tokens with lexicons from
``pipeline/resources`` (months.tsv, hijri_months.tsv, weekdays.tsv, date_words.tsv, holidays.tsv);
resolution (:mod:`pipeline.dates.resolve`) gives each span ``value`` (ISO 8601), ``granularity``,
``calendar``, ``kind`` (absolute, relative, weekday, range, duration, set), ``hijri`` and
``modifier`` (``approx`` when "a few" units are counted as 3), anchored on ``doc._.published``.
The numbers stage runs after this one and skips these tokens.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import schema  # noqa: F401  (extension attributes)
from .grammar import Grammar
from .resolve import approximate, resolve


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def find_dates(doc: Doc) -> list[Span]:
    """Date spans of a ``Doc`` with their extension attributes set."""
    pub = _as_date(doc._.published)
    g = Grammar(doc)
    spans = []
    in_name = set()
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
            value, gran, cal, kind, hij = resolve(sem, pub, future)
        except (ValueError, OverflowError):  # out-of-range arithmetic ("منذ مليون عام")
            value, gran, cal, kind, hij = None, None, None, None, None
        span._.value = value
        span._.granularity = gran
        span._.calendar = cal
        span._.kind = kind
        span._.hijri = hij
        span._.modifier = "approx" if value and approximate(sem) else None
        spans.append(span)
    return spans


@Language.component("dates")
def dates_component(doc: Doc) -> Doc:
    doc.spans["dates"] = find_dates(doc)
    return doc
