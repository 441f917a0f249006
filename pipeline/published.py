"""The one publication-date parser (a leaf): an input field -> an ISO 8601 string at its precision.

``read_published(value, crawled)`` gives a :class:`Published`: ``iso`` at the precision the field
gives and no finer ("2022", "2022-06", "2022-06-20", "2022-06-20T10:30", or the Gregorian interval
"2022-04-02/2022-05-01" a Hijri month covers), the first and last day it covers, and a ``note``
when the field could not be read as a date (it is then kept, as written, in the note only).

How a field is read, in order:

1. **Hijri** (a Hijri month name, a هـ after the year, or a numeric date whose year lies in
   1343-1500, the span of ``hijridate``'s Umm al-Qura tables: "1443-09-15", "15 رمضان 1443هـ"):
   converted to the Gregorian calendar with ``hijridate``; a Hijri month or year is the Gregorian
   interval it covers.
2. **ISO 8601** ("2022", "2022-06", "2022-06-20", "2015-07-21 02:51:31", "…T02:51:31+03:00"):
   Python's ``date``/``datetime.fromisoformat`` (exact, and a thousand times faster than step 3).
3. Everything else through **dateparser** (``DateDataParser``, languages ar and en): RFC 2822 from
   feeds ("Tue, 21 Jul 2015 02:51:31 +0300"), "21 يوليو 2015", "July 21, 2015", "21/07/2015"
   (day first), "يونيو 2022"; Levantine and Maghrebi month names and spelling variants (تموز، جويلية،
   إبريل), which dateparser does not know, are first rewritten to يناير ... ديسمبر with
   ``resources/months.tsv``. Settings: ``REQUIRE_PARTS``
   year (a field without a year — "10:30", "Monday", "21 يوليو" — is not a date),
   ``PREFER_DATES_FROM`` current_period, ``RETURN_AS_TIMEZONE_AWARE`` False (the wall-clock time
   as written: an offset is dropped, never converted with the machine's time zone), and the
   precision cut to the parts the string gives (``DateData.period``/``parts``), so a part dateparser
   completes from the clock never reaches the output.
4. A relative field ("منذ ساعتين"، "أمس"، "3 days ago") only against a **crawl time** (``crawled``,
   itself read by steps 1-3; dateparser's ``RELATIVE_BASE``); without one it is a note. Hours and
   minutes need a crawl time with a time of day.

Nothing reads the clock, so a rerun on another day gives the same tables.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?")
_HAS_SECONDS = re.compile(r"\d:\d\d:\d\d")
_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3ـ]+")
_HIJRI_MARK = re.compile(r"(\d)\s*(?:هـ|ه)(?![\u0621-\u064A])|\bهـ")
HIJRI_YEARS = (1343, 1500)
_ARABIC = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر")  # the forms dateparser's ar locale knows


@dataclass(frozen=True)
class Published:
    iso: str | None = None  # ISO 8601 at the precision given; None when absent or unreadable
    first: date | None = None  # the first day it covers
    last: date | None = None  # the last day it covers
    note: str | None = None  # why the field is not a date (or how it was converted)


NONE = Published()


def read_published(value, crawled=None) -> Published:
    """A publication-date field (a string, ``date`` or ``datetime``), read at its precision;
    ``crawled`` (a crawl time) anchors a relative field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return NONE
    if isinstance(value, datetime):
        return _at(value, "second" if value.second else "minute")
    if isinstance(value, date):
        return _at(value, "day")
    crawl = None if crawled is None or crawled == "" else (
        crawled if isinstance(crawled, str) else crawled.isoformat())
    return _read(str(value), crawl)


@lru_cache(maxsize=4096)
def _read(value: str, crawled: str | None) -> Published:
    text = " ".join(value.translate(_DIGITS).split())
    got = _hijri(text) or _iso(text) or _dateparser(text, crawled)
    if isinstance(got, Published):
        return got
    why = got or "not a date dateparser reads"
    return Published(note=f"publication date not read ({why}): {value!r}")


def parse_published(value, crawled=None) -> date | str | None:
    """What ``doc._.published`` holds: a ``date`` when the field gives the day, the ISO string of
    a partial or Hijri-interval date ("2022", "2022-06", "2022-04-02/2022-05-01") otherwise, ``None``
    when absent or unreadable. The dates stage reads it with :func:`day_range`."""
    p = value if isinstance(value, Published) else read_published(value, crawled)
    if p.iso is None:
        return None
    return p.first if p.first == p.last else p.iso


def iso_published(value, crawled=None) -> str | None:
    """ISO 8601 at the precision given, for an ``InputDoc``; a value that cannot be read is kept
    as given (``None`` stays ``None``), so that its ``documents`` row can note it (the ``published``
    column itself is :attr:`Published.iso`, ``None`` for such a value)."""
    p = read_published(value, crawled)
    return p.iso if p.iso is not None or value is None else str(value)


def published_note(value, crawled=None) -> str | None:
    """The ``note`` of a publication date that is not read (the value as written), or converted."""
    return read_published(value, crawled).note


