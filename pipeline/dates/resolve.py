"""Resolution of detected temporal expressions into ISO 8601 values.

:func:`resolve` turns a ``sem`` dict from :mod:`pipeline.dates.grammar` into
``(value, granularity, calendar, kind, hijri)``. Relative expressions are anchored on the
publication date; without one they keep ``value = None``. Nothing the text does not say is
invented: "مايو 2022" is ``2022-05``; a year-less "20 يونيو" is ``--06-20`` when there is no
publication date. Hijri dates are converted with ``hijridate`` (Umm al-Qura, years 1343-1500).
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from hijridate import Gregorian, Hijri

Result = tuple  # (value, granularity, calendar, kind, hijri)
# "بضعة أيام"، "الأيام القليلة الماضية": a few units, counted as 3 and marked approximate
# (span._.modifier == "approx"); the number is the convention of the Recognizers-Text specs
FEW = 3
_ISO_UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H", "minute": "M", "second": "S"}
_TIME_UNITS = ("hour", "minute", "second")


# ------------------------------------------------------------------ calendar arithmetic
def add_months(d: date, k: int) -> date:
    y, m = divmod(d.month - 1 + k, 12)
    y += d.year
    return date(y, m + 1, min(d.day, _cal.monthrange(y, m + 1)[1]))


def shift(d: date, n: float, unit: str) -> date | None:
    n = int(n) if n == int(n) else n
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(days=7 * n)
    if isinstance(n, float):
        return None
    if unit == "month":
        return add_months(d, n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit in _TIME_UNITS:
        return d
    return None


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _year(y: int) -> str:
    return f"{y:04d}"


def _hijri_to_greg(y: int, m: int, d: int) -> date | None:
    try:
        return date(*Hijri(y, m, d).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


def _hijri_month_range(y: int, m: int) -> tuple[date, date] | None:
    try:
        h = Hijri(y, m, 1)
        start = date(*h.to_gregorian().datetuple())
        return start, start + timedelta(days=h.month_length() - 1)
    except (ValueError, OverflowError):
        return None


def _hijri_year_of(d: date) -> int | None:
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def _interval(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


# ------------------------------------------------------------------ entry point
def resolve(sem: dict, pub: date | None, future=lambda: False) -> Result:
    t = sem["t"]
    if t == "date":
        return _date(sem, pub, future)
    if t == "rel":
        return _rel(sem, pub)
    if t == "shift":
        d = sem["dir"] or (1 if future() else -1)
        out = pub if sem.get("anchor") is None else None
        if sem.get("anchor") == "event":  # "بعد 8 دقائق من ورود البلاغ": an amount of time, not a date
            return _duration(sem["parts"]), sem["parts"][-1][1], "gregorian", "duration", None
        for n, unit in sem["parts"]:
            if out is None:
                break
            out = shift(out, d * (FEW if n is None else n), unit)
        if out is None:
            return None, "day", "gregorian", "relative", None
        units = [u for _, u in sem["parts"]]
        if len(units) == 1 and sem["parts"][0][0] is not None and units[0] in ("week", "month", "year", "decade") \
                and not sem.get("day"):  # "بعد أسبوعين من الآن": counted to the day
            # "قبل خمس سنوات" is a year, "قبل أسبوعين" a week: the precision the text gives (conventions)
            unit = "year" if units[0] == "decade" else units[0]
            val = {"week": _iso_week(out), "month": f"{_year(out.year)}-{out.month:02d}",
                   "year": _year(out.year)}[unit]
            return val, unit, "gregorian", "relative", None
        return out.isoformat(), "day", "gregorian", "relative", None
    if t == "period":
        n, unit = sem["n"], sem["unit"]
        if n is None and sem.get("few"):
            n = FEW
        if pub is None or n is None or unit in _TIME_UNITS:  # "خلال الساعات المقبلة": finer than a day
            return None, unit, "gregorian", "relative", None
        if unit == "decade" and n == int(n):  # "العقدين الماضيين" in 2016: the 1990s and 2000s (decades
            d0 = pub.year // 10 * 10  # are named by the calendar; the current one is not yet over)
            a, b = (date(d0 - 10 * int(n), 1, 1), date(d0 - 1, 12, 31)) if sem["dir"] < 0 else \
                (date(d0 + 10, 1, 1), date(d0 + 10 * int(n) + 9, 12, 31))
        elif sem["dir"] < 0:
            a, b = shift(pub, -n, unit), pub
        else:
            a, b = pub + timedelta(days=1), shift(pub, n, unit)
        return (_interval(a, b) if a and b else None), unit, "gregorian", "relative", None
    if t == "durrange":  # "بين 38 و50 عاما": an amount between two counts, no one value
        return None, sem["unit"], "gregorian", "duration", None
    if t == "part":
        return _part(sem, pub, future)
    if t == "range":
        return _range(sem, pub, future)
    if t == "season":
        return _season(sem, pub)
    if t == "time":
        return _time(sem, pub, future)
    if t == "eid":  # "يوم العيد": Eid al-Fitr or Eid al-Adha, the one nearest the publication date
        if pub is None:
            return None, "day", "hijri", "absolute", None
        cands = [resolve({"t": "date", "m": m, "d": d, "cal": "hijri", "holiday": True}, pub, future)
                 for m, d in ((10, 1), (12, 10))]
        cands = [c for c in cands if c[0]]
        if not cands:
            return None, "day", "hijri", "absolute", None
        return min(cands, key=lambda c: abs((date.fromisoformat(c[0][:10]) - pub).days))
    if t == "anaphor":  # "في اليوم ذاته": the day of an event named earlier, not the publication date
        return None, sem["unit"], "gregorian", "relative", None
    if t == "holiday":
        return _holiday(sem, pub)
    if t == "firstn":  # "أول ستة أشهر من السنة": from the first day of the year, n units
        val, _, cal, kind, _ = resolve(sem["inner"], pub, future)
        b = bounds(val)
        end = shift(b[0], sem["n"], sem["unit"]) if b else None
        if b is None or end is None:
            return None, sem["unit"], cal, kind, None
        return _interval(b[0], min(b[1], end - timedelta(days=1))), sem["unit"], cal, kind, None
    if t == "quarter" and sem["inner"] is None:  # "الربع الثاني": the nearer one
        return in_context(sem, {}, pub, future)
    if t in ("relq", "same"):
        return in_context(sem, {}, pub, future)
    if t in ("weekof", "quarter", "rest"):
        return _period_of(sem, pub, future)
    if t == "nth":
        val, _, cal, kind, _ = resolve(sem["inner"], pub, future)
        b = bounds(val)
        if b is None:
            return None, "day", cal, kind, None
        if sem["n"] < 0:
            d = b[1] - timedelta(days=(b[1].isoweekday() - sem["wd"]) % 7)
        else:
            d = b[0] + timedelta(days=(sem["wd"] - b[0].isoweekday()) % 7 + 7 * (sem["n"] - 1))
        return (d.isoformat() if d <= b[1] else None), "day", cal, kind, None
    if t == "dur":
        return _duration(sem["parts"]), sem["parts"][-1][1], "gregorian", "duration", None
    if t == "set":
        n, unit = sem["n"], sem["unit"]
        val = _duration([(n, unit)])
        return (f"R/{val}" if val else None), unit, "gregorian", "set", None
    if t == "century":  # ISO 8601: "19" is 1900-1999; a Hijri century has no Gregorian value here
        if sem["cal"] != "gregorian":
            return None, "century", sem["cal"], "absolute", None
        return f"{sem['n'] - 1:02d}", "century", "gregorian", "absolute", None
    if t == "decade":
        y = sem["y"]
        return f"{_year(y)}/{_year(y + 9)}", "decade", "gregorian", "absolute", None
    return None, None, None, None, None


def approximate(sem: dict) -> bool:
    """True when the value counts "a few" units as :data:`FEW` (بضعة أيام، الأيام القليلة)."""
    if sem.get("few") or any(n is None for n, _ in sem.get("parts", ())):
        return True
    return any(isinstance(sem.get(k), dict) and approximate(sem[k]) for k in ("a", "b", "inner"))


def _fmt_n(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration(parts) -> str | None:
    date_part, time_part, units = [], [], {u for _, u in parts}
    weeks_alone = units == {"week"}
    for n, unit in parts:
        if n is None:
            n = FEW
        if unit == "decade":
            n, unit = n * 10, "year"
        elif unit == "century":
            n, unit = n * 100, "year"
        elif unit == "week" and not weeks_alone:
            n, unit = n * 7, "day"
        (time_part if unit in _TIME_UNITS else date_part).append(f"{_fmt_n(n)}{_ISO_UNIT[unit]}")
    order = "YMWD"
    date_part.sort(key=lambda s: order.index(s[-1]))
    out = "P" + "".join(date_part)
    if time_part:
        out += "T" + "".join(sorted(time_part, key=lambda s: "HMS".index(s[-1])))
    return out


# ------------------------------------------------------------------ dates
def _weekday(sem: dict, pub: date | None, future) -> Result:
    if pub is None:
        return None, "day", "gregorian", "weekday", None
    iso, w = sem["wd"], pub.isoweekday()
    if sem.get("nth"):
        first = pub.replace(day=1)
        d = first + timedelta(days=(iso - first.isoweekday()) % 7 + 7 * (sem["nth"] - 1))
        return (d.isoformat() if d.month == pub.month else None), "day", "gregorian", "weekday", None
    if sem.get("wrel") is not None:
        monday = pub - timedelta(days=w - 1) + timedelta(days=7 * sem["wrel"])
        d = monday + timedelta(days=iso - 1)
    elif sem.get("wdir", 0) < 0:
        d = pub - timedelta(days=(w - iso) % 7 or 7)
    elif sem.get("wdir", 0) > 0:
        d = pub + timedelta(days=(iso - w) % 7 or 7)
    elif future():
        d = pub + timedelta(days=(iso - w) % 7)
    else:
        d = pub - timedelta(days=(w - iso) % 7)
    return d.isoformat(), "day", "gregorian", "weekday", None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _date(sem: dict, pub: date | None, future) -> Result:
    y, m, d, cal = sem.get("y"), sem.get("m"), sem.get("d"), sem.get("cal") or "gregorian"
    if m is None and d is None:
        if y is not None:
            return _year_only(y, cal)
        return _weekday(sem, pub, future)
    if m is None:  # a day of the publication month (or of the month given relative to it)
        if pub is None:
            return None, "day", "gregorian", "relative", None
        base = add_months(pub.replace(day=1), sem.get("mrel") or 0)
        cands = [base] if "mrel" in sem or not sem.get("wd") else [add_months(base, k) for k in (0, -1, 1)]
        for b in cands:
            dd = _safe(b.year, b.month, d)
            if dd and (not sem.get("wd") or dd.isoweekday() == sem["wd"]):
                return dd.isoformat(), "day", "gregorian", "relative", None
        return None, "day", "gregorian", "relative", None
    if cal == "hijri":
        return _hijri(sem, pub)
    kind = "absolute"
    if sem.get("alt") and pub is not None:  # "16/04/21": dd/mm/yy or yy/mm/dd, the nearer reading
        near = [x for x in ((y, m, d), sem["alt"]) if _safe(*x)]
        if near:
            y, m, d = min(near, key=lambda x: abs((_safe(*x) - pub).days))
    if y is None:
        if sem.get("yrel") is not None and pub:
            y = pub.year + sem["yrel"]
        elif sem.get("mdir") is not None and pub:
            md, key = sem["mdir"], (m, d or 0)
            if md < 0:
                y = pub.year if key < (pub.month, pub.day if d else 0) else pub.year - 1
            elif md > 0:
                y = pub.year if key > (pub.month, pub.day if d else 99) else pub.year + 1
            else:
                y = pub.year
        elif pub and d is None and future():  # "ستجرى في يناير": the coming one
            y = pub.year if m >= pub.month else pub.year + 1
        elif pub and d is None and m != pub.month and (pub.month - m) % 12 <= 6:
            y = pub.year if m < pub.month else pub.year - 1  # a bare month in news: the past one when
            # it is half a year back or less ("هبوطه في يناير" in July is January of the same year)
        elif pub:
            y = _nearest_year(pub, lambda yy: _safe(yy, m, min(d or 15, _cal.monthrange(yy, m)[1])))
        else:
            return (f"--{m:02d}-{d:02d}" if d else f"--{m:02d}"), ("day" if d else "month"), cal, kind, None
    if d is None:
        return f"{_year(y)}-{m:02d}", "month", cal, kind, None
    dd = _safe(y, m, d)
    return (dd.isoformat() if dd else None), "day", cal, kind, None


def _nearest_year(pub: date, make) -> int:
    best, best_dist = pub.year, None
    for yy in (pub.year, pub.year - 1, pub.year + 1):
        dd = make(yy)
        if dd is None:
            continue
        dist = abs((dd - pub).days)
        if best_dist is None or dist < best_dist:
            best, best_dist = yy, dist
    return best


def _year_only(y: int, cal: str) -> Result:
    if cal == "bc":  # ISO 8601 counts 1 BC as year 0000: "3200 ق.م" is -3199
        return f"-{y - 1:04d}", "year", "gregorian", "absolute", None
    if cal == "hijri":
        a, b = _hijri_month_range(y, 1), _hijri_month_range(y, 12)
        val = _interval(a[0], b[1]) if a and b else None
        return val, "year", "hijri", "absolute", _year(y)
    return _year(y), "year", "gregorian", "absolute", None


def _hijri(sem: dict, pub: date | None) -> Result:
    y, m, d = sem.get("y"), sem["m"], sem.get("d")
    kind = "absolute"
    if y is None:
        if sem.get("gyear"):
            y = next((h for h in range(int((sem["gyear"] - 622) * 1.0307) - 1, int((sem["gyear"] - 622) * 1.0307) + 3)
                      if (r := _hijri_month_range(h, m)) and r[0].year == sem["gyear"]), None)
        elif pub is not None:
            h = _hijri_year_of(pub)
            if h is not None:
                y = h
                best = None
                for yy in (h, h - 1, h + 1):
                    r = _hijri_month_range(yy, m)
                    if r:
                        dist = abs((r[0] + (r[1] - r[0]) / 2 - pub).days)
                        if best is None or dist < best:
                            best, y = dist, yy
        if y is None:
            return None, ("day" if d else "month"), "hijri", kind, (f"--{m:02d}-{d:02d}" if d else f"--{m:02d}")
    hij = f"{_year(y)}-{m:02d}" + (f"-{d:02d}" if d else "")
    if d is None:
        r = _hijri_month_range(y, m)
        return (_interval(*r) if r else None), "month", "hijri", kind, hij
    g = _hijri_to_greg(y, m, d)
    return (g.isoformat() if g else None), "day", "hijri", kind, hij


def _rel(sem: dict, pub: date | None) -> Result:
    unit, off = sem["unit"], sem["off"]
    gran = unit
    if pub is None or unit not in ("day", "week", "month", "year", "decade"):
        return None, gran, "gregorian", "relative", None
    if unit == "day":
        d = pub + timedelta(days=off)
        wd = sem.get("wd")
        if wd and d.isoweekday() != wd:
            # "اليوم الأحد" in an article published on Tuesday: the weekday was written the day it
            # happened, on or before the crawl day (conventions): the nearest such day on or before
            d = d - timedelta(days=(d.isoweekday() - wd) % 7)
        return d.isoformat(), gran, "gregorian", "relative", None
    if unit == "week":
        return _iso_week(pub + timedelta(days=7 * off)), gran, "gregorian", "relative", None
    if unit == "month":
        d = add_months(pub.replace(day=1), off)
        return f"{_year(d.year)}-{d.month:02d}", gran, "gregorian", "relative", None
    if unit == "year":
        return _year(pub.year + off), gran, "gregorian", "relative", None
    start = pub.year // 10 * 10 + 10 * off
    return f"{_year(start)}/{_year(start + 9)}", gran, "gregorian", "relative", None


# ------------------------------------------------------------------ holidays with a rule
def _holiday_day(cal: str, m: int, day, y: int) -> date | None:
    if cal in ("easter", "easter_orthodox"):
        return easter(y, EASTER_ORTHODOX if cal == "easter_orthodox" else EASTER_WESTERN) + timedelta(days=day)
    if cal == "gregorian" and isinstance(day, str) and day.startswith("w"):  # w4:4 = 4th Thursday
        iso, n = (int(x) for x in day[1:].split(":"))
        if n < 0:
            last = date(y, m, _cal.monthrange(y, m)[1])
            return last - timedelta(days=(last.isoweekday() - iso) % 7)
        first = date(y, m, 1)
        return first + timedelta(days=(iso - first.isoweekday()) % 7 + 7 * (n - 1))
    return None


def _holiday(sem: dict, pub: date | None) -> Result:
    """Feasts of ``holidays.tsv`` that are not one fixed day: Easter and the days counted from it,
    the N-th weekday of a month, a period of Hijri days (الحج), a national day of no given country."""
    cal, m, day = sem["cal"], sem["m"], sem["day"]
    if cal == "none":
        return None, "day", "gregorian", "absolute", None
    if cal == "hijri":  # "8-13": a period of days of one Hijri month
        inner = {k: v for k, v in sem.items() if k in ("y", "gyear")}
        if not inner and sem.get("yrel") is not None and pub is not None:
            inner["gyear"] = pub.year + sem["yrel"]
        _, _, _, _, hij = _hijri(dict(inner, m=m), pub)
        a, b = (int(x) for x in day.split("-"))
        if not hij or hij.startswith("-"):
            return None, "day", "hijri", "absolute", None
        y = int(hij[:4])
        ga, gb = _hijri_to_greg(y, m, a), _hijri_to_greg(y, m, b)
        val = _interval(ga, gb) if ga and gb else None
        return val, "day", "hijri", "absolute", f"{y:04d}-{m:02d}-{a:02d}/{y:04d}-{m:02d}-{b:02d}"
    y = sem.get("y") or sem.get("gyear")
    if y is None and sem.get("yrel") is not None and pub is not None:
        y = pub.year + sem["yrel"]
    if y is None:
        if pub is None:
            return None, "day", "gregorian", "absolute", None
        y = _nearest_year(pub, lambda yy: _holiday_day(cal, m, day, yy))
    d = _holiday_day(cal, m, day, y)
    return (d.isoformat() if d else None), "day", "gregorian", "absolute", None


# ------------------------------------------------------------------ intervals: parts and ranges
def bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day of an ISO value (date, month, year, week, interval)."""
    if not value or value.startswith(("P", "R", "-")):
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        ba, bb = bounds(a), bounds(b)
        return (ba[0], bb[1]) if ba and bb else None
    try:
        if "-W" in value:
            y, w = value.split("-W")
            a = date.fromisocalendar(int(y), int(w), 1)
            return a, a + timedelta(days=6)
        parts = [int(x) for x in value.split("-")]
        if len(parts) == 3:
            d = date(*parts)
            return d, d
        if len(parts) == 2 and parts[1] in _SEASON_MONTHS:  # 2016-22: summer 2016
            first, last = _SEASON_MONTHS[parts[1]]
            y1, m1 = parts[0] + (last - 1) // 12, (last - 1) % 12 + 1
            return date(parts[0], first, 1), date(y1, m1, _cal.monthrange(y1, m1)[1])
        if len(parts) == 2:
            y, m = parts
            return date(y, m, 1), date(y, m, _cal.monthrange(y, m)[1])
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def _century_part(sem: dict) -> Result:
    """"أواخر القرن السابع" = 667-700: the century counted 601-700, its thirds or halves in years."""
    n, part = sem["inner"]["n"], sem["part"]
    if sem["inner"]["cal"] != "gregorian" or part in ("weekend", "later", "earlier"):
        return None, "century", sem["inner"]["cal"], "absolute", None
    a, z = 100 * (n - 1) + 1, 100 * n
    a2, z2 = {"early": (a, a + 32), "mid": (a + 33, a + 65), "late": (z - 33, z),
              "h1": (a, a + 49), "h2": (a + 50, z)}[part]
    return f"{_year(a2)}/{_year(z2)}", "century", "gregorian", "absolute", None


