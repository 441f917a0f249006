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

from .language import QUOTE_MARKS
from .normalize import strip_proclitics
from .quotes_lexicon import COMPLEMENTIZERS, in_class, strip_conj, title_of, verb_of

COLON = {":"}
COMMA = {"،", ","}
END = {".", "!", "?", "؟", "…", "...", "؛", ";"}
MAX_NAME = 4


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

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


def _is_boundary(doc: Doc, j: int) -> bool:
    t = doc[j]
    text = t.text
    return (
        text in COLON or text in END or text in QUOTE_MARKS or t.is_space or "\n" in t.whitespace_
        or strip_conj(t.norm_) in COMPLEMENTIZERS or text in "()[]"
    )


def _has_article(norm: str) -> bool:
    w = strip_conj(norm)
    return w.startswith("ال") or w.startswith("لل") or w[:3] in ("بال", "كال")


def _role_word(norm: str) -> bool:
    """A word that continues a role phrase: with the article, a title or an organization head,
    or a listed continuation (عام، باسم، لدى)."""
    return (
        _has_article(norm) or title_of(norm) is not None or in_class(norm, "org")
        or in_class(norm, "cont") or in_class(norm, "region")
    )


def _entity_in(doc: Doc, a: int, b: int):
    for ent in doc.ents:
        if ent.start >= a and ent.end <= b and ent.label_ in ("PER", "PERS", "ORG"):
            return ent
        if ent.start >= b:
            break
    return None


def _org_in(doc: Doc, a: int, b: int) -> str | None:
    """The organization named in tokens [a, b): an ORG entity, else from an organization head noun
    up to a region word, a preposition or the end."""
    for ent in doc.ents:
        if ent.start >= a and ent.end <= b and ent.label_ == "ORG":
            first = doc[ent.start]
            cut = ent.start_char + len(first.text) - len(strip_proclitics(first.text))
            return doc.text[cut:ent.end_char]
    for j in range(a, b):
        n = doc[j].norm_
        if in_class(n, "org"):
            k = j + 1
            while k < b and not (in_class(doc[k].norm_, "region") or in_class(doc[k].norm_, "stop")
                                 or doc[k].is_punct or doc[k].text == "من"):
                k += 1
            first = doc[j].text
            head = strip_proclitics(first)
            if head.startswith("ل") and not head.startswith("ال"):
                head = head[1:]
            if head.startswith("ب") and not head.startswith("ال"):
                head = head[1:]
            rest = doc[j + 1:k].text
            return (head + (" " + rest if rest else "")).strip()
    return None


def _appos_role(doc: Doc, a: int, limit: int) -> tuple[int, int] | None:
    """An apposition after a comma that is a role: tokens [a, e)."""
    if a >= limit or in_class(doc[a].norm_, "stop") or verb_of(doc[a].norm_) is not None:
        return None
    if not _role_word(doc[a].norm_):
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


def _skip_addressee(doc: Doc, j: int, limit: int) -> int:
    """Skip an addressee right after the verb: لـ«الحياة»، للصحفيين، لمراسلنا."""
    if j < limit and doc[j].norm_ in ("لـ", "ل"):
        k = _skip_quoted(doc, j + 1, limit)
        return k if k > j + 1 else min(j + 2, limit)
    return j


