"""Quotes stage: direct and reported speech with their speakers, in ``doc.spans["quotes"]``.

Three detectors feed one attribution pass, in text order:

* **direct** quotations between quotation marks (:mod:`pipeline.quotes.marks`), accepted when a
  speech cue introduces them (``قال X: «…»``, ``«…»، قال X``, ``«…» بحسب X``), when they continue
  a quotation of the previous paragraph, or when they are long enough to be speech; scare quotes
  around a name or term and titles of works (after كتاب، مبادرة، شعار …) are not quotations;
* **reported** speech: a speech verb, its subject and أن/إن + clause (``وأكد الوزير أن …``), the
  participial chains that follow (``مشيرا إلى أن …``) and an unmarked clause after a colon;
* **source phrases**: ``بحسب X``، ``وفقا لـX``، ``نقلا عن X`` attributing the rest of the sentence.

A verb without a named subject (``وأضاف: «…»``، ``وتابعت``) takes the last speaker whose gender
agrees with it. Speakers are read by :mod:`pipeline.quotes.speakers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy
from spacy.attrs import NORM, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import schema  # noqa: F401  (extension attributes)
from ..lang.chars import QUOTE_MARKS
from .lexicon import (
    COMPLEMENTIZERS,
    ENTS_KEY,
    NOT_COMPLEMENTIZER_AFTER,
    cue_words,
    ent_index,
    entities,
    in_class,
    is_stop,
    source_index,
    speech_verbs,
    strip_conj,
    title_of,
    verb_of,
)
from .marks import quoted_spans
from .resolve import settle
from .speakers import (
    COLON,
    COMMA,
    END,
    Speaker,
    _clause_after_source,
    _has_article,
    _object_after_adjective,
    read_speaker,
)

MIN_UNCUED_WORDS = 8  # a quotation with no cue at all must be at least this long
MIN_CUED_WORDS = 3  # … and one with a cue but no colon
MAX_LOOKBACK = 30  # tokens searched for a speech verb before a quotation
MAX_GAP = 32  # tokens between a speech verb and its أن/إن
NEAR_WORDS = 9  # words between a "near" verb (أظهرت) and its أن/إن: its subject, no object
FA_INNA = cue_words("fa_inna")
SEMI_COMMA = {"،", ",", "؛", ";"}
GLUED_END = {".", "،", "؛"}
LEAD_PARTICLES = cue_words("lead_particle")
RELATIVE = cue_words("relative")
# words that open a clause whose subject precedes its verb (وكان X قال، إلا أن X نفت)
CLAUSE_OPENERS = cue_words("clause_opener")
AMMA = cue_words("topic")
TOPIC_PREPOSITIONS = cue_words("topic_preposition")
PREPOSITIONS = cue_words("preposition")
NOT_SOURCE_AFTER = cue_words("not_source_after")  # وفق المقرر لها: a word after the noun that makes it no source  # a name right after one is no subject  # وعن الأزمة، قال: what the statement is about  # أما X فقال: the topic is the subject of the ف-verb


@dataclass
class Candidate:
    pos: int  # token where the attribution happens (for the order of pronoun resolution)
    start: int  # token range of the quotation
    end: int
    kind: str
    cue: str | None = None
    speaker: Speaker | None = None
    gender: str | None = None  # gender a pronoun subject must agree with
    same_as: int = -1  # index of the candidate whose speaker this one takes (linked part)
    follow_sentence: bool = False  # participial chain: the speaker of the sentence
    linked: int = -1
    extra: dict = field(default_factory=dict)


def _conj(norm: str) -> bool:
    """Whether a speech verb is written with a leading و/ف (وأضاف)."""
    return norm not in speech_verbs()


def _sent_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end token of the sentence of every token."""
    n = len(doc)
    if not n:
        return [], []
    # a sentence starts at every token after the first whose is_sent_start is True (sent_start 1)
    cuts = (numpy.flatnonzero(doc.to_array(SENT_START)[1:].astype(numpy.int64) == 1) + 1).tolist()
    starts: list[int] = []
    ends: list[int] = []
    s = 0
    for e in [*cuts, n]:
        starts += [s] * (e - s)
        ends += [e] * (e - s)
        s = e
    return starts, ends


