"""The language data: every resource file is declared, loads, and every row has its declared
columns; a malformed row stops ``load()`` and ``run`` (exit 2) with its file and line before any
document is read."""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO

import pipeline.resources as res
from pipeline.cli import main


def test_every_resource_file_is_declared():
    files = {p.name for p in res.RESOURCES.iterdir() if p.is_file() and p.suffix in (".tsv", ".txt")}
    assert files == set(res.COLUMNS)


@pytest.mark.parametrize("name", sorted(res.COLUMNS))
def test_every_row_has_its_declared_columns(name):
    fewest, most = res.COLUMNS[name]
    rows = [ln.split("\t") for ln in res.read_lexicon(name)]
    assert rows, name
    assert all(fewest <= len(r) <= most and all(c.strip() for c in r) for r in rows), name
    res.check_file(res.RESOURCES / name, res.COLUMNS[name])


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A copy of the resources with one malformed row in titles.tsv; returns (file, line)."""
    folder = tmp_path / "resources"
    shutil.copytree(res.RESOURCES, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = folder / "titles.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("الوزيرة\ttitle")  # the gender column is missing
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(res, "RESOURCES", folder)
    return path, len(lines)


def test_a_malformed_row_names_its_file_and_line(broken):
    path, line = broken
    with pytest.raises(res.ResourceError, match=f"{path}:{line}: 2 tab-separated columns, expected 3"):
        res.validate()
    import pipeline

    with pytest.raises(res.ResourceError, match=f"{path}:{line}:"):
        pipeline.load()


def test_run_exits_2_with_file_and_line_before_reading_any_document(broken, tmp_path, monkeypatch, capsys):
    path, line = broken
    from pipeline.batch import runner

    def never(*args, **kwargs):
        raise AssertionError("a document was read")

    monkeypatch.setattr(runner, "read_inputs", never)
    out = tmp_path / "out"
    assert main(["run", str(REPO / "data" / "raw"), "-o", str(out), "-q", "--workers", "1"]) == 2
    assert f"{path}:{line}:" in capsys.readouterr().err
    assert not out.exists() or not any(out.glob("*.csv"))
