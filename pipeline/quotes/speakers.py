"""Reading a speaker phrase: name, role, organization, honorific, gender.

``read_speaker(doc, i, limit)`` parses the noun phrase that starts at token ``i`` (right after a
speech verb or a source phrase): honorifics (السيدة، البروفيسور), a role phrase (وزير الصحة،
المتحدث باسم الوزارة), a name, an apposition after a comma (كارميلا جودو، المديرة الإقليمية
للمنظمة …) and an organization introduced by من/في (من مركز دراسات الهجرة …). A recognized
entity (``doc.ents`` PER/ORG) in the phrase is preferred as the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..lang.chars import QUOTE_MARKS
from ..lang.normalize import normalize, normalize_light, strip_proclitics
from .lexicon import (
    COMPLEMENTIZERS,
    bare,
    cue_words,
    ent_index,
    entities,
    in_class,
    is_stop,
    nationalities,
    source_index,
    strip_conj,
    title_of,
    verb_of,
)

COLON = {":"}
COMMA = {"،", ","}
ROLE_PREPOSITIONS = ("في", "على")  # inside a role that names a person after it (المشرف على البرنامج فلان)
END = {".", "!", "?", "؟", "…", "...", "؛", ";"}
MAX_NAME = 4
NAME_LINKS = cue_words("name_link")


@dataclass
class Speaker:
    start: int  # token indices of the speaker text
    end: int
    role: str | None = None
    org: str | None = None
    honorific: str | None = None
    gender: str | None = None
    entity_id: str | None = None
    phrase_end: int = 0  # token after the whole speaker phrase (apposition included)
    cut: int = 0  # characters of the first token that are not the speaker's (a glued preposition)
    described: bool = False  # the speaker is a description (الوزير الأمريكي), not a name
    head: int = -1  # first token of the whole phrase (تقرير … for a name read after it)

    def describes(self, doc: Doc, other: Speaker) -> bool:
        """Whether this description fits a named speaker's role (الوزير الأمريكي -> كارتر, وزير
        الدفاع الأمريكي): same title word, every other word found in the role."""
        if not self.described or other.described or not other.role:
            return False
        mine = [_bare_word(t.norm_) for t in doc[self.start:self.end] if not t.is_punct]
        theirs = [_bare_word(w) for w in normalize(other.role).split()]
        return bool(mine) and bool(theirs) and mine[0] == theirs[0] and all(w in theirs for w in mine[1:])

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


def _is_boundary(doc: Doc, j: int) -> bool:
    t = doc[j]
    text = t.text
    return (
        text in COLON or text in END or text in QUOTE_MARKS or t.is_space or "\n" in t.whitespace_
        or strip_conj(t.norm_) in COMPLEMENTIZERS or text in "()[]"
    )


def _has_article(text: str) -> bool:
    """Whether a word (as written) carries the article, proclitics allowed (والوزير، للمنظمة);
    alef with hamza is kept, so إليات is not read as ال + يات."""
    w = normalize_light(text)
    if len(w) > 2 and w[0] in "وف":
        w = w[1:]
    return w.startswith("ال") or w.startswith("لل") or w[:3] in ("بال", "كال")


def _role_word(norm: str, text: str | None = None) -> bool:
    """A word that continues a role phrase: with the article, a title or an organization head,
    or a listed continuation (عام، باسم، لدى)."""
    return (
        _has_article(text if text is not None else norm) or title_of(norm) is not None or in_class(norm, "org")
        or in_class(norm, "cont") or in_class(norm, "region")
    )


def _entity_in(doc: Doc, a: int, b: int):
    for ent in entities(doc):
        if ent.start >= a and ent.end <= b:
            return ent
        if ent.start >= b:
            break
    return None


def _bare_word(norm: str) -> str:
    w = norm[1:] if norm[:3] in ("وال", "فال") else norm
    if w.startswith("لل"):
        return w[2:]
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def _bare_org(first: str, rest: str) -> str:
    """An organization name without the preposition glued to its first word (للمنظمة -> المنظمة،
    بوزارة -> وزارة)."""
    head = strip_proclitics(first)
    if (not head.startswith("ال") and len(head) > 3 and head[0] in "لب"
            and not in_class(normalize(head), "org") and in_class(normalize(head[1:]), "org")):
        head = head[1:]  # بوزارة -> وزارة, but بلدية stays
    return (head + (" " + rest if rest else "")).strip()


def _org_in(doc: Doc, a: int, b: int) -> str | None:
    """The organization named in tokens [a, b): from the first organization head noun (or ORG
    entity, whichever comes first) up to a region word, a preposition or the end."""
    ent = next((e for e in entities(doc) if e.start >= a and e.end <= b and e.label_ == "ORG"), None)
    head = next((j for j in range(a, b) if in_class(doc[j].norm_, "org")), None)
    if ent is not None and (head is None or ent.start < head):
        return _bare_org(doc[ent.start].text, doc[ent.start + 1:ent.end].text)
    if head is None:
        return None
    k = head + 1
    while k < b and not (in_class(doc[k].norm_, "region") or is_stop(doc[k].text)
                         or doc[k].is_punct or doc[k].text == "من"):
        k += 1
    if ent is not None and ent.start == head:
        k = max(k, ent.end)  # the entity, or the organization phrase it starts when that is longer
    return _bare_org(doc[head].text, doc[head + 1:k].text)


def _appos_role(doc: Doc, a: int, limit: int) -> tuple[int, int] | None:
    """An apposition after a comma that is a role: tokens [a, e)."""
    if a >= limit or is_stop(doc[a].text) or verb_of(doc[a].norm_) is not None:
        return None
    if not _role_word(doc[a].norm_, doc[a].text):
        return None
    e = a
    while e < limit and e - a < 30 and not _is_boundary(doc, e) and doc[e].text not in COMMA:
        e += 1
    return (a, e) if e > a else None


def _skip_quoted(doc: Doc, j: int, limit: int) -> int:
    """Index after a short quoted name starting at ``j`` (« هآرتس »), else ``j``."""
    if j < limit and doc[j].text in QUOTE_MARKS:
        for k in range(j + 1, min(limit, j + 7)):
            if doc[k].text in QUOTE_MARKS:
                return k + 1
    return j


def _skip_addressee(doc: Doc, j: int, limit: int, after_verb: bool = False) -> int:
    """Skip an addressee right after the verb: لـ«الحياة»، للصحفيين، لمراسلنا; after a speech verb
    also a glued one with its complement (وأضاف لموقع النادي على الإنترنت: «…»), since a subject
    never takes ل: up to a title, a person or the end of the phrase."""
    if j < limit and doc[j].norm_ in ("لـ", "ل"):
        k = _skip_quoted(doc, j + 1, limit)
        return k if k > j + 1 else min(j + 2, limit)
    if after_verb and j < limit and _glued_to(doc[j]):
        k = j + 1
        while (k < limit and k - j < 8 and not _is_boundary(doc, k) and doc[k].text not in COMMA
               and title_of(doc[k].norm_) is None and doc[k].ent_type_ not in ("PER", "PERS")):
            k += 1
        return k
    return j


def _glued_to(t) -> bool:
    """A word with the preposition ل glued to it that is no name: ل + the article (للصحفيين) or
    ل + an organization or source noun (لموقع، لهيئة، لصحيفة)."""
    n = t.norm_
    if len(n) < 4 or n[0] != "ل" or not t.text.isalpha():
        return False
    return n.startswith("لل") or in_class(n[1:], "org") or in_class(n[1:], "source")


def _skip_filler(doc: Doc, j: int, limit: int) -> int:
    """Skip a word that stands between a verb and its subject (واعترف بدوره، مدرب المكسيك …):
    ``quote_words.tsv`` class ``filler``, with the comma after it."""
    if j < limit and in_class(doc[j].norm_, "filler"):
        k = j + 1
        if k < limit and doc[k].text in COMMA:
            k += 1
        while k < limit and doc[k].is_space:
            k += 1
        return k
    return j


def read_speaker(doc: Doc, i: int, limit: int, whole: bool = False, after_verb: bool = False) -> Speaker | None:
    """The speaker phrase starting at token ``i`` (see :func:`_read`), with ``head`` its first token."""
    limit = min(limit, len(doc))
    if after_verb:
        i = _skip_filler(doc, i, limit)
    i = _skip_addressee(doc, i, limit, after_verb)
    sp = _read(doc, i, limit, whole)
    if sp is not None and sp.head < 0:
        sp.head = i
    return sp


def _read(doc: Doc, i: int, limit: int, whole: bool) -> Speaker | None:
    """The speaker phrase starting at token ``i`` (tokens before ``limit``); None when there is no
    named subject (a pronoun: وأضاف: «…»). ``whole``: the speaker is the whole noun phrase (a
    source after بحسب: "تقييم حديث للأمن الغذائي"), not just a name.

    Phases: the head of the phrase, its honorifics and titles, the name, the speaker and its role,
    an apposition or organization after the head, the entity it names."""
    if i + 1 < limit and doc[i].norm_ in ("فيه", "فيها", "فيهم"):
        i += 1  # أكدت فيه المعلومات: a resumptive pronoun before the subject
    h_end = _head_end(doc, i, limit, whole)
    if h_end == i:
        return None
    if any(_source_complement(doc, i, j, h_end) for j in range(i + 1, min(h_end, i + 4))) or (
            h_end > i + 1 and (in_class(doc[i].norm_, "anonymous") or in_class(doc[i].norm_, "construct"))
            and not _has_article(doc[i].text)
            and not any(e.start < h_end and e.end > i and e.label_ in ("PER", "PERS") for e in entities(doc))):
        # مصدر في الشرطة، مصادر في وزارة الصحة، تقارير صحفية بريطانية: the source, its qualifiers
        # and the body it belongs to
        sp = Speaker(i, h_end, described=True)
        sp.phrase_end = h_end
        return sp
    person = _person_in_head(doc, i, h_end) if not whole else _addressed_person(doc, i, h_end)
    if person is not None:
        return _person_speaker(doc, i, h_end, limit, person)
    k, role_a, role_b, honorific, gender = _titles(doc, i, h_end, whole)
    name_a, name_b, role_a, role_b = _name(doc, k, h_end, whole, role_a, role_b)
    sp: Speaker
    if name_b > name_a:
        sp = Speaker(name_a, name_b, honorific=honorific, gender=gender)
    elif role_a is not None:
        sp = Speaker(role_a, role_b, honorific=honorific, gender=gender)
        sp.described = True
    else:
        return None
    if role_a is not None:
        sp.role = doc[role_a:role_b].text
        sp.org = _org_in(doc, role_a, role_b)
    elif name_b < h_end and title_of(doc[name_b].norm_) is not None and title_of(doc[name_b].norm_).kind == "title":
        # a role after the name without a comma (الزياني الأمين العام لمجلس التعاون)
        r_end = _role_end(doc, name_b, h_end)
        sp.role = doc[name_b:r_end].text
        sp.org = _org_in(doc, name_b, r_end)
    sp.phrase_end = _after_head(doc, sp, i, h_end, limit, honorific)
    _link_entity(doc, sp, i, role_a, role_b)
    return sp


def _head_end(doc: Doc, i: int, limit: int, whole: bool) -> int:
    """The end of the head: until a comma, colon, complementizer, quote mark, stop word or من; a
    short quoted name (صحيفة « هآرتس ») and في inside a role (المدير العام للتعليم في منطقة عسير)
    are kept."""
    h_end = i
    titled = False
    while h_end < limit and h_end - i < 16:
        t = doc[h_end]
        if t.text in QUOTE_MARKS:
            k = _skip_quoted(doc, h_end, limit)
            if k > h_end + 2:  # a quoted name (رحبت " جنوب إفريقيا " بالقرار)
                h_end = k
                continue
            break
        if _is_boundary(doc, h_end) or t.text in COMMA or (t.text == "من" and not whole):
            break
        if "\u064b" in t.text:  # tanween fatha: an adverb or a circumstantial (مداعباً، سابقاً)
            break
        if is_stop(t.text) and not (h_end == i and in_class(t.norm_, "statement")) and not (titled and t.text in ROLE_PREPOSITIONS and h_end + 1 < limit
                                    and (_role_word(doc[h_end + 1].norm_, doc[h_end + 1].text)
                                         or _person_ahead(doc, h_end + 1, limit))) \
                and not _source_complement(doc, i, h_end, limit):
            break
        if h_end > i and in_class(t.norm_, "object") and not _has_article(t.text):
            break  # روى الرجل تفاصيل الحادث: the object of the verb
        if h_end > i and not whole and _source_at(doc, h_end, limit):
            break  # وشدد الوزير بحسب القناة على أن: the source phrase ends the subject
        if whole and h_end > i and _clause_after_source(doc, h_end, limit):
            break  # وبحسب البيان ستتوقف الأعمال …: the clause starts after the source
        if titled and not whole and _object_after_adjective(doc, h_end):
            break  # ووصف رئيس الحكومة اليمني العمل الجماعي: the object after the role
        if h_end > i and (t.norm_ in ("لـ", "ل") or strip_conj(t.norm_).startswith("لل") and not (
                titled or whole or (_org_head(doc, i) and h_end - i >= 2))):
            break
        if title_of(t.norm_) is not None:
            titled = True
        h_end += 1
    return h_end


def _source_at(doc: Doc, k: int, limit: int) -> bool:
    """Whether a source phrase (بحسب، وفقا لـ، نقلا عن …) starts at token ``k``: its words after the
    first must follow (على لسان, not على alone); ل may be glued to the next word."""
    idx = source_index()
    first = doc[k].norm_
    for words, _ in idx.get(first, []) + (idx.get(strip_conj(first), []) if strip_conj(first) != first else []):
        j = k + 1
        for w in words[1:]:
            if j >= limit or not (doc[j].norm_ == w or (w in ("ل", "لـ") and doc[j].norm_.startswith("ل"))):
                break
            j += 1
        else:
            return True
    return False


def _nationality(norm: str) -> bool:
    w = norm[1:] if norm[:3] in ("وال", "فال") else norm
    return w in nationalities()


def _clause_after_source(doc: Doc, k: int, limit: int) -> bool:
    """A bare word right after a definite word of a source phrase (بحسب البيان ستتوقف …) starts the
    attributed clause: it is no continuation of the name (no title, organization, region or
    continuation word, no ل/ب construct before a definite word, not inside the same entity)."""
    prev, t = doc[k - 1], doc[k]
    if not (_has_article(prev.text) and t.text.isalpha() and not _has_article(t.text)):
        return False
    if title_of(t.norm_) is not None or any(in_class(t.norm_, c) for c in ("org", "region", "cont")):
        return False
    if title_of(prev.norm_) is not None:
        return False  # بحسب المهندس عبدالله …: a name after a form of address
    if t.norm_[0] in "لب" and k + 1 < limit and _has_article(doc[k + 1].text):
        return False
    e = ent_index(doc).cover[k - 1]
    return e is None or e.end <= k


def _org_head(doc: Doc, i: int) -> bool:
    """A definite organization head noun (الإدارة، الهيئة) opens the phrase at ``i``: its لل-complements
    (للمحيطات والغلاف الجوي) are part of the name."""
    return _has_article(doc[i].text) and in_class(doc[i].norm_, "org")


def _person_ahead(doc: Doc, j: int, limit: int) -> bool:
    """A PER entity starts within a few words from ``j``, before any boundary (المختص في مجال التأمين
    الطبي فواز السلوم): في is inside the role that names the person."""
    cover = ent_index(doc).cover
    for k in range(j + 1, min(limit, j + 6)):
        if _is_boundary(doc, k) or doc[k].text in COMMA or is_stop(doc[k].text):
            return False
        e = cover[k]
        if e is not None and e.start == k and e.label_ in ("PER", "PERS"):
            return True
    return False


def _source_complement(doc: Doc, i: int, j: int, limit: int) -> bool:
    """في at ``j`` after an indefinite source noun (مصدر في الشرطة، مصادر في وزارة الصحة): the
    body the source belongs to, part of the speaker."""
    return (
        doc[j].text == "في" and j - i <= 3 and j + 1 < limit and in_class(doc[i].norm_, "source")
        and not _has_article(doc[i].text) and not is_stop(doc[j + 1].text)
        and (_has_article(doc[j + 1].text) or in_class(doc[j + 1].norm_, "org"))
        and not in_class(doc[j + 1].norm_, "particle") and not in_class(doc[j + 1].norm_, "time")
    )


def _titles(doc: Doc, i: int, h_end: int, whole: bool) -> tuple[int, int | None, int | None, str | None, str | None]:
    """Honorifics and titles at the start of the head [i, h_end): (where the name may start,
    role start, role end, honorific, gender)."""
    honorific = None
    gender = None
    role_a = role_b = None
    k = i
    while k < h_end:
        tt = title_of(doc[k].norm_)
        if tt is not None and tt.kind == "honorific":
            honorific = doc[k].text
            gender = gender or (tt.gender if tt.gender in "mf" else None)
            k += 1
            continue
        break
    if k < h_end:
        tt = title_of(doc[k].norm_)
        if _address_title(doc, k, h_end):
            # a title with the article right before a name (السفيرة نيفين الحسيني): a form of address
            honorific = doc[k].text
            gender = gender or (tt.gender if tt.gender in "mf" else None)
            k += 1
        elif tt is not None and tt.kind == "title" and _title_here(doc, k, h_end):
            gender = gender or (tt.gender if tt.gender in "mf" else None)
            role_a = k
            k = _role_end(doc, role_a, h_end)
            role_b = k
            addressed = any(
                (title_of(doc[m].norm_) is not None and title_of(doc[m].norm_).kind == "honorific")
                or _address_title(doc, m, h_end) for m in range(role_b, h_end)
            )
            if not addressed and not _has_article(doc[role_a].text) and role_a + 1 < h_end and (
                doc[role_a + 1].text == "في" or role_b == role_a + 1
            ):
                # an indefinite description (عضو في حزب …، مسؤول أمريكي كبير): the speaker is the
                # whole phrase; a name in it belongs to its complement
                role_b = k = h_end
            while k < h_end:
                nt = title_of(doc[k].norm_)
                if (nt is not None and nt.kind == "honorific") or _address_title(doc, k, h_end):
                    honorific = doc[k].text
                    k += 1
                    continue
                break
    # a form of address further on (وكيل الخارجية البحرينية السفير عبدالله عبداللطيف): what comes
    # before it is a role
    if not whole and honorific is None:
        for m in range(k + 1, h_end - 1):
            nt = title_of(doc[m].norm_)
            if (nt is not None and nt.kind == "honorific") or _address_title(doc, m, h_end):
                role_a, role_b = (k if role_a is None else role_a), m
                honorific = doc[m].text
                gender = gender or (nt.gender if nt.gender in "mf" else None)
                k = m + 1
                break
    return k, role_a, role_b, honorific, gender


def _name(doc: Doc, k: int, h_end: int, whole: bool, role_a: int | None,
          role_b: int | None) -> tuple[int, int, int | None, int | None]:
    """The name from ``k``: up to a title or an organization word; (name start, name end, role
    start, role end), the role taking a description before the name."""
    if k < h_end and doc[k].text in QUOTE_MARKS:
        # a quoted name first (وأفاد «المرصد السوري لحقوق الإنسان» بأن …): the name is inside the marks
        close = next((x for x in range(k + 1, h_end) if doc[x].text in QUOTE_MARKS), None)
        if close is not None and close > k + 1:
            return k + 1, close, role_a, role_b
    e = k
    while e < h_end and (whole or e - k < MAX_NAME + 2):
        if not whole and e > k and (title_of(doc[e].norm_) is not None or in_class(doc[e].norm_, "org")):
            break
        e += 1
    name_a, name_b = k, e
    # a quoted name (شركة «أفيد لايف ميديا»): the name is inside the marks
    qm = [x for x in range(name_a, name_b) if doc[x].text in QUOTE_MARKS]
    quoted = len(qm) >= 2 and qm[1] - qm[0] > 1
    if quoted:
        name_a, name_b = qm[0] + 1, qm[1]
        if qm[0] - 1 >= k and qm[0] - 1 == name_a - 2 and in_class(doc[qm[0] - 1].norm_, "org") and not whole:
            # شركة «تيراداتا»: the organization is its head noun and the quoted name
            name_a, name_b = qm[0] - 1, qm[1] + 1
    if not whole and not quoted and name_b - name_a >= 2 and in_class(doc[name_a].norm_, "org"):
        # an organization head first (قيادة قوات التحالف بدء هدنة …): the organization phrase, up to
        # the end of the entity in it, is the name; what follows is the verb's object
        cover = ent_index(doc).cover
        ends = [cover[x].end for x in range(name_a, name_b) if cover[x] is not None and cover[x].label_ == "ORG"]
        if ends and ends[0] < name_b:
            return name_a, ends[0], role_a, role_b
        if not ends and _org_head(doc, name_a) and all(
                _has_article(doc[x].text) and doc[x].text.isalpha() for x in range(name_a, name_b)):
            # الإدارة الوطنية الأمريكية للمحيطات والغلاف الجوي: a definite organization name, whole
            return name_a, name_b, role_a, role_b
    if not whole and not quoted and name_b - name_a >= 3:
        # a description before the name (عالم الآثار الإسرائيلي إليات مزار): the name is what
        # follows the last word with the article
        last_art = max((x for x in range(name_a, name_b - 1) if _has_article(doc[x].text)), default=-1)
        if (last_art >= 0 and not _has_article(doc[name_b - 1].text)
                and not any(doc[y].norm_ in NAME_LINKS for y in range(last_art + 1, name_b)[:1])):
            if role_a is None:
                role_a, role_b = name_a, last_art + 1
            name_a = last_art + 1
    if not whole:
        name_b = _name_end(doc, name_a, name_b)
    return name_a, name_b, role_a, role_b


def _after_head(doc: Doc, sp: Speaker, i: int, h_end: int, limit: int, honorific: str | None) -> int:
    """An apposition (، المديرة الإقليمية …) or an organization (من مركز …) after the head: sets
    the speaker's role and organization; returns where the speaker phrase ends."""
    phrase_end = h_end
    if h_end < limit and doc[h_end].text in COMMA and sp.described and sp.role:
        # a role, then the name between commas (نائب الرئيس ورئيس الوزراء، خالد بحاح، أن …): the
        # person is the speaker, the head its role
        j = h_end + 1
        while j < limit and doc[j].is_space:
            j += 1
        ent = ent_index(doc).cover[j] if j < len(ent_index(doc).cover) else None
        if ent is not None and ent.start == j and ent.label_ in ("PER", "PERS") and ent.end <= limit:
            k = ent.end
            while k < limit and doc[k].is_space:
                k += 1
            if k >= limit or _is_boundary(doc, k) or doc[k].text in COMMA:
                sp.start, sp.end = name_bounds(doc, ent)
                sp.described = False
                sp.entity_id = getattr(ent._, "entity_id", None)
                return ent.end
    if h_end < limit and doc[h_end].text in COMMA:
        ap = _appos_role(doc, h_end + 1, limit)
        had_role = sp.role
        if ap is not None:
            a, b = ap
            split = next((x for x in range(a + 1, b) if doc[x].text == "في" or
                          (doc[x].text.startswith("ب") and in_class(doc[x].norm_, "org"))), None)
            if had_role:
                pass
            elif split is not None and any(in_class(doc[y].norm_, "org") for y in range(split, b)):
                sp.role = doc[a:split].text
                sp.org = _org_in(doc, split, b)
            else:
                sp.role = doc[a:b].text
                sp.org = _org_in(doc, a, b)
            if sp.gender is None:
                tt = title_of(doc[a].norm_)
                sp.gender = tt.gender if tt is not None and tt.gender in "mf" else None
            phrase_end = b
            if honorific is None:
                # the apposition names the speaker after a form of address (أستاذ الاقتصاد …، الخبير
                # الاقتصادي الدكتور مقبل الذكير): that name is the speaker, the head its role
                for m in range(a, b - 1):
                    nt = title_of(doc[m].norm_)
                    if (nt is not None and nt.kind == "honorific") or _address_title(doc, m, b):
                        e = _name_end(doc, m + 1, b)
                        sp.role = " ".join(x for x in (doc[i:h_end].text, doc[a:m].text) if x)
                        sp.org = sp.org or _org_in(doc, i, h_end)
                        sp.start, sp.end, sp.honorific, sp.described = m + 1, e, doc[m].text, False
                        break
    elif h_end + 1 < limit and doc[h_end].text == "من" and in_class(doc[h_end + 1].norm_, "org"):
        b = h_end + 1
        while b < limit and b - h_end < 20 and not _is_boundary(doc, b) and doc[b].text not in COMMA:
            b += 1
        sp.org = _org_in(doc, h_end + 1, b)
        phrase_end = b
    return phrase_end


