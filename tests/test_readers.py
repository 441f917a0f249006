"""Readers: encodings, binary files, HTML, malformed lines and rows, ids. No pipeline needed."""

from __future__ import annotations

import json

import pytest
from fixtures_bad import BIDI_TEXT, CP1256_TEXT, HTML_PAGE, invalid_utf8, png_bytes, zip_bytes

from pipeline.io.html import html_to_text, looks_like_html
from pipeline.io.readers import Fields, InputDoc, decode, read_inputs, sniff, texts_of, unique_ids

AR = "قال الوزير إن الحكومة ستواصل دعم المزارعين في الموسم المقبل."


def one(path):
    items = list(read_inputs([path], max_chars=1000))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (AR.encode("utf-8"), "utf-8", AR),
        (b"\xef\xbb\xbf" + AR.encode("utf-8"), "utf-8-sig", AR),
        (AR.encode("utf-16"), "utf-16", AR),
        (AR.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16", AR),
        (AR.encode("utf-32"), "utf-32", AR),
        (AR.encode("utf-16-le"), "utf-16-le", AR),  # no byte-order mark: found by its NULs
        ((AR + " Reuters").encode("utf-16-be"), "utf-16-be", AR + " Reuters"),
        (CP1256_TEXT.encode("cp1256"), "windows-1256", CP1256_TEXT),
        (CP1256_TEXT.encode("iso8859_6"), "iso-8859-6", CP1256_TEXT),
    ],
)
def test_decode_finds_the_encoding_and_the_bytes_decode_back(data, encoding, text):
    got, enc = decode(data)
    assert (got, enc) == (text, encoding)
    assert data.decode(enc) == got  # the recorded encoding reproduces the text exactly


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (png_bytes(), "PNG image"),
        (zip_bytes(), "ZIP archive"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"abc\x00def", "NUL byte at byte 3"),
        (invalid_utf8(), "invalid UTF-8 (invalid start byte at byte"),
        (b"\xff\xfe\x00\xd8", "after its byte-order mark"),
    ],
)
def test_decode_refuses_binary_and_damaged_text_with_the_cause(data, cause):
    with pytest.raises(ValueError) as info:
        decode(data)
    assert cause in str(info.value)


def test_damaged_utf8_names_the_line():
    data = (AR + "\n" + AR).encode() + b"\xc3(" + AR.encode()
    with pytest.raises(ValueError) as info:
        decode(data)
    assert "line 2" in str(info.value)


def test_sniff_line_files():
    assert sniff(AR.encode()[:-1]) == "utf-8"  # a character cut at the end of the sample is fine
    assert sniff(CP1256_TEXT.encode("cp1256")) == "windows-1256"
    with pytest.raises(ValueError, match="PNG"):
        sniff(png_bytes())


def test_txt_files_each_give_one_document(tmp_path):
    cases = {
        "empty.txt": (b"", "empty file"),
        "ws.txt": (b" \r\n\t", "whitespace only"),
        "png.txt": (png_bytes(), "PNG image"),
        "big.txt": (("ا" * 3000).encode(), "--max-chars 1,000"),
        "long.txt": (("ا " * 1000).encode(), "(2,000 characters; the limit is --max-chars 1,000)"),
    }
    for name, (data, cause) in cases.items():
        (tmp_path / name).write_bytes(data)
        item = one(tmp_path / name)
        assert item.text is None and cause in item.error and str(tmp_path / name) in item.error
    (tmp_path / "legacy.txt").write_bytes(CP1256_TEXT.encode("cp1256"))
    item = one(tmp_path / "legacy.txt")
    assert (item.text, item.encoding, item.error) == (CP1256_TEXT, "windows-1256", None)


def test_html_file_is_reduced_to_its_text(tmp_path):
    (tmp_path / "a.html").write_text(HTML_PAGE, encoding="utf-8")
    item = one(tmp_path / "a.html")
    assert item.error is None and item.title == "زيارة رسمية"
    assert item.meta["text_used"] == item.text and "HTML" in item.meta["note"]
    assert "<" not in item.text and "لا تظهر" not in item.text and "color" not in item.text
    assert "اللاجئين & المياه." in item.text  # character reference resolved
    assert item.text.startswith("زيارة رسمية إلى عمّان\n\nاستقبل الملك")
    assert "ناجحة." in item.text.splitlines()[-1]  # <br> -> line break


def test_html_detection_leaves_prose_with_angle_brackets_alone():
    assert looks_like_html("<p>نص</p><p>آخر</p>") and looks_like_html("<!DOCTYPE html><title>x</title>")
    assert not looks_like_html("ارتفع المؤشر إلى أكثر من 5 <10 نقاط> في اليوم")
    text, title = html_to_text("<div>أ<b>ب</b>   ج<script>x</script></div><p></p>")
    assert (text, title) == ("أب ج", None)


