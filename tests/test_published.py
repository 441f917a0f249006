"""Publication dates (``pipeline.published``): every reader's field through one parser, at the
precision it gives, Hijri converted, unreadable ones noted, never completed from the clock."""

from __future__ import annotations

import datetime as _dt
import importlib

import pytest

import pipeline
from pipeline import published as P
from pipeline.published import against_crawl, day_range, parse_published, read_published
from pipeline.records import input_fields
from pipeline.schema import InputDoc

FORMATS = [  # (field as written, the ISO value at its precision)
    ("2015-07-21", "2015-07-21"),  # ISO date
    ("2015-07-21 02:51:31", "2015-07-21T02:51:31"),  # SaudiNewsNet's date_published
    ("2015-07-21T02:51+03:00", "2015-07-21T02:51"),  # ISO with an offset: the wall clock as written
    ("Tue, 21 Jul 2015 02:51:31 +0300", "2015-07-21T02:51:31"),  # RFC 2822 (feeds)
    ("21 يوليو 2015", "2015-07-21"),
    ("٢١ يوليو ٢٠١٥", "2015-07-21"),  # Arabic-Indic digits
    ("21 تموز 2015", "2015-07-21"),  # Levantine month name (not in dateparser)
    ("21 جويلية 2015", "2015-07-21"),  # Maghrebi
    ("21 تموز/يوليو 2015", "2015-07-21"),  # paired form
    ("July 21, 2015", "2015-07-21"),
    ("21/07/2015", "2015-07-21"),  # day first
    ("الثلاثاء 21 يوليو 2015 - 10:30", "2015-07-21T10:30"),
]


@pytest.mark.parametrize(("field", "iso"), FORMATS)
def test_publication_date_formats(field, iso):
    got = read_published(field)
    assert got.iso == iso and got.note is None
    assert got.first == got.last == _dt.date(2015, 7, 21)


@pytest.mark.parametrize(("field", "iso", "first", "last"), [
    ("2022", "2022", "2022-01-01", "2022-12-31"),
    ("June 2022", "2022-06", "2022-06-01", "2022-06-30"),
    ("يونيو 2022", "2022-06", "2022-06-01", "2022-06-30"),
    ("حزيران 2022", "2022-06", "2022-06-01", "2022-06-30"),
    ("2022-06", "2022-06", "2022-06-01", "2022-06-30"),
])
def test_partial_date_kept_at_its_precision(field, iso, first, last):
    got = read_published(field)
    assert (got.iso, got.first.isoformat(), got.last.isoformat()) == (iso, first, last)
    assert parse_published(field) == iso  # doc._.published: the partial ISO string, not a day


@pytest.mark.parametrize("field", ["10:30", "Monday", "الاثنين", "21 يوليو", "not a date", "xx 2015",
                                   "2015-02-30", "منذ ساعتين"])
def test_not_a_publication_date_is_noted(field):
    got = read_published(field)
    assert got.iso is None and got.first is None
    assert got.note and repr(field) in got.note
    assert parse_published(field) is None


@pytest.mark.parametrize(("field", "iso", "hijri"), [
    ("1443-09-15", "2022-04-16", "1443-09-15"),
    ("15 رمضان 1443هـ", "2022-04-16", "1443-09-15"),
    ("15/9/1443هـ", "2022-04-16", "1443-09-15"),
    ("١٥ رمضان ١٤٤٣ هـ", "2022-04-16", "1443-09-15"),
    ("3/10/1436هـ", "2015-07-19", "1436-10-03"),
    ("رمضان 1443", "2022-04-02/2022-05-01", "1443-09"),  # a Hijri month: the days it covers
])
def test_hijri_publication_date_converted(field, iso, hijri):
    got = read_published(field)
    assert got.iso == iso
    assert hijri in got.note


def test_gregorian_years_are_not_hijri():
    assert read_published("2015").iso == "2015"
    assert read_published("1999-05-01").iso == "1999-05-01"
    assert read_published("1443-13-40").iso is None  # not a Hijri day either


def test_relative_field_only_against_a_crawl_time():
    assert read_published("منذ ساعتين").iso is None
    assert read_published("منذ ساعتين", "2015-07-21 10:00:00").iso == "2015-07-21T08:00"
    assert read_published("منذ 3 أيام", "2015-07-21").iso == "2015-07-18"
    assert read_published("أمس", "2015-07-21T10:00").iso == "2015-07-20"
    assert read_published("3 days ago", "2015-07-21").iso == "2015-07-18"
    # hours before a crawl day with no time of day could be the day before: not read
    assert read_published("منذ ساعتين", "2015-07-21").iso is None
    # an absolute field ignores the crawl time
    assert read_published("2015-07-01", "2015-07-21").iso == "2015-07-01"


