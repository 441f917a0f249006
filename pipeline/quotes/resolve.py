"""Document-level speaker resolution, after every quotation has its attribution (``settle``).

A speaker read at the attribution is often a short form of a name the article gives in full
elsewhere. In text order, every speaker becomes:

* a **statement** (البيان، التقرير، بيان للتحالف) → the body that issued it: the organization named
  in the phrase (تقرير رسمي لاسبيتار → اسبيتار), the one that issued it (الذي أصدرته إدارة …، أصدرت
  الوزارة بيانا), else the last organization that spoke;
* a **definite description** (المسؤول الأمني، المتحدثة، الجامعة، المصادر) → the speaker named or
  described before it whose head word and words it repeats (مسؤول أمني عراقي، جامعة برمنغهام), or
  whose role it names (المدير العام → مطلق الخمعلي, مدير عام الشؤون الصحية);
* a **short name** (يلين، الخرينج، التحالف) → the longest name of the article that ends with it
  (جانيت يلين، مبارك الخرينج، قيادة قوات التحالف): PER/ORG entities, other speakers, and the words
  of a name written before the surname after a role (بالإنابة مبارك الخرينج);
* a speaker that is **no noun phrase** (a speech verb, a particle, an adverb, punctuation) → the
  last speaker (وكتب يقول: the subject of كتب).

Word lists: ``quote_words.tsv`` classes ``statement``, ``issue`` (verbs that issue a statement),
``particle``, ``org``, ``source``, ``role`` and ``titles.tsv``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..lang.chars import QUOTE_MARKS
from ..lang.normalize import normalize, strip_proclitics
from .lexicon import (
    cue_words,
    ent_index,
    entities,
    in_class,
    is_stop,
    role_synonyms,
    strip_conj,
    title_of,
    verb_of,
)
from .speakers import Speaker, _has_article, _is_org_mention, _nationality, name_bounds

MAX_NAME_WORDS = 4
_RELATIVE = cue_words("relative")
_COMPLEMENTIZERS = cue_words("complementizer")


def _key(doc: Doc, a: int, b: int) -> tuple[str, ...]:
    """The words of tokens [a, b) as compared across mentions: normalized, the first word without
    a proclitic (وليلين -> يلين, للتحالف -> التحالف), no punctuation."""
    words = [t for t in doc[a:b] if not (t.is_punct or t.is_space)]
    if not words:
        return ()
    first = normalize(strip_proclitics(words[0].text))
    return (first, *(t.norm_ for t in words[1:]))


def _head(word: str) -> str:
    """A word without the article (المسؤول -> مسؤول), for comparing heads of descriptions."""
    w = word[1:] if len(word) > 4 and word[0] in "وف" and word[1:3] in ("ال", "لل", "با") else word
    for art in ("بال", "كال", "لل", "ال"):
        if w.startswith(art) and len(w) > len(art) + 1:
            return w[len(art):]
    return w


def _fits_role(mine: list[str], role: str) -> bool:
    """Whether a description's words (heads, without the article) name a role: its title word is
    the first word of the role or of a role coordinated in it (نائب الرئيس ورئيس الوزراء → رئيس
    الوزراء), and every other word is in the role; synonyms of ``quote_words.tsv`` class ``same``
    count as the word they stand for (رئيس الحكومة → رئيس الوزراء)."""
    same = role_synonyms()
    words = []
    starts = [0]
    for k, w in enumerate(normalize(role).split()):
        if k and len(w) > 3 and w[0] == "و" and title_of(w[1:]) is not None:
            starts.append(k)  # ورئيس: a second office
            w = w[1:]
        h = _head(w)
        words.append(same.get(h, h))
    mine = [same.get(w, w) for w in mine]
    if not words or not mine:
        return False
    return any(words[p] == mine[0] for p in starts) and all(w in words for w in mine[1:])


class _Mention:
    __slots__ = ("start", "end", "key", "entity_id", "label", "speaker")

    def __init__(self, doc: Doc, start: int, end: int, entity_id=None, label=None, speaker=None):
        self.start, self.end = start, end
        self.key = _key(doc, start, end)
        self.entity_id, self.label, self.speaker = entity_id, label, speaker


def _invalid(doc: Doc, sp: Speaker) -> bool:
    """A speaker that is no noun phrase: only punctuation, a speech verb or a particle first, an
    adverb (a word with tanween fatha: حاليا، مجددا) alone."""
    words = [t for t in doc[sp.start:sp.end] if not (t.is_punct or t.is_space)]
    if not words:
        return True
    first = words[0]
    if verb_of(first.norm_) is not None and not _has_article(first.text):
        return True
    if in_class(first.norm_, "particle") or (is_stop(first.text) and not in_class(first.norm_, "statement")):
        return True
    return len(words) == 1 and "\u064b" in first.text


def _is_description(doc: Doc, sp: Speaker) -> bool:
    """A definite description (المسؤول الأمني، الجامعة، المصادر), not a name."""
    if sp.entity_id is not None and not sp.described:
        ent = next((e for e in entities(doc) if e.start == sp.start and e.end == sp.end), None)
        if ent is not None and ent.label_ in ("PER", "PERS"):
            return False
    first = doc[sp.start]
    n = first.norm_
    if not _has_article(first.text):
        # a title in the construct state is definite by its complement (رئيس الحكومة اليمني)
        return (sp.described and title_of(n) is not None and sp.end - sp.start >= 2
                and _has_article(doc[sp.start + 1].text))
    return sp.described or title_of(n) is not None or any(in_class(n, c) for c in ("org", "source", "role"))


def _ends_phrase(t) -> bool:
    return t.is_punct or t.is_space or strip_conj(t.norm_) in _COMPLEMENTIZERS


def _statement_head(doc: Doc, sp: Speaker) -> bool:
    return in_class(doc[sp.start].norm_, "statement")


def _statement_phrase(doc: Doc, sp: Speaker) -> Speaker | None:
    """The speaker as its statement when the phrase it was read from starts with a statement noun
    though the speaker is a word after it (تقرير مؤشرات الأداء لقطاع الاتصالات وتقنية …)."""
    if _statement_head(doc, sp):
        return sp
    h = sp.head
    if 0 <= h < sp.start and in_class(doc[h].norm_, "statement") and not any(
            e.label_ in ("PER", "PERS") and e.start < sp.end and e.end > sp.start for e in entities(doc)):
        return replace(sp, start=h, end=h + 1, phrase_end=max(sp.phrase_end, sp.end), described=True)
    return None


class _Settler:
    def __init__(self, doc: Doc, cands: list, sent_start: list[int]):
        self.doc = doc
        self.cands = cands
        self.sent_start = sent_start
        self.names: list[_Mention] = []
        self.resolved: list[tuple[Speaker, Speaker]] = []  # (as read, as resolved), text order
        self._words: dict[str, list[int]] | None = None
        self._by_last: dict | None = None
        self._by_first: dict = {}
        self._person_tokens: set[int] = set()
        self._issues: list[int] | None = None
        for e in entities(doc):
            a, b = name_bounds(doc, e)
            self.names.append(_Mention(doc, a, b, getattr(e._, "entity_id", None), e.label_))
        seen = set()
        for c in cands:
            sp = c.speaker
            if sp is not None and id(sp) not in seen and not sp.described:
                seen.add(id(sp))
                sp = _without_adjective(doc, sp)
                self.names.append(_Mention(doc, sp.start, sp.end, sp.entity_id, None, sp))

    def _index_names(self) -> None:
        """The names by their last and first word, and the tokens inside PER mentions (once)."""
        if self._by_last is not None:
            return
        self._by_last, self._by_first, self._person_tokens = {}, {}, set()
        for m in self.names:
            if not m.key:
                continue
            self._by_last.setdefault(m.key[-1], []).append(m)
            if m.label in ("PER", "PERS"):
                self._by_first.setdefault(m.key[0], []).append(m)
                self._person_tokens.update(range(m.start, m.end))

    def _word_positions(self) -> dict[str, list[int]]:
        """Token positions by their one-word key (built once per document: the stage stays linear)."""
        if self._words is None:
            doc = self.doc
            self._words = {}
            for j in range(len(doc)):
                k = _key(doc, j, j + 1)
                if k:
                    self._words.setdefault(k[0], []).append(j)
        return self._words

    def _issue_positions(self) -> list[int]:
        """Positions of the verbs that issue a statement (أصدرت، الذي أصدرته), found once per document."""
        if self._issues is None:
            self._issues = [j for j, t in enumerate(self.doc) if in_class(t.norm_, "issue")]
        return self._issues

    # ---- short names -------------------------------------------------------------------------
    def fullest(self, sp: Speaker, key: tuple[str, ...] | None = None) -> Speaker:
        """The longest name of the document that ends with this speaker's words (or, for a one-word
        person, starts with it), the nearest such mention first."""
        doc = self.doc
        given = key is not None
        key = key or _key(doc, sp.start, sp.end)
        if not key or len(key) >= MAX_NAME_WORDS:
            return sp
        keys = {key}
        if not given:
            # the first word as written too: ف/و/ل/ب may be the name's own letter (فالون، وليد)
            first = next((t for t in doc[sp.start:sp.end] if not (t.is_punct or t.is_space)), None)
            if first is not None and first.norm_ != key[0]:
                keys.add((first.norm_, *key[1:]))
        best: _Mention | None = None
        self._index_names()
        person = sp.start in self._person_tokens
        cands = [m for k in keys for m in self._by_last.get(k[-1], ())]
        if person and len(key) == 1:
            cands += self._by_first.get(key[0], [])
        for m in cands:
            if len(m.key) <= len(key) or len(m.key) > MAX_NAME_WORDS + 2:
                continue
            if m.key[-len(key):] in keys or (person and len(key) == 1 and m.label in ("PER", "PERS") and m.key[0] == key[0]):
                if best is None or len(m.key) > len(best.key) or (
                        len(m.key) == len(best.key) and abs(m.start - sp.start) < abs(best.start - sp.start)):
                    best = m
        if best is None and person and len(key) == 1:
            best = self._written_before(key[0])
        if best is None:
            return sp
        return self._as(sp, best)

    def _written_before(self, surname: str) -> _Mention | None:
        """A name written in full before a surname somewhere in the article, after a role or a
        title (رئيس مجلس الأمة بالإنابة مبارك الخرينج): the bare words before the surname."""
        from .speakers import _bare_name_word

        doc = self.doc
        best = None
        for j in self._word_positions().get(surname, ()):
            if j < 1:
                continue
            a = j
            while a > 0 and j - a < MAX_NAME_WORDS - 1 and _bare_name_word(doc, a - 1):
                a -= 1
            if a == j or a == 0:
                continue
            before = doc[a - 1]
            tt = title_of(before.norm_)
            if not (_has_article(before.text) or (tt is not None)):
                continue
            if best is None or j + 1 - a > best.end - best.start:
                best = _Mention(doc, a, j + 1)
        return best

    def _as(self, sp: Speaker, m: _Mention) -> Speaker:
        """``sp`` as the mention ``m`` (its span and entity), keeping the role it was given, else the
        role of the speaker ``m`` is."""
        src = m.speaker
        new = replace(sp, start=m.start, end=m.end, cut=0, described=False)
        new.entity_id = m.entity_id or (src.entity_id if src is not None else None) or (
            sp.entity_id if sp.entity_id is not None else None)
        if src is not None:
            new.role = sp.role or src.role
            new.org = sp.org or src.org
            new.honorific = sp.honorific or src.honorific
            new.gender = sp.gender or src.gender
        return new

    # ---- descriptions ------------------------------------------------------------------------
    def antecedent(self, sp: Speaker, pos: int, history: list[Speaker]) -> Speaker | None:
        """The earlier speaker a definite description repeats (مسؤول أمني عراقي for المسؤول الأمني)
        or whose role it names; else an organization of the article with the same head
        (جامعة برمنغهام for الجامعة)."""
        doc = self.doc
        mine = [_head(t.norm_) for t in doc[sp.start:sp.end] if not (t.is_punct or t.is_space)]
        if not mine:
            return None
        for other in reversed(history):
            if other is sp or (other.start == sp.start and other.end == sp.end):
                continue
            theirs = [_head(t.norm_) for t in doc[other.start:other.end] if not (t.is_punct or t.is_space)]
            if theirs and theirs[0] == mine[0] and all(w in theirs for w in mine[1:]) and len(theirs) > len(mine):
                return other
            if theirs and len(theirs) == 1 and len(mine) == 1 and theirs[0] == mine[0] + "نا":
                return other  # المصادر → مصادرنا (the paper's own sources, named before)
            if other.role and not other.described and _fits_role(mine, other.role):
                return other
        if title_of(doc[sp.start].norm_) is not None and len(mine) >= 2:
            named = self._titled_person(mine, sp)
            if named is not None:
                return named
        if in_class(doc[sp.start].norm_, "team") and (len(mine) == 1 or len(mine) == 2 and _nisba(mine[1])):
            # النادي، الفريق الكاتالوني: the club named last before it by its proper name (برشلونة)
            before = [m for m in self.names if m.label == "ORG" and m.start < sp.start and m.key
                      and not m.key[0].startswith("ال") and not in_class(m.key[0], "org")]
            if before:
                return self._as(sp, max(before, key=lambda m: m.start))
        if not in_class(doc[sp.start].norm_, "org"):
            return None
        # an organization named with the same head noun (الجامعة -> جامعة برمنغهام)
        if len(mine) == 1:
            orgs = [m for m in self.names if m.label == "ORG" and m.key and _head(m.key[0]) == mine[0] and len(m.key) > 1]
            if orgs:
                m = min(orgs, key=lambda m: (m.start > sp.start, abs(m.start - sp.start)))
                return self._as(sp, m)
        # a head with an adjective (المنظمة الحقوقية، الشركة الأمريكية) → the organization named last
        # before it by its proper name (هيومن رايتس ووتش)
        if len(mine) == 2 and _nisba(mine[1]):
            before = [m for m in self.names if m.label == "ORG" and m.start < sp.start and m.key
                      and not m.key[0].startswith("ال") and (not in_class(m.key[0], "org") or (
                          m.start + 1 < len(doc) and doc[m.start + 1].text in QUOTE_MARKS))]
            if before:
                return self._as(sp, max(before, key=lambda m: m.start))
        return None

    def _titled_person(self, mine: list[str], sp: Speaker) -> Speaker | None:
        """A person named before the description with a role it fits, though not as a speaker
        (استقبل مدير عام الشؤون الصحية الأستاذ مطلق الخمعلي … أكد المدير العام): the nearest one."""
        doc = self.doc
        best = None
        for e in entities(doc):
            if e.start >= sp.start:
                break
            if e.label_ not in ("PER", "PERS"):
                continue
            k = e.start
            while k > 0 and title_of(doc[k - 1].norm_) is not None and title_of(doc[k - 1].norm_).kind == "honorific":
                k -= 1
            lo = k
            while lo > 0 and k - lo < 8 and not (doc[lo - 1].is_punct or doc[lo - 1].is_space):
                lo -= 1
            first = next((x for x in range(lo, k) if title_of(doc[x].norm_) is not None), None)
            if first is not None and _fits_role(mine, doc[first:k].text):
                best = e
        if best is None:
            return None
        return self._as(sp, _Mention(doc, *name_bounds(doc, best), getattr(best._, "entity_id", None), best.label_))

    # ---- statements --------------------------------------------------------------------------
    def issuer(self, sp: Speaker, history: list[Speaker]) -> Speaker | None:
        """The body a statement speaks for."""
        doc = self.doc
        # named in the phrase: بيان للتحالف، تقرير رسمي لاسبيتار، بيان وزارة الداخلية
        end = max(sp.end, sp.phrase_end)
        while end < min(len(doc), sp.start + 4) and not _ends_phrase(doc[end]):
            end += 1
        for e in entities(doc):
            if e.label_ == "ORG" and sp.start < e.start < end:
                return self.fullest(Speaker(e.start, e.end, entity_id=getattr(e._, "entity_id", None), phrase_end=e.end))
        # إحصاءات الجهاز المركزي للمعلومات: a statement in construct with a definite body noun
        nxt = sp.start + 1
        if nxt < len(doc) and doc[nxt].norm_.startswith("ال") and in_class(doc[nxt].norm_[2:], "org"):
            from .speakers import read_speaker

            body = read_speaker(doc, nxt, min(len(doc), nxt + 12))
            if body is not None and body.start == nxt and body.end > nxt + 1:
                return self.fullest(body)
        for j in range(sp.start + 1, min(end, sp.start + 4)):
            w = doc[j].norm_
            if len(w) > 3 and w[0] == "ل" and not w.startswith("لل") and not _has_article(doc[j].text):
                named = self.fullest(Speaker(j, j + 1, phrase_end=j + 1), key=(w[1:],))
                if named.start != j:
                    return named
                # تقرير لاسبيتار → مستشفى اسبيتار القطري: the name with only adjectives after the word
                for m in self.names:
                    if w[1:] in m.key[1:]:
                        rest = m.key[m.key.index(w[1:]) + 1:]
                        if all(x.startswith("ال") and _nisba(x) for x in rest):
                            return self._as(sp, m)
            if w.startswith("لل"):
                named = self.fullest(Speaker(j, j + 1, phrase_end=j + 1), key=("ال" + w[2:],))
                if named.start != j:
                    return named
        head = _head(doc[sp.start].norm_)
        # the same statement resolved before (وأوضح بيان للتحالف … وبحسب البيان)
        for old, new in reversed(self.resolved):
            if old is not sp and _statement_head(doc, old) and _head(doc[old.start].norm_) == head and new is not old:
                return new
        # الذي أصدرته إدارة دراسات السوق / أصدرت وزارة الداخلية بيانا
        from .speakers import read_speaker

        for j in self._issue_positions():
            # تقرير … الذي أصدرته إدارة …: after a relative pronoun the statement may stand further back
            back = 16 if j > 0 and doc[j - 1].norm_ in _RELATIVE else 4
            window = [(k, _head(doc[k].norm_)) for k in range(max(0, j - back), min(len(doc), j + 8))]
            at = [k for k, w in window if w == head or w.startswith(head)]
            if not at:
                continue
            # أصدرت وزارة الداخلية بيانا: the subject ends before the statement noun
            limit = at[0] if at[0] > j + 1 else min(len(doc), j + 12)
            cand = read_speaker(doc, j + 1, limit)
            if cand is not None and not _statement_head(doc, cand):
                return self.fullest(cand)
        return None


def settle(doc: Doc, cands: list, sent_start: list[int]) -> None:
    """Resolve the speakers of ``cands`` (quotations and mentions, in text order) in place."""
    if not cands:
        return
    s = _Settler(doc, cands, sent_start)
    history: list[Speaker] = []
    done: dict[int, Speaker] = {}
    for c in cands:
        sp = c.speaker
        if sp is None:
            continue
        if id(sp) in done:
            c.speaker = done[id(sp)]
            if c.speaker is not None:
                history.append(c.speaker)
            continue
        new = sp
        if _invalid(doc, sp):
            new = history[-1] if history else None
        elif _statement_phrase(doc, sp) is not None:
            st = _statement_phrase(doc, sp)
            new = s.issuer(st, history)
            if new is None:
                # a statement whose body is not found: itself, unless it is a bare noun of the stop list
                # (وأوضح بيان أن …), which is no speaker phrase: the last speaker
                new = st if not is_stop(doc[st.start].text) else (history[-1] if history else None)
        elif _is_description(doc, sp):
            ante = s.antecedent(sp, c.pos, history)
            new = ante if ante is not None else sp
        else:
            new = s.fullest(sp)
        if new is not None:
            new = _with_complement(doc, _trimmed(doc, _whole_entity(doc, _trimmed(doc, new))))
            new = _without_adjective(doc, new)
        done[id(sp)] = new
        if new is not None:
            s.resolved.append((sp, new))
        c.speaker = new
        if new is not None:
            history.append(new)


def _whole_entity(doc: Doc, sp: Speaker) -> Speaker:
    """A speaker that is a strict part of an entity mention (محمد of محمد رحيم، منظمة الأمن والتعاون
    of منظمة الأمن والتعاون في أوروبا) is the whole mention."""
    idx = ent_index(doc)
    if sp.start < sp.end:
        # entities do not overlap: only the one over the speaker's first token can hold it
        e = idx.cover[sp.start] if sp.start < len(idx.cover) else None
        ents = [e] if e is not None else []
    else:
        ents = idx.every
    for e in ents:
        if e.start > sp.start:
            break
        a, b = name_bounds(doc, e)
        if a <= sp.start and sp.end <= b and (a, b) != (sp.start, sp.end):
            new = replace(sp, start=a, end=b, cut=sp.cut if a == sp.start else 0)
            if e.label_ in ("PER", "PERS", "ORG"):
                new.entity_id = getattr(e._, "entity_id", None) or sp.entity_id
            return new
    return sp


def _nisba(word: str) -> bool:
    return word.endswith("ي") or word.endswith("يه")


def _without_adjective(doc: Doc, sp: Speaker) -> Speaker:
    """An organization named by its head noun and a proper name, without the nationality adjective
    after it (مستشفى اسبيتار القطري → مستشفى اسبيتار): a nationality adjective after a word without
    the article closes the name; other adjectives (جمعية وفاء الخيرية) stay."""
    a, b = sp.start, sp.end
    if b - a < 3 or not in_class(doc[a].norm_, "org") or _has_article(doc[a].text):
        return sp
    last, before = doc[b - 1], doc[b - 2]
    ent = ent_index(doc).cover[b - 1]
    if ent is not None and name_bounds(doc, ent)[1] >= b:
        return sp  # an entity that holds the adjective in its name (جمعية وفاء الخيرية)
    if (_has_article(last.text) and last.text.isalpha() and _nationality(last.norm_)
            and not _has_article(before.text) and before.text.isalpha() and not in_class(before.norm_, "org")):
        return replace(sp, end=b - 1)
    return sp


def _with_complement(doc: Doc, sp: Speaker) -> Speaker:
    """A plural in the construct state with the noun it takes (مرتادو الطريق, not مرتادو)."""
    if (sp.end - sp.start == 1 and sp.end < len(doc) and in_class(doc[sp.start].norm_, "construct")
            and _has_article(doc[sp.end].text) and doc[sp.end].text.isalpha()):
        return replace(sp, end=sp.end + 1, entity_id=None)
    return sp


def _trimmed(doc: Doc, sp: Speaker) -> Speaker:
    """A speaker without a glued organization, a speech verb or a preposition at its start
    (لأوبك عبد الله البدري، على أوباما)."""
    a = sp.start
    while sp.end - a > 1 and (_is_org_mention(doc, a) or is_stop(doc[a].text)
                              or (verb_of(doc[a].norm_) is not None and not _has_article(doc[a].text))):
        a += 1
    return sp if a == sp.start else replace(sp, start=a, cut=0)
