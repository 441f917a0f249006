import pandas as pd

import pipeline
from pipeline.io.writers import read_table, to_frame, write_table
from pipeline.records import SCHEMA, TABLES, doc_rows

ARTICLE = (
    "القاهرة – قالت الوزيرة سارة المصري يوم الأحد إن الحكومة خصصت 500 مليون جنيه للمدارس.\n\n"
    "وأضافت: «سنبدأ في سبتمبر 2024».\n"
)


def test_extract_returns_every_table_with_the_schema_columns():
    tables = pipeline.extract(ARTICLE, published="2024-06-02", doc_id="d1")
    assert set(tables) == set(TABLES)
    (doc,) = tables["documents"]
    assert doc["status"] == "ok" and doc["doc_id"] == "d1"
    assert doc["published"] == "2024-06-02"
    assert doc["n_chars"] == len(ARTICLE)
    assert doc["n_sentences"] == 2
    for table in TABLES:
        for row in tables[table]:
            assert list(row) == list(SCHEMA[table])
            if "start" in row:
                assert ARTICLE[row["start"] : row["end"]] == row["text"]


def test_doc_rows_reads_span_groups_and_sentence_ids(nlp):
    from spacy.tokens import Span

    doc = nlp.make_doc("الجملة الأولى. ثم 25 دولة في الثانية.")
    doc = nlp.get_pipe("arabic_sentences")(doc)
    span = Span(doc, 4, 6)
    span._.value, span._.kind, span._.unit = 25.0, "cardinal", "دولة"
    doc.spans["numbers"] = [span]
    rows = doc_rows(doc, "x")["numbers"]
    assert rows == [
        {
            "doc_id": "x",
            "start": 18,
            "end": 25,
            "text": "25 دولة",
            "value": 25.0,
            "value_max": None,
            "kind": "cardinal",
            "unit": "دولة",
            "modifier": None,
            "sentence_id": 1,
        }
    ]


def test_csv_round_trip_keeps_arabic_and_types(tmp_path):
    rows = [
        {"doc_id": "أ/1", "start": 0, "end": 7, "text": "281 مليون", "value": 281e6, "kind": "cardinal",
         "unit": "مهاجر", "modifier": None, "value_max": None, "sentence_id": 0},
        {"doc_id": "أ/1", "start": 9, "end": 12, "text": "١٥٪", "value": 15.0, "kind": "percent",
         "unit": None, "modifier": "approx", "value_max": None, "sentence_id": 2},
    ]
    frame = to_frame("numbers", rows)
    write_table(tmp_path, "numbers", frame)
    raw = (tmp_path / "numbers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 Arabic correctly
    back = pd.read_csv(tmp_path / "numbers.csv", encoding="utf-8-sig")
    assert back["text"].tolist() == ["281 مليون", "١٥٪"]
    assert back["unit"].tolist()[0] == "مهاجر"
    assert back["value"].tolist() == [281e6, 15.0]
    pq = read_table(tmp_path, "numbers")
    assert str(pq["start"].dtype) == "Int64" and str(pq["value"].dtype) == "float64"
    assert pq["text"].tolist() == ["281 مليون", "١٥٪"]


def test_empty_tables_are_written_with_their_columns(tmp_path):
    for table in TABLES:
        write_table(tmp_path, table, to_frame(table, []))
        back = pd.read_csv(tmp_path / f"{table}.csv", encoding="utf-8-sig")
        assert list(back.columns) == list(SCHEMA[table]) and len(back) == 0