def _link_entity(doc: Doc, sp: Speaker, i: int, role_a: int | None, role_b: int | None) -> None:
    """The entity the speaker names: its span and id become the speaker's."""
    ent = _entity_in(doc, sp.start, sp.end) if sp.start != role_a else None
    if ent is None and sp.start == role_a and role_b is not None and role_b - role_a <= 1:
        ent = _entity_in(doc, i, sp.phrase_end)
    if (ent is not None and ent.label_ == "ORG" and ent.start == sp.start + 1 and ent.end == sp.end
            and in_class(doc[sp.start].norm_, "org") and not _has_article(doc[sp.start].text)):
        sp.entity_id = getattr(ent._, "entity_id", None)  # قيادة قوات التحالف: the head noun is the name's
        return
    if ent is not None:
        sp.start, sp.end = name_bounds(doc, ent)
        sp.entity_id = getattr(ent._, "entity_id", None)


def _title_here(doc: Doc, k: int, h_end: int) -> bool:
    """Whether a title word at ``k`` is a title here: with the article (الوزير), or without it
    when a complement follows (وزير الخارجية، عضو في، مسؤول أمريكي); a bare title word before
    another bare word is a personal name (سلطان، أمير، مساعد)."""
    if _has_article(doc[k].text) or k + 1 >= h_end:
        return True
    nxt = doc[k + 1]
    return (
        nxt.text == "في" or _role_word(nxt.norm_, nxt.text)
        or nxt.norm_.endswith("ي") or nxt.norm_.endswith("يه")  # a nisba adjective: مسؤول أمريكي
        or (k + 2 < h_end and _has_article(doc[k + 2].text))  # a construct: رئيس قسم الهواتف
    )


