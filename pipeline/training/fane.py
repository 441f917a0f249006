"""Training data in the project's news conventions from WikiFANE Gold and NewsFANE Gold.

WikiFANE Gold (Arabic Wikipedia) and NewsFANE Gold (newswire) are hand-annotated with 50 fine
classes (Alotaibi & Lee, COLING 2014; CC BY-SA 3.0; ``../shared/data/fane/``). This module reads
them as (words, BIO tags) sentences with the tags the NER training code uses (``B-PER``, ``I-ORG``…,
the ``read_conll`` names) and harmonizes ANERcorp train with NewsFANE, which re-annotates most of it.

File format: ``token<TAB>tag`` lines, UTF-8 with a BOM, CRLF, a line holding only a tab between
sentences; most tokens start with U+200E (stripped). The text is clitic-segmented by a tool, with
bare tokens and no ``+`` marker: ``و تعتبر``، ``عاصمة ها``، ``ل الامم``، ``ف ي``. The segmenter
is not exhaustive (``بالازهر``، ``للاستوائية`` stay whole) and sometimes splits inside a stem
(``ينادون ن ي``). :func:`reattach` glues the pieces back into words as written:

* a proclitic token (و ف ب ل ك) before an Arabic-letter token is prefixed to it, chains included
  (``و ب`` + X -> ``وبX``); ل before the article gives ``لل`` (``ل الامم`` -> ``للامم``);
* a suffix token (ه ها هم هما هن نا ي ني كم كن ك, and the verb-ending pieces ت ن) after an
  Arabic-letter word is appended to it; ة becomes ت before it (``عاصمة ها`` -> ``عاصمتها``), a
  final ى becomes ي after على/الى/لدى/حتى and ا elsewhere (``مستوى ه`` -> ``مستواه``); كم after a
  number is the kilometre, كما is the conjunction, ك is a suffix only where no word follows it;
* the tag of a glued word is its stem token's tag, except that a B- on a proclitic before an I- of
  the same type keeps the B-. Tags are then made well-formed BIO (an I- after O starts an entity).

Classes -> project types (``docs/conventions.md``, ``../shared/docs/news-conventions.md``):

* PER: every person class (Politician, Athlete, Artist, Businessperson, Scientist, Police,
  Religious_PER, Engineer, Lawyer, Other_PER);
* ORG: every organization class (Government, Non-Governmental, Commercial, Educational, Media,
  Religious_ORG, Sports, Medical-Science, Entertainment);
* LOC: GPEs and places (Nation, Population-Center, State-or-Province, County-or-District,
  GPE-Cluster, Continent, Water-Body, Land-Region-Natural) and facilities (Airport,
  Building-Grounds, Path, Subarea-Facility, Plant): "named facilities and landmarks" are LOC;
* MISC: named works and products (Book, Movie, Sound, Software, Hardware) and named vehicles
  (Air, Land, Water: ``ميج 21``، ``كوين ماري 2``), like ANERcorp's MISC (``أولاد حارتنا``);
* O: Group (nationalities, peoples, religious groups: ``العرب``، ``المسلمين`` are not entities),
  Celestial (``الارض``، ``الشمس``، ``القمر`` are most of it: common nouns in news), weapons
  (Blunt, Chemical, Exploding, Nuclear, Projectile, Sharp, Shooting: mostly generic ``الهاون``،
  ``القنبلة النيوترونية``), Food and Drug (``المنسف``، ``الايبوبروفين``).

The text has its hamzated alefs normalized away (``اعلن``): the CRF's features read normalized
words, so this does not matter to training; matching against ANERcorp normalizes both sides.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..ner.decode import bio_spans

Sentence = tuple[list[str], list[str]]

WIKIFANE = "WikiFANE_Gold_2014_500K.txt"
NEWSFANE = "NewsFANE_Gold_2014_170K.minus-anercorp-test.txt"

PER_CLASSES = ("Politician", "Athlete", "Artist", "Businessperson", "Scientist", "Police",
               "Religious_PER", "Engineer", "Lawyer", "Other_PER")
ORG_CLASSES = ("Government", "Non-Governmental", "Commercial", "Educational", "Media",
               "Religious_ORG", "Sports", "Medical-Science", "Entertainment")
LOC_CLASSES = ("Nation", "Population-Center", "State-or-Province", "County-or-District",
               "GPE-Cluster", "Continent", "Water-Body", "Land-Region-Natural",
               "Airport", "Building-Grounds", "Path", "Subarea-Facility", "Plant")
MISC_CLASSES = ("Book", "Movie", "Sound", "Software", "Hardware", "Air", "Land", "Water")
O_CLASSES = ("Group", "Celestial", "Blunt", "Chemical", "Exploding", "Nuclear", "Projectile",
             "Sharp", "Shooting", "Food", "Drug")
CLASS_MAP: dict[str, str | None] = {
    **{c: "PER" for c in PER_CLASSES}, **{c: "ORG" for c in ORG_CLASSES},
    **{c: "LOC" for c in LOC_CLASSES}, **{c: "MISC" for c in MISC_CLASSES},
    **{c: None for c in O_CLASSES},
}

PROCLITICS = frozenset("وفبلك")
SUFFIXES = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "ي", "ني", "كم", "كن", "ك", "ت", "ن"})
_ALIF_MAQSURA_TO_YA = frozenset({"على", "الى", "لدى", "حتى"})
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671]+")
_LRM = "\u200e"


def _arabic(tok: str | None) -> bool:
    return bool(tok) and _ARABIC_WORD.fullmatch(tok) is not None


def _with_suffix(stem: str, suffix: str) -> str:
    if stem.endswith("ة"):
        return stem[:-1] + "ت" + suffix
    if stem.endswith("ى"):
        return stem[:-1] + ("ي" if stem in _ALIF_MAQSURA_TO_YA else "ا") + suffix
    return stem + suffix


def _with_prefix(prefix: str, stem: str) -> str:
    if prefix.endswith("ل") and stem.startswith("ال"):
        return prefix + stem[1:]  # ل + الامم -> للامم
    return prefix + stem


def well_formed(tags: list[str]) -> list[str]:
    """BIO made well-formed: an I- that does not continue an entity of its type becomes B-."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def reattach(tokens: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    """Clitic-segmented tokens (and their tags) -> words as written (and the stems' tags)."""
    words: list[str] = []
    wtags: list[str] = []
    attachable: list[bool] = []  # may a suffix still be appended to this word?
    prefix, prefix_tag = "", "O"
    n = len(tokens)
    for i, (tok, tag) in enumerate(zip(tokens, tags, strict=True)):
        nxt = tokens[i + 1] if i + 1 < n else None
        if tok == "ا" and _arabic(nxt) and not prefix:  # a split-off alef (``ا متداد``): glue it on
            prefix, prefix_tag = tok, tag
            continue
        if tok in PROCLITICS and _arabic(nxt) and not (tok == "ك" and not prefix and nxt in SUFFIXES):
            if not prefix:
                prefix_tag = tag
            prefix += tok
            continue
        if prefix:
            word = _with_prefix(prefix, tok)
            if prefix_tag.startswith("B-") and tag == "I-" + prefix_tag[2:]:
                tag = prefix_tag
            words.append(word)
            wtags.append(tag)
            attachable.append(_arabic(tok))
            prefix = ""
            continue
        if tok in SUFFIXES and words and attachable[-1] and (tok != "ك" or not _arabic(nxt)):
            words[-1] = _with_suffix(words[-1], tok)
            continue
        words.append(tok)
        wtags.append(tag)
        attachable.append(_arabic(tok))
    if prefix:  # a proclitic at the very end (not followed by a word): keep it as a word
        words.append(prefix)
        wtags.append(prefix_tag)
    return words, well_formed(wtags)


def map_tag(tag: str) -> str:
    """A fine FANE tag (``B-Politician``) -> a project BIO tag (``B-PER``) or ``O``."""
    if tag == "O" or "-" not in tag:
        return "O"
    pos, _, cls = tag.partition("-")
    label = CLASS_MAP.get(cls)
    if label is None:
        if cls not in CLASS_MAP:
            raise ValueError(f"unknown FANE class {cls!r}")
        return "O"
    return f"{pos}-{label}"


def parse_fane(text: str) -> list[tuple[list[str], list[str]]]:
    """The sentences of a FANE file's text as (segmented tokens, fine tags)."""
    text = text.lstrip("\ufeff").replace(_LRM, "")
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in re.split(r"\r?\n", text):
        tok, _, tag = line.partition("\t")
        tok = tok.strip()
        if not tok:  # the tab-only separator line (or a blank line)
            if toks:
                sents.append((toks, tags))
                toks, tags = [], []
            continue
        toks.append(tok)
        tags.append(tag.strip() or "O")
    if toks:
        sents.append((toks, tags))
    return sents


def fane_sentences(sents: list[tuple[list[str], list[str]]]) -> list[Sentence]:
    """Parsed FANE sentences -> (words as written, project BIO tags)."""
    out = []
    for toks, fine in sents:
        words, tags = reattach(toks, fine)
        out.append((words, well_formed([map_tag(t) for t in tags])))
    return out


def read_fane(path: str | Path) -> list[Sentence]:
    """A WikiFANE / NewsFANE Gold file as (words, BIO tags over PER/ORG/LOC/MISC) sentences."""
    return fane_sentences(parse_fane(Path(path).read_bytes().decode("utf-8")))


# --- splits ---------------------------------------------------------------------------------------

WIKI_BLOCK = 100  # consecutive sentences per block (the file has no article markers)
WIKI_HELD_OUT_EVERY = 10  # block i is held out when i % 10 == 9


def split_wikifane(sents: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(train, held-out): every 10th block of 100 consecutive sentences (blocks 9, 19, …) is held
    out, never trained on: ~10% spread over the whole file rather than its last topics."""
    train, held = [], []
    for i, s in enumerate(sents):
        (held if (i // WIKI_BLOCK) % WIKI_HELD_OUT_EVERY == WIKI_HELD_OUT_EVERY - 1 else train).append(s)
    return train, held


# --- ANERcorp harmonization -----------------------------------------------------------------------

_DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")
_MATCH_DROP = re.compile(r"[^\u0621-\u064a0-9a-zA-Z]")


def match_norm(word: str) -> str:
    """Normalization for matching FANE text to ANERcorp text: alef variants, ى, ة, hamza seats,
    diacritics and tatweel, Arabic-Indic digits."""
    word = _DIACRITICS.sub("", word.replace(_LRM, ""))
    word = re.sub("[أإآٱ]", "ا", word).replace("ى", "ي").replace("ة", "ه")
    word = word.replace("ؤ", "و").replace("ئ", "ي")
    return word.translate({ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")})


def sentence_key(words: list[str]) -> str:
    """A tokenization-independent key: the normalized letters and digits of the sentence with
    spaces and punctuation dropped (ANERcorp writes ``(د``, FANE ``( د``)."""
    return _MATCH_DROP.sub("", "".join(match_norm(w) for w in words))


def _char_owner(words: list[str]) -> tuple[str, list[int]]:
    """The key of a sentence and, for each of its characters, the index of the word it is in."""
    chars, owner = [], []
    for i, w in enumerate(words):
        k = _MATCH_DROP.sub("", match_norm(w))
        chars.append(k)
        owner.extend([i] * len(k))
    return "".join(chars), owner


def project_tags(src: Sentence, dst_words: list[str]) -> list[str] | None:
    """The entities of ``src`` (words, tags) projected onto the words ``dst_words`` of the same
    sentence tokenized differently (same :func:`sentence_key`), or None when they do not align.
    An entity covers every destination word that overlaps its characters."""
    s_words, s_tags = src
    s_key, s_owner = _char_owner(s_words)
    d_key, d_owner = _char_owner(dst_words)
    if s_key != d_key:
        return None
    start_char = {}
    end_char = {}
    pos = 0
    for i, w in enumerate(s_words):
        k = len(_MATCH_DROP.sub("", match_norm(w)))
        start_char[i], end_char[i] = pos, pos + k
        pos += k
    from_spans = _spans(s_tags)
    out = ["O"] * len(dst_words)
    for a, b, label in from_spans:
        lo, hi = start_char[a], end_char[b - 1]
        if hi <= lo:
            continue
        first, last = d_owner[lo], d_owner[hi - 1]
        if any(t != "O" for t in out[first : last + 1]):
            continue  # two entities in one destination word: keep the first
        out[first] = f"B-{label}"
        for j in range(first + 1, last + 1):
            out[j] = f"I-{label}"
    return out


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO spans with the labels as written (PERS stays PERS: the corpora's own label sets)."""
    return bio_spans(tags, label_map={})


# The relabelling rule for ANERcorp sentences that NewsFANE does not re-annotate: an
# untagged government-body head noun (with its proclitics) followed by a definite genitive or
# adjective chain, also untagged, is an ORG ("وزارة الخارجية"، "مجلس الأمن الدولي"، "لوزارة
# الداخلية السعودية"). Only these heads, where ANERcorp is consistently O and the news
# conventions say ORG; the chain stops at a word that is not definite or is a function word.
ORG_HEADS = frozenset({"وزاره", "مجلس", "هيئه", "لجنه", "وكاله", "محكمه", "امانه"})
_CHAIN_STOP = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي",
                         "الان", "اليوم", "الماضي", "الماضيه", "المقبل", "المقبله", "الحالي", "الحاليه",
                         "الجاري", "الجديد", "الجديده", "الاول", "الاولي", "الاخير", "الاخيره", "الثاني",
                         "الثانيه", "السابق", "السابقه", "العام", "الشهر", "الاسبوع", "امس", "الي",
                         "الاداره", "الكره", "الانضباط", "الفنيه", "المسجد"})


def _head(word: str) -> bool:
    n = match_norm(word)
    for pre in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ك"):
        if n.startswith(pre) and n[len(pre):] in ORG_HEADS:
            return True
    return False


def _definite(word: str) -> bool:
    n = match_norm(word)
    return n.startswith("ال") and len(n) > 3 and n not in _CHAIN_STOP  # no proclitic: وال، بال stop


def relabel_org_chains(words: list[str], tags: list[str]) -> tuple[list[str], int]:
    """ANERcorp tags with the ORG-chain rule applied; returns the tags and the number of new ORG
    entities. A chain that runs into an existing entity absorbs it when that entity is a LOC
    adjective-like single word (``مجلس الشعب المصري`` keeps its LOC out: only O words are taken)."""
    out = list(tags)
    added = 0
    i = 0
    n = len(words)
    while i < n:
        if out[i] == "O" and _head(words[i]) and i + 1 < n and out[i + 1] == "O" and _definite(words[i + 1]):
            j = i + 1
            while j < n and out[j] == "O" and _definite(words[j]):
                j += 1
            out[i] = "B-ORG"
            for k in range(i + 1, j):
                out[k] = "I-ORG"
            added += 1
            i = j
            continue
        i += 1
    return out, added


def harmonize_anercorp(anercorp: list[Sentence], newsfane: list[Sentence]) -> tuple[list[Sentence], list[int], dict]:
    """ANERcorp train in news conventions: where a NewsFANE sentence has the same text (same
    :func:`sentence_key`), its entities are projected onto ANERcorp's words (ANERcorp's spelling
    with hamzas is kept); elsewhere :func:`relabel_org_chains`. Returns the sentences, the indices
    of the NewsFANE sentences used, and counts."""
    by_key: dict[str, int] = {}
    for j, (w, _) in enumerate(newsfane):
        by_key.setdefault(sentence_key(w), j)
    out, used, stats = [], set(), Counter()
    for words, tags in anercorp:
        j = by_key.get(sentence_key(words))
        projected = project_tags(newsfane[j], words) if j is not None and sentence_key(words) else None
        if projected is not None:
            used.add(j)
            stats["matched"] += 1
            if [match_norm(w) for w in newsfane[j][0]] == [match_norm(w) for w in words]:
                stats["matched_same_words"] += 1
            old, new = set(_spans(tags)), set(_spans(projected))
            stats["entities_kept"] += len(old & new)
            stats["entities_removed"] += len(old - new)
            stats["entities_added"] += len(new - old)
            stats["sentences_changed"] += old != new
            out.append((words, well_formed(projected)))
        else:
            new_tags, added = relabel_org_chains(words, tags)
            stats["rule_sentences"] += 1
            stats["rule_entities_added"] += added
            stats["rule_sentences_changed"] += added > 0
            out.append((words, new_tags))
    return out, sorted(used), dict(stats)


def read_conll_plain(path: str | Path) -> list[Sentence]:
    """ANERcorp's ``token TAG`` file (blank line between sentences), PERS -> PER: the same reading
    as the training code's ``read_conll``, kept here so this module stands alone."""
    sents, words, tags = [], [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if words:
                sents.append((words, tags))
                words, tags = [], []
            continue
        tag = parts[-1] if len(parts) > 1 else "O"
        pos, _, lab = tag.partition("-")
        words.append(parts[0])
        tags.append(f"{pos}-{'PER' if lab == 'PERS' else lab}" if lab else "O")
    if words:
        sents.append((words, tags))
    return sents


def entity_counts(sents: list[Sentence]) -> Counter:
    return Counter(label for _, tags in sents for _, _, label in _spans(tags))


# --- NewsFANE beyond the exact matches ------------------------------------------------------------


def _grams(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    k = [x for x in (_MATCH_DROP.sub("", match_norm(w)) for w in words) if x]
    return {tuple(k[i : i + n]) for i in range(len(k) - n + 1)}


def overlap(words: list[str], grams: set) -> float:
    """The share of a sentence's normalized word 4-grams found in ``grams`` (0 for short ones)."""
    g = _grams(words)
    return len(g & grams) / len(g) if g else 0.0


def split_newsfane(newsfane: list[Sentence], used: list[int], anercorp_train: list[Sentence],
                   anercorp_test: list[Sentence] | None = None, near: float = 0.5,
                   clean: float = 0.1) -> dict[str, list[int]]:
    """NewsFANE sentences that :func:`harmonize_anercorp` did not match, by their word-4-gram
    overlap with ANERcorp: ``near`` (> 0.5 of their 4-grams in train.txt: the same text split or
    spelled differently, so ANERcorp again), ``held_out`` (≤ 0.1 with train.txt and with test.txt,
    at least 4 words: news text of its own, never trained on) and ``other`` (in between)."""
    train_g = set().union(*(_grams(w) for w, _ in anercorp_train))
    test_g = set().union(*(_grams(w) for w, _ in anercorp_test)) if anercorp_test else set()
    done = set(used)
    out: dict[str, list[int]] = {"near": [], "held_out": [], "other": []}
    for i, (words, _) in enumerate(newsfane):
        if i in done:
            continue
        o_train, o_test = overlap(words, train_g), overlap(words, test_g)
        if o_train > near:
            out["near"].append(i)
        elif o_train <= clean and o_test <= clean and len(_grams(words)) > 0:
            out["held_out"].append(i)
        else:
            out["other"].append(i)
    return out


def unmatched_covered(anercorp: list[Sentence], matched_keys: set[str], newsfane_near: list[Sentence],
                      near: float = 0.5) -> list[int]:
    """Indices of ANERcorp sentences without an exact NewsFANE match whose text NewsFANE's
    ``near`` sentences cover (> 0.5 of their 4-grams): NewsFANE's version of that text wins."""
    g = set().union(*(_grams(w) for w, _ in newsfane_near)) if newsfane_near else set()
    return [i for i, (w, _) in enumerate(anercorp)
            if sentence_key(w) not in matched_keys and overlap(w, g) > near]


# --- the news conventions over every training source ------------------------------------------------

# LOC heads the conventions put inside the place's span ("منطقة الرياض"، "محافظة القطيف"، "حي
# النسيم"، "المنطقة الشرقية"); FANE and ANERcorp leave them out (منطقة 279 : 21, محافظة 136 : 26).
LOC_HEADS = frozenset({"منطقه", "محافظه", "مدينه", "حي", "ولايه", "قريه", "اقليم", "مقاطعه", "بلده",
                       "المنطقه", "المحافظه", "الولايه", "القريه", "الاقليم", "المقاطعه", "البلده"})
# Generic heads the conventions do not tag ("الحكومة" alone, "الحكومة السودانية"): FANE tags them ORG.
GENERIC_ORG_HEADS = frozenset({"حكومه", "الحكومه"})
_PRE = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ك", "وك")


def _bare(word: str) -> str:
    n = match_norm(word)
    if n.startswith("لل") and len(n) > 4:
        return "ا" + n[1:]
    if n[:1] in "وف" and n[1:3] == "لل" and len(n) > 5:
        return "ا" + n[2:]
    for pre in sorted(_PRE, key=len, reverse=True):
        if pre and n.startswith(pre) and len(n) - len(pre) >= 2:
            rest = n[len(pre):]
            if rest in LOC_HEADS or rest in GENERIC_ORG_HEADS:
                return rest
    return n


def extend_loc_heads(words: list[str], tags: list[str]) -> tuple[list[str], int]:
    """A LOC preceded by an untagged LOC head (with its proclitics: "بمنطقة جازان") takes the head
    into its span; returns the tags and the number of spans extended."""
    out = list(tags)
    n = 0
    for i, _j, lab in _spans(tags):
        if lab == "LOC" and i > 0 and out[i - 1] == "O" and _bare(words[i - 1]) in LOC_HEADS:
            out[i - 1], out[i] = "B-LOC", "I-LOC"
            n += 1
    return out, n


def drop_generic_orgs(words: list[str], tags: list[str]) -> tuple[list[str], int]:
    """ORG spans headed by a generic noun ("الحكومة السودانية") become O (docs/conventions.md)."""
    out = list(tags)
    n = 0
    for i, j, lab in _spans(tags):
        if lab == "ORG" and _bare(words[i]) in GENERIC_ORG_HEADS:
            out[i:j] = ["O"] * (j - i)
            n += 1
    return out, n


def news_conventions(sents: list[Sentence], loc_heads: bool = True, generic: bool = True) -> tuple[list[Sentence], Counter]:
    """Every sentence with :func:`extend_loc_heads` and :func:`drop_generic_orgs` applied."""
    out, stats = [], Counter()
    for words, tags in sents:
        if loc_heads:
            tags, k = extend_loc_heads(words, tags)
            stats["loc_extended"] += k
        if generic:
            tags, k = drop_generic_orgs(words, tags)
            stats["generic_org_dropped"] += k
        out.append((words, tags))
    return out, stats


def training_sets(data: Path, wojood: list[Sentence], sources=("anercorp", "wikifane", "wojood"),
                  loc_heads: bool = True, generic: bool = True, own: list[Sentence] | None = None,
                  own_repeat: int = 1) -> tuple[list[Sentence], list[Sentence], dict]:
    """(train, WikiFANE held-out, counts) in the news conventions, from ``data`` (``../shared/data``):

    * ``anercorp``: ANERcorp train harmonized with NewsFANE (:func:`harmonize_anercorp`), the
      ANERcorp sentences NewsFANE's near matches cover replaced by them;
    * ``wikifane``: WikiFANE Gold without its held-out blocks (:func:`split_wikifane`);
    * ``wojood``: the Wojood sample sentences given (read by the training code);
    * ``news_own``: the project's own annotations of ANT and Wikinews sentences given in ``own``
      (:mod:`pipeline.training.news_own`), ``own_repeat`` times over.

    NewsFANE sentences that are ANERcorp test text (more than half of their word 4-grams in
    test.txt: 113 survive the corpus' own removal) are never trained on: test.txt is read only to
    find them. Then :func:`news_conventions`."""
    news = read_fane(data / "fane" / NEWSFANE)
    aner = read_conll_plain(data / "anercorp" / "train.txt")
    test = read_conll_plain(data / "anercorp" / "test.txt")
    wtrain, wheld = split_wikifane(read_fane(data / "fane" / WIKIFANE))
    harm, used, hstats = harmonize_anercorp(aner, news)
    sp = split_newsfane(news, used, aner, test)
    test_g = set().union(*(_grams(w) for w, _ in test))
    near = [news[i] for i in sp["near"] if overlap(news[i][0], test_g) <= 0.5]
    info: dict = {"harmonize": hstats, "near": len(sp["near"]), "near_kept": len(near)}
    train: list[Sentence] = []
    if "anercorp" in sources:
        mk = {sentence_key(news[j][0]) for j in used}
        covered = set(unmatched_covered(aner, mk, near))
        train += [s for i, s in enumerate(harm) if i not in covered] + near
    if "wikifane" in sources:
        train += wtrain
    if "wojood" in sources:
        train += wojood
    if "news_own" in sources:
        train += list(own or []) * max(1, int(own_repeat))
        info["news_own"] = {"sentences": len(own or []), "repeat": max(1, int(own_repeat))}
    train, stats = news_conventions(train, loc_heads, generic)
    held, _ = news_conventions(wheld, loc_heads, generic)
    info.update(stats, sentences=len(train), entities=dict(entity_counts(train)))
    return train, held, info
