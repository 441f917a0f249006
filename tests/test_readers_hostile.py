"""Readers on hostile input (issue 19 items 2, 4, 5, 8, 9, 10): each case fails alone and names its
cause, or is read as meant. No pipeline needed."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile

import pytest

from pipeline.io import sources
from pipeline.io.readers import check_inputs, read_inputs, texts_of

AR = "قال الوزير إن الحكومة ستواصل دعم المزارعين في الموسم المقبل."


def read(path, **kw):
    skipped = []
    items = list(read_inputs([path], max_chars=kw.pop("max_chars", 1000), skipped=skipped, **kw))
    return {it.doc_id: it for it in items}, skipped


def test_jsonl_huge_numbers_and_nul_bytes_fail_only_their_line(tmp_path):
    big = "7" * 4301
    lines = [json.dumps({"id": "a", "text": AR}, ensure_ascii=False), '{"id": ' + big + ', "text": "نص"}',
             '{"id": "n", "text": "x\x00y"}', '{"id": "t", "text": ' + big + "}",
             json.dumps({"id": "b", "text": AR}, ensure_ascii=False)]
    (tmp_path / "f.jsonl").write_text("\n".join(lines), encoding="utf-8")
    got, _ = read(tmp_path, max_chars=10_000)
    assert list(got) == ["a", big, "f.jsonl:3", "t", "b"]  # a huge id is kept as its text
    assert got[big].text == "نص" and "NUL byte" in got["f.jsonl:3"].error
    assert "number of 4,301 digits" in got["t"].error and got["b"].text == AR


@pytest.mark.parametrize(("body", "ids"), [
    ("id;text\r1;{t}\r2;{t}\r", ["1", "2"]),  # old-Mac line ends, semicolons
    ("\n\nID , Text \n1, \"{t}\"\n", ["1"]),  # blank first lines, a spaced header in capitals
    ("sep=|\nid|text\n1|{t}\n", ["1"]),  # Excel's separator line
])
def test_csv_dialects(tmp_path, body, ids):
    (tmp_path / "a.csv").write_text(body.format(t=AR), encoding="utf-8")
    got, _ = read(tmp_path)
    assert [(i, it.text, it.error) for i, it in got.items()] == [(i, AR, None) for i in ids]


def test_csv_rows_that_cannot_be_read_as_meant_are_errors(tmp_path):
    body = f'id,text\n1,"{AR}"\n2,{AR}, والمزيد\n3,"{AR}\n4,"{AR}"\n5,"a"b"\n'
    (tmp_path / "a.csv").write_text(body, encoding="utf-8")
    got, _ = read(tmp_path)
    assert list(got) == ["1", "2", "a.csv:3", "4", "a.csv:5"]
    assert got["1"].text == AR and got["4"].text == AR  # the row after an unclosed quote is read
    assert "the row has 3 cells but the header 2 columns (an unquoted comma" in got["2"].error
    assert "row 3 (line 4): an unclosed quote" in got["a.csv:3"].error
    assert "quote inside a quoted cell must be doubled" in got["a.csv:5"].error
    (tmp_path / "a.csv").write_text(f"id,text,Text\n1,{AR},x\n", encoding="utf-8")
    assert "2 columns named 'text'" in read(tmp_path)[0]["1"].error


def test_a_csv_cell_far_above_the_limit_is_refused_while_reading(tmp_path):
    with open(tmp_path / "a.csv", "w", encoding="utf-8") as f:
        f.write('id,text\n1,"' + ("ب" * 999 + "\n") * 300 + f'"\n2,"{AR}"\n')
    got, _ = read(tmp_path, max_chars=1000)
    assert "row 1 (line 2): document too long (the row, lines 2-302" in got["a.csv:1"].error
    assert got["2"].text == AR


def test_json_arrays_objects_and_compressed_files_are_read(tmp_path):
    arr = [{"id": f"a{i}", "text": AR} for i in range(3)]
    (tmp_path / "a.json").write_text(json.dumps(arr, ensure_ascii=False, indent=1), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"data": [{"text": AR}]}), encoding="utf-8")
    (tmp_path / "c.json.gz").write_bytes(gzip.compress(json.dumps({"title": "ع", "text": AR}).encode()))
    (tmp_path / "d.ndjson").write_text(json.dumps({"id": "d", "text": AR}) + "\n", encoding="utf-8")
    (tmp_path / "e.tsv").write_text(f"id\ttext\ne\t{AR}, بفاصلة\n", encoding="utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("day/2015.json", json.dumps([{"content": AR, "date_extracted": "2015-07-21"}]))
        z.writestr("x.txt", AR)
        z.writestr("x.pdf", b"%PDF-")
    (tmp_path / "f.zip").write_bytes(buf.getvalue())
    got, skipped = read(tmp_path)
    assert list(got) == ["a0", "a1", "a2", "b.json:1", "c.json.gz", "d", "e", "f.zip!/day/2015.json:1", "f.zip!/x.txt"]
    assert all(it.text is not None and it.text.startswith(AR) for it in got.values()), {i: it.error for i, it in got.items()}
    assert got["c.json.gz"].title == "ع" and got["f.zip!/day/2015.json:1"].published == "2015-07-21"
    assert [s["path"].rsplit("/", 1)[-1] for s in skipped] == ["x.pdf"]
    rows = [{"doc_id": i, "input": it.input, "status": "ok"} for i, it in got.items()]
    assert texts_of(rows) == {i: it.text for i, it in got.items()}  # offsets' text found again


def test_files_given_by_name_are_read_as_their_kind(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"id": "x", "text": AR}, {"id": "y", "text": AR}]), encoding="utf-8")
    (tmp_path / "b.tsv").write_text(f"id\ttext\nz\t{AR}\n", encoding="utf-8")
    for name, ids in (("a.json", ["x", "y"]), ("b.tsv", ["z"])):
        assert list(read(tmp_path / name)[0]) == ids


def test_a_damaged_json_array_keeps_the_items_before(tmp_path):
    (tmp_path / "a.json").write_text('[{"id": "x", "text": "نص"},\n {"id": "y", "text": nope}]', encoding="utf-8")
    got, _ = read(tmp_path)
    assert got["x"].text == "نص" and "malformed JSON (Expecting value at line 2" in got["a.json:2"].error


def test_other_files_broken_links_and_output_folders_are_listed_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    os.symlink(tmp_path / "missing.txt", tmp_path / "gone.txt")
    (tmp_path / "run" / "_parts").mkdir(parents=True)
    (tmp_path / "run" / "_parts" / "state.json").write_text("{}")
    (tmp_path / "run" / "documents.csv").write_text(f"id,text\n1,{AR}\n", encoding="utf-8")
    (tmp_path / "documents.csv").write_text("doc_id,text\na.txt,x\n", encoding="utf-8")
    got, skipped = read(tmp_path, output=tmp_path)  # -o equal to the input: its own tables are not articles
    assert list(got) == ["a.txt"]
    reasons = {os.path.basename(s["path"]): s["reason"] for s in skipped}
    assert "broken link" in reasons["gone.txt"] and "not an article file (.docx" in reasons["notes.docx"]
    assert "output of a pipeline run" in reasons["run"] and "output folder" in reasons[tmp_path.name]


def test_folders_that_cannot_be_read_or_searched_are_named(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "noexec").mkdir()
    (tmp_path / "noexec" / "b.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    real_scandir, real_access = os.scandir, os.access

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    monkeypatch.setattr(sources.os, "access", lambda p, mode: not str(p).endswith("noexec") and real_access(p, mode))
    got, _ = read(tmp_path)
    assert list(got) == ["a.txt", "locked/", "noexec/b.txt"]
    assert "the folder cannot be read (Permission denied); its files were not read" in got["locked/"].error
    assert "can be listed but not searched" in got["noexec/b.txt"].error
    with pytest.raises(ValueError, match="cannot read the input folder .*locked: Permission denied"):
        check_inputs([tmp_path / "locked"])
    with pytest.raises(ValueError, match="cannot search the input folder"):
        check_inputs([tmp_path / "noexec"])


@pytest.mark.slow
@pytest.mark.parametrize("command", [["extract"], ["show", "-"]])
def test_non_utf8_stdin_is_a_clear_error(command):
    import subprocess
    import sys

    data = AR.encode() + b"\xff\xfe" + AR.encode()
    proc = subprocess.run([sys.executable, "-m", "pipeline", *command], input=data, capture_output=True, timeout=300)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert b"<stdin>: invalid UTF-8 (invalid start byte at byte" in proc.stderr


@pytest.mark.parametrize("kind", ["ner", "quotes", "news"])
def test_evaluate_on_a_missing_or_binary_file_prints_an_error_not_a_traceback(tmp_path, kind, capsys):
    from pipeline.cli import main

    (tmp_path / "bad.txt").write_bytes(AR.encode() + b"\xff" + AR.encode())
    for path, cause in ((tmp_path / "none.txt", "o such file"), (tmp_path / "bad.txt", "")):
        code = main(["evaluate", kind, str(path)])
        err = capsys.readouterr().err
        if cause or code == 2:
            assert code == 2 and err.startswith("error: ") and "Traceback" not in err, err
            assert cause in err