def _role_end(doc: Doc, role_a: int, h_end: int) -> int:
    """End of a role phrase that starts with a title at ``role_a``: words with the article,
    organization and region words and what they govern, في, constructs (مدير عام)."""
    k = role_a + 1
    while k < h_end:
        nt = title_of(doc[k].norm_)
        if (nt is not None and nt.kind == "honorific") or _address_title(doc, k, h_end):
            break
        if doc[k].text == "في":
            k += 1
            continue
        if doc[k].text[0] == "و" and k + 1 < h_end and _has_article(doc[k + 1].text) and not _has_article(doc[k].text):
            k += 1  # coordination in a role (الرئيس العام للأرصاد وحماية البيئة)
            continue
        if _object_after_adjective(doc, k):
            break
        if not _role_word(doc[k].norm_, doc[k].text):
            # one bare word after the title: construct state (مدير عام، رئيس قسم الهواتف)
            if k == role_a + 1 and k + 1 < h_end and _role_word(doc[k + 1].norm_, doc[k + 1].text):
                k += 1
                continue
            # a preposition in a construct (لكرة القدم، بمنطقة الرياض)
            if doc[k].norm_[0] in "لب" and k + 1 < h_end and _has_article(doc[k + 1].text):
                k += 1
                continue
            # the name a region or organization word governs (منطقة عسير، وزارة الخارجية)
            prev = doc[k - 1].norm_
            if not _has_article(doc[k - 1].text) and (in_class(prev, "region") or in_class(prev, "org")):
                k += 1
                continue
            break
        k += 1
    return k