def test_jsonl_bad_lines_are_errors_of_their_own(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": AR}, ensure_ascii=False),
        "{broken",
        "",
        json.dumps({"id": "b", "content": AR, "published": "2022-06-20"}, ensure_ascii=False),
        json.dumps({"id": "c", "text": 5}),
        json.dumps({"id": "d", "text": ""}),
    ]
    path = tmp_path / "f.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n" + b'{"id": "e", "text": "\xff\xfe"}\n')
    items = list(read_inputs([path]))
    got = {it.doc_id: it for it in items}
    assert list(got) == ["a", "f.jsonl:2", "b", "c", "d", "f.jsonl:7"]
    assert got["a"].text == AR and got["b"].published == "2022-06-20"
    assert got["f.jsonl:2"].error.startswith(f"{path}:2: malformed JSON")
    assert "int, not a string" in got["c"].error
    assert "'text' field is empty" in got["d"].error
    assert f"{path}:7: bytes that are not UTF-8" in got["f.jsonl:7"].error


def test_jsonl_line_too_long_is_skipped_in_bounded_memory(tmp_path):
    path = tmp_path / "f.jsonl"
    big = json.dumps({"id": "big", "text": "ب" * 10_000}, ensure_ascii=False)
    path.write_text("\n".join([json.dumps({"id": "x", "text": AR}, ensure_ascii=False), big, '{"id": "y", "text": "نص"}']), encoding="utf-8")
    items = list(read_inputs([path], max_chars=1000))
    assert [it.doc_id for it in items] == ["x", "f.jsonl:2", "y"]
    assert "document too long" in items[1].error and "--max-chars 1,000" in items[1].error


