"""Property-based tests (hypothesis): random Unicode through ``pipeline.extract`` and random bytes
through the readers and the batch run. No crash; every span satisfies ``raw[start:end] == text``
(and ``speaker_start``/``speaker_end`` for quotes); every input is accounted for."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.batch import run
from pipeline.io.readers import decode, lone_surrogate, read_inputs, texts_of
from pipeline.records import SCHEMA, TABLES

SPAN_TABLES = [t for t in TABLES if t != "documents"]
ARABIC = [chr(c) for c in range(0x0621, 0x064B)] + ["\u0640", "\u0671", "\u06cc", "\u06a9", "\u0629", "\u0649"]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
DIGITS = list("0123456789") + [chr(c) for c in range(0x0660, 0x066A)] + [chr(c) for c in range(0x06F0, 0x06FA)]
BIDI = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
JOINERS = ["\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
EMOJI = ["😀", "👍", "🏽", "👨", "👩", "👧", "🇸", "🇦", "❤", "\ufe0f", "📈", "ﷺ", "ﷲ", "\ufdfd"]
PUNCT = list("«»“”\"'()[]،؛؟.!:,-/%$€…") + ["...", "؟!"]
SPACE = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\r\n", "\u2009"]
WORDS = (
    "قال الوزير إن الحكومة أكد أضاف وزير الخارجية السعودي الرئيس محمد بن سلمان عبد الله الرياض القاهرة "
    "يوم الأحد أمس غدا الماضي المقبل يناير مارس رمضان 1443 هـ 2022 م مليون مليار ألف ثلاثة عشرين بالمئة "
    "في المئة دولار ريال جنيه نحو أكثر من شركة أرامكو الأمم المتحدة Reuters Apple"
).split()

unicode_text = st.one_of(
    st.lists(st.sampled_from(ARABIC + DIACRITICS + DIGITS + BIDI + JOINERS + EMOJI + PUNCT + SPACE + list("abcXYZé")),
             max_size=300).map("".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT + BIDI + JOINERS + EMOJI + DIGITS)), max_size=80).flatmap(
        lambda ws: st.lists(st.sampled_from(SPACE + [""]), min_size=len(ws), max_size=len(ws)).map(
            lambda seps: "".join(w + s for w, s in zip(ws, seps, strict=True))
        )
    ),
    st.text(max_size=200),  # anything hypothesis likes (no surrogates)
)


TAGS = ["<p>", "</p>", "<div class='x'>", "</div>", "<br>", "<br/>", "<script>", "</script>", "<title>", "</title>",
        "<!-- c -->", "&amp;", "&#1575;", "&nbsp;", "<html>", "<!DOCTYPE html>", "<b>", "</b>", "<", ">", "</"]
html_text = st.lists(st.one_of(st.sampled_from(TAGS), unicode_text), max_size=12).map("".join)


def check_spans(tables: dict[str, list[dict]], texts: dict[str, str]) -> None:
    for table in SPAN_TABLES:
        for row in tables[table]:
            raw = texts[row["doc_id"]]
            assert 0 <= row["start"] <= row["end"] <= len(raw), (table, row)
            assert raw[row["start"] : row["end"]] == row["text"], (table, row)
            if table == "quotes" and row.get("speaker_start") is not None and not pd.isna(row["speaker_start"]):
                assert raw[row["speaker_start"] : row["speaker_end"]] == row["speaker"], row


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=unicode_text, published=st.sampled_from([None, "2022-06-20", "2015-07-21 02:51:31", "not a date"]))
@example(text="", published=None)
@example(text="\u200f\u202b«قال»\u202c 👨\u200d👩\u200d👧 ١٢٣٫٥%", published="2022-06-20")
def test_extract_on_arbitrary_unicode_keeps_every_offset_exact(text, published):
    import pipeline

    tables = pipeline.extract(text, published=published, doc_id="fuzz")
    assert set(tables) >= set(TABLES)
    assert len(tables["documents"]) == 1
    doc = tables["documents"][0]
    assert doc["status"] == ("ok" if text.strip() else "error"), doc["error"]
    for table in TABLES:
        for row in tables[table]:
            assert set(row) == set(SCHEMA[table]), table
    check_spans(tables, {"fuzz": text})


@settings(max_examples=100, deadline=None)
@given(data=st.one_of(st.binary(max_size=400), unicode_text.map(lambda t: t.encode("utf-8")),
                      html_text.map(lambda t: t.encode("utf-8")),
                      unicode_text.map(lambda t: t.encode("utf-16")),
                      st.lists(st.sampled_from(ARABIC + SPACE + PUNCT), max_size=100).map(lambda t: "".join(t).encode("cp1256", "ignore"))),
       suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".html"]))
def test_readers_never_crash_and_account_for_every_file(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([tmp], max_chars=10_000))
    assert items, "every file gives at least one document"
    if suffix in (".txt", ".html"):
        assert len(items) == 1
    for it in items:
        assert (it.error is None) == isinstance(it.text, str)
        for value in (it.doc_id, it.input, it.error, it.text, it.title, it.url, it.source, it.published):
            assert value is None or lone_surrogate(value) < 0  # everything can be written as UTF-8
        if it.error:
            assert it.input in it.error
        elif suffix == ".txt" and "text_used" in it.meta:
            assert it.text == it.meta["text_used"]  # markup reduced: the offsets refer to text_used
        elif suffix == ".txt":
            assert decode(data) == (it.text, it.encoding)  # the file, decoded as recorded


def _jsonl_line(text: str, doc_id) -> str:
    return json.dumps({"id": doc_id, "text": text}, ensure_ascii=False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.one_of(unicode_text, html_text), min_size=1, max_size=4),
    blobs=st.lists(st.tuples(st.binary(max_size=200), st.sampled_from([".txt", ".jsonl", ".csv", ".html"])), max_size=3),
    ids=st.lists(st.sampled_from(["a", "a", "../x", "/y", "z\x00", "=1"]), min_size=4, max_size=4),
)
@pytest.mark.slow
def test_batch_run_accounts_for_every_input_and_keeps_offsets(nlp, texts, blobs, ids):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, t in enumerate(texts):
            (folder / f"t{i}.txt").write_bytes(t.encode("utf-8"))
        for i, (b, suffix) in enumerate(blobs):
            (folder / f"b{i}{suffix}").write_bytes(b)
        lines = [_jsonl_line(t, ids[i]) for i, t in enumerate(texts)] + ["{oops", ""]
        (folder / "f.jsonl").write_text("\n".join(lines), encoding="utf-8")
        expected = list(read_inputs([folder]))
        out = Path(tmp) / "out"
        manifest = run([folder], out, nlp=nlp, progress=False)
        docs = pd.read_parquet(out / "documents.parquet")
        assert len(docs) == len(expected)
        assert len(expected) >= len(texts) + len(blobs) + len(texts) + 1  # every file, every line
        assert docs["doc_id"].is_unique
        assert manifest["documents_ok"] + manifest["documents_failed"] == len(docs)
        assert sorted(docs["input"]) == sorted(it.input for it in expected)
        texts_used = texts_of(docs)
        tables = {t: pd.read_parquet(out / f"{t}.parquet").to_dict("records") for t in SPAN_TABLES}
        check_spans(tables, texts_used)
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["in", "out"]