def _nisba(norm: str) -> bool:
    return norm.endswith("ي") or norm.endswith("يه")


def _object_after_adjective(doc: Doc, k: int) -> bool:
    """A definite noun after a definite nisba adjective that closes a role (ووصف رئيس الحكومة
    اليمني العمل الجماعي …): the object of the verb, not the role; other adjectives (السابق،
    المساعد: ``quote_words.tsv`` class ``adjective``) and titles go on."""
    prev, t = doc[k - 1], doc[k]
    if not (_has_article(prev.text) and _nisba(prev.norm_) and prev.text.isalpha() and t.text.isalpha()):
        return False
    w = strip_conj(t.norm_) if t.norm_[:3] in ("وال", "فال") else t.norm_
    return (w.startswith("ال") and not w.startswith("لل") and not _nisba(w) and title_of(w) is None
            and not in_class(w, "adjective") and not in_class(w, "org") and not in_class(w, "region"))


def _name_end(doc: Doc, a: int, b: int) -> int:
    """End of a name of at most MAX_NAME words, not counting بن، آل، أبو (جلوي بن محمد آل كركمان)."""
    words = 0
    for x in range(a, b):
        if doc[x].norm_ not in NAME_LINKS:
            words += 1
            if words > MAX_NAME:
                return x
    return b


