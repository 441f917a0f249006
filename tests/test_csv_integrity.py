"""CSV integrity (issue 19, item 3): any table the pipeline writes reads back, with ``csv`` and with
pandas, as the same rows (RFC 4180: every cell with a CR, LF, quote or delimiter quoted), and no
cell read back can start a formula, whatever its characters (a piece after a bare CR never starts a
row). Property tests (hypothesis) over cells made of the characters that matter."""

from __future__ import annotations

import csv
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.writers import neutralize_formulas, read_table, write_table

TRICKY = ["\r", "\n", "\r\n", '"', ",", ";", "\t", "=", "+", "-", "@", "'", "\x00", "\x1b", "\x0b", "\x7f",
          "=cmd|' /C calc'!A0", "\u2028", "\x85", "\ufeff", "ا", "قال", " ", "1", "-3.5", "\U0010fffd"]
cells = st.one_of(st.none(), st.lists(st.sampled_from(TRICKY), max_size=8).map("".join),
                  st.text(max_size=12))
FORMULA = re.compile(r"^[=+\-@\t\r]")


def frames():
    return st.integers(min_value=0, max_value=6).flatmap(
        lambda n: st.fixed_dictionaries({
            "doc_id": st.lists(cells, min_size=n, max_size=n),
            "text": st.lists(cells, min_size=n, max_size=n),
            "title": st.lists(cells, min_size=n, max_size=n),
            "start": st.lists(st.integers(-5, 10**6), min_size=n, max_size=n),
        })
    ).map(lambda d: pd.DataFrame({
        "doc_id": pd.array(d["doc_id"], dtype="string"),
        "text": pd.Series(d["text"], dtype=object),
        "title": pd.array(d["title"], dtype="string"),
        "start": pd.array(d["start"], dtype="Int64"),
    }))


def _written(frame: pd.DataFrame) -> list[list[str]]:
    """The rows the CSV must hold: the neutralized cells as strings, missing values empty."""
    safe = neutralize_formulas(frame)
    return [["" if pd.isna(v) else str(v) for v in row] for row in safe.astype(object).values.tolist()]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frame=frames())
def test_any_table_reads_back_as_the_same_rows_with_csv_and_pandas(tmp_path, frame):
    write_table(tmp_path, "t", frame, formats=("csv",))
    path = tmp_path / "t.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(frame.columns)
    expected = _written(frame)
    assert rows[1:] == expected
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back.shape == (len(frame), len(frame.columns))
    assert back.values.tolist() == expected
    for row in rows[1:]:  # no text cell can start a formula (numbers are numbers)
        for col, cell in zip(frame.columns, row, strict=True):
            if col != "start":
                assert not FORMULA.match(cell), (col, cell)
    restored = read_table(tmp_path, "t")  # and read_table gives the values back exactly
    for col in ("doc_id", "title"):
        want = [None if pd.isna(v) or v == "" else v for v in frame[col]]
        assert [None if pd.isna(v) else v for v in restored[col]] == want


def test_a_bare_carriage_return_is_quoted_and_never_starts_a_row(tmp_path):
    frame = pd.DataFrame({"doc_id": pd.array(["a\r=cmd|' /C calc'!A0", "b"], dtype="string"),
                          "title": pd.Series(["x\ry", "\r@SUM(1)"], dtype=object)})
    write_table(tmp_path, "t", frame, formats=("csv",))
    data = (tmp_path / "t.csv").read_bytes().decode("utf-8-sig")
    assert data == 'doc_id,title\n"a\r=cmd|\' /C calc\'!A0","x\ry"\nb,"\'\r@SUM(1)"\n'
    assert len(pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")) == 2


def test_tables_without_carriage_returns_are_written_as_before(tmp_path):
    frame = pd.DataFrame({"doc_id": pd.array(["a", "b,c", 'q"'], dtype="string"), "n": [1, 2, 3]})
    write_table(tmp_path, "t", frame, formats=("csv",))
    assert (tmp_path / "t.csv").read_bytes() == '\ufeffdoc_id,n\na,1\n"b,c",2\n"q""",3\n'.encode()
