"""Encodings of input bytes: ``decode`` (a whole article) and ``sniff`` (the first bytes of a
line-oriented file). A byte-order mark (UTF-8, UTF-16, UTF-32) wins; UTF-16 without a mark is
recognised by its NUL bytes; then UTF-8; a file that is UTF-8 except for a few damaged bytes is an
error (it is not a legacy encoding); otherwise charset-normalizer chooses among Windows-1256,
ISO-8859-6 and Windows-1252. Binary files (known signatures, NUL bytes) are errors."""

from __future__ import annotations

import codecs

LEGACY = {"cp1256": "windows-1256", "iso8859_6": "iso-8859-6", "cp1252": "windows-1252"}
BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"%PDF-": "a PDF document",
    b"\x1f\x8b": "gzip-compressed data",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Microsoft Office document",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"SQLite format 3\x00": "an SQLite database",
}
SNIFF_BYTES = 1 << 16
_BAD = "\udcff"  # marks undecodable bytes in line-by-line reading (a lone surrogate never survives)
codecs.register_error("pipeline_mark", lambda exc: (_BAD, exc.end))


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def binary_kind(head: bytes) -> str | None:
    """What a file is when its first bytes say it is not text (``None`` for text)."""
    for sig, kind in SIGNATURES.items():
        if head.startswith(sig):
            return kind
    nul = head.find(b"\x00")
    if nul >= 0:
        return f"binary data (a NUL byte at byte {nul})"
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when bytes with NULs are UTF-16 text without a byte-order mark:
    the NULs (high bytes of ASCII characters) all on one side, and the text decodes cleanly."""
    sample = data[:SNIFF_BYTES]
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(data) % 2 or even + odd == 0:
        return None
    enc = "utf-16-le" if even * 20 <= odd else "utf-16-be" if odd * 20 <= even else None
    if enc is None:
        return None
    try:
        text = codecs.getincrementaldecoder(enc)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
    return enc if text and controls * 100 <= len(text) else None


def _bom(data: bytes) -> str | None:
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc
    return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes (not a legacy encoding): most non-ASCII sequences are valid."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f" and c != "\ufffd")
    return good >= 4 and bad * 10 <= good


def _legacy(data: bytes) -> str | None:
    """The legacy encoding (Python codec name) charset-normalizer finds, or ``None``."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20], cp_isolation=list(LEGACY)).best()
    encoding = best.encoding if best is not None and best.encoding in LEGACY else None
    if encoding in (None, "cp1252") and _arabic_share(data.decode("cp1256")) > 0.5:
        encoding = "cp1256"  # short Arabic texts look like Latin-1 accents to a detector
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
    return encoding if controls * 100 <= len(text) else None


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters) if letters else 0.0


def decode(data: bytes) -> tuple[str, str]:
    """Decode the bytes of an article; returns (text, encoding) where ``data.decode(encoding) ==
    text``. Raises ``ValueError`` with a plain message when the bytes are not text."""
    enc = _bom(data)
    if enc:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"invalid {enc.upper()} after its byte-order mark ({exc.reason} at byte {exc.start})"
            ) from None
    kind = binary_kind(data[:SNIFF_BYTES])
    if kind and kind.startswith("binary data"):
        enc = _bomless_utf16(data)
        if enc:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
    if kind:
        raise ValueError(f"not text: {kind}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}, line {_line_of(data, exc.start)}"
        if _mostly_utf8(data):
            raise ValueError(f"invalid UTF-8 ({exc.reason} at {where}); the rest of the file is UTF-8") from None
        legacy = _legacy(data)
        if legacy:
            return data.decode(legacy), LEGACY[legacy]
        raise ValueError(
            f"not valid UTF-8 ({exc.reason} at {where}) and not Windows-1256, ISO-8859-6 or Windows-1252 text"
        ) from None


def sniff(head: bytes) -> str:
    """The encoding of a line-oriented file (JSONL, CSV) from its first bytes; ``ValueError``
    for binary files. Lines that do not decode become errors of their own."""
    enc = _bom(head)
    if enc:
        return enc
    kind = binary_kind(head)
    if kind and kind.startswith("binary data") and _bomless_utf16(head):
        return _bomless_utf16(head) or ""
    if kind:
        raise ValueError(f"not text: {kind}")
    dec = codecs.getincrementaldecoder("utf-8")()
    try:
        dec.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(head):
        return "utf-8"
    return LEGACY.get(_legacy(head) or "", "utf-8")


def sniff_lines(head: bytes) -> str:
    """``sniff`` for files read line by line (JSONL, CSV, JSON): a few NUL bytes (a damaged line or
    row) fail only their line, not the file; a known binary signature or many NULs still do."""
    try:
        return sniff(head)
    except ValueError:
        if any(head.startswith(sig) for sig in SIGNATURES) or head.count(0) * 100 > len(head):
            raise
        return sniff(head.replace(b"\x00", b""))
