"""Bad-input fixtures, generated at test time (no binary blobs in the repository).

``write_corpus(folder)`` writes every input class the pipeline must survive plus good Arabic
articles (sentences written for these tests) and returns what each input document should become:
``{doc_id: Expect}``.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

GOOD = {
    "good-riyadh.txt": (
        "قال وزير المالية السعودي في الرياض يوم الأحد إن الحكومة ستخصص ثلاثة مليارات ريال لمشروعات المياه.\n"
        "وأضاف أن العمل سيبدأ في مارس 2024 ويستمر عامين."
    ),
    "good-cairo.txt": (
        "أعلن البنك المركزي المصري أمس رفع سعر الفائدة بنسبة 2%.\n"
        "وقال محافظ البنك إن «القرار يهدف إلى كبح التضخم»."
    ),
}
CP1256_TEXT = "ذكرت وكالة الأنباء أن الأمطار الغزيرة هطلت على مدينة جدة يوم الخميس.\nوأغلقت المدارس أبوابها."
UTF16_TEXT = "افتتح أمير المنطقة معرض الكتاب في الدمام بمشاركة مئتي دار نشر."
BOM_TEXT = "وصل الرئيس الفرنسي إلى بيروت صباح اليوم في زيارة تستغرق يومين."
BIDI_TEXT = (
    "\u200fقال المتحدث باسم شركة \u202aApple Inc.\u202c إن المبيعات ارتفعت 5%\u200e 📈 في الربع الأول.\n"
    "وكتب على منصة X: \u2067مرحبا بالجميع\u2069 👨\u200d👩\u200d👧 🇸🇦 — café naïve ﷺ لا\u200d\u200cإله.\n"
    "\u061c١٢٣ حالة ‏جديدة‎، والعدد الكلي 4,500 👍🏽."
)
HTML_PAGE = (
    "<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>زيارة رسمية</title>"
    "<script>var x = '<p>لا تظهر</p>';</script><style>p{color:red}</style></head><body>"
    "<h1>زيارة رسمية إلى عمّان</h1><p>استقبل الملك وفد البرلمان الأوروبي في عمّان يوم الثلاثاء.</p>"
    "<p>وقال رئيس الوفد إن المباحثات تناولت ملف اللاجئين &amp; المياه.<br>وأضاف أن الزيارة ناجحة.</p>"
    "<!-- تعليق لا يظهر --></body></html>"
)


@dataclass
class Expect:
    status: str  # ok | error
    cause: str | None = None  # a phrase the error (or note) must contain
    encoding: str | None = None
    note: str | None = None


def png_bytes() -> bytes:
    """A valid 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", "نص داخل أرشيف")
    return buf.getvalue()


def invalid_utf8() -> bytes:
    good = GOOD["good-riyadh.txt"].encode("utf-8")
    cut = good.index("الحكومة".encode())
    return good[:cut] + b"\xff\xfe\xd8" + good[cut:]


def write_corpus(folder: Path, huge_bytes: int = 20 * 1024 * 1024) -> dict[str, Expect]:
    """Write every input class into ``folder``; returns ``{doc_id: Expect}`` for every document."""
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, Expect] = {}

    def put(name: str, data: bytes, exp: Expect) -> None:
        (folder / name).write_bytes(data)
        expect[name] = exp

    for name, text in GOOD.items():
        put(name, text.encode("utf-8"), Expect("ok", encoding="utf-8"))
    put("empty.txt", b"", Expect("error", "empty file"))
    put("blank.txt", b"  \n\t \r\n   \n", Expect("error", "whitespace only"))
    put("image.txt", png_bytes(), Expect("error", "PNG image"))
    put("archive.txt", zip_bytes(), Expect("error", "ZIP archive"))
    put("bad-utf8.txt", invalid_utf8(), Expect("error", "invalid UTF-8"))
    put("legacy-1256.txt", CP1256_TEXT.encode("cp1256"), Expect("ok", encoding="windows-1256"))
    put("utf16-bom.txt", UTF16_TEXT.encode("utf-16"), Expect("ok", encoding="utf-16"))
    put("utf8-bom.txt", b"\xef\xbb\xbf" + BOM_TEXT.encode("utf-8"), Expect("ok", encoding="utf-8-sig"))
    put("page.html", HTML_PAGE.encode("utf-8"), Expect("ok", encoding="utf-8", note="HTML reduced"))
    put("bidi-emoji.txt", BIDI_TEXT.encode("utf-8"), Expect("ok", encoding="utf-8"))
    with open(folder / "huge.txt", "wb") as f:  # 20 MB of real words, written in pieces
        line = ("ارتفعت أسعار النفط في الأسواق العالمية اليوم. " * 20 + "\n").encode("utf-8")
        for _ in range(huge_bytes // len(line) + 1):
            f.write(line)
    expect["huge.txt"] = Expect("error", "--max-chars")

    g1, g2 = GOOD["good-riyadh.txt"], GOOD["good-cairo.txt"]
    lines = [
        json.dumps({"id": "feed-1", "title": "=1+1", "text": g1}, ensure_ascii=False),
        '{"id": "feed-2", "text": "نص مقطوع',  # malformed: unterminated string
        json.dumps({"id": "dup", "text": g2}, ensure_ascii=False),
        json.dumps({"id": "dup", "text": g1, "title": "@SUM(A1:A9)"}, ensure_ascii=False),
        json.dumps({"id": "no-text", "title": "بلا نص"}, ensure_ascii=False),
        json.dumps({"id": "html-field", "text": "<p>قال الوزير إن الاجتماع مثمر.</p><p>وانتهى اللقاء.</p>"}, ensure_ascii=False),
        '{"id": "surrogate", "text": "نص \\ud800 مكسور"}',
        '["not", "an", "object"]',
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    expect.update({
        "feed-1": Expect("ok"),
        "feed.jsonl:2": Expect("error", "malformed JSON"),
        "dup": Expect("ok"),
        "dup#2": Expect("ok", note="duplicate doc_id 'dup'"),
        "no-text": Expect("error", "no text field"),
        "html-field": Expect("ok", note="HTML reduced"),
        "surrogate": Expect("error", "lone surrogate"),
        "feed.jsonl:8": Expect("error", "JSON object was expected"),
    })
    rows = "id,title,text\r\n" f"csv-1,-2+3,\"{g1}\"\r\n" "csv-2,عنوان بلا نص\r\n" f"csv-3,\tTAB,\"{g2}\"\r\n"
    (folder / "rows.csv").write_text(rows, encoding="utf-8")
    expect.update({
        "csv-1": Expect("ok"),
        "csv-2": Expect("error", "no value for 'text'"),
        "csv-3": Expect("ok"),
    })
    (folder / "notext.csv").write_text("id,headline\nn-1,عنوان\n", encoding="utf-8")
    expect["n-1"] = Expect("error", "no text column")
    evil = ["../../escape", "/tmp/absolute-escape", "nul\x00byte", "..\\..\\win", "~/home"]
    evil_lines = [json.dumps({"id": e, "text": g2}, ensure_ascii=False) for e in evil]
    (folder / "evil-ids.jsonl").write_text("\n".join(evil_lines) + "\n", encoding="utf-8")
    for e in evil:
        expect[e] = Expect("ok")
    return expect