def read_speaker(doc: Doc, i: int, limit: int) -> Speaker | None:
    """The speaker phrase starting at token ``i`` (tokens before ``limit``); None when there is no
    named subject (a pronoun: وأضاف: «…»)."""
    limit = min(limit, len(doc))
    i = _skip_addressee(doc, i, limit)
    honorific = None
    gender = None
    # head: until a comma, colon, complementizer, quote mark, stop word or من; a short quoted name
    # (صحيفة « هآرتس ») and في inside a role (المدير العام للتعليم في منطقة عسير) are kept
    h_end = i
    titled = False
    while h_end < limit and h_end - i < 16:
        t = doc[h_end]
        if t.text in QUOTE_MARKS:
            k = _skip_quoted(doc, h_end, limit)
            if k > h_end and h_end > i:
                h_end = k
                continue
            break
        if _is_boundary(doc, h_end) or t.text in COMMA or t.text == "من":
            break
        if in_class(t.norm_, "stop") and not (titled and t.text == "في" and h_end + 1 < limit
                                              and _has_article(doc[h_end + 1].norm_)):
            break
        if h_end > i and (t.norm_ in ("لـ", "ل") or strip_conj(t.norm_).startswith("لل") and not titled):
            break
        if title_of(t.norm_) is not None:
            titled = True
        h_end += 1
    if h_end == i:
        return None
    # honorifics and titles
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
        elif tt is not None and tt.kind == "title":
            gender = gender or (tt.gender if tt.gender in "mf" else None)
            role_a = k
            k += 1
            while k < h_end:
                nt = title_of(doc[k].norm_)
                if (nt is not None and nt.kind == "honorific") or _address_title(doc, k, h_end):
                    break
                if doc[k].text == "في":
                    k += 1
                    continue
                if not _role_word(doc[k].norm_):
                    # one bare word after the title: construct state (مدير عام، رئيس قسم الهواتف)
                    if k == role_a + 1 and k + 1 < h_end and (_has_article(doc[k + 1].norm_) or _role_word(doc[k + 1].norm_)):
                        k += 1
                        continue
                    break
                k += 1
            role_b = k
            while k < h_end:
                nt = title_of(doc[k].norm_)
                if (nt is not None and nt.kind == "honorific") or _address_title(doc, k, h_end):
                    honorific = doc[k].text
                    k += 1
                    continue
                break
    # the name: up to a title or an organization word
    e = k
    while e < h_end and e - k < MAX_NAME:
        if e > k and (title_of(doc[e].norm_) is not None or in_class(doc[e].norm_, "org")):
            break
        e += 1
    name_end = e
    name_a, name_b = k, name_end
    sp: Speaker
    if name_b > name_a:
        sp = Speaker(name_a, name_b, honorific=honorific, gender=gender)
    elif role_a is not None:
        sp = Speaker(role_a, role_b, honorific=honorific, gender=gender)
    else:
        return None
    if role_a is not None:
        sp.role = doc[role_a:role_b].text
        sp.org = _org_in(doc, role_a, role_b)
    phrase_end = h_end
    # apposition (، المديرة الإقليمية …) or organization (من مركز …)
    if h_end < limit and doc[h_end].text in COMMA and sp.role is None:
        ap = _appos_role(doc, h_end + 1, limit)
        if ap is not None:
            a, b = ap
            split = next((x for x in range(a + 1, b) if doc[x].text == "في" or
                          (doc[x].text.startswith("ب") and in_class(doc[x].norm_, "org"))), None)
            if split is not None and any(in_class(doc[y].norm_, "org") for y in range(split, b)):
                sp.role = doc[a:split].text
                sp.org = _org_in(doc, split, b)
            else:
                sp.role = doc[a:b].text
                sp.org = _org_in(doc, a, b)
            if sp.gender is None:
                tt = title_of(doc[a].norm_)
                sp.gender = tt.gender if tt is not None and tt.gender in "mf" else None
            phrase_end = b
    elif h_end + 1 < limit and doc[h_end].text == "من" and in_class(doc[h_end + 1].norm_, "org"):
        b = h_end + 1
        while b < limit and b - h_end < 20 and not _is_boundary(doc, b) and doc[b].text not in COMMA:
            b += 1
        sp.org = _org_in(doc, h_end + 1, b)
        phrase_end = b
    sp.phrase_end = phrase_end
    ent = _entity_in(doc, i, phrase_end)
    if ent is not None:
        sp.start, sp.end = ent.start, ent.end
        sp.entity_id = getattr(ent._, "entity_id", None)
    return sp


def _address_title(doc: Doc, k: int, h_end: int) -> bool:
    """A title with the article followed directly by a name (السفير عبدالله، الوزير عادل)."""
    tt = title_of(doc[k].norm_)
    return (
        tt is not None and tt.kind == "title" and strip_conj(doc[k].norm_).startswith("ال")
        and k + 1 < h_end and not _role_word(doc[k + 1].norm_) and doc[k + 1].text != "في"
    )