def _address_title(doc: Doc, k: int, h_end: int) -> bool:
    """A title with the article followed directly by a name (السفير عبدالله، الوزير عادل)."""
    tt = title_of(doc[k].norm_)
    if k > 0 and (in_class(doc[k - 1].norm_, "org") or in_class(doc[k - 1].norm_, "region")):
        return False  # بجامعة الملك عبدالعزيز: part of an organization's name
    return (
        tt is not None and tt.kind == "title" and strip_conj(doc[k].norm_).startswith("ال")
        and k + 1 < h_end and not _role_word(doc[k + 1].norm_, doc[k + 1].text) and doc[k + 1].text != "في"
    )


def _person_in_head(doc: Doc, i: int, h_end: int):
    """A PER entity after a role in the head [i, h_end) (مديرة مكتبة … في الجامعة سوزان ورال، الأمين
    العام لأوبك عبد الله البدري): the name the role describes. Not a name inside an organization's
    name (بجامعة الملك سعود)."""
    first = title_of(doc[i].norm_)
    if (first is not None and first.kind == "title" and not _has_article(doc[i].text) and i + 1 < h_end
            and (doc[i + 1].text == "في" or doc[i + 1].norm_.endswith("ي"))):
        return None  # an indefinite description (عضو في حزب الرئيس …): a name in it is its complement's
    for ent in entities(doc):
        if ent.start >= h_end:
            break
        if ent.label_ not in ("PER", "PERS") or ent.start <= i or ent.start >= h_end:
            continue
        prev = doc[ent.start - 1]
        marks = sum(1 for x in range(i, ent.start) if doc[x].text in QUOTE_MARKS)
        closed = marks % 2 == 0  # لشركة «نور» أحمد السالم: the quoted name before the person is closed
        if (prev.text in QUOTE_MARKS and not closed) or any(
            not _has_article(doc[x].text) and (in_class(doc[x].norm_, "org") or in_class(doc[x].norm_, "region"))
            for x in range(max(i, ent.start - 2), ent.start)
        ):
            continue  # بجامعة الملك عبدالعزيز: a name inside an organization's name
        if any(doc[x].is_punct and not (closed and doc[x].text in QUOTE_MARKS) for x in range(i, ent.start)):
            continue
        return ent
    return None