def test_day_range_of_every_form():
    assert day_range(_dt.date(2022, 6, 20)) == (_dt.date(2022, 6, 20),) * 2
    assert day_range(_dt.datetime(2022, 6, 20, 10, 30)) == (_dt.date(2022, 6, 20),) * 2
    assert day_range("2022") == (_dt.date(2022, 1, 1), _dt.date(2022, 12, 31))
    assert day_range("2022-04-02/2022-05-01") == (_dt.date(2022, 4, 2), _dt.date(2022, 5, 1))
    assert day_range("Monday") is None and day_range(None) is None


class _Clock:
    """A fake clock for dateparser's modules (nothing else is frozen)."""

    MODULES = ("dateparser.utils", "dateparser.freshness_date_parser", "dateparser.timezone_parser",
               "dateparser.search.search", "dateparser.utils.time_spans")

    @staticmethod
    def install(monkeypatch, when: _dt.datetime) -> None:
        class Fake(_dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return when if tz is None else when.replace(tzinfo=tz)

            @classmethod
            def today(cls):
                return when

        for name in _Clock.MODULES:
            mod = importlib.import_module(name)
            cls = getattr(mod, "datetime", None)
            if isinstance(cls, type) and issubclass(cls, _dt.datetime):
                monkeypatch.setattr(mod, "datetime", Fake)
        P._read.cache_clear()
        P._parser.cache_clear()
        from dateparser.date import DateDataParser

        # the fake clock is the one dateparser sees: a bare year is completed with its month
        assert DateDataParser(languages=["en"]).get_date_data("2022").date_obj.month == when.month


FIELDS = [f for f, _ in FORMATS] + ["2022", "June 2022", "10:30", "Monday", "21 يوليو", "15 رمضان 1443هـ",
                                    "21/07/15", "29 فبراير 2016"]


def _all(crawled=None):
    return [read_published(f, crawled) for f in FIELDS] + [read_published("منذ ساعتين", "2015-07-21 10:00")]


def test_no_dependency_on_the_clock(monkeypatch):
    """Two runs under two fake clocks (a decade apart, another month and hour) give the same."""
    _Clock.install(monkeypatch, _dt.datetime(2031, 2, 3, 23, 59))
    first = _all()
    _Clock.install(monkeypatch, _dt.datetime(2019, 11, 28, 4, 5))
    second = _all()
    monkeypatch.undo()
    P._read.cache_clear()
    P._parser.cache_clear()
    assert first == second == _all()
    assert read_published("2022").iso == "2022"  # the clock's month or day never appears


def test_documents_row_keeps_the_unreadable_value_as_a_note():
    text = "قال الوزير أمس إن العام الماضي شهد نموا."
    fields = {"a": "Monday", "b": "2022", "c": "15 رمضان 1443هـ",
              # what a reader gives for a relative field and a crawl time (date_extracted)
              "d": against_crawl("منذ ساعتين", "2015-07-21 10:00:00")}
    nlp = pipeline.load(exclude=("ner", "quotes"))
    got = {}
    for doc_id, pub in fields.items():
        item = InputDoc(doc_id=doc_id, text=text, input="x.jsonl:1", published=pub)
        tables = pipeline.api.process_text(nlp, text, published=pub, doc_id=doc_id)
        got[doc_id] = (input_fields(item), {d["text"]: d["value"] for d in tables["dates"]})
    assert got["a"][0]["published"] is None and "'Monday'" in got["a"][0]["note"]
    assert got["a"][1] == {"أمس": None, "العام الماضي": None}
    # a year-only publication date: "last year" is a year, "yesterday" has no day to count from
    assert got["b"][0]["published"] == "2022" and got["b"][0]["note"] is None
    assert got["b"][1] == {"أمس": None, "العام الماضي": "2021"}
    assert got["c"][0]["published"] == "2022-04-16" and "1443-09-15" in got["c"][0]["note"]
    assert got["c"][1] == {"أمس": "2022-04-15", "العام الماضي": "2021"}
    assert got["d"][0]["published"] == "2015-07-21T08:00"
    assert got["d"][1] == {"أمس": "2015-07-20", "العام الماضي": "2014"}


def test_against_crawl_leaves_other_fields_alone():
    assert against_crawl("2015-07-01", "2015-07-21") == "2015-07-01"
    assert against_crawl("Monday", "2015-07-21") == "Monday"  # still unreadable: noted later
    assert against_crawl("منذ ساعتين", None) == "منذ ساعتين"
    assert against_crawl(None, "2015-07-21") is None


def test_extract_with_partial_and_unreadable_publication_dates():
    text = "قال الوزير أمس إن الشهر الماضي شهد نموا."
    nlp = pipeline.load(exclude=("ner", "quotes"))
    month = pipeline.extract(text, published="2022-06", nlp=nlp)
    assert month["documents"][0]["published"] == "2022-06"
    assert {d["text"]: d["value"] for d in month["dates"]} == {"أمس": None, "الشهر الماضي": "2022-05"}
    bad = pipeline.extract(text, published="not a date", nlp=nlp)
    assert bad["documents"][0]["published"] is None and "not a date" in bad["documents"][0]["note"]
