"""The rules of the dates grammar: each method reads pieces from ``p`` and returns
``(end, sem)`` (or ``(start, end, sem)`` for :meth:`Grammar.at`) or None.

``sem`` kinds (``sem["t"]``): ``date`` (fields y, m, d, cal, wd, mdir/mrel/yrel/wrel/nth), ``rel``
(unit, off), ``shift`` (parts, dir), ``period`` (unit, n, dir), ``part`` (part, inner), ``range``
(a, b), ``dur`` (parts), ``set`` (n, unit, wd), ``decade`` (y).
"""

from __future__ import annotations

from .lexicon import NUMBER_STARTS, context_words, lookup, money_words
from .parser import AFTER_YEAR, COMMAS, SEPS, Parser

_QUICK: dict[str, bool] = {}
# before a holiday that is also a common noun (الحج): the words that make it a time
HOLIDAY_CTX = context_words("holiday_context")
# before a bare season (في الصيف، فصل الشتاء، إجازة الصيف is not enough: مهرجان الصيف names an event)
SEASON_CTX = context_words("season_context")
# before an adjective of recurrence: not a recurrence (على أساس سنوي)
NOT_SET = context_words("not_set")
# before منذ + an amount: a superlative ("أدنى مستوى له منذ 15 شهرا"): the amount is a duration
SINCE_SUPERLATIVE = context_words("since_superlative")
# after an ordinal and من: an age ("في التاسعة من عمره" = P9Y, conventions: an age is a duration)
AGE_NOUNS = context_words("age_noun")
WEEKDAY_NAME = context_words("weekday_name")
MONEY = money_words()
_UNIT_ISO = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y", "century": "Y",
             "hour": "H", "minute": "M", "second": "S"}