def _addressed_person(doc: Doc, i: int, h_end: int):
    """In a whole source phrase (وفقا للرئيس التنفيذي للمجموعة المهندس عبدالله رحيمي), a PER entity
    right after a form of address or a title: the person the source is."""
    for ent in entities(doc):
        if ent.start >= h_end:
            break
        if ent.label_ in ("PER", "PERS") and i < ent.start and ent.end <= h_end:
            tt = title_of(doc[ent.start - 1].norm_)
            if tt is not None:
                return ent
    return None


def _person_speaker(doc: Doc, i: int, h_end: int, limit: int, ent) -> Speaker:
    """The speaker is the PER entity ``ent`` of the head; the words before it are honorifics
    (السيدة) and a role (وزير الخارجية) with its organization."""
    a, b = name_bounds(doc, ent)
    # the rest of a name the entity stopped short of (سوزان ورال), up to the end of the head
    while b < h_end and b - a < MAX_NAME and _bare_name_word(doc, b) and doc[b].ent_type_ != "LOC":
        b += 1
    # … and the first name before it (أكدت جانيت يلين: the entity is يلين)
    while a > i and b - a < MAX_NAME and _bare_name_word(doc, a - 1):
        a -= 1
    honorific = gender = None
    k = a
    while k > i:
        tt = title_of(doc[k - 1].norm_)
        if tt is not None and (tt.kind == "honorific" or strip_conj(doc[k - 1].norm_).startswith("ال")):
            honorific = doc[k - 1].text if honorific is None else honorific
            gender = tt.gender if tt.gender in "mf" else gender
            k -= 1
            continue
        break
    r = i
    while r < k:
        tt = title_of(doc[r].norm_)
        if tt is not None and tt.kind == "honorific":
            honorific = honorific or doc[r].text
            r += 1
            continue
        break
    sp = Speaker(a, b, honorific=honorific)
    if r < k:
        sp.role = doc[r:k].text
        sp.org = _org_in(doc, r, k)
        tt = title_of(doc[r].norm_)
        gender = gender or (tt.gender if tt is not None and tt.gender in "mf" else None)
    sp.gender = gender
    sp.entity_id = getattr(ent._, "entity_id", None)
    sp.phrase_end = _after_head(doc, sp, i, h_end, limit, honorific or sp.role)
    return sp