def _part(sem: dict, pub: date | None, future) -> Result:
    if sem["inner"]["t"] == "century":
        return _century_part(sem)
    val, gran, cal, kind, hij = resolve(sem["inner"], pub, future)
    b = bounds(val)
    if b is None:
        return None, gran, cal, kind, hij
    if sem["part"] in ("later", "earlier"):  # "في وقت لاحق من هذا الشهر": within the month, no finer
        return val, gran, cal, kind, hij
    a, z = b
    if sem["part"] == "weekend":
        if gran == "week":
            return _iso_week(a) + "-WE", gran, cal, kind, hij
        sem = dict(sem, part="late")  # "عطلة نهاية العام": the end of the year
    span = (z - a).days + 1
    if gran == "decade":
        years = {"early": (0, 3), "mid": (3, 6), "late": (6, 9), "h1": (0, 4), "h2": (5, 9)}[sem["part"]]
        return f"{_year(a.year + years[0])}/{_year(a.year + years[1])}", gran, cal, kind, hij
    if sem["part"] in ("h1", "h2"):  # "النصف الأول من العام": January-June
        if gran == "year" and a.month == 1 and a.day == 1 and z.year == a.year:
            a2, z2 = (date(a.year, 1, 1), date(a.year, 6, 30)) if sem["part"] == "h1" else \
                (date(a.year, 7, 1), date(a.year, 12, 31))
        else:
            a2, z2 = (a, a + timedelta(days=span // 2 - 1)) if sem["part"] == "h1" else (a + timedelta(days=span // 2), z)
    elif gran == "year" and a.month == 1 and a.day == 1 and z.year == a.year:
        # a year's first or last third (conventions: "مطلع العام" January-April, "نهاية 2015" September-December)
        months = {"early": (1, 4), "late": (9, 12), "mid": (4, 9)}[sem["part"]]
        a2, z2 = date(a.year, months[0], 1), date(a.year, months[1], _cal.monthrange(a.year, months[1])[1])
    elif gran == "month" and 28 <= span <= 31 and sem["part"] in ("early", "late"):
        # thirds of a month (conventions): "أوائل مايو" 1-10, "أواخر الشهر" 21 to the end
        a2, z2 = (a, a + timedelta(days=9)) if sem["part"] == "early" else (a + timedelta(days=20), z)
    elif sem["part"] == "early":
        a2, z2 = a, a + timedelta(days=span // 2 - 1)
    elif sem["part"] == "late":
        a2, z2 = a + timedelta(days=span // 2), z
    else:
        a2, z2 = a + timedelta(days=span // 3), a + timedelta(days=2 * span // 3 - 1)
    return _interval(a2, z2), gran, cal, kind, hij


_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}  # meteorological, northern


def _time(sem: dict, pub: date | None, future) -> Result:
    """A time of day: on its day when the text gives one ("الثامنة مساء أمس" 2015-08-09T20:00, granularity
    hour, or minute when minutes are written), a time-only value otherwise ("T20:00", kind time)."""
    hh, mi = sem["h"], sem.get("mi")
    gran = "second" if sem.get("s") else "minute" if mi is not None else "hour"  # "8:00": minutes written
    if mi is not None and mi < 0:  # "التاسعة إلا ربعا"
        hh, mi = (hh - 1) % 24, 60 + mi
    clock = f"T{hh:02d}:{mi or 0:02d}" + (f":{sem['s']:02d}" if sem.get("s") else "")
    if sem.get("day") is not None:
        val, dgran, cal, kind, hij = resolve(sem["day"], pub, future)
        if val and dgran == "day" and len(val) == 10:
            return val + clock, gran, cal, kind, hij
        if val is None and pub is not None:
            return None, gran, cal, kind, hij
    return clock, gran, "gregorian", "time", None


def _season(sem: dict, pub: date | None) -> Result:
    """ISO 8601-2 season codes: 2016-22 is the summer of 2016 (winter belongs to its December). A season of
    sport (code None) and a season whose year the text does not give ("الصيف الماضي") have kind
    ``season`` and no value (conventions); "هذا الصيف" is this year's."""
    code, y = sem["code"], sem.get("y")
    kind = "absolute" if y is not None else "relative"
    if code is None or (y is None and sem.get("dir") in (-1, 1) and sem.get("yrel") is None):
        return None, "season", "gregorian", "season", None
    if sem.get("bare"):
        return None, "season", "gregorian", "season", None
    if y is None:
        if pub is None:
            return None, "season", "gregorian", kind, None
        first, last = _SEASON_MONTHS[code]
        m = pub.month if not (code == 24 and pub.month <= 2) else pub.month + 12
        py = pub.year if not (code == 24 and pub.month <= 2) else pub.year - 1
        if sem.get("yrel") is not None:
            y = pub.year + sem["yrel"]
        elif sem.get("dir", 0) < 0:
            y = py if m > last else py - 1
        elif sem.get("dir", 0) > 0:
            y = py if m < first else py + 1
        else:
            y = py
    return f"{_year(y)}-{code}", "season", "gregorian", kind, None


def _period_of(sem: dict, pub: date | None, future) -> Result:
    val, gran, cal, kind, _ = resolve(sem["inner"], pub, future)
    b = bounds(val)
    t = sem["t"]
    out_gran = {"weekof": "week", "quarter": "quarter", "rest": "day"}[t]
    if b is None or (t == "rest" and pub is None):
        return None, out_gran, cal, kind, None
    a, z = b
    if t == "rest":
        return _interval(pub, z), out_gran, cal, "relative", None
    if t == "quarter":
        m0 = 3 * sem["n"] - 2
        y = a.year
        return _interval(date(y, m0, 1), date(y, m0 + 2, _cal.monthrange(y, m0 + 2)[1])), out_gran, cal, kind, None
    n = sem["n"]
    if n == 0:  # the week of a date
        return _iso_week(a), out_gran, cal, kind, None
    if gran == "year":
        y = a.year
        w = n if n > 0 else date(y, 12, 28).isocalendar()[1]
        return f"{_year(y)}-W{w:02d}", out_gran, cal, kind, None
    mondays = [a + timedelta(days=(1 - a.isoweekday()) % 7 + 7 * k) for k in range(6)]
    mondays = [m for m in mondays if m <= z]
    if not mondays or n > len(mondays):
        return None, out_gran, cal, kind, None
    if n < 0:  # the last week: the last one whose Thursday is in the period (ISO 8601's rule for years)
        last = [m for m in mondays if m + timedelta(days=3) <= z] or mondays
        return _iso_week(last[-1]), out_gran, cal, kind, None
    return _iso_week(mondays[n - 1]), out_gran, cal, kind, None


def _range(sem: dict, pub: date | None, future) -> Result:
    va, ga, ca, _, ha = resolve(sem["a"], pub, future)
    vb, gb, cb, _, hb = resolve(sem["b"], pub, future)
    sb = sem["b"]
    if va and sb.get("wd") and set(sb) <= {"t", "wd"} and bounds(va):
        # "من الثلاثاء إلى الخميس": the second weekday follows the first
        start = bounds(va)[0]
        vb = (start + timedelta(days=(sb["wd"] - start.isoweekday()) % 7)).isoformat()
    cal = "hijri" if "hijri" in (ca, cb) else "gregorian"
    hij = f"{ha}/{hb}" if ha and hb else None
    if not va or not vb:
        return None, ga, cal, "range", hij
    a = va.split("/")[0]
    b = vb.split("/")[-1]
    return f"{a}/{b}", ga, cal, "range", hij


# ------------------------------------------------------------------ anaphora: periods named earlier
def _quarter(y: int, n: int) -> tuple[date, date]:
    m0 = 3 * n - 2
    return date(y, m0, 1), date(y, m0 + 2, _cal.monthrange(y, m0 + 2)[1])


def _moved(b: tuple[date, date], y: int) -> tuple[date, date] | None:
    a, z = b
    try:
        return a.replace(year=y), z.replace(year=y + (z.year - a.year))
    except ValueError:  # 29 February
        return None


def in_context(sem: dict, ctx: dict, pub: date | None, future=lambda: False) -> Result:
    """Expressions that refer to a period named earlier in the article (``ctx``: the bounds of the last
    ``quarter``, ``period`` (a quarter, a half, months of one year), ``month``, ``day`` and the last
    ``year`` named). "الربع الثاني" takes the year of the quarter named before it, else the nearer
    one; "الربع السابق" / "هذا الربع" count from the quarter named before, else from the publication
    date; "الفترة المماثلة من العام السابق" is the period named before moved to that year (the year of
    the publication date when the year is counted: العام السابق); "العام ذاته" the year named before
    ("اليوم ذاته" keeps an empty value: the day is often an event's, not one written). No period
    named: an empty value."""
    t = sem["t"]
    if t == "anaphor":
        unit = sem["unit"]
        if unit == "year" and ctx.get("year") is not None:
            return _year(ctx["year"]), "year", "gregorian", "relative", None
        return None, unit, "gregorian", "relative", None
    if t == "quarter":
        q = ctx.get("quarter")
        if q:
            y = q[0].year
        elif pub is None:
            return None, "quarter", "gregorian", "absolute", None
        else:
            def dist(y):
                a, z = _quarter(y, sem["n"])
                return 0 if a <= pub <= z else min(abs((a - pub).days), abs((z - pub).days))
            y = min((pub.year - 1, pub.year, pub.year + 1), key=dist)
        return _interval(*_quarter(y, sem["n"])), "quarter", "gregorian", "absolute", None
    if t == "relq":
        q = ctx.get("quarter")
        if q:
            y, n = q[0].year, (q[0].month - 1) // 3 + 1
        elif pub is not None:
            y, n = pub.year, (pub.month - 1) // 3 + 1
        else:
            return None, "quarter", "gregorian", "relative", None
        k = (n - 1) + sem["off"]
        return _interval(*_quarter(y + k // 4, k % 4 + 1)), "quarter", "gregorian", "relative", None
    # t == "same"
    gran = {"quarter": "quarter", "period": "month", "month": "month"}[sem["of"]]
    b = ctx.get(sem["of"])
    if b is None:
        return None, gran, "gregorian", "relative", None
    kind = "relative"
    if sem.get("inner") is not None:
        val, _, _, kind, _ = resolve(sem["inner"], pub, future)
        yb = bounds(val)
        if yb is None:
            return None, gran, "gregorian", kind, None
        b = _moved(b, yb[0].year)
        if b is None:
            return None, gran, "gregorian", kind, None
    if sem["of"] == "month" and b[0].month == b[1].month:
        return f"{_year(b[0].year)}-{b[0].month:02d}", "month", "gregorian", kind, None
    return _interval(*b), gran, "gregorian", kind, None


def remember(ctx: dict, value: str | None, gran: str | None, kind: str | None) -> None:
    """Update the article's context (:func:`in_context`) with a value just read."""
    if kind in ("duration", "set", "season", "time") or gran == "century" or not value:
        return
    b = bounds(value)
    if b is None:
        return
    a, z = b
    if a.year == z.year:
        ctx["year"] = a.year
    if a == z:
        ctx["day"] = b
        return
    if gran == "quarter":
        ctx["quarter"] = b
    if a.year == z.year and not (a.month == 1 and a.day == 1 and z.month == 12 and z.day == 31):
        ctx["period"] = b
        if a.month == z.month and a.day == 1 and z.day == _cal.monthrange(z.year, z.month)[1]:
            ctx["month"] = b
