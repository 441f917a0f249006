"""Every notebook in notebooks/ runs headless (nbclient) against tables the CLI produces from
data/raw/ in a temporary folder; a failing cell fails the test. Also on a run with empty tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from pipeline.io.readers import SUFFIXES
from pipeline.io.writers import to_frame, write_table
from pipeline.records import TABLES
from pipeline.summaries import SUMMARIES, write_summaries

pytestmark = pytest.mark.slow  # end-to-end runs (pytest -m 'not slow' skips them)

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
RAW = REPO / "data" / "raw"
PNG = b"\x89PNG\r\n\x1a\n"

# used only when data/raw/ holds no articles (written for this test)
FALLBACK = {
    "2023-05-02-amman.txt": (
        "عمان – قال وزير الطاقة الأردني صالح الخرابشة أمس إن المملكة ستزيد إنتاج الطاقة الشمسية بنسبة 20%"
        " خلال عام 2024.\n\nوأضاف: «نعمل مع البنك الدولي على مشروع بقيمة 500 مليون دولار»."
    ),
    "2023-06-11-tunis.txt": (
        "تونس – أعلن المعهد الوطني للإحصاء يوم الأحد 11 حزيران 2023 أن نسبة البطالة بلغت 15.1 بالمئة."
        "\n\nوقالت الخبيرة ليلى بن علي إن «الأرقام تبقى مقلقة»."
    ),
}


def _execute(path: Path, processed: Path, out: Path, monkeypatch) -> None:
    monkeypatch.setenv("PROCESSED_DIR", str(processed))
    monkeypatch.setenv("NOTEBOOK_OUTPUT_DIR", str(out))
    monkeypatch.setenv("MPLBACKEND", "agg")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{path.name}: a cell failed:\n{exc}")


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    """The CLI's tables from data/raw/ (or from two fallback articles when it is empty)."""
    raw = RAW
    if not any(p.suffix.lower() in SUFFIXES for p in RAW.rglob("*") if p.is_file()):
        raw = tmp_path_factory.mktemp("raw")
        for name, text in FALLBACK.items():
            (raw / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("processed")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(raw), "-o", str(out), "-q"],
                          cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert proc.returncode in (0, 1), f"pipeline run failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    if not all((out / f"{name}.parquet").exists() for name in SUMMARIES):
        write_summaries(out)  # a run that predates the summaries hook
    return out


@pytest.fixture(scope="module")
def empty_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("empty")
    for table in TABLES:
        write_table(out, table, to_frame(table, []))
    write_summaries(out)
    return out


def test_there_are_notebooks():
    assert any(p.name == "explore.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_outputs_are_stripped(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: outputs not stripped"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_the_cli_output(path, processed, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _execute(path, processed, out, monkeypatch)
    if path.name == "explore.ipynb":
        for chart in ("top_entities.png", "top_speakers.png", "timeline.png", "numbers.png"):
            assert (out / chart).read_bytes().startswith(PNG), chart
        page = (out / "article.html").read_text(encoding="utf-8")
        assert '<html dir="rtl" lang="ar">' in page


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_empty_tables(path, empty_run, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _execute(path, empty_run, out, monkeypatch)
    if path.name == "explore.ipynb":
        assert (out / "top_entities.png").read_bytes().startswith(PNG)


def test_chart_labels_are_joined_and_right_to_left():
    """The notebook's rule for Arabic chart labels: Matplotlib >= 3.11 lays them out itself, older
    versions get arabic-reshaper + python-bidi. Rendered "ابببب" must show the alef (the tallest
    letter) at the right end and the beh letters joined (no blank column between them)."""
    import re

    import arabic_reshaper
    import matplotlib
    import numpy as np
    from bidi.algorithm import get_display
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    native = tuple(int(x) for x in re.findall(r"\d+", matplotlib.__version__)[:2]) >= (3, 11)
    word = "ابببب"
    label = word if native else get_display(arabic_reshaper.reshape(word))
    fig = Figure(figsize=(4, 1.5), dpi=100)
    fig.text(0.5, 0.5, label, fontsize=40, family="DejaVu Sans", ha="center", va="center")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    ink = np.asarray(canvas.buffer_rgba())[:, :, :3].min(axis=2) < 128
    cols = np.flatnonzero(ink.any(axis=0))
    left, right = cols.min(), cols.max()
    top = np.array([np.flatnonzero(ink[:, c])[0] if ink[:, c].any() else ink.shape[0] for c in range(ink.shape[1])])
    tallest = int(np.argmin(top))
    assert tallest > left + 0.7 * (right - left), "the alef is not at the right end: text drawn left to right"
    behs = ink[:, left: left + int(0.6 * (right - left))]
    assert behs.any(axis=0).all(), "a blank column between the beh letters: letters not joined"