def _prev_word(doc: Doc, i: int) -> int:
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _next_word(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _n_words(doc: Doc, a: int, b: int) -> int:
    return sum(1 for t in doc[a:b] if not (t.is_punct or t.is_space))


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    while a < b and (doc[a].is_space or doc[a].text in COMMA or doc[a].text in COLON):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].is_punct and doc[b - 1].text not in "»”\")"):
        b -= 1
    return a, b


def _match_source(doc: Doc, i: int) -> tuple[int, bool] | None:
    """(length in tokens, needs a source noun, preposition glued to the source) of a source phrase
    at token ``i``."""
    norm = doc[i].norm_
    first = strip_conj(norm)
    idx = source_index()
    cands = idx.get(first, []) + (idx.get(norm, []) if norm != first else [])
    for words, needs in cands:
        k = i + 1
        ok = True
        for w in words[1:]:
            if k >= len(doc):
                ok = False
                break
            nk = doc[k].norm_
            if w in ("ل", "لـ") and nk in ("ل", "لـ"):
                k += 1
                continue
            if w in ("ل", "لـ") and nk.startswith("ل") and len(nk) > 2:
                return k - i, needs, True  # وفقا لوزارة: the preposition is glued to the source
            if nk != w:
                ok = False
                break
            k += 1
        if ok:
            return k - i, needs, False
    return None


def _skip_quote_mark(doc: Doc, j: int) -> int:
    """بحسب «رويترز»: the source starts after the opening mark."""
    return j + 1 if j + 1 < len(doc) and doc[j].text in QUOTE_MARKS else j


def _is_sourceish(doc: Doc, j: int) -> bool:
    if j >= len(doc):
        return False
    n = doc[j].norm_
    if n in ("احد", "احدي"):
        return True  # أحد العاملين، إحدى الموظفات: a person
    if in_class(n, "det") and j + 1 < len(doc):
        return _is_sourceish(doc, j + 1)  # آخر تقرير
    if n in ("ما",):
        return True
    if title_of(n) is not None and j + 1 < len(doc) and doc[j + 1].norm_ in NOT_SOURCE_AFTER:
        return False  # وفق المقرر لها: «as scheduled», no source
    if title_of(n) is not None or in_class(n, "source") or in_class(n, "org"):
        return True
    return j in ent_index(doc).starts


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    """Every normalized word ``verb_of`` reads as a speech verb (a form, or و/ف + a form)."""
    table = speech_verbs()
    return frozenset(set(table) | {c + w for w in table for c in "وف" if len(w) > 2})


@lru_cache(maxsize=1)
def _source_first_words() -> frozenset[str]:
    """First words of the source phrases, also with a leading و/ف."""
    idx = source_index()
    return frozenset(set(idx) | {c + w for w in idx for c in "وف"})