def day_range(value) -> tuple[date, date] | None:
    """The first and last day a publication date covers (``doc._.published``: a ``date``, a
    ``datetime``, an ISO string at any precision, or any field :func:`read_published` reads)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date(), value.date()
    if isinstance(value, date):
        return value, value
    p = value if isinstance(value, Published) else read_published(value)
    return (p.first, p.last) if p.first is not None else None


def against_crawl(value, crawled):
    """For a reader: the field itself, or, when it can only be read against the crawl time
    ("منذ ساعتين"), the ISO date it gives against ``crawled``."""
    if crawled is None or value is None or read_published(value).iso is not None:
        return value
    p = read_published(value, crawled)
    return p.iso if p.iso is not None else value


# --- precision ---------------------------------------------------------------------------------


def _at(d: date | datetime, precision: str) -> Published:
    day = d.date() if isinstance(d, datetime) else d
    if precision == "year":
        return Published(f"{d.year:04d}", date(d.year, 1, 1), date(d.year, 12, 31))
    if precision == "month":
        last = calendar.monthrange(d.year, d.month)[1]
        return Published(f"{d.year:04d}-{d.month:02d}", date(d.year, d.month, 1), date(d.year, d.month, last))
    if precision == "day" or not isinstance(d, datetime):
        return Published(day.isoformat(), day, day)
    spec = "seconds" if precision == "second" else "minutes"
    return Published(d.replace(tzinfo=None).isoformat(timespec=spec), day, day)


def _interval(a: date, b: date, note: str | None = None) -> Published:
    if a == b:
        return Published(a.isoformat(), a, a, note)
    return Published(f"{a.isoformat()}/{b.isoformat()}", a, b, note)


# --- 1. Hijri ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _month_words() -> tuple[dict[str, int], dict[str, int]]:
    from .lang.normalize import normalize
    from .resources import rows

    greg = {normalize(r[0]): int(r[1]) for r in rows("months.tsv")}
    hijri = {normalize(r[0]): int(r[1]) for r in rows("hijri_months.tsv")}
    return greg, hijri


def _months_in(text: str) -> list[tuple[int, int, int, str]]:
    """(start, end, month, calendar) of every month name in ``text`` (one or two words)."""
    from .lang.normalize import normalize

    greg, hijri = _month_words()
    words = [(m.start(), m.end(), normalize(m.group())) for m in _WORD.finditer(text)]
    out, i = [], 0
    while i < len(words):
        for n in (2, 1):
            if i + n > len(words):
                continue
            key = " ".join(w for _, _, w in words[i:i + n])
            cal = "hijri" if key in hijri else "gregorian" if key in greg else None
            if cal:
                out.append((words[i][0], words[i + n - 1][1], (hijri if cal == "hijri" else greg)[key], cal))
                i += n
                break
        else:
            i += 1
    return out


def _hijri(text: str):
    months = [m for m in _months_in(text) if m[3] == "hijri"]
    nums = [int(n) for n in re.findall(r"\d+", text)]
    years = [n for n in nums if HIJRI_YEARS[0] <= n <= HIJRI_YEARS[1]]
    marked = bool(_HIJRI_MARK.search(text))
    if not (months or marked or (years and re.fullmatch(r"[\d\s/.\-ـ]+(هـ|ه)?", text))):
        return None
    if len(years) != 1 or len(nums) > 3:
        return "a Hijri date needs one year of 1343-1500 AH"
    y = years[0]
    rest = [n for n in nums if n != y] if nums.count(y) == 1 else None
    if rest is None:
        return "a Hijri date needs one year of 1343-1500 AH"
    if months:
        m, day = months[0][2], (rest[0] if len(rest) == 1 else None)
        if len(rest) > 1:
            return "a Hijri month name with two numbers"
    elif len(rest) == 2:
        m, day = (rest[0], rest[1]) if nums[0] == y else (rest[1], rest[0])  # Y-M-D, or D/M/Y
    elif len(rest) == 1:
        m, day = rest[0], None
    else:
        m, day = None, None
    return _hijri_to_gregorian(y, m, day)


def _hijri_to_gregorian(y: int, m: int | None, d: int | None):
    from hijridate import Hijri

    try:
        if d is not None:
            g = date(*Hijri(y, m, d).to_gregorian().datetuple())
            return _interval(g, g, f"publication date converted from Hijri {y:04d}-{m:02d}-{d:02d}")
        if m is not None:
            h = Hijri(y, m, 1)
            a = date(*h.to_gregorian().datetuple())
            b = a + timedelta(days=h.month_length() - 1)
            return _interval(a, b, f"publication date converted from Hijri {y:04d}-{m:02d}")
        a = date(*Hijri(y, 1, 1).to_gregorian().datetuple())
        b = date(*Hijri(y + 1, 1, 1).to_gregorian().datetuple()) - timedelta(days=1) if y < HIJRI_YEARS[1] else None
        if b is None:
            return "a Hijri year outside hijridate's tables"
        return _interval(a, b, f"publication date converted from Hijri {y:04d}")
    except (ValueError, OverflowError, TypeError):
        return "not a day of the Hijri calendar"


# --- 2. ISO 8601 -------------------------------------------------------------------------------


def _iso(text: str) -> Published | None:
    if "/" in text:  # an interval of two ISO dates (what a Hijri month gives)
        a, _, b = text.partition("/")
        pa, pb = _iso(a.strip()), _iso(b.strip())
        if pa is None or pb is None or "/" in b or pa.first > pb.last:
            return None
        return _interval(pa.first, pb.last)
    m = _ISO_PARTIAL.fullmatch(text)
    try:
        if m:
            y, mo, d = m.group(1), m.group(2), m.group(3)
            if d:
                return _at(date.fromisoformat(text), "day")
            if mo:
                return _at(date(int(y), int(mo), 1), "month")
            return _at(date(int(y), 1, 1), "year")
        if _ISO_TIME.fullmatch(text):
            dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
            return _at(dt, "second" if _HAS_SECONDS.search(text) else "minute")
    except ValueError:
        return None
    return None


# --- 3. dateparser -----------------------------------------------------------------------------

_SETTINGS = {
    "REQUIRE_PARTS": ["year"],  # no year given: not a publication date ("10:30", "Monday")
    "PREFER_DATES_FROM": "current_period",  # never shift a year towards the clock's past/future
    "RETURN_AS_TIMEZONE_AWARE": False,
    "RETURN_TIME_AS_PERIOD": True,  # period "time" when the string gives a time of day
    "DATE_ORDER": "DMY",  # 21/07/2015, the Arab press's order
    "PARSERS": ["custom-formats", "absolute-time"],  # no epoch timestamps (they need a time zone)
}


@lru_cache(maxsize=8)
def _parser(relative_base: datetime | None):
    from dateparser.date import DateDataParser

    if relative_base is None:
        return DateDataParser(languages=["ar", "en"], settings=_SETTINGS)
    settings = dict(_SETTINGS, RELATIVE_BASE=relative_base, PARSERS=["relative-time"], REQUIRE_PARTS=[])
    return DateDataParser(languages=["ar", "en"], settings=settings)


def _known_months(text: str) -> str:
    """Month names of every series and spelling as the ones dateparser knows (يناير ... ديسمبر);
    a paired form ("تموز/يوليو"، "يوليو (تموز)") becomes one."""
    months = [m for m in _months_in(text) if m[3] == "gregorian"]
    for s, e, month, _ in reversed(months):
        text = text[:s] + _ARABIC[month - 1] + text[e:]
    return re.sub(r"\b(\w+)\s*[/(]\s*\1\s*\)?", r"\1", text)


_PRECISION = {"year": "year", "month": "month", "week": "day", "day": "day", "time": "minute"}
_FINEST = ("time", "day", "month", "year")


def _dateparser(text: str, crawled: str | None):
    src = _known_months(text)
    try:
        got = _parser(None).get_date_data(src)
    except (ValueError, OverflowError, TypeError, AttributeError):
        got = None
    if (got is None or got.date_obj is None) and " - " in src:  # "الثلاثاء 21 يوليو 2015 - 10:30"
        return _dateparser(text.replace(" - ", " "), crawled)
    if got is not None and got.date_obj is not None:
        return _cut(got, text)
    base = read_published(crawled) if crawled else NONE
    if base.iso is None:
        if _relative(src):
            return "relative to a crawl time, and none is given"
        return "no year: a time or a weekday alone is not a date" if _yearless(src) else None
    has_time = "T" in base.iso
    start = datetime.fromisoformat(base.iso) if has_time else datetime.combine(base.first, datetime.min.time())
    try:
        got = _parser(start).get_date_data(src)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    if got is None or got.date_obj is None:
        return None
    if got.period == "time" and not has_time:
        return "hours before a crawl time that gives no time of day"
    return _at(got.date_obj, _PRECISION.get(got.period, "day") if got.period != "time" else "minute")


def _yearless(src: str) -> bool:
    from dateparser.date import DateDataParser

    try:
        return DateDataParser(languages=["ar", "en"], settings=dict(_SETTINGS, REQUIRE_PARTS=[])).get_date_data(
            src).date_obj is not None
    except (ValueError, OverflowError, TypeError, AttributeError):
        return False


def _relative(src: str) -> bool:
    try:
        return _parser(datetime(2000, 1, 1)).get_date_data(src).date_obj is not None
    except (ValueError, OverflowError, TypeError, AttributeError):
        return False


def _cut(got, text: str) -> Published | str:
    """The parse at the precision the string gives: the coarser of dateparser's period and the
    finest part it lists."""
    parts = set(got.parts or ())
    if "year" not in parts:
        return "no year"
    finest = next((p for p in _FINEST if p in parts), "year")
    period = got.period if got.period in _PRECISION else "day"
    order = {"time": 0, "day": 1, "week": 1, "month": 2, "year": 3}
    coarse = max((finest, period), key=lambda p: order[p])
    precision = _PRECISION[coarse]
    if precision == "minute" and _HAS_SECONDS.search(text):
        precision = "second"
    return _at(got.date_obj, precision)
