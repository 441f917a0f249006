"""Arabic normalization for matching and for the model, built on ``camel_tools.utils``.

Nothing here rewrites the raw text of an article: these pure functions produce the *normalized
form* of a string (a token, a lexicon entry), which the pipeline stores in ``token.norm_`` and
compares against normalized resource files. Offsets always refer to the raw text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

TATWEEL = "\u0640"
# Zero-width and bidi control characters (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+061C, BOM).
CONTROL_CHARS = "".join(
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u061c", "\ufeff"]
)
_CONTROL_RE = re.compile(f"[{re.escape(CONTROL_CHARS)}]")
_ALEF_WASLA = "\u0671"

# Arabic-Indic (U+0660-0669) and Persian (U+06F0-06F9) digits, Arabic punctuation -> ASCII.
_TRANSLATE = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_TRANSLATE.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_TRANSLATE.update(
    {
        ord("،"): ",",
        ord("؛"): ";",
        ord("؟"): "?",
        ord("٪"): "%",
        ord("٫"): ".",  # Arabic decimal separator
        ord("٬"): ",",  # Arabic thousands separator
        ord("۔"): ".",
        ord(_ALEF_WASLA): "ا",
    }
)

DIGITS_RE = re.compile(r"[0-9٠-٩۰-۹]")


def strip_controls(text: str) -> str:
    """Remove zero-width and bidi control characters."""
    return _CONTROL_RE.sub("", text)


def normalize_light(text: str) -> str:
    """Orthographic clean-up that keeps letters as written.

    Presentation forms (ﻻ -> لا), tatweel, diacritics, control characters, digits and Arabic
    punctuation. Alef, alef maqsura and ta marbuta are kept: use this for display forms such as
    canonical entity names.
    """
    text = normalize_unicode(text)  # NFKC: presentation forms and ligatures
    text = _CONTROL_RE.sub("", text)
    text = dediac_ar(text).replace(TATWEEL, "")
    return text.translate(_TRANSLATE)


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Full matching normalization: ``normalize_light`` plus alef variants (أ إ آ ٱ -> ا),
    alef maqsura (ى -> ي) and ta marbuta (ة -> ه)."""
    text = normalize_light(text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    return normalize_teh_marbuta_ar(text)


# --- clitics -----------------------------------------------------------------------------------

PROCLITICS = "وفبلك"


def clitic_variants(word: str) -> list[str]:
    """Readings of a normalized word with attached proclitics removed, longest word first.

    ``"والمنظمه"`` -> ``["والمنظمه", "المنظمه", "منظمه"]``; ``"للمنظمه"`` -> ``["للمنظمه",
    "المنظمه", "منظمه"]``. Later stages look each reading up in their lexicons.
    """
    out = [word]
    w = word
    # conjunction و / ف, then preposition ب / ل / ك
    if len(w) > 2 and w[0] in "وف":
        w = w[1:]
        out.append(w)
    if len(w) > 3 and w.startswith("لل"):
        out.append("ال" + w[2:])  # lam-assimilated article: للمنظمه -> المنظمه
        out.append(w[2:])
        return _dedupe(out)
    if len(w) > 2 and w[0] in "بلك":
        out.append(w[1:])
        w = w[1:]
    if len(w) > 3 and w.startswith("ال"):
        out.append(w[2:])
    return _dedupe(out)


def _clitic_parse(word: str) -> tuple[int, bool]:
    """(letters of proclitics, whether the article's alef was assimilated after lam) of a word."""
    n = normalize(word)
    i = 0
    if n[:1] in ("و", "ف") and n[1:].startswith(("ال", "لل", "بال", "كال")) and len(n) > 4:
        i = 1
    rest = n[i:]
    if rest.startswith(("بال", "كال")) and len(rest) > 4:
        return i + 1, False
    if rest.startswith("لل") and len(rest) > 3:
        return i + 1, True
    return i, False


def _raw_prefix_len(word: str, letters: int) -> int:
    """Characters of ``word`` as written that hold its first ``letters`` normalized letters
    (diacritics, tatweel and controls attached to them included)."""
    pos = 0
    seen = 0
    while pos < len(word) and seen < letters:
        if normalize(word[pos]):
            seen += 1
        pos += 1
    while pos < len(word) and not normalize(word[pos]):
        pos += 1
    return pos


def proclitic_length(word: str) -> int:
    """Number of leading characters of ``word`` (as written) that are proclitics before the
    article or stem: ``"والمنظمة"`` -> 1, ``"للمنظمة"`` -> 1 (the second lam is the article's),
    ``"بالقاهرة"`` -> 1, ``"وللمنظمة"`` -> 2, ``"القاهرة"`` and ``"وزير"`` -> 0. A bare و/ف
    is only taken for a clitic before the article, so words like "وزير" stay whole."""
    letters, _ = _clitic_parse(word)
    return _raw_prefix_len(word, letters) if letters else 0


def strip_proclitics(word: str, keep_article: bool = True) -> str:
    """The word as written without its attached proclitics (و ف ب ل ك): ``"بالقاهرة"`` ->
    ``"القاهرة"``, ``"للمنظمة"`` -> ``"المنظمة"`` (the assimilated article is restored).
    With ``keep_article=False`` the article goes too."""
    letters, assimilated = _clitic_parse(word)
    rest = word[_raw_prefix_len(word, letters):] if letters else word
    if assimilated:
        rest = "ا" + rest  # ل + لمنظمة: the lam left is the article's
    if not keep_article and normalize(rest).startswith("ال") and len(normalize(rest)) > 3:
        rest = rest[_raw_prefix_len(rest, 2):]
    return rest


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]