def _is_org_mention(doc: Doc, j: int) -> bool:
    """Whether word ``j`` (a proclitic allowed) is the whole of an ORG entity of the document (أوبك)."""
    org_words = ent_index(doc).org_words
    return bool(org_words) and any(r in org_words for r in bare(doc[j].norm_))


def _bare_name_word(doc: Doc, j: int) -> bool:
    """A word that can continue a personal name: letters, no article, no title, organization,
    stop or speech verb."""
    t = doc[j]
    return (
        t.text.isalpha() and not _has_article(t.text) and title_of(t.norm_) is None
        and not any(in_class(t.norm_, c) for c in ("org", "region", "cont", "particle")) and not is_stop(t.text)
        and strip_conj(t.norm_) not in COMPLEMENTIZERS
        and verb_of(t.norm_) is None and "\u064b" not in t.text
    )


def name_bounds(doc: Doc, ent) -> tuple[int, int]:
    """The tokens of an entity that are the name: without a glued organization (لأوبك عبد الله
    البدري) or a speech verb (روى ديفيد ريمنيك) the entity swallowed at its start."""
    a, b = ent.start, ent.end
    while b - a > 1 and (_is_org_mention(doc, a) or (verb_of(doc[a].norm_) is not None and not _has_article(doc[a].text))):
        a += 1
    # the complement of a role before it (محافظ الأقصر محمد بدر): a definite word at the start of an
    # entity right after a title, before two or more words without the article (a person's name)
    if (b - a >= 3 and a == ent.start and a > 0 and _has_article(doc[a].text) and title_of(doc[a].norm_) is None
            and title_of(doc[a - 1].norm_) is not None and not _has_article(doc[a - 1].text)
            and not any(_has_article(doc[x].text) for x in range(a + 1, min(a + 3, b)))
            and all(doc[x].text.isalpha() for x in range(a, b))):
        a += 1
    # a nationality adjective after an organization named by its head and a proper name
    # (مستشفى اسبيتار القطري): not part of the name
    if (b - a >= 3 and in_class(doc[a].norm_, "org") and not _has_article(doc[a].text)
            and _nationality(doc[b - 1].norm_) and not _has_article(doc[b - 2].text) and doc[b - 2].text.isalpha()
            and not in_class(doc[b - 2].norm_, "org")):
        b -= 1
    # a day the entity swallowed before أن/إن (أشتون كارتر الخميس إن): when it was said
    if (ent.label_ in ("PER", "PERS") and b - a > 2 and in_class(doc[b - 1].norm_, "time")
            and not any(doc[x].norm_ in NAME_LINKS for x in range(a, b - 1))):
        nxt = b
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt < len(doc) and strip_conj(doc[nxt].norm_) in COMPLEMENTIZERS:
            b -= 1
    return a, b