class Grammar(Parser):
    # ---------------------------------------------------------------- driver
    def find(self) -> list[tuple]:
        """Matches as ``(first_token, end_token, sem, first_piece, end_piece)``, left to right,
        longest first."""
        P, out, p = self.P, [], 0
        while p < self.n:
            if not P.first[p] and P.num[p - 1] is None and P.text[p - 1][0].isalnum():
                r = self._glued_day(p)
                if r is None:
                    p += 1
                    continue
            else:
                r = self.at(p)
            if r is None:
                p += 1
                continue
            start, end, sem = r
            while end < self.n and not P.first[end] and not P.text[end][0].isalnum():
                end += 1  # trailing punctuation glued to the last token
            if end < self.n and not P.first[end]:
                p += 1
                continue
            out.append((P.tok[start], P.tok[end - 1] + 1, sem, start, end))
            p = end
        return out

    def _glued_day(self, p: int):
        """"في ال12 من شهر أغسطس": a day in digits glued to the article, read only before its month; or
        the count of an amount of time ("ذو الـ80 ربيعا")."""
        P = self.P
        if P.num[p] is None or not P.first[p - 1] or P.text[p - 1] not in ("ال", "بال", "وال", "فال", "لل"):
            return None
        r = self.calendar_date(p)
        if r is None or r[1].get("t") != "date" or "m" not in r[1]:
            r = self.core(p)  # "ذات الـ26 ربيعا": an amount of time
            if r is None or r[1].get("t") != "dur":
                return None
        return p, r[0], r[1]

    def _quick(self, p: int) -> bool:
        if self.P.num[p] is not None:
            return True
        w = self.P.text[p]
        hit = _QUICK.get(w)
        if hit is None:
            e, ph = lookup(w)
            hit = bool(e or ph) or w in NUMBER_STARTS or w in ("من", "بين", "ما", "يوم", "ايام", "اخر", "الي")
            if len(_QUICK) < 500_000:
                _QUICK[w] = hit
        return hit

    def at(self, p: int):
        if not self._quick(p):
            return None
        best = None
        w = self.P.text[p]
        if w[:1] in "وف" and w[1:] in ("من", "بين"):
            w = w[1:]
        if w in ("من", "بين") or (w == "ما" and self.is_word(p + 1, "بين")):
            q = p + 1 if w == "ما" else p
            r = self.range_(q)
            if r:
                best = (q, r[0], r[1])
        c = self.core(p)
        dr = self.dash_range(p)
        if dr and (c is None or dr[0] > c[0]):
            c = dr
        c = c or self.day_alone(p)
        if c:
            end, sem = c[0], c[1]
            start = c[2] if len(c) > 2 else p
            rr = self.range_tail(end, sem)
            if rr:
                end, sem = rr
            if best is None or end > best[1]:
                best = (start, end, sem)
        return best

    def core(self, p: int):
        """(end, sem[, start]) of the longest expression at ``p``."""
        best = None
        for rule in (self.calendar_date, self.numeric, self.year_expr, self.weekday_expr, self.deixis,
                     self.unit_expr, self.part, self.decade, self.every, self.dayword, self.nth_weekday,
                     self.week_of, self.quarter, self.same_period, self.century, self.rest, self.holiday, self.season, self.month_days,
                     self.week_containing, self.sport_season, self.time_of_day, self.dayparted, self.age,
                     self.duration_range):
            r = rule(p)
            if r and (best is None or r[0] > best[0]):
                best = r
        per = self.per_unit(p) if best is None or best[1]["t"] == "rel" else None
        if per and (best is None or best[0] <= per[0]):
            return per
        if best and best[1]["t"] in ("date", "rel"):
            t = self.dated_time(best, best[2] if len(best) > 2 else p)
            if t:
                best = (*t, *best[2:])
        return best

    # ---------------------------------------------------------------- ranges
    def range_(self, p: int):
        """من X إلى Y / بين X و Y (p at من or بين)."""
        opener = self.P.text[p]
        if opener[:1] in "وف" and opener[1:] in ("من", "بين"):
            opener = opener[1:]
        q = p + 1
        yr = self._year_range(q, opener)
        if yr:
            return yr
        a = self.core(q) or self._bare_day(q)
        if not a:
            return None
        s = a[0]
        if s >= self.n:
            return None
        sep = self.P.text[s]
        if opener == "من" and sep in ("الي", "حتي", "-", "لغايه"):
            y = s + 1
        elif opener == "بين" and sep == "و":
            y = s + 1
        elif opener == "بين" and sep == "-":
            y = s + 1
        elif opener == "بين" and sep.startswith("و") and len(sep) > 1:
            y = s
        else:
            return None
        b = self.core(y) or self._bare_day(y)
        if a[1].get("y") and set(a[1]) <= {"t", "y", "cal"}:
            yb = self.year(y)
            if yb and (not b or yb[0] >= b[0]):
                b = yb[0], {"t": "date", "y": yb[1], "cal": a[1]["cal"]}
        if not b:
            return None
        sem = self._merge_range(a[1], b[1])
        return (b[0], sem) if sem else None

    def range_tail(self, end: int, a: dict):
        """X - Y, X إلى Y, X حتى Y after a complete expression X."""
        if end >= self.n or a["t"] not in ("date", "rel", "range") or self.P.brk[end - 1]:
            return None
        if self.P.text[end] not in ("-", "الي", "حتي", "وحتي", "والي"):
            return None
        b = self.core(end + 1)
        if not b:
            return None
        sem = self._merge_range(a, b[1])
        return (b[0], sem) if sem else None

    def _year_range(self, q: int, opener: str):
        """من 2014 إلى 2018، بين 2010 و2015 (two bare years, the first smaller)."""
        P = self.P
        if q + 2 >= self.n or P.ndig[q] != 4 or P.ndig[q + 2] != 4:
            return None
        sep = P.text[q + 1]
        if not ((opener == "من" and sep in ("الي", "حتي", "-")) or (opener == "بين" and sep in ("و", "-"))):
            return None
        a, b, e = P.num[q], P.num[q + 2], q + 3
        if not 1800 <= a < b <= 2100:
            return None
        if a < 1900 and e < self.n and not P.brk[e - 1] and P.num[e] is None and P.text[e][0].isalpha():
            w = P.text[e]
            if not (w.startswith("و") or w in AFTER_YEAR or lookup(w)[0]):
                return None  # "من 2000 إلى 2015 شخصا"
        era = self.era(e)
        if era:
            e = era[0]
        return e, {"t": "range", "a": {"t": "date", "y": a, "cal": "gregorian"},
                   "b": {"t": "date", "y": b, "cal": "gregorian"}}

    def dash_range(self, p: int):
        """19-20 نوفمبر، 4 حتى 23 من هذا الشهر (days of one month), 2014-2018 (years)."""
        P = self.P
        if P.num[p] is None or p + 2 >= self.n or P.text[p + 1] not in ("-", "_", "حتي", "الي", "و") \
                or P.num[p + 2] is None:
            return None
        if P.text[p + 1] in ("-", "_") and P.ndig[p] == 4 and P.ndig[p + 2] == 4 and 1800 <= P.num[p] < P.num[p + 2] <= 2100:
            return p + 3, {"t": "range", "a": {"t": "date", "y": P.num[p], "cal": "gregorian"},
                           "b": {"t": "date", "y": P.num[p + 2], "cal": "gregorian"}}
        era = self.cat(p + 3, "era")
        if P.text[p + 1] == "-" and era and 3 <= P.ndig[p] <= 4 and 3 <= P.ndig[p + 2] <= 4 \
                and P.num[p] < P.num[p + 2] and float(P.num[p]).is_integer() and float(P.num[p + 2]).is_integer():
            cal = era[1][1]  # "570 - 632 ميلادية"، "1400-1436هـ"
            return era[0], {"t": "range", "a": {"t": "date", "y": int(P.num[p]), "cal": cal},
                            "b": {"t": "date", "y": int(P.num[p + 2]), "cal": cal}}
        if P.text[p + 1] == "و" and not P.first[p + 1]:
            return None  # "28 و29 يوليو": و starts the second day's word
        a = self._bare_day(p)
        b = self.calendar_date(p + 2)  # "19-20 نوفمبر"، "4-23 في الشهر المقبل"
        if a and b and (b[1].get("m") or b[1].get("mrel") is not None):
            sem = self._merge_range(a[1], b[1])
            return (b[0], sem) if sem else None
        return None

    def _bare_day(self, p: int):
        r = self.day_number(p)
        if not r:
            return None
        return r[0], {"t": "date", "d": int(r[1]), "bare": True}

    @staticmethod
    def _merge_range(a: dict, b: dict):
        if a["t"] == "date" and b["t"] == "date":
            if a.get("bare") and b.get("bare"):
                return None
            a = dict(a)
            a.pop("bare", None)
            b = dict(b)
            b.pop("bare", None)
            for k in ("m", "y", "cal", "mrel", "mdir", "yrel"):
                if a.get("d") is None and a.get("m") is None:
                    break  # "من يوم الإثنين حتى 1436/10/30هـ": a weekday takes no year nor calendar of the end
                if a.get(k) is None and b.get(k) is not None and (k != "m" or a.get("d")):
                    if k == "m" and a.get("m") is None and a.get("d") is None:
                        continue
                    a[k] = b[k]
            if b.get("y") is None and a.get("y") is not None and b.get("m") is not None:
                b["y"] = a["y"]
            if a.get("d") and a.get("m") is None and a.get("mrel") is None and not a.get("wd"):
                return None  # "من 4 إلى 23" alone; "من الجمعة 11 حتى الثلاثاء 15" has its weekdays
            return {"t": "range", "a": a, "b": b}
        if a["t"] in ("date", "rel") and b["t"] in ("date", "rel") and not a.get("bare"):
            return {"t": "range", "a": a, "b": b}
        return None

    # ---------------------------------------------------------------- calendar dates
    def calendar_date(self, p: int):
        d = self.day_number(p)
        if d and self.P.num[p] is not None and self.is_word(d[0], "او"):
            other = self.calendar_date(d[0] + 1)  # "في 30 أو 31 يوليو": the first day has the same month
            if other and other[1].get("t") == "date" and "m" in other[1] and "d" in other[1] \
                    and self.P.num[d[0] + 1] is not None:
                return d[0], {k: v for k, v in other[1].items() if k != "mdir"} | {"d": int(d[1])}
        if d:
            q = d[0]
            if self.P.num[p] is not None and q < self.n and self.P.text[q] in SEPS:
                q += 1
            if self.is_word(q, "من"):
                q += 1
            mw = self.cat(q, "monthword")
            if mw:
                q = mw[0]
            mo = self.month(q)
            if mo:
                sem = {"t": "date", "d": int(d[1]), "m": mo[1], "cal": mo[2]}
                end = self._year_after(mo[0], sem)
                if end == mo[0]:
                    md = self.cat(end, "mod")  # "30 يونيو الماضي"
                    if md:
                        sem["mdir"] = md[1][1]
                        end = md[0]
                return end, sem
            q = d[0]
            if self.is_word(q, "من", "في"):
                q += 1
            rm = self.rel_unit(q)
            if rm and rm[1]["unit"] == "month":
                return rm[0], {"t": "date", "d": int(d[1]), "mrel": rm[1]["off"]}
            return None
        q = p
        this = self.cat(p, "this")
        if this:
            q = this[0]
        mw = self.cat(q, "monthword")
        if mw:
            q = mw[0]
        mo = self.month(q)
        if not mo:
            return None
        end, m, cal, amb = mo
        sem = {"t": "date", "m": m, "cal": cal}
        if this:
            sem["mdir"] = 0
        e = end
        if e < self.n and self.P.text[e] == "-" and not self.P.brk[e - 1]:
            e += 1
        dd = self.day_number(e)
        if dd and not (dd[0] < self.n and (self.cat(dd[0], "unit") or self.P.text[dd[0]] in MONEY)):
            sem["d"] = int(dd[1])
            end = dd[0]
        end2 = self._year_after(end, sem)
        if end2 == end and "d" not in sem and not this:
            md = self.cat(end, "mod")
            if md:
                sem["mdir"] = md[1][1]
                end2 = md[0]
            else:
                q2 = end + 1 if self.is_word(end, "من") else end
                ru = self.rel_unit(q2)
                if ru and ru[1]["unit"] == "year":
                    sem["yrel"] = ru[1]["off"]
                    end2 = ru[0]
        if amb and not (mw or this or "d" in sem or "y" in sem or "gyear" in sem or "mdir" in sem or self._ctx_before(p)):
            return None
        return end2, sem

    def month_days(self, p: int):
        """[شهر] نوفمبر بين 15 و 19، تشرين الثاني بين الخامس عشر والتاسع عشر: days of a named month."""
        mw = self.cat(p, "monthword")
        mo = self.month(mw[0] if mw else p)
        if not mo or not self.is_word(mo[0], "بين"):
            return None
        a = self.day_number(mo[0] + 1)
        if not a:
            return None
        q = a[0]
        if self.is_word(q, "و"):
            b = self.day_number(q + 1)
        elif q < self.n and self.P.text[q].startswith("و") and len(self.P.text[q]) > 1 and self.P.num[q] is None:
            r = self._nw.read_ordinal([self.P.text[q][1:], *self.P.text[q + 1:q + 3]], 0)  # "والتاسع عشر"
            b = (q + r[1], r[0]) if r and 1 <= r[0] <= 31 else None
        else:
            return None
        if not b or b[1] <= a[1]:
            return None
        m, cal = mo[1], mo[2]
        return b[0], {"t": "range", "a": {"t": "date", "d": int(a[1]), "m": m, "cal": cal},
                      "b": {"t": "date", "d": int(b[1]), "m": m, "cal": cal}}

    def _year_after(self, p: int, sem: dict) -> int:
        y = self.year_part(p)
        if not y:
            e = self.era(p)  # "رمضان هـ" is not a date; a lone era mark only after a number
            return p if not e else p
        end, year, cal = y
        if sem.get("cal") == "hijri" and year >= 1700 and cal != "hijri":
            sem["gyear"] = year  # "رمضان 2022": the Ramadan of Gregorian 2022
        else:
            sem["y"] = year
            if cal == "hijri":
                sem["cal"] = "hijri"
        return end

    def numeric(self, p: int):
        P = self.P
        if p + 2 >= self.n:
            return None
        a = P.num[p]
        if a is None:
            return None
        sep = P.text[p + 1]
        if sep not in SEPS or P.num[p + 2] is None:
            return None
        b, nda, ndb = P.num[p + 2], P.ndig[p], P.ndig[p + 2]
        c = None
        end = p + 3
        if end + 1 < self.n and P.text[end] == sep and P.num[end + 1] is not None:
            c, ndc = P.num[end + 1], P.ndig[end + 1]
            end += 2
        sem = None
        if c is None and self.month(end):
            return None
        if c is None and sep == "." and end < self.n and (P.text[end] in ("%", "٪") or self.cat(end, "decimal")):
            return None  # "7.5 %"، "14.2 مليار": a decimal number, not a day and a month
        if c is not None:
            if nda == 4:
                y, m, d = a, b, c
            elif ndc in (2, 4) and b <= 12:
                y, m, d = c, b, a
            elif ndc in (2, 4) and a <= 12:
                y, m, d = c, a, b
            else:
                return None
            if ndc == 2 and nda != 4:
                y = 2000 + y if y < 50 else 1900 + y
            if not (1 <= m <= 12 and 1 <= d <= 31):
                return None
            sem = {"t": "date", "y": y, "m": m, "d": d, "cal": "gregorian"}
            if nda == ndb == ndc == 2 and sep != "." and (y, m, d) == (2000 + c if c < 50 else 1900 + c, b, a) \
                    and 1 <= b <= 12 and 1 <= c <= 31:
                # "16/04/21" also reads yy/mm/dd; the reading nearer the publication date wins
                sem["alt"] = (2000 + a if a < 50 else 1900 + a, b, c)
        else:
            if nda == 4 and 1 <= b <= 12 and sep != "." and ndb <= 2 and 1800 <= a <= 2100:
                sem = {"t": "date", "y": a, "m": b, "cal": "gregorian"}
            elif ndb == 4 and 1 <= a <= 12 and sep != "." and nda <= 2 and 1800 <= b <= 2100:
                sem = {"t": "date", "y": b, "m": a, "cal": "gregorian"}
            elif nda <= 2 and ndb <= 2 and (self._ctx_before(p) or self._md_comma_year(end) or (
                    sep in ("/", "-") and (a > 12) != (b > 12) and min(a, b) >= 1 and self._glued(p, p + 2))):
                if a > 12 and 1 <= b <= 12 and a <= 31:
                    d, m = a, b
                elif b > 12 and 1 <= a <= 12 and b <= 31:
                    m, d = a, b
                elif sep != "." and 1 <= a <= 31 and 1 <= b <= 12:
                    d, m = a, b
                else:
                    return None
                sem = {"t": "date", "m": m, "d": d, "cal": "gregorian"}
                q = self.skip_commas(end)
                if q > end and q < self.n and P.num[q] is not None and P.ndig[q] in (2, 4):
                    yy = P.num[q]  # "08/12, 2015": month/day, year
                    sem = {"t": "date", "m": a, "d": b, "y": yy if yy > 99 else 2000 + yy, "cal": "gregorian"}
                    if not (1 <= a <= 12 and 1 <= b <= 31):
                        return None
                    end = q + 1
            else:
                return None
        e = self.era(end)
        if e and e[1] == "hijri":
            sem["cal"] = "hijri"
            end = e[0]
        return end, sem

    def _md_comma_year(self, end: int) -> bool:
        q = self.skip_commas(end)
        return q > end and q < self.n and self.P.num[q] is not None and self.P.ndig[q] in (2, 4)

    def year_expr(self, p: int):
        yw = self.cat(p, "yearword")
        if yw:
            q = yw[0]
            if yw[1][1] == 2:  # بين عامي 2010 و2015
                y1 = self.year(q, bare=False)
                if y1 and self.is_word(y1[0], "و"):
                    y2 = self.year(y1[0] + 1, bare=False)
                    if y2:
                        a = {"t": "date", "y": y1[1], "cal": y1[2] or y2[2] or "gregorian"}
                        b = {"t": "date", "y": y2[1], "cal": a["cal"]}
                        return y2[0], {"t": "range", "a": a, "b": b}
                return None
            y = self.year(q, bare=False, words=True)
            if y:
                return y[0], {"t": "date", "y": y[1], "cal": y[2] or "gregorian"}
            return None
        y = self.year(p, bare=True)
        if y and (y[2] or (1800 <= y[1] <= 2100 and self._year_ctx(p))):
            return y[0], {"t": "date", "y": y[1], "cal": y[2] or "gregorian"}
        if y is None and p < self.n and self.P.num[p] is None and p > 0 and self.P.text[p - 1] in ("في", "وفي") \
                and self.P.text[p] in NUMBER_STARTS:
            # "في ألف وسبعمائة وتسعة وثمانين": a year in words, written out to its units, with nothing counted after
            y = self.year(p, bare=True, words=True)
            if y and 1000 <= y[1] <= 2100 and y[0] > p + 2 and (y[0] >= self.n or not self.P.text[y[0]][:1].isalpha()):
                return y[0], {"t": "date", "y": y[1], "cal": y[2] or "gregorian"}
        return None

    # ---------------------------------------------------------------- weekdays and deixis
    def weekday(self, p: int, after_yawm: bool = False):
        r = self.cat(p, "wd")
        if not r:
            return None
        bare = r[1][2]
        if bare and not (after_yawm and any(e[0] == "wd" for e in self.entries_exact(p))):
            return None  # "يوم واحد" is not "يوم أحد"
        if p > 0 and not self.P.brk[p - 1] and (self.cat(p - 1, "notwd") or self.P.text[p - 1] in WEEKDAY_NAME):
            return None  # "خطبة الجمعة"، "سوق الاثنين"
        if r[1][1] == 1 and p > 0 and self.P.text[p - 1] in ("بين", "مع", "كلا") and not (
                r[0] < self.n and self.P.text[r[0]].startswith("و") and self.cat(r[0], "wd")):
            return None  # "بين الاثنين": between the two
        return r[0], r[1][1]

    def weekday_expr(self, p: int):
        q, start = p, p
        this = self.cat(p, "this")
        if this:
            q = this[0]
        yawm = self.is_word(q, "يوم")
        if yawm:
            q += 1
        wd = self.weekday(q, after_yawm=yawm)
        if not wd:
            return None
        if not this:
            start = q
        end, iso = wd
        sem = {"t": "date", "wd": iso}
        if this:
            sem["wrel"] = 0
        e = self.skip_commas(end)
        if self.is_word(e, "الموافق"):  # "يوم الأحد الموافق 10 / 10 / 1436هـ"
            e += 1
        cd = self.calendar_date(e) or self.numeric(e)
        if cd and cd[1].get("d"):
            cd[1]["wd"] = iso
            return cd[0], cd[1], start
        nxt = self.weekday(end) if not this and not self.P.brk[end - 1] else None
        if nxt and nxt[1] == iso % 7 + 1:  # "ليل الأحد الاثنين": the night from one day to the next
            return nxt[0], {"t": "range", "a": sem, "b": {"t": "date", "wd": nxt[1]}}, start
        e2 = end + 1 if self.is_word(end, "في") else end
        dd = self.day_number(e2)
        if dd and not (dd[2] and e2 == end and dd[1] > 5):
            if dd[2] and e2 == end:
                sem["nth"] = int(dd[1])
            else:
                sem["d"] = int(dd[1])
            return dd[0], sem, start
        md = self.cat(end, "mod")
        if md:
            sem["wdir"] = md[1][1]
            return md[0], sem, start
        q = end + 1 if self.is_word(end, "من") else end
        ru = self.rel_unit(q)
        if ru and ru[1]["unit"] == "week":
            sem["wrel"] = ru[1]["off"]
            return ru[0], sem, start
        return end, sem, start

    def deixis(self, p: int):
        r = self.cat(p, "day")
        if not r:
            return None
        end, (_, off) = r
        if p > 0 and self.P.text[p - 1] in ("ذلك", "ذات", "نفس", "تلك"):
            return None  # "في ذلك اليوم": that day
        if p > 0 and not self.P.brk[p - 1] and self.P.text[p].endswith("يوم") and self.cat(p - 1, "notday"):
            return None  # "صحيفة عين اليوم": a name
        if end == p + 1 and self.P.text[p].endswith("يوم") and end < self.n:
            nxt = self.P.text[end]
            if nxt.startswith("ال") and not self.entries(end) and not self.cat(end, "fnword"):
                return None  # اليوم الوطني، اليوم العالمي
        sem = {"t": "rel", "unit": "day", "off": off}
        if off == 0 and end == p + 1 and self.cat(end, "anaphor"):
            return end + 1, {"t": "anaphor", "unit": "day"}  # "في اليوم ذاته": a day named earlier
        e = self.skip_commas(end)
        if self.is_word(e, "(") and (wdb := self.weekday(e + 1)) and self.is_word(wdb[0], ")"):
            return wdb[0] + 1, dict(sem, wd=wdb[1])  # "اليوم (الخميس)"
        wd = self.weekday_expr(e)
        if wd and wd[2] == e:
            s2 = wd[1]
            if s2.get("d"):
                return wd[0], s2
            return wd[0], dict(sem, wd=s2["wd"])
        cd = self.calendar_date(e)
        if cd and cd[1].get("d"):
            return cd[0], cd[1]
        return end, sem

    def nth_weekday(self, p: int):
        """أول يوم جمعة من يوليو، آخر خميس من الشهر."""
        o = self.number(p, ordinal=True)
        last = self.is_word(p, "اخر")
        if not (o and o[1] <= 5) and not last:
            return None
        q = o[0] if o else p + 1
        yawm = self.is_word(q, "يوم")
        wd = self.weekday(q + 1 if yawm else q, after_yawm=True)
        if not wd or not self.is_word(wd[0], "من", "في"):
            return None
        inner = self.calendar_date(wd[0] + 1) or self.rel_unit(wd[0] + 1)
        if not inner:
            return None
        return inner[0], {"t": "nth", "n": -1 if last else int(o[1]), "wd": wd[1], "inner": inner[1]}

    def _period_inner(self, q: int):
        """A month or a year after "الأسبوع الأول من" / "الربع الثالث من" / "بقية"."""
        if self.is_word(q, "من"):
            q += 1
        best = None
        for x in (self.calendar_date(q), self.year_expr(q), self.rel_unit(q)):
            if x and x[1]["t"] in ("date", "rel") and (best is None or x[0] > best[0]):
                best = x
        y = self.year(q, bare=True, words=True)
        if y and y[1] <= 9999 and (best is None or y[0] > best[0]):  # not "الربع الثاني مليون"
            best = y[0], {"t": "date", "y": y[1], "cal": y[2] or "gregorian"}
        return best

    def week_of(self, p: int):
        """الأسبوع الأول من أكتوبر، الأسبوع الأخير من عام 2015."""
        u = self.cat(p, "unit")
        if not u or u[1][1] != ("week", "1") or not self.P.text[p].startswith("ال"):
            return None
        q = u[0]
        if self.is_word(q, "الاخير"):
            n, q = -1, q + 1
        else:
            o = self.number(q, ordinal=True)
            if not o or not 1 <= o[1] <= 5:
                return None
            n, q = int(o[1]), o[0]
        inner = self._period_inner(q)
        if not inner or inner[1]["t"] == "rel" and inner[1]["unit"] not in ("month", "year"):
            return None
        return inner[0], {"t": "weekof", "n": n, "inner": inner[1]}

    def week_containing(self, p: int):
        """أسبوع 16 سبتمبر، الأسبوع في 15 سبتمبر: the (ISO) week of a date."""
        u = self.cat(p, "unit")
        if not u or u[1][1] != ("week", "1"):
            return None
        q = u[0] + 1 if self.is_word(u[0], "في") else u[0]
        cd = self.calendar_date(q)
        if not cd or not cd[1].get("d") or cd[1].get("cal") != "gregorian":
            return None
        return cd[0], {"t": "weekof", "n": 0, "inner": cd[1]}

    def quarter(self, p: int):
        """الربع الثالث من عام 2016، الربع الأول من هذا العام; a bare "الربع الثاني" (the nearer one, or
        the year of a quarter named earlier); "الربع السابق" / "هذا الربع" / "الربع المماثل من العام
        السابق" (counted from a quarter named earlier, else from the publication date)."""
        num = self.P.num[p] if p < len(self.P.num) else None  # a rule may look one piece past the end
        if num is not None and 1900 <= num <= 2100 and float(num).is_integer() and self.cat(p + 1, "quarter"):
            r = self.quarter(p + 1)  # "2016 الربع الثالث"
            if r and r[1]["t"] == "quarter" and r[1]["inner"] is None:
                return r[0], dict(r[1], inner={"t": "date", "y": int(num), "cal": "gregorian"})
            return None
        this = self.cat(p, "this")
        r = self.cat(this[0] if this else p, "quarter")
        if not r:
            return None
        if this:
            return r[0], {"t": "relq", "off": 0}
        md = self.cat(r[0], "mod")
        if md:
            return md[0], {"t": "relq", "off": md[1][1]}
        same = self._same_of(r[0])
        if same:
            return same[0], {"t": "same", "of": "quarter", "inner": same[1]}
        o = self.number(r[0], ordinal=True)
        if not o or not 1 <= o[1] <= 4 or o[0] != r[0] + 1:  # one word: not "الربع الثاني مليون"
            return None
        inner = self._period_inner(o[0])
        if inner and (inner[1].get("m") or inner[1].get("unit", "year") != "year"):
            inner = None
        if not inner:
            return o[0], {"t": "quarter", "n": int(o[1]), "inner": None}
        return inner[0], {"t": "quarter", "n": int(o[1]), "inner": inner[1]}

    def century(self, p: int):
        """القرن العشرين، القرن السابع الميلادي، القرن الـ21 (an ordinal after القرن, an era optional)."""
        u = self.cat(p, "unit")
        if not u or u[1][1] != ("century", "1") or not self.P.text[p].endswith("القرن"):
            return None
        q = u[0] + 1 if u[0] < self.n and self.P.text[u[0]] in ("ال", "الـ") else u[0]
        o = self.number(q, ordinal=None)
        if not o or not 1 <= o[1] <= 30 or not float(o[1]).is_integer():
            return None
        end, cal = o[0], "gregorian"
        era = self.cat(end, "era")
        if era and self.P.text[end].startswith("ال"):
            end, cal = era[0], era[1][1]
        return end, {"t": "century", "n": int(o[1]), "cal": cal}

    def _same_of(self, q: int):
        """After a period noun: المماثلة / المقابلة / ذاتها / نفسها and an optional "من العام السابق" ->
        (end, year sem or None); None when no such word follows."""
        s = self.cat(q, "similar") or self.cat(q, "anaphor")
        if not s:
            return None
        inner = self._period_inner(s[0]) if self.is_word(s[0], "من") else None
        if inner and inner[1].get("m") is None and inner[1].get("unit", "year") == "year":
            return inner[0], inner[1]
        return s[0], None

    def same_period(self, p: int):
        """الفترة المماثلة من العام السابق، نفس الفترة من عام 2014، الفترة ذاتها، نفس الشهر من العام
        الماضي: the period named earlier in the article, moved to the year given."""
        before = self.cat(p, "samebefore")
        q = before[0] if before else p
        noun = self.cat(q, "periodnoun")
        of = "period"
        if not noun:
            u = self.cat(q, "unit")
            if not before or not u or u[1][1] != ("month", "1") or not self.P.text[q].startswith(("ال", "لل")):
                return None
            noun, of = u, "month"
        if before:
            end, inner = noun[0], None
            if self.is_word(end, "من"):
                x = self._period_inner(end)
                if x and x[1].get("m") is None and x[1].get("unit", "year") == "year":
                    end, inner = x
            if of == "month" and inner is None:
                return None  # "بنفس الشهر من الأعوام الماضية": no year to place it
        else:
            same = self._same_of(noun[0])
            if not same:
                return None
            end, inner = same
        return end, {"t": "same", "of": of, "inner": inner}

    def rest(self, p: int):
        """بقية العام، باقي الأسبوع، ما تبقى من الشهر الجاري."""
        r = self.cat(p, "rest")
        if not r:
            return None
        q = r[0]
        inner = self.rel_unit(q)
        if not inner:
            u = self.cat(q, "unit")
            if u and u[1][1][1] == "1" and self.P.text[q].startswith("ال"):
                inner = u[0], {"t": "rel", "unit": u[1][1][0], "off": 0}
        if not inner or inner[1]["unit"] not in ("week", "month", "year"):
            return None
        return inner[0], {"t": "rest", "inner": inner[1]}

    def season(self, p: int):
        """صيف 2016، الشتاء الماضي، هذا الربيع، خريف العام المقبل."""
        this = self.cat(p, "this")
        q = this[0] if this else p
        r = self.cat(q, "season")
        if not r:
            return None
        sem = {"t": "season", "code": r[1][1]}
        end = r[0]
        y = self.year_part(end)
        if y and not (self.cat(r[0], "month")):
            sem["y"] = y[1]
            return y[0], sem
        md = self.cat(end, "mod")
        if md:
            sem["dir"] = md[1][1]
            return md[0], sem
        ru = self.rel_unit(end + 1 if self.is_word(end, "من") else end)
        if ru and ru[1]["unit"] == "year":
            sem["yrel"] = ru[1]["off"]
            return ru[0], sem
        if this:
            sem["dir"] = 0
            return end, sem
        prev = self.P.text[p - 1] if p > 0 and not self.P.brk[p - 1] else ""
        if self.P.text[q].startswith("ال") and not self.is_word(end, "العربي", "الاول", "الثاني", "الاخر") \
                and (prev in SEASON_CTX or (prev and self.cat(p - 1, "part"))):
            sem["bare"] = True  # "في الصيف": a season, the text does not say of which year
            return end, sem
        return None

    def holiday(self, p: int):
        """عيد الفطر، (يوم) عيد الميلاد، عيد الأضحى المبارك لعام 1443 هـ، عيد الفصح 2021، الحج سنة 2016."""
        leave = self.cat(p, "leave")  # "إجازة عيد الفطر": the days off, as many as the employer gives
        r = self.cat(leave[0] if leave else p, "holiday")
        if not r and self.is_word(p, "يوم"):
            r = self.cat(p + 1, "holiday")  # "يوم عيد الميلاد"
        if not r:
            if leave and self.is_word(leave[0], "العيد"):
                return leave[0] + 1, {"t": "holiday", "m": 0, "day": 0, "cal": "none"}  # "إجازة العيد"
            return None
        _, cal, m, day, weak = r[1]
        if leave:
            end = self._year_after(r[0], {})
            return end, {"t": "holiday", "m": 0, "day": 0, "cal": "none"}
        if cal == "eid":  # "يوم العيد": the feast nearest the publication date
            return r[0], {"t": "eid"}
        if isinstance(day, int) and cal in ("gregorian", "hijri"):
            sem = {"t": "date", "m": m, "d": day, "cal": cal, "holiday": True}
        else:
            sem = {"t": "holiday", "m": m, "day": day, "cal": cal}
        end = self._year_after(r[0], sem)
        if end == r[0]:
            ru = self.rel_unit(end + 1 if self.is_word(end, "من") else end)
            if ru and ru[1]["unit"] == "year":
                sem["yrel"] = ru[1]["off"]
                end = ru[0]
        if weak and end == r[0] and not (p > 0 and not self.P.brk[p - 1] and self.P.text[p - 1] in HOLIDAY_CTX):
            return None  # "وزارة الحج", "سأذهب إلى الحج": the pilgrimage, not its days
        return end, sem

    def day_alone(self, p: int):
        """A day of the month alone at the end of a sentence: "في 27." , "في الثاني!", "إلى الحادي
        والعشرين", "للثاني" (an ordinal with لل). Digits after إلى stay numbers ("ارتفع إلى 27.")."""
        T = self.P.text
        prev = T[p - 1] if p > 0 and not self.P.brk[p - 1] else ""
        start = p
        if prev != "في":
            if T[p] == "الي":
                start, p = p, p + 1
            elif not (T[p].startswith("لل") and self.P.num[p] is None):
                return None
        dd = self.day_number(p)
        if not dd or (self.P.num[p] is None and not dd[2]) or (start != p and not dd[2]) \
                or (prev != "في" and not dd[2]):
            return None
        if dd[2] and dd[1] <= 12 and T[p].endswith("ه"):
            return None  # a feminine ordinal up to 12 is the hour: "في التاسعة" (الساعة التاسعة), not the 9th
        e = dd[0]
        if e < self.n and not (T[e] in (".", "!", "?") or self.P.brk[e - 1]):
            return None
        return e, {"t": "date", "d": int(dd[1])}, start

    def dayword(self, p: int):
        if not self.is_word(p, "يوم") or self.calendar_date(p + 1):
            return None
        dd = self.day_number(p + 1, ordinal_ok=False)
        if dd and not (dd[0] < self.n and (self.cat(dd[0], "unit") or self.P.text[dd[0]] in SEPS)):
            return dd[0], {"t": "date", "d": int(dd[1])}
        return None

    # ---------------------------------------------------------------- units
    def rel_unit(self, p: int):
        """هذا العام / العام الماضي / الأسبوع بعد القادم / الشهر الجاري -> (end, rel sem)."""
        this = self.cat(p, "this")
        q = this[0] if this else p
        u = self.cat(q, "unit")
        if not u or u[1][1][1] != "1" or not self.P.text[q].startswith(("ال", "وال", "بال", "لل", "فال")):
            return None
        unit = u[1][1][0]
        if this:
            if unit == "day":
                return None  # "هذا اليوم": the expression is اليوم
            return u[0], {"t": "rel", "unit": unit, "off": 0}
        md = self.cat(u[0], "mod")
        if md:
            return md[0], {"t": "rel", "unit": unit, "off": md[1][1]}
        return None

    def amount(self, p: int, single: bool = False):
        """(end, [(n, unit)]) of "ثلاث سنوات"، "أسبوعين"، "21 يوما"، "بضعة أيام"، "عام واحد و شهر"."""
        r = self._amount1(p, single)
        if not r:
            return None
        parts, q, T = [r[1]], r[0], self.P.text
        while q < self.n and not self.P.brk[q - 1]:
            nq = q + 1 if T[q] in COMMAS else q
            if nq < self.n and T[nq] == "و":
                nq += 1
            elif nq < self.n and not (T[nq].startswith("و") or self.P.num[nq] is not None):
                break
            if nq < self.n and T[nq] in ("نصف", "ونصف") and parts[-1][0] is not None:
                parts[-1] = (parts[-1][0] + 0.5, parts[-1][1])
                q = nq + 1
                break
            r2 = self._amount1(nq, True)
            if not r2 or r2[1][1] in {u for _, u in parts}:
                break
            parts.append(r2[1])
            q = r2[0]
        return q, parts

    def _amount1(self, p: int, single: bool):
        if p >= self.n:
            return None
        num = None
        if self.is_word(p, "نصف"):
            u = self.cat(p + 1, "unit")
            if u and u[1][1][1] == "1":
                return u[0], (0.5, u[1][1][0])
            return None
        few = self.cat(p, "few")
        if few:
            u = self.cat(few[0], "unit")
            if u and u[1][1][1] == "n":
                return u[0], (None, u[1][1][0])
            return None
        if self.P.text[p] in ("الاف", "الف", "مئات", "عشرات", "ملايين"):
            return None  # "آلاف السنوات": thousands of years, not an amount
        r = self.number(p, ordinal=False)
        q = p
        if r:
            num, q = r[1], r[0]
            if q < self.n and self.P.text[q] == "." and self.P.num[min(q + 1, self.n - 1)] is not None \
                    and q + 1 < self.n and self.P.num[q] is None:
                frac = self.P.text[q + 1]
                num, q = float(f"{int(num)}.{frac}"), q + 2
        u = self.cat(q, "unit")
        if not u:
            return None
        unit, count = u[1][1]
        end = u[0]
        if unit == "decade" and self.cat(end, "contract"):
            return None  # "ثلاثة عقود رئيسية": contracts
        if num is not None:
            if self.P.text[q].startswith("و") and not any(e[0] == "unit" for e in self.entries_exact(q)):
                return None  # "2010 وعام 2013": the conjunction starts another phrase
            if count == "2" or (count == "1" and self.P.text[q].startswith("ال")):
                return None  # "173 اليوم" is not an amount of days
            return end, (num, unit)
        if self.cat(end, "another") and not self.P.text[p].startswith(("ال", "وال", "بال", "فال", "لل", "كال")) and (
                count == "1" or self.P.text[p].endswith("ا")):
            return end + 1, (1, unit)  # "سنة أخرى"، "عاما آخر": one more unit
        if count == "2":
            if self.P.text[p].startswith("ال") and not single:
                return None  # "القرنين الـ17 والـ18", "العامين الماضيين" are not amounts
            return end, (2, unit)
        if count == "1":
            if unit == "month" and self.month(end):
                return None  # "شهر رمضان" names a month
            if end < self.n and (self.P.num[end] is not None or self.weekday(end) or self.cat(end, "day")):
                return None  # "منذ يوم 30 يونيو", "يوم الخميس"
            if self.is_word(end, "واحد", "واحده"):
                return end + 1, (1, unit)
            if self.is_word(end, "ونصف"):
                return end + 1, (1.5, unit)  # "ساعة ونصف"
            if self.cat(end, "whole"):
                return end + 1, (1, unit)
            if single:
                return end, (1, unit)
        return None

    def unit_expr(self, p: int):
        u = self.cat(p, "unit")
        if u and u[1][1][1] == "1" and self.P.text[p].startswith(("ال", "بال", "وال", "فال", "لل")) \
                and self.cat(u[0], "anaphor"):
            return u[0] + 1, {"t": "anaphor", "unit": u[1][1][0]}  # "في العام ذاته": a year named earlier
        ru = self.rel_unit(p)
        if ru:
            end, sem = ru
            if sem["unit"] == "year":  # "العام الحالي 2015م": the year written wins
                y = self.year(end, bare=True)
                if y:
                    return y[0], {"t": "date", "y": y[1], "cal": y[2] or "gregorian"}
            if sem["unit"] == "week":
                q = end + 1 if self.is_word(end, "يوم") else end
                wd = self.weekday(q, after_yawm=q > end)
                if wd:
                    return wd[0], {"t": "date", "wd": wd[1], "wrel": sem["off"]}
                w = self.P.text[end] if end < self.n else ""
                rg = self.range_(end) if w in ("من", "بين") else None
                if rg and rg[1]["t"] == "range" and all(set(rg[1][k]) == {"t", "wd"} for k in ("a", "b")):
                    # "الأسبوع المقبل بين الأربعاء والجمعة": the weekdays of that week
                    a, b = (dict(rg[1][k], wrel=sem["off"]) for k in ("a", "b"))
                    return rg[0], {"t": "range", "a": a, "b": b}
            return end, sem
        if p >= len(self.P.text):  # a range word ("من", "بين") at the very end of the text
            return None
        w = self.P.text[p]
        # خلال الأيام المقبلة / الأيام القليلة الماضية / 3 أيام القادمة
        q = p + 1 if w in ("خلال", "وخلال") else p
        per = self.period(q)
        if per:
            return per
        ago = self.cat(p, "ago")
        if ago and p > 0 and self.cat(p - 1, "unit"):
            return None  # "يوما بعد يوم"
        if ago:
            q = ago[0]
            ap = self.cat(q, "approx")  # "قبل نحو شهر"
            if ap:
                q = ap[0]
            a = self.amount(q, single=True)
            if a:
                end = a[0]
                fn = self.cat(end, "fromnow")
                if fn:  # "منذ شهر و 21 يوما من الآن": the expression is the amount from now
                    return fn[0], {"t": "shift", "parts": a[1], "dir": ago[1][1], "day": True}, ago[0]
                if self.is_word(end, "في") and self.is_word(end + 1, "المستقبل"):
                    end += 2
                if self.P.text[p] in ("منذ", "ومنذ") and (
                        (ap and self.P.text[ago[0]] in ("اكثر", "ما")) or self._superlative_before(p)):
                    # "منذ أكثر من ثلاثة أشهر"، "أدنى مستوى له منذ 15 شهرا": how long, not when
                    return end, {"t": "dur", "parts": a[1]}, q
                sem = {"t": "shift", "parts": a[1], "dir": ago[1][1]}
                q2 = end + 1 if self.is_word(end, "فقط") else end
                if self.is_word(q2, "من", "علي", "مما", "عما"):
                    sem["anchor"] = "event"  # "قبل 46 عاما من تأسيس": counted from another event
                    return end, sem, q
                return end, sem
            return None
        intro = self.cat(p, "durintro")
        if intro and self.P.text[p] in ("طوال", "طيله"):
            a = self.amount(intro[0], single=True)
            if a:
                return a[0], {"t": "dur", "parts": a[1]}
        a = self.amount(p, single=True)
        if a and self.cat(a[0], "fromnow"):
            return self.cat(a[0], "fromnow")[0], {"t": "shift", "parts": a[1], "dir": 0, "day": True}
        a = self.amount(p, single=bool(self._intro_before(p)))
        if a:
            end = a[0]
            fn = self.cat(end, "fromnow")
            if fn:
                return fn[0], {"t": "shift", "parts": a[1], "dir": 0, "day": True}
            return end, {"t": "dur", "parts": a[1]}
        return None

    def _superlative_before(self, p: int) -> bool:
        """A superlative a few words before ``p`` in the same clause ("أدنى مستوى له منذ")."""
        for i in range(p - 1, max(-1, p - 6), -1):
            if self.P.brk[i] or self.P.text[i] in (".", "،", "؛", ":", ",", "!", "؟"):
                return False
            if self.P.text[i] in SINCE_SUPERLATIVE:
                return True
        return False

    def _intro_before(self, p: int):
        return p > 0 and not self.P.brk[p - 1] and (self.cat(p - 1, "durintro") or (
            self.P.text[p - 1] in ("خلال", "وخلال") and not self.P.text[p].startswith("ال")))  # "خلال أسبوع"

    def period(self, p: int):
        """الأيام الثلاثة الماضية، السنوات الماضية، اليومين المقبلين، 3 أيام القادمة، آخر 3 سنوات."""
        if self.is_word(p, "اول", "واول", "باول", "في اول"):  # "أول ستة أشهر من السنة": the first months of it
            a = self.amount(p + 1)
            if a and len(a[1]) == 1 and a[1][0][0] is not None and a[1][0][1] in ("day", "week", "month") \
                    and self.is_word(a[0], "من"):
                inner = self._period_inner(a[0])
                yu = self.cat(a[0] + 1, "unit")
                if inner is None and yu and yu[1][1] == ("year", "1") and self.P.text[a[0] + 1].startswith("ال"):
                    inner = yu[0], {"t": "rel", "unit": "year", "off": 0}  # "من السنة": this year
                if inner and inner[1].get("m") is None and inner[1].get("unit", "year") == "year":
                    n, unit = a[1][0]
                    return inner[0], {"t": "firstn", "n": n, "unit": unit, "inner": inner[1]}
            return None
        if self.is_word(p, "اخر"):
            a = self.amount(p + 1)
            if a and len(a[1]) == 1 and a[1][0][0] is not None and a[1][0][1] in ("day", "week", "month", "year"):
                n, unit = a[1][0]
                return a[0], {"t": "period", "unit": unit, "n": n, "dir": -1}
            return None
        q, n = p, None
        r = self.number(p)
        if r is None and self.P.text[p].startswith("لل") and len(self.P.text[p]) > 4:  # "للخمسة الأيام"
            c = self._nw.read_number([self.P.text[p][2:]], 0, ratios=False)
            r = (p + 1, c[0], False) if c and c[1] == 1 and c[0] < 100 else None
        counted_first = r is not None
        if r:
            n, q = r[1], r[0]
        u = self.cat(q, "unit")
        if not u or u[1][1][1] == "1":
            return None
        unit, count = u[1][1]
        end = u[0]
        if count == "2":
            if n is not None:
                return None
            n = 2
        if n is None:
            r = self.number(end)
            if r and r[2]:
                return None  # "الساعات الأولى من صباح أمس": the first hours, no count
            if r:
                n, end = r[1], r[0]
        few = n is None and self.is_word(end, "القليله")  # "الأيام القليلة الماضية": a few days
        if n is None and not few and not self.is_word(end, "العديده"):
            return None  # "الأيام الماضية"، "السنوات الأخيرة": vague, no count a reader can resolve
        if not counted_first and n is not None and self.P.text[p].startswith(("ال", "لل", "بال")) \
                and self.P.text[u[0]].startswith("ال") and not self.cat(end, "mod") \
                and not self.is_word(end, "القليله", "العديده", "الاخيره", "الاولي"):
            return end, {"t": "dur", "parts": [(n, unit)]}  # "لفترة الأشهر الستة المنتهية": six months
        if n is not None and 0 < n < 1 and round(1 / n) in (5, 7, 9):
            n = round(1 / n)  # "السنوات الخمس": five (خمس is also a fifth)
        if n is not None and not few and self.is_word(end, "الاخيره", "الاخيرين", "الاخيرتين"):
            return end + 1, {"t": "dur", "parts": [(n, unit)]}, p  # "السنوات الثلاث الأخيرة": an amount
        if self.is_word(end, "القليله", "العديده", "الاخيره"):
            end += 1
        md = self.cat(end, "mod")
        if not md or md[1][1] not in (-1, 1):
            return None
        if n is not None and not few and md[1][1] == 1 and (self.P.text[p].startswith("لل") or (
                p > 0 and not self.P.brk[p - 1] and self.P.text[p - 1] in ("خلال", "وخلال"))):
            # "خلال الأسابيع الثلاثة المقبلة"، "للخمسة الأيام القادمة": the length of the stretch to come, not
            # its days ("خلال الأيام الثلاثة الماضية" stays the days before the publication date)
            return md[0], {"t": "dur", "parts": [(n, unit)]}, p
        sem = {"t": "period", "unit": unit, "n": n, "dir": md[1][1]}
        if few:
            sem["few"] = True
        return md[0], sem

    def part(self, p: int):
        r = self.cat(p, "part") or self.cat(p, "halfof")  # "منتصف يوليو", "النصف الأول من العام"
        if not r:
            return None
        q = r[0]
        inner = None
        for rule in (self.calendar_date, self.year_expr, self.rel_unit, self.decade, self.unit_expr, self.season,
                     self.sport_season, self.century):
            x = rule(q)
            if x and x[1]["t"] in ("date", "rel", "decade", "season", "anaphor", "century") \
                    and (inner is None or x[0] > inner[0]):
                inner = x[:2]
        y = self.year(q, bare=True)
        if y and (inner is None or y[0] > inner[0]):
            inner = (y[0], {"t": "date", "y": y[1], "cal": y[2] or "gregorian"})
        if inner is None:
            u = self.cat(q, "unit")
            units = ("year",) if r[1][0] == "halfof" else ("year", "month", "week")
            if u and u[1][1][1] == "1" and self.P.text[q].startswith("ال") and u[1][1][0] in units:
                nxt = self.P.text[u[0]] if u[0] < self.n else ""
                if nxt.startswith("ال") and not lookup(nxt)[0]:
                    return None  # "بداية العام الدراسي": another kind of year
                inner = (u[0], {"t": "rel", "unit": u[1][1][0], "off": 0})  # "النصف الأول من العام"
        if inner is None:
            return None  # "النصف الأول" of a match, not of a period
        part = r[1][1]
        if part == "late" and self.P.text[p].endswith("نهايه") and inner[1].get("unit") == "week" \
                and inner[1]["t"] == "rel":
            part = "weekend"  # "نهاية الأسبوع المنصرم": the weekend (TIMEX3 -WE), as "عطلة نهاية الأسبوع"
        if part == "mid" and inner[1]["t"] == "rel" and inner[1].get("unit") == "week":
            return inner  # "منتصف الأسبوع المقبل": that week (a week has no thirds to speak of)
        return inner[0], {"t": "part", "part": part, "inner": inner[1]}

    def duration_range(self, p: int):
        """"بين 38 و50 عاما"، "ما بين 50 إلى 60 عاما"، "من 5 إلى 7 أيام": an amount of time between two
        counts after بين/من: one duration span with no value (the numbers stage reads its bounds)."""
        if p == 0 or p >= self.n or self.P.text[p - 1] not in ("بين", "وبين", "من", "ومن") or self.P.num[p] is None:
            return None
        a = self.number(p)
        if not a:
            return None
        e = a[0]
        if e >= self.n or self.P.text[e] not in ("و", "الي", "-", "حتي"):
            return None
        b = self.number(e + 1)
        if not b or b[2] or self.P.num[e + 1] is None or not a[1] < b[1]:
            return None
        u = self.cat(b[0], "unit")
        if not u or u[1][1][1] != "n":
            return None
        return u[0], {"t": "durrange", "unit": u[1][1][0]}

    def age(self, p: int):
        """"التاسعة من عمره"، "الخامسة والعشرين من العمر": an age, in years."""
        T = self.P.text
        if not any(T[q] == "من" and T[q + 1] in AGE_NOUNS for q in range(p + 1, min(p + 5, self.n - 1))):
            return None  # cheap test first: no "من عمره" just after
        if p > 0 and self.cat(p - 1, "unit"):
            return None  # "في العقد الثالث من عمره": a decade of a life, not an age in years
        r = self.number(p, ordinal=True)
        if r and r[1] >= 1 and self.is_word(r[0], "من") and r[0] + 1 < self.n \
                and self.P.text[r[0] + 1] in AGE_NOUNS:
            return r[0] + 2, {"t": "dur", "parts": [(r[1], "year")]}
        return None

    def decade(self, p: int):
        r = self.cat(p, "decade")
        if not r:
            return None
        end, y = r[0], r[1][1]
        q = end + 1 if self.is_word(end, "من") else end
        if self.is_word(q, "القرن"):
            o = self.number(q + 1, ordinal=True)
            if o:
                y = (int(o[1]) - 1) * 100 + y % 100
                end = o[0]
            else:
                md = self.cat(q + 1, "mod")
                if md:
                    end = md[0]
        return end, {"t": "decade", "y": y}

    _SIZE = ("second", "minute", "hour", "day", "week", "month", "year")

    def per_unit(self, p: int):
        """"عشر ساعات في اليوم"، "ثلاث مرات في الأسبوع": a definite unit after في and an amount of a
        smaller unit (or of times) is "per day/week": a recurrence, not the publication day."""
        if p < 2 or not self.is_word(p - 1, "في") or not self.P.text[p].startswith("ال"):
            return None
        u = self.cat(p, "unit")
        if not u or u[1][1][1] != "1" or u[1][1][0] not in self._SIZE[3:] or self.number(u[0]) \
                or self.cat(u[0], "mod"):
            return None  # "في اليوم الثاني"، "في الشهر الماضي": a day, a month
        before = self.cat(p - 2, "unit")
        small = before and before[0] == p - 1 and before[1][1][0] in self._SIZE \
            and self._SIZE.index(before[1][1][0]) < self._SIZE.index(u[1][1][0])
        if not (small or self.P.text[p - 2] in ("مره", "مرات", "مرتين")):
            return None
        return u[0], {"t": "set", "n": 1, "unit": u[1][1][0]}

    def every(self, p: int):
        """A recurrence, with a clock time or a part of the day before or after it: "كل أربع سنوات"،
        "الساعة 9 صباحا كل يوم أحد"، "بعد ظهر كل يوم في الساعة 4 مساء"، "كل ليلة في 9"، "كل 4/15"."""
        q = self.clock(p) or p
        dp = self.cat(q, "daypart")
        if dp and self.cat(dp[0], "every"):
            q = dp[0]  # "صباح كل يوم"
        r = self._every(q)
        if not r:
            return None
        end, sem = r
        if sem["unit"] in ("day", "week"):
            end = self.clock(end, bare=True) or end
        return end, sem

    def clock(self, p: int, bare: bool = False):
        """End of a clock time: "[في] الساعة 9[:30] [صباحا]"، "9 مساء"; with ``bare`` (after a daily
        or weekly recurrence) also "في 9"، "في التاسعة". The dates stage keeps no time of day: the clock
        time only belongs to the span of the recurrence."""
        q = p + 1 if self.is_word(p, "في") else p
        hour = self.cat(q, "clock")
        if hour:
            q = hour[0]
        r = self.number(q)
        if not r or not 0 <= r[1] <= 24 or r[1] != int(r[1]) or (r[2] and r[1] > 12):
            return None
        e = r[0]
        if e + 1 < self.n and self.P.text[e] == ":" and self.P.ndig[e + 1] == 2:
            e += 2
        ampm = self.cat(e, "ampm")
        if ampm:
            return ampm[0]
        if hour or (bare and q > p and not (e < self.n and (self.cat(e, "unit") or self.P.text[e] in MONEY))):
            return e  # not "الأسبوعية في 11 شهرا": a count of months
        return None

    def _every(self, p: int):
        r = self.cat(p, "setadv")
        if r and p > 0 and self.P.text[p - 1] in NOT_SET:
            r = None  # "على أساس سنوي": a basis of comparison, not a recurrence
        if r:
            iso = r[1][1]
            return r[0], {"t": "set", "n": int(iso[1:-1]), "unit": {"D": "day", "W": "week", "M": "month",
                                                                    "Y": "year"}[iso[-1]]}
        if self.is_word(p, "ايام"):
            wd = self.weekday(p + 1)
            if wd:
                end = wd[0]
                while end < self.n and self.P.text[end].startswith("و") and not self.P.brk[end - 1]:
                    nxt = self.weekday(end)  # "أيام الخميس والجمعة والسبت": one recurrence
                    if not nxt:
                        break
                    end = nxt[0]
                if self.is_word(end, "من") and self.cat(end + 1, "every"):
                    u = self.cat(self.cat(end + 1, "every")[0], "unit")
                    if u and u[1][1] == ("week", "1"):
                        end = u[0]  # "... من كل أسبوع"
                return end, {"t": "set", "n": 1, "unit": "week", "wd": wd[1]}
            return None
        ev = self.cat(p, "every")
        if not ev:
            return None
        q = ev[0]
        yawm = self.is_word(q, "يوم")
        wd = self.weekday(q + 1 if yawm else q, after_yawm=True)
        if wd:
            return wd[0], {"t": "set", "n": 1, "unit": "week", "wd": wd[1]}
        cd = self.calendar_date(q) or self.numeric(q)
        if cd and cd[1].get("d") and cd[1].get("m") and cd[1].get("y") is None:
            return cd[0], {"t": "set", "n": 1, "unit": "year"}  # "كل 15 أبريل"، "كل 4/15": yearly
        a = self.amount(q, single=True)
        if a and len(a[1]) == 1 and a[1][0][0] is not None:
            n, unit = a[1][0]
            return a[0], {"t": "set", "n": n, "unit": unit}
        u = self.cat(q, "unit")
        if u and u[1][1][1] == "1" and not self.P.text[q].startswith("ال"):
            return u[0], {"t": "set", "n": 1, "unit": u[1][1][0]}  # "كل يوم 3 ساعات"
        dp = self.cat(q, "daypart")
        if dp:
            return dp[0], {"t": "set", "n": 1, "unit": "day"}
        return None


    # ---------------------------------------------------------------- seasons of sport, times of day
    def sport_season(self, p: int):
        """الموسم الماضي، هذا الموسم، الموسم الجديد، بعد انتهاء الموسم، فترة الانتقالات الصيفية الجارية: a season
        (kind season, empty value: the text does not say which year). "موسم الحج" is an event."""
        this = self.cat(p, "this")
        q = this[0] if this else p
        r = self.cat(q, "sport")
        if not r:
            return None
        end = r[0]
        md = self.cat(end, "mod") or self.cat(end, "sportmod")
        if md:
            end = md[0]
        elif not (this or r[1][1] == "phrase" or (self.P.text[q].startswith("ال") and p > 0
                                                  and not self.P.brk[p - 1] and self.cat(p - 1, "sportctx"))):
            return None
        return end, {"t": "season", "code": None}

    def _hour(self, p: int, clock: bool):
        """(end, hour, minute or None, in words) of "10:30"، "0608" and "47ر09" (after الساعة), "التاسعة
        والنصف"، "السابعة والربع"."""
        P = self.P
        if p >= self.n:
            return None
        v = P.num[p]
        if v is not None:
            nd, e, mi = P.ndig[p], p + 1, None
            if clock and nd == 4 and v % 100 < 60 and v // 100 <= 24:
                return e, v // 100, v % 100, False  # "الساعة 0608"
            if nd > 2 or (v > 24 and not self.is_word(e, "ر")):
                return None
            if e + 1 < self.n and P.text[e] in (":", "ر") and P.ndig[e + 1] == 2 and self._glued(p, e + 1):
                if P.text[e] == "ر":  # the old decimal sign, digits shown in reverse: "47ر09" is 09:47
                    if not clock or P.num[e + 1] > 24 or v >= 60:
                        return None
                    return e + 2, P.num[e + 1], v, False
                if P.num[e + 1] >= 60:
                    return None
                e2 = e + 2
                if e2 + 1 < self.n and P.text[e2] == ":" and P.ndig[e2 + 1] == 2 and P.num[e2 + 1] < 60 \
                        and self._glued(e2 - 1, e2 + 1):  # seconds: "8:00:20" (kept in the span only)
                    e2 += 2
                    self._seconds = P.num[e2 - 1]
                return e2, v, P.num[e + 1], False
            mw = self.cat(e, "minutes")
            return (mw[0], v, mw[1][1], False) if mw else (e, v, mi, False)
        r = self.number(p)
        if not r or r[1] != int(r[1]) or not 1 <= r[1] <= 12:
            return None
        if not self.P.text[p].endswith("ه"):
            return None  # an hour in words is feminine: "الثامنة"، "الواحدة" ("الثاني مساء الخميس" is an ordinal)
        h, e, mi = int(r[1]), r[0], None
        mw = self.cat(e, "minutes")
        if mw:
            e, mi = mw[0], mw[1][1]
        return e, h, mi, True

    def _day_of_time(self, p: int):
        """The day after a time of day: "أمس"، "يوم أمس الأول"، "الخميس"، "اليوم"، "20 يوليو"."""
        best = None
        for rule in (self.deixis, self.weekday_expr, self.calendar_date, self.numeric, self.dayword):
            x = rule(p)
            if x and x[1]["t"] in ("date", "rel") and (x[1]["t"] == "date" or x[1]["unit"] == "day") \
                    and (best is None or x[0] > best[0]):
                best = x[:2]
        return best

    def time_of_day(self, p: int, bare: bool = False):
        """الساعة 10:30 صباحا، الثامنة مساء أمس، الساعة السابعة والربع من مساء يوم أمس الأول، ظهر اليوم."""
        clock = self.cat(p, "clock")
        q = clock[0] if clock else p
        self._seconds = None
        h = self._hour(q, bool(clock))
        sec = self._seconds
        if not h:
            return None
        e, hh, mi, words = h
        ap = None
        a = self.cat(e, "ampm") or (mi is not None and not words and self.cat(e, "ampmabbr"))
        q2 = e + 1 if self.is_word(e, "من") else e
        dp = self.cat(q2, "daypart")
        day = None
        if dp:  # "من صباح أمس"، "مساء الخميس"
            d2 = self._day_of_time(dp[0] + 1 if self.is_word(dp[0], "يوم") else dp[0])
            if d2:
                ap, (e, day) = dp[1][1], d2
        if ap is None and a:
            ap, e = a[1][1], a[0]
            d2 = self._day_of_time(e)
            if d2:
                e, day = d2
        if ap is None:
            if not clock and not (bare and (e >= self.n or self.P.text[e] in (".", "،", ",", "!", "؟"))):
                return None  # "الثامنة" alone is an ordinal, "8" a number (after "هذا الصباح في" at the end of a
                # clause it is the hour: "الليلة في 7."; "صباح اليوم في 10 مدن" stays a number)
            d0 = q2 if q2 > e else e
            d2 = self._day_of_time(d0)
            if d2:
                e, day = d2
                if 4 <= hh < 12 and any(x in (("daypart", "pm"), ("evening", "pm"))
                                        for i in range(d0, e) for x in lookup(self.P.text[i])[0]):
                    ap = "pm"  # "الساعة 8 هذا المساء"
        if day is None and self.is_word(e, "يوم") or self.is_word(e, "في") and e > q:
            d2 = self._day_of_time(e + 1)  # "الساعة 8 مساء يوم 15"، "الساعة 8 مساء في 20 يوليو"
            if d2 and day is None and (d2[1]["t"] != "date" or d2[1].get("m") or self.is_word(e, "يوم")):
                e, day = d2
        if ap == "noon" and hh < 12:
            hh = hh if hh >= 11 else hh + 12
        elif ap == "pm" and hh < 12:
            hh += 12
        elif ap == "am" and hh == 12:
            hh = 0
        if hh > 24:
            return None
        if day is None and e + 1 < self.n and self.P.text[e] in (",", "،"):
            d2 = self._day_of_time(e + 1)  # "19:00، 2016-12-22"، "الساعة 8 مساء، الخميس"
            if d2:
                e, day = d2
        sem = {"t": "time", "h": hh % 24, "mi": mi, "day": day, "ap": ap}
        if sec:
            sem["s"] = sec
        return e, sem

    def dated_time(self, d, start: int = 0):
        """A day (``d``, the longest expression found), then its time of day: "21/4/2016، الساعة 8:00
        مساء"، "غدا 8:00 صباحا"، "23 أكتوبر في السابعة مساء"، "الخميس الساعة العاشرة صباحا" (a time
        that gives no day of its own)."""
        sem = d[1]
        if not ((sem["t"] == "date" and ("d" in sem or "wd" in sem)) or sem.get("unit") == "day"):
            return None
        e = d[0]
        if e < self.n and self.P.text[e] in (",", "،", "-"):  # "الخميس 6 مايو 2021 - 10:50 ص"
            e += 1
        if e < self.n and self.P.text[e] in ("في", "حوالي", "نحو"):
            e += 1
        parts = {e2 for i in range(start, d[0]) for e2 in lookup(self.P.text[i])[0] if e2[0] in ("daypart", "evening")}
        t = self.time_of_day(e, bare=bool(parts))  # "في الثالثة" alone stays an ordinal ("في الثالثة من الجولة")
        if not t or t[1].get("day") is not None:
            return None
        sem = dict(t[1], day=d[1])
        if t[1].get("ap") is None and 4 <= sem["h"] < 12 and parts & {("daypart", "pm"), ("evening", "pm")}:
            sem["h"] += 12  # "مساء أمس الساعة التاسعة"، "الليلة حوالي الساعة 7": the evening's hour (one to
            # three o'clock after an evening word is the night after it, left as written)
        return t[0], sem

    def dayparted(self, p: int):
        """صباح اليوم، مساء الخميس، صبيحة يوم أمس: the day (no finer); ظهر اليوم: noon of the day."""
        dp = self.cat(p, "daypart")
        if not dp:
            return None
        q = dp[0] + 1 if self.is_word(dp[0], "يوم") else dp[0]
        d = self._day_of_time(q)
        if not d:
            return None
        if dp[1][1] == "noon":
            return d[0], {"t": "time", "h": 12, "mi": None, "day": d[1]}
        return d[0], d[1], p