def test_line_files_in_utf16_and_windows_1256(tmp_path):
    body = "id,text\n1," + CP1256_TEXT.replace("\n", " ") + "\n"
    (tmp_path / "a.csv").write_bytes(body.encode("cp1256"))
    (tmp_path / "b.jsonl").write_bytes((json.dumps({"id": "u", "text": AR}, ensure_ascii=False) + "\n").encode("utf-16"))
    (tmp_path / "c.jsonl").write_bytes(b"")
    (tmp_path / "d.csv").write_text("id,text\n", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [(it.doc_id, it.encoding) for it in items if not it.error] == [("1", "windows-1256"), ("u", "utf-16")]
    assert items[0].text == CP1256_TEXT.replace("\n", " ") and items[1].text == AR
    errors = {it.doc_id: it.error for it in items if it.error}
    assert "empty file" in errors["c.jsonl"] and "no rows after the header" in errors["d.csv"]


def test_csv_rows_without_text(tmp_path):
    (tmp_path / "a.csv").write_text(f'id,title,text\n1,t,"{AR}"\n2,short\n3,"",""\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,headline\n9,عنوان\n", encoding="utf-8")
    got = {it.doc_id: it for it in read_inputs([tmp_path])}
    assert got["1"].text == AR and got["1"].error is None
    assert "a.csv:row 2 (line 3): the row has 2 of the 3 columns; no value for 'text'" in got["2"].error
    assert "'text' field is empty" in got["3"].error
    assert "no text column (columns: id, headline" in got["9"].error


def test_text_fields_are_configurable(tmp_path):
    (tmp_path / "a.csv").write_text(f'key,story\nk1,"{AR}"\n', encoding="utf-8")
    items = list(read_inputs([tmp_path], Fields(id=("key",), text=("story",))))
    assert (items[0].doc_id, items[0].text) == ("k1", AR)


def test_bidi_emoji_text_is_kept_verbatim(tmp_path):
    (tmp_path / "b.txt").write_text(BIDI_TEXT, encoding="utf-8")
    assert one(tmp_path / "b.txt").text == BIDI_TEXT


def test_duplicate_ids_are_renamed_not_lost():
    items = [InputDoc(doc_id=i, text="x", input=f"f:{n}") for n, i in enumerate(["a", "b", "a", "a#2", "a"])]
    out = list(unique_ids(items))
    assert [it.doc_id for it in out] == ["a", "b", "a#2", "a#2#2", "a#3"]
    assert "duplicate doc_id 'a' (first at f:0); renamed 'a#2'" == out[2].meta["note"]
    assert "note" not in out[1].meta


def test_file_names_that_are_not_utf8_do_not_break_anything(tmp_path):
    import os

    name = os.fsdecode(b"bad-\xff-name.txt")
    try:
        (tmp_path / name).write_text(AR, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("file system refuses undecodable names")
    item = one(tmp_path)
    assert item.text == AR and "\\udcff" in item.doc_id and "\\udcff" in item.input
    item.doc_id.encode("utf-8")  # writable


def test_texts_of_gives_back_the_text_of_every_ok_row(tmp_path):
    (tmp_path / "a.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "j", "text": AR}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text(f'id,text\nc1,"{AR}\nسطر"\n', encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    rows = [{"doc_id": it.doc_id, "input": it.input, "status": "ok", "text_used": it.meta.get("text_used")} for it in items]
    assert texts_of(rows) == {it.doc_id: it.text for it in items}


def test_csv_cell_longer_than_the_limit_is_an_error_and_the_next_rows_still_read(tmp_path):
    (tmp_path / "a.csv").write_text('id,text\n1,"' + "ب" * 3000 + '"\n2,نص قصير\n', encoding="utf-8")
    items = list(read_inputs([tmp_path], max_chars=1000))
    assert "row 1 (line 2): document too long" in items[0].error and "--max-chars 1,000" in items[0].error
    assert (items[1].doc_id, items[1].text, items[1].error) == ("2", "نص قصير", None)


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "entities.csv").write_text("doc_id,start,end,text\na.txt,0,3,قال\n", encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps({"pipeline_version": "0", "tables": {}}), encoding="utf-8")
    (tmp_path / "scrape").mkdir()  # someone else's manifest.json does not hide articles
    (tmp_path / "scrape" / "manifest.json").write_text('{"source": "x"}', encoding="utf-8")
    (tmp_path / "scrape" / "b.txt").write_text(AR, encoding="utf-8")
    got = {it.doc_id: it for it in read_inputs([tmp_path])}
    assert list(got) == ["a.txt", "scrape/b.txt", "scrape/manifest.json"]
    assert "a JSON object without articles" in got["scrape/manifest.json"].error  # a .json is read: not silent
    assert [it.doc_id for it in read_inputs([out])] == []  # an output folder given: its tables are not articles
    assert [it.text for it in read_inputs([out / "entities.csv"])] == ["قال"]  # a table named explicitly: read


@pytest.mark.parametrize("word", ["لا", "في", "نعم", "و", "مصر"])
def test_short_windows_1256_texts_are_read_as_arabic(word):
    assert decode(word.encode("cp1256")) == (word, "windows-1256")
    assert decode("Le député a été élu.".encode("cp1252")) == ("Le député a été élu.", "windows-1252")


def test_html_without_text_is_an_error(tmp_path):
    (tmp_path / "a.html").write_text("<html><head><title>t</title></head><body><script>x()</script></body></html>")
    item = one(tmp_path / "a.html")
    assert item.text is None and "the HTML markup contains no text" in item.error


def test_jsonl_in_utf16_without_a_byte_order_mark(tmp_path):
    lines = [json.dumps({"id": i, "text": AR}, ensure_ascii=False) for i in ("a", "b")]
    (tmp_path / "f.jsonl").write_bytes("\n".join(lines).encode("utf-16-le"))
    items = list(read_inputs([tmp_path]))
    assert [(it.doc_id, it.text, it.encoding) for it in items] == [("a", AR, "utf-16-le"), ("b", AR, "utf-16-le")]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_csv_exported_with_semicolons_or_tabs(tmp_path, sep):
    (tmp_path / "a.csv").write_text(f"id{sep}title{sep}text\n1{sep}عنوان{sep}{AR}\n", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [(it.doc_id, it.title, it.text) for it in items] == [("1", "عنوان", AR)]


def test_a_file_failing_midway_ends_with_one_error_and_the_next_files_are_read(tmp_path, monkeypatch):
    import pipeline.io.jsonfmt as jsonfmt

    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps({"id": f"r{i}", "text": AR}) for i in range(3)), encoding="utf-8")
    (tmp_path / "b.txt").write_text(AR, encoding="utf-8")
    real = jsonfmt.from_row

    def flaky(row, *args, **kwargs):
        if row["id"] == "r1":
            raise OSError(5, "Input/output error")
        return real(row, *args, **kwargs)

    monkeypatch.setattr(jsonfmt, "from_row", flaky)
    items = list(read_inputs([tmp_path]))
    assert [it.doc_id for it in items] == ["r0", "a.jsonl:unread", "b.txt"]
    assert "reading stopped (OSError: [Errno 5] Input/output error)" in items[1].error


def test_html_with_an_unclosed_head_keeps_its_body():
    assert html_to_text("<html><head><title>ع</title><body><p>نص</p><script>x</script><p>ثان</p>") == ("نص\n\nثان", "ع")
