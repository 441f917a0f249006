"""entity_summary and speaker_summary: counts on small hand-built tables."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.io.writers import read_table, to_frame, write_table
from pipeline.summaries import SUMMARY_SCHEMA, entity_summary, speaker_summary, write_summaries

DOCS = [
    {"doc_id": "a", "published": "2022-06-20", "status": "ok"},
    {"doc_id": "b", "published": "2022-07-01", "status": "ok"},
    {"doc_id": "c", "published": None, "status": "ok"},  # no date: counted, but no first/last date
    {"doc_id": "d", "published": "غير معروف", "status": "ok"},  # unreadable date: ignored for dates
]


def ent(doc, start, text, label, canonical, entity_id):
    return {"doc_id": doc, "start": start, "end": start + len(text), "text": text, "label": label,
            "canonical": canonical, "entity_id": entity_id, "sentence_id": 0}


ENTS = [
    ent("a", 0, "كارميلا جودو", "PER", "كارميلا جودو", "E1"),
    ent("a", 40, "جودو", "PER", "كارميلا جودو", "E1"),
    ent("a", 60, "والقاهرة", "LOC", "القاهرة", "E2"),
    ent("b", 5, "القاهرة", "LOC", "القاهرة", "E7"),
    ent("b", 30, "جودو", "PER", "كارميلا جودو", "E3"),
    ent("c", 0, "للمنظمة الدولية للهجرة", "ORG", "المنظمة الدولية للهجرة", "E1"),
    ent("d", 0, "القاهرة", "LOC", "القاهرة", "E1"),
    ent("d", 10, "مصر", "LOC", None, "E2"),  # no canonical: the text stands in
]


def quote(doc, qid, speaker, entity_id, role, kind="direct"):
    return {"doc_id": doc, "quote_id": qid, "start": 0, "end": 5, "text": "نص", "kind": kind,
            "speaker": speaker, "speaker_entity_id": entity_id, "speaker_role": role}


QUOTES = [
    quote("a", "q1", "كارميلا جودو", "E1", "المديرة الإقليمية"),
    quote("a", "q2", "جودو", "E1", None),  # a shorter mention, linked to the same entity
    quote("b", "q1", "جودو", "E3", "المديرة الإقليمية"),
    quote("b", "q2", "المتحدث باسم الوزارة", None, None, kind="reported"),
    quote("c", "q1", None, None, None),  # unattributed
    quote("d", "q1", "المتحدث باسم الوزارة", None, "المتحدث"),
    dict(quote("d", "q2", "المتحدث باسم الوزارة", None, None), linked_to="q1"),  # continues q1: not counted
]
QUOTATIONS = len(QUOTES) - 1


@pytest.fixture
def tables():
    return {"documents": to_frame("documents", DOCS), "entities": to_frame("entities", ENTS),
            "quotes": to_frame("quotes", QUOTES)}


def by(frame, *keys):
    key = (lambda r: r[keys[0]]) if len(keys) == 1 else (lambda r: tuple(r[k] for k in keys))
    return {key(r): r for r in frame.to_dict("records")}


def test_entity_summary_counts(tables):
    s = entity_summary(tables["entities"], tables["documents"])
    assert list(s.columns) == list(SUMMARY_SCHEMA["entity_summary"])
    rows = by(s, "canonical", "label")
    assert set(rows) == {("كارميلا جودو", "PER"), ("القاهرة", "LOC"), ("المنظمة الدولية للهجرة", "ORG"),
                         ("مصر", "LOC")}
    judo = rows[("كارميلا جودو", "PER")]
    assert (judo["mentions"], judo["documents"]) == (3, 2)
    assert (judo["first_published"], judo["last_published"]) == ("2022-06-20", "2022-07-01")
    cairo = rows[("القاهرة", "LOC")]
    assert (cairo["mentions"], cairo["documents"]) == (3, 3)
    assert (cairo["first_published"], cairo["last_published"]) == ("2022-06-20", "2022-07-01")
    iom = rows[("المنظمة الدولية للهجرة", "ORG")]
    assert (iom["mentions"], iom["documents"]) == (1, 1)
    assert pd.isna(iom["first_published"]) and pd.isna(iom["last_published"])
    assert s["mentions"].sum() == len(ENTS)
    assert list(s["mentions"]) == sorted(s["mentions"], reverse=True)


def test_speaker_summary_counts(tables):
    s = speaker_summary(tables["quotes"], tables["entities"], tables["documents"])
    assert list(s.columns) == list(SUMMARY_SCHEMA["speaker_summary"])
    assert s["quotes"].sum() == QUOTATIONS
    rows = by(s, "speaker")
    judo = rows["كارميلا جودو"]  # "جودو" linked to E1/E3 -> the canonical name
    assert (judo["quotes"], judo["documents"]) == (3, 2)
    assert judo["role"] == "المديرة الإقليمية"
    assert judo["speaker_entity_id"] == "E1"
    assert (judo["first_published"], judo["last_published"]) == ("2022-06-20", "2022-07-01")
    spokesman = rows["المتحدث باسم الوزارة"]
    assert (spokesman["quotes"], spokesman["documents"], spokesman["role"]) == (2, 2, "المتحدث")
    assert pd.isna(spokesman["speaker_entity_id"])
    assert (spokesman["first_published"], spokesman["last_published"]) == ("2022-07-01", "2022-07-01")
    unattributed = [r for r in s.to_dict("records") if pd.isna(r["speaker"])]
    assert len(unattributed) == 1 and unattributed[0]["quotes"] == 1
    assert s.iloc[0]["speaker"] == "كارميلا جودو"


def test_empty_tables_give_empty_summaries():
    assert entity_summary(to_frame("entities", []), to_frame("documents", [])).empty
    s = speaker_summary(to_frame("quotes", []), to_frame("entities", []), to_frame("documents", []))
    assert s.empty and list(s.columns) == list(SUMMARY_SCHEMA["speaker_summary"])


@pytest.mark.parametrize("formats", [("csv", "parquet"), ("csv",)])
def test_write_summaries_round_trip(tmp_path, tables, formats):
    for name, frame in tables.items():
        write_table(tmp_path, name, frame, formats)
    counts = write_summaries(tmp_path)
    assert counts == {"entity_summary": 4, "speaker_summary": 3}
    for name in counts:
        csv = tmp_path / f"{name}.csv"
        assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read Arabic as UTF-8
        assert (tmp_path / f"{name}.parquet").exists()
        back = pd.read_csv(csv, encoding="utf-8-sig")
        assert len(back) == counts[name] and list(back.columns) == list(SUMMARY_SCHEMA[name])
    back = pd.read_parquet(tmp_path / "entity_summary.parquet")
    assert back.loc[back["canonical"] == "كارميلا جودو", "mentions"].item() == 3
    assert read_table(tmp_path, "entities").shape[0] == len(ENTS)


def test_write_summaries_on_an_empty_run(tmp_path):
    for name in ("documents", "entities", "dates", "numbers", "quotes"):
        write_table(tmp_path, name, to_frame(name, []))
    assert write_summaries(tmp_path) == {"entity_summary": 0, "speaker_summary": 0}
    assert pd.read_parquet(tmp_path / "speaker_summary.parquet").empty