class _Finder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = len(doc)
        self.sent_start, self.sent_end = _sent_bounds(doc)
        self.cands: list[Candidate] = []
        self.inside = bytearray(self.n)  # tokens inside an accepted direct quotation
        strings = doc.vocab.strings
        self.norms = [strings[h] for h in doc.to_array(NORM).tolist()] if self.n else []  # token.norm_
        forms = {n: verb_of(n) for n in _verb_forms().intersection(self.norms) if n.isalpha()}
        # a sentence end glued to the next word (ألفاً .وقال): the word is still a verb
        glued = {n: verb_of(n[1:]) for n in set(self.norms)
                 if len(n) > 3 and n[0] in GLUED_END and n[1:] in _verb_forms() and n[1:].isalpha()}
        forms.update(glued)
        self.verbs = [None] * self.n
        for i, n in enumerate(self.norms):
            v = forms.get(n)
            if v is not None:
                self.verbs[i] = self._verb(i, v) if n not in glued else v
        self.src_first = _source_first_words()
        self.mentions: list[Candidate] = []  # subjects of speech verbs that introduce no quotation
        self._stops = None  # clause-end index (_index_stops), built when first needed
        self._word_prefix: list[int] | None = None

    def _verb(self, i: int, v):
        """The speech verb ``v`` (the lexicon's reading of token ``i``) if it is a verb here."""
        if v.ambig and not _conj(self.norms[i]) and _prev_word(self.doc, i) >= self.sent_start[i]:
            return None  # بين الدول, رد الفعل: not a verb here
        if v.tense == "present" and i > 0 and strip_conj(self.norms[_prev_word(self.doc, i)]) in RELATIVE:
            return None  # الأمر الذي يشير إلى أن …
        return v

    # ---- direct ------------------------------------------------------------------------------
    def direct(self) -> None:
        doc = self.doc
        parts = quoted_spans(doc)
        index_of: dict[int, int] = {}
        for pi, q in enumerate(parts):
            a, b = _trim(doc, q.open + 1, q.close)
            if b <= a:
                continue
            words = self._words(a, b)
            prev = _prev_word(doc, q.open)
            colon = prev >= 0 and doc[prev].text in COLON
            # a speech verb before the quotation, in the same sentence
            v = -1
            lo = max(self.sent_start[q.open] if q.open < self.n else 0, q.open - MAX_LOOKBACK)
            for k in range(prev, lo - 1, -1):
                if k < 0 or self.inside[k]:
                    break
                if self.verbs[k] is not None:
                    v = k
                    break
            # a cue after the quotation: «…»، قال X / «…» بحسب X
            after_v = after_src = -1
            ended = doc[_prev_word(doc, q.close)].text in END  # «… .» قال: a new sentence
            j = _next_word(doc, q.close + 1) if q.closed and not ended else self.n
            if j < self.n and doc[j].text in COMMA:
                j = _next_word(doc, j + 1)
            if j < self.n:
                if self.verbs[j] is not None and not self.verbs[j].weak and self.verbs[j].tense != "participle":
                    after_v = j
                else:
                    m = _match_source(doc, j)
                    if m is not None:
                        after_src = j
            work = any(in_class(doc[x].norm_, "work") for x in range(max(prev - 1, 0), prev + 1) if x >= 0)
            cand = Candidate(pos=q.open, start=a, end=b, kind="direct")
            accepted = False
            if q.linked >= 0 and q.linked in index_of:
                cand.same_as = index_of[q.linked]
                cand.linked = index_of[q.linked]
                accepted = True
            elif colon and v >= 0 and words >= 1:
                self._attach_verb(cand, v, q.open)
                accepted = True
            elif after_v >= 0 and words >= 2 and not work:
                self._attach_verb(cand, after_v, self.sent_end[after_v], after=True)
                accepted = True
            elif after_src >= 0 and words >= 2 and not work:
                ln = _match_source(doc, after_src)[0]
                cand.cue = doc[after_src:after_src + ln].text
                cand.speaker = read_speaker(doc, after_src + ln, self.sent_end[after_src])
                accepted = True
            elif (v >= 0 and words >= MIN_CUED_WORDS and not work and not self.verbs[v].weak
                  and (self._closes_clause(q.close) or (words >= 5 and prev >= 0
                       and strip_conj(doc[prev].norm_) in COMPLEMENTIZERS))):
                self._attach_verb(cand, v, q.open)
                accepted = True
            elif colon and words >= 2 and not work:
                cand.follow_sentence = False
                cand.gender = None
                cand.extra["last"] = True  # «وجاء في البيان: …» or a pronoun: last speaker
                accepted = True
            elif words >= MIN_UNCUED_WORDS and not work and self._closes_clause(q.close):
                cand.extra["last"] = True
                accepted = True
            if accepted:
                index_of[pi] = len(self.cands)
                self.cands.append(cand)
                for x in range(q.open, min(q.close + 1, self.n)):
                    self.inside[x] = 1

    def _attach_verb(self, cand: Candidate, v: int, limit: int, after: bool = False) -> None:
        verb = self.verbs[v]
        cand.cue = self.doc[v].text
        cand.pos = v if not after else cand.pos
        if verb.tense == "participle":
            cand.follow_sentence = True
            cand.gender = verb.gender
            return
        sp = self._read_after_verb(v, limit)
        _attach(cand, verb, sp or self._subject_before(v))

    def _read_after_verb(self, v: int, limit: int) -> Speaker | None:
        """The subject after a speech verb; for نقل (ونقلت الوكالة عن الوزير قوله) the one quoted
        after عن."""
        doc = self.doc
        if v + 1 >= limit:
            return None
        if self.verbs[v].lemma == "نقل":
            for j in range(v + 1, min(limit, v + 16)):
                if doc[j].norm_ == "عن":
                    sp = read_speaker(doc, j + 1, limit)
                    if sp is not None:
                        return sp
        return read_speaker(doc, v + 1, limit, after_verb=True)

    def _mention(self, v: int) -> None:
        """Remember the named subject of a speech verb that introduces no quotation (أعرب الوزير
        عن …): a later verb without a subject may refer to it."""
        verb = self.verbs[v]
        before = strip_conj(self.doc[_prev_word(self.doc, v)].norm_) if v > 0 else ""
        if before in RELATIVE or not (verb.tense == "past" or (verb.tense == "present" and before in ("لم", "لن"))):
            return  # ما أشار إليه الرئيس: not a statement of the sentence
        sp = read_speaker(self.doc, v + 1, self.sent_end[v], after_verb=True)
        if sp is not None and verb.weak and self._object_first(v + 1, sp):
            sp = None  # وأشاد بتعاون الجهات: the object after ب, no subject
        initial = self.sent_start[v] == v or (
            v - self.sent_start[v] <= 2
            and all(self.doc[x].norm_ in LEAD_PARTICLES or self.doc[x].is_punct or self.doc[x].is_space
                    for x in range(self.sent_start[v], v))
        )
        if sp is not None and (sp.role or sp.honorific or sp.entity_id or initial):
            if verb.gender in ("m", "f"):
                sp.gender = verb.gender
            self.mentions.append(Candidate(pos=v, start=v, end=v + 1, kind="mention", speaker=sp))
        elif sp is None and initial and verb.gender in ("m", "f"):
            # وعبر عن استغرابه …، مؤكدا أن: the sentence's subject is the last speaker of that gender
            self.mentions.append(Candidate(pos=v, start=v, end=v + 1, kind="mention", gender=verb.gender))

    def _object_first(self, j: int, sp: Speaker) -> bool:
        """Whether the phrase read after a weak verb opens with the preposition ب glued to a word that
        is no name (أشاد بتعاون …، نوه بالجهود): the verb's object."""
        doc = self.doc
        j = _next_word(doc, j)
        if j >= self.n or j != min(sp.start, sp.head if sp.head >= 0 else sp.start):
            return False
        n = self.norms[j]
        return (len(n) > 3 and n[0] == "ب" and doc[j].text.isalpha() and ent_index(doc).cover[j] is None
                and title_of(n) is None)

    def _relative_subject(self, v: int) -> Speaker | None:
        """The subject of a speech verb after a relative pronoun (… المهندس عبدالله رحيمي، الذي أوضح
        أن): the person or organization named right before it."""
        doc = self.doc
        r = _prev_word(doc, v)
        if r < 0 or strip_conj(self.norms[r]) not in RELATIVE or self.norms[r] in ("ما", "مما"):
            return None
        k = _prev_word(doc, r)
        if k < 0 or doc[k].text not in COMMA:
            return None  # لسياسة الوزارة التي أشار إلى أنها: a restrictive clause with its own subject
        k = _prev_word(doc, k)
        e = ent_index(doc).cover[k] if k >= 0 else None
        if e is None or e.end != k + 1 or e.label_ not in ("PER", "PERS", "ORG"):
            return None
        return Speaker(e.start, e.end, entity_id=getattr(e._, "entity_id", None), phrase_end=e.end)

    def _subject_before(self, v: int) -> Speaker | None:
        """The subject of a past-tense verb written before it (وكان دبلوماسي أمريكي قال، إلا أن مايا
        كوسيانيتش، المتحدثة باسم أشتون، نفت)."""
        doc = self.doc
        verb = self.verbs[v]
        if verb is None or verb.tense != "past":
            return None
        s0 = self.sent_start[v]
        if _conj(self.doc[v].norm_):
            # أما مدرب الفريق فقال: the subject of a ف-verb is the topic after أما
            if not self.norms[v].startswith("ف"):
                return None  # وأشار: a coordinated verb shares the subject of the clause before
            amma = next((j for j in range(v - 1, max(s0, v - 12) - 1, -1) if strip_conj(self.norms[j]) in AMMA), None)
            if amma is None:
                return None
            start = _next_word(doc, amma + 1)
            sp = read_speaker(doc, start, v) if start < v else None
            return sp if sp is not None and max(sp.phrase_end, sp.end) >= _prev_word(doc, v) else None
        j = v - 1
        commas = 0
        start = s0
        while j >= s0:
            t = doc[j]
            n = strip_conj(t.norm_)
            if n in CLAUSE_OPENERS or n in COMPLEMENTIZERS or t.text in COLON or t.text in END or t.text in QUOTE_MARKS:
                start = j + 1
                break
            if self.verbs[j] is not None or v - j > 20:
                return None
            if t.text in COMMA:
                commas += 1
                if commas > 2:
                    return None
            j -= 1
        while start < v and doc[start].is_space:
            start += 1
        topic = start
        if topic < v and strip_conj(self.norms[topic]) in ("فيما", "في"):
            topic = _next_word(doc, topic + 1)
            if topic < v and self.norms[topic] == "ما":
                topic = _next_word(doc, topic + 1)  # في ما يتعلق
        if topic < v and strip_conj(self.norms[topic]) in TOPIC_PREPOSITIONS:
            return None  # وعن الدور الإيراني، قال / وفيما يخص الدوري، قال: a topic, not the subject
        while start < v and (doc[start].is_space or is_stop(doc[start].text)):
            start += 1
        if start >= v:
            return None
        sp = read_speaker(doc, start, v)
        if sp is None:
            return None
        rest = range(max(sp.phrase_end, sp.end), v)
        if any(not (doc[x].is_space or doc[x].text in COMMA or is_stop(doc[x].text)) for x in rest):
            return None
        return sp

    def _after_person(self, pos: int) -> bool:
        """Whether a PER entity ends right before token ``pos``, with no comma between (… الدكتور عبدالله
        الشريف مشيرا أن); after a comma the name may be the object of the opening verb."""
        k = _prev_word(self.doc, pos)
        e = ent_index(self.doc).cover[k] if k >= 0 else None
        return e is not None and e.end == k + 1 and e.label_ in ("PER", "PERS")

    def _sentence_subject(self, pos: int) -> Speaker | None:
        """The subject of the verb that opens the sentence of a participial chain with no speech verb
        before it (أبرزت الصحف الأردنية الرفض …، مشددة على أن …): the noun phrase after a first word
        that is no noun (no article, no title, no entity, no particle), up to its object."""
        doc = self.doc
        s0 = self.sent_start[pos]
        j = s0
        while j < pos and (doc[j].is_space or doc[j].is_punct or self.norms[j] in LEAD_PARTICLES):
            j += 1
        if j + 2 >= pos:
            return None
        t = doc[j]
        if (not t.text.isalpha() or len(t.text) < 3 or _has_article(t.text) or title_of(t.norm_) is not None
                or ent_index(doc).cover[j] is not None or is_stop(t.text) or in_class(t.norm_, "particle")
                or strip_conj(t.norm_) in CLAUSE_OPENERS or strip_conj(t.norm_) in COMPLEMENTIZERS):
            return None
        nxt = doc[j + 1]
        if not (_has_article(nxt.text) or title_of(nxt.norm_) is not None or in_class(nxt.norm_, "construct")
                or in_class(nxt.norm_, "org")):
            return None
        sp = read_speaker(doc, j + 1, pos)
        if sp is None or sp.start != j + 1:
            return None
        for k in range(sp.start + 1, sp.end):
            if _object_after_adjective(doc, k):
                sp = replace(sp, end=k, phrase_end=k)  # الصحف الأردنية الرفض القاطع: the object
                break
        return sp

    def _named_before(self, pos: int) -> Speaker | None:
        """A person named earlier in the sentence (a recognized PER entity, or a name after an
        honorific): the subject of a participial chain with no speech verb before it."""
        doc = self.doc
        s0 = self.sent_start[pos]
        best = None
        for ent in entities(doc):
            if ent.start >= s0 and ent.end <= pos and ent.label_ in ("PER", "PERS"):
                k = _prev_word(doc, ent.start)
                while k > s0 and title_of(self.norms[k]) is not None:
                    k = _prev_word(doc, k)  # على اللاعب فلان
                if k >= 0 and strip_conj(self.norms[k]) in PREPOSITIONS:
                    continue  # ردّ فلان على كيم كارداشيان كاتبا: a name after a preposition is an object
                best = ent
        if best is not None:
            return Speaker(best.start, best.end, entity_id=getattr(best._, "entity_id", None), phrase_end=best.end)
        for j in range(pos - 1, s0 - 1, -1):
            tt = title_of(doc[j].norm_)
            if tt is not None and tt.kind == "honorific":
                sp = read_speaker(doc, j, pos)
                if sp is not None:
                    return sp
        return None

    def _closes_clause(self, close: int) -> bool:
        """Whether a quotation ends its clause: end of text or paragraph, punctuation, a speech verb
        or a source phrase next (a quoted name is followed by the rest of its sentence)."""
        doc = self.doc
        if close + 1 >= self.n or "\n" in doc[close].whitespace_:
            return True
        last = _prev_word(doc, close)
        if last >= 0 and doc[last].text in END:
            return True  # «… بالشركة.» ولم …: the quotation ended its own sentence
        j = _next_word(doc, close + 1)
        if j >= self.n or any("\n" in doc[x].text for x in range(close + 1, j)):
            return True
        t = doc[j]
        if t.is_punct and t.text not in "«\"“„(":
            return True
        return self.verbs[j] is not None or _match_source(doc, j) is not None

    # ---- reported ----------------------------------------------------------------------------
    def reported(self) -> None:
        doc = self.doc
        i = 0
        while i < self.n:
            verb = self.verbs[i]
            if verb is None or self.inside[i]:
                i += 1
                continue
            if verb.weak:
                self._mention(i)
                i += 1
                continue
            end_s = self.sent_end[i]
            comp = colon = -1
            for j in range(i + 1, min(end_s, i + 1 + MAX_GAP)):
                t = doc[j]
                if self.inside[j] or t.text in END:
                    break
                if t.text in COLON:
                    colon = j
                    break
                if strip_conj(t.norm_) in COMPLEMENTIZERS and not t.norm_.startswith("و"):
                    p = _prev_word(doc, j)
                    if p >= 0 and strip_conj(doc[p].norm_) in NOT_COMPLEMENTIZER_AFTER:
                        break
                    comp = j
                    break
                vj = self.verbs[j]
                if vj is not None and (vj.tense == "participle" or t.norm_[0] in "وف"
                                       or strip_conj(self.norms[_prev_word(doc, j)]) in RELATIVE):
                    break  # the next verb takes its own أن (… رحيمي، الذي أوضح أن)
            if verb.tense == "participle" and (comp < 0 or comp > i + 3) and not (0 <= colon <= i + 2):
                i += 1
                continue  # مضيفا: … / كاتبا: …: a participle with a colon opens a statement too
            if verb.near and comp >= 0 and self._words(i + 1, comp) > NEAR_WORDS:
                comp = -1  # فأظهر من المواقف … بدعوى أن: an object, not speech
            if comp < 0 and colon < 0:
                self._mention(i)
                i += 1
                continue
            head = comp if comp >= 0 else colon
            if colon >= 0 and _next_word(doc, colon + 1) < self.n and doc[_next_word(doc, colon + 1)].text in QUOTE_MARKS:
                i += 1
                continue
            a = head + 1
            if head == colon:
                nw = _next_word(doc, a)
                if nw < end_s and strip_conj(self.norms[nw]) in COMPLEMENTIZERS and not self.norms[nw].startswith("و"):
                    a = nw + 1  # قائلا: إن … / وأضاف: أنه …: the clause starts after the conjunction
            b = self._clause_end(a, end_s)
            a, b = _trim(doc, a, b)
            if self._words(a, b) < 2:
                i += 1
                continue
            cand = Candidate(pos=i, start=a, end=b, kind="reported", cue=doc[i].text)
            if verb.tense == "participle":
                cand.follow_sentence = True
                cand.gender = verb.gender
            else:
                sp = self._read_after_verb(i, head) or self._relative_subject(i) or self._subject_before(i)
                if sp is None and verb.tense == "present" and self.sent_start[i] != i:
                    i += 1
                    continue  # الوضع في اليمن يؤكد أن …: the subject is not a speaker
                _attach(cand, verb, sp)
            self.cands.append(cand)
            i = head + 1

    def _clause_end(self, a: int, end_s: int) -> int:
        """End of a reported clause: the sentence end, a participial chain (، مشيرا إلى أن) or a
        new speech verb with its own أن (، وأضاف أن). Read from an index of the stops built once per
        document (each verb of a «وقال إن» chain would otherwise scan to the sentence end)."""
        if a >= end_s:
            return end_s
        if self._stops is None:
            self._index_stops()
        if self._stop_at[a]:
            return a
        k = self._next_stop[a + 1]
        return k if k < end_s else end_s

    def _index_stops(self) -> None:
        """``_stop_at[j]``: token ``j`` ends a clause that starts at or before it (a line break, a
        colon, a comma or و before a speech verb); ``_next_stop[j]``: the first token at or after
        ``j`` that ends a clause starting before it (the same, or a participle with أن after it)."""
        doc, n = self.doc, self.n
        stop_at = bytearray(n)
        later = bytearray(n)
        for j in range(n):
            t = doc[j]
            end_s = self.sent_end[j]
            if (t.is_space and "\n" in t.text) or t.text in COLON:
                stop_at[j] = 1
            elif t.text in COMMA or t.text in ("و",):
                k = _next_word(doc, j + 1)
                if k < end_s and self.verbs[k] is not None and not self.verbs[k].weak:
                    stop_at[j] = 1
            if not stop_at[j] and self.verbs[j] is not None and self.verbs[j].tense == "participle":
                nxt = _next_word(doc, j + 1)
                if nxt < end_s and (strip_conj(doc[nxt].norm_) in COMPLEMENTIZERS or doc[nxt].norm_ in ("الي", "الى")):
                    later[j] = 1
        nxt_stop = [n] * (n + 1)
        for j in range(n - 1, -1, -1):
            nxt_stop[j] = j if (stop_at[j] or later[j]) else nxt_stop[j + 1]
        self._stop_at, self._next_stop, self._stops = stop_at, nxt_stop, True

    def _words(self, a: int, b: int) -> int:
        """Words (neither punctuation nor space) in tokens ``a``–``b``, from prefix counts."""
        if self._word_prefix is None:
            acc, pre = 0, [0]
            for t in self.doc:
                acc += not (t.is_punct or t.is_space)
                pre.append(acc)
            self._word_prefix = pre
        return self._word_prefix[b] - self._word_prefix[a] if b > a else 0

    # ---- source phrases ----------------------------------------------------------------------
    def sources(self) -> None:
        doc = self.doc
        i = 0
        while i < self.n:
            if self.inside[i] or self.verbs[i] is not None or self.norms[i] not in self.src_first:
                i += 1
                continue
            m = _match_source(doc, i)
            if m is None:
                i += 1
                continue
            ln, needs, glued = m
            src = _next_word(doc, i + ln)
            src = _skip_quote_mark(doc, src)
            if needs and not _is_sourceish(doc, src):
                i += ln
                continue
            p = _prev_word(doc, i)
            if p >= 0 and (doc[p].text in "»”\"›" or (doc[p].text in COMMA and p > 0 and doc[_prev_word(doc, p)].text in "»”\"›")):
                i += ln
                continue  # the attribution of a direct quotation, handled there
            s0, s1 = self.sent_start[i], self.sent_end[i]
            at = src
            if doc[src].norm_ == "ما":
                at = src + 1
                if at < s1 and self.verbs[at] is not None:
                    at += 1  # وفق ما قال مسؤولون: the speaker follows the verb
            sp = read_speaker(doc, at, s1, whole=True)
            if doc[src].norm_ == "ما" and sp is None:
                i += ln
                continue
            if sp is not None and glued and sp.start == src and not self.norms[src].startswith("لل"):
                sp.cut = 1  # وفقا لتقييم: the speaker starts after the preposition
            if self._inside_attribution(s0, i):
                i += ln
                continue  # وشدد الوزير بحسب القناة على أن …: the source of the verb's own clause
            before = self._words(s0, i)
            after_at = sp.phrase_end if sp is not None else src
            if 0 < before < 4 and self._words(after_at, s1) >= 4 and not any(self.inside[x] for x in range(after_at, s1)):
                before = 0  # وتأتي هذه التطورات بحسب القناة في وقت …: the clause after the source
            if before == 0:
                # وبحسب المصادر، فإن …: the clause after the source
                k = sp.phrase_end if sp is not None else src
                if sp is not None and k < s1 and k > sp.start and _clause_after_source(doc, k, s1):
                    a = k  # وبحسب البيان ستتوقف الأعمال …: the clause right after the source
                else:
                    while k < s1 and doc[k].text not in SEMI_COMMA and doc[k].norm_ not in FA_INNA and k - i < 25:
                        k += 1
                    a = _next_word(doc, k + 1) if k < s1 and doc[k].text in SEMI_COMMA else k
                if a < s1 and doc[a].norm_ in FA_INNA:
                    a += 1
                a, b = _trim(doc, a, s1)
            else:
                a, b = _trim(doc, s0, i)
            if self._words(a, b) >= 3 and not any(self.inside[x] for x in range(a, b)):
                cand = Candidate(pos=i, start=a, end=b, kind="reported", cue=doc[i:i + ln].text, speaker=sp)
                self.cands.append(cand)
            i += ln

    def _inside_attribution(self, s0: int, i: int) -> bool:
        """Whether a speech verb before token ``i`` in its sentence has not yet reached its أن/إن or
        colon: a source phrase there belongs to the verb's attribution."""
        for k in range(i - 1, s0 - 1, -1):
            t = self.doc[k]
            if t.text in COLON or t.text in END or strip_conj(t.norm_) in COMPLEMENTIZERS or self.inside[k]:
                return False
            v = self.verbs[k]
            if v is not None and not v.weak and v.tense != "participle":
                # its أن comes after the source phrase, with no other speech verb before it
                for x in range(i + 1, min(self.sent_end[i], i + MAX_GAP)):
                    if strip_conj(self.norms[x]) in COMPLEMENTIZERS:
                        return True
                    if self.verbs[x] is not None or self.doc[x].text in END:
                        return False
                return False
        return False

    # ---- attribution -------------------------------------------------------------------------
    def resolve(self) -> list[Candidate]:
        """Speakers for verbs without a subject, participial chains and linked parts, in text order:
        each takes the last speaker that agrees (same sentence for a chain, same gender for a verb)."""
        cands = sorted(self.cands + self.mentions, key=lambda c: (c.pos, c.start))
        history: list[tuple[int, Speaker]] = []  # (sentence start, speaker)
        for c in cands:
            if c.speaker is None:
                if c.same_as >= 0:
                    c.speaker = self.cands[c.same_as].speaker
                elif c.follow_sentence:
                    c.speaker = (self._last(history, c.gender, self.sent_start[c.pos])
                                 or (self._named_before(c.pos) if self._after_person(c.pos) else None)
                                 or self._sentence_subject(c.pos)
                                 or self._named_before(c.pos) or self._last(history, c.gender))
                elif c.gender is not None or c.extra.get("last"):
                    c.speaker = self._last(history, c.gender)
            if c.speaker is not None and c.speaker.described:
                named = next((sp for _, sp in reversed(history) if c.speaker.describes(self.doc, sp)), None)
                if named is not None:
                    c.speaker = named  # الوزير الأمريكي: the named speaker the description fits
            if c.speaker is not None:
                history.append((self.sent_start[c.pos], c.speaker))
        return cands

    @staticmethod
    def _last(history, gender, sent: int | None = None) -> Speaker | None:
        for s_start, sp in reversed(history):
            if sent is not None and s_start != sent:
                return None
            if gender in (None, "p") or sp.gender in (None, gender):
                return sp
        return None


def find_quotes(doc: Doc) -> list[Span]:
    """The quotations of a ``Doc`` as spans with their attribution attributes set."""
    if not len(doc):
        return []
    doc.user_data.pop(ENTS_KEY, None)
    try:
        return _find(doc)
    finally:
        doc.user_data.pop(ENTS_KEY, None)


def _find(doc: Doc) -> list[Span]:
    f = _Finder(doc)
    f.direct()
    f.reported()
    f.sources()
    every = f.resolve()
    settle(doc, every, f.sent_start)
    cands = [c for c in every if c.kind != "mention"]
    cands.sort(key=lambda c: (c.start, c.end))
    spans: list[Span] = []
    ids: dict[int, str] = {}
    for k, c in enumerate(cands):
        ids[id(c)] = f"q{k + 1}"
    for c in cands:
        span = Span(doc, c.start, c.end, label="QUOTE")
        span._.quote_id = ids[id(c)]
        span._.kind = c.kind
        span._.cue = c.cue
        if c.linked >= 0:
            span._.linked_to = ids.get(id(f.cands[c.linked]))
        sp = c.speaker
        if sp is not None:
            s = doc[sp.start:sp.end]
            a = s.start_char + sp.cut
            span._.speaker = s.text[sp.cut:]  # doc.text[a:s.end_char]
            span._.speaker_start = a
            span._.speaker_end = s.end_char
            span._.speaker_entity_id = sp.entity_id
            span._.speaker_role = sp.role
            span._.speaker_org = sp.org
            span._.speaker_honorific = sp.honorific
        spans.append(span)
    return spans


@Language.component("quotes")
def quotes_component(doc: Doc) -> Doc:
    doc.spans["quotes"] = find_quotes(doc)
    return doc


def _attach(cand, verb, speaker) -> None:
    """Give a quotation the speaker its speech verb found (the verb's gender tells the speaker's);
    with no speaker, keep the verb's gender for resolving it later (وأضاف / وتابعت)."""
    if speaker is None:
        cand.gender = verb.gender
        return
    if verb.gender in ("m", "f"):
        speaker.gender = verb.gender
    cand.speaker = speaker
