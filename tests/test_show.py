"""``python -m pipeline show``: the right-to-left HTML page and its screenshot in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser

import pytest

from pipeline.cli import main
from pipeline.show import render_html

TEXT = (
    "القاهرة – أعلنت وزارة الصحة المصرية يوم الأحد 12 آذار 2023 عن افتتاح 15 مستشفى جديدا.\n\n"
    "وقال الوزير خالد عبد الغفار: «سنواصل دعم القطاع الصحي في كل المحافظات <بلا استثناء>».\n"
    "وأضاف أن الميزانية بلغت 3 مليارات جنيه & أكثر."
)


def span(s: str, **attrs) -> dict:
    i = TEXT.index(s)
    return {"start": i, "end": i + len(s), "text": s, **attrs}


def hand_rows() -> dict[str, list[dict]]:
    speaker = span("خالد عبد الغفار")
    quote = span("«سنواصل دعم القطاع الصحي في كل المحافظات <بلا استثناء>»", quote_id="q1", kind="direct",
                 speaker="خالد عبد الغفار", speaker_role="الوزير", cue="قال",
                 speaker_start=speaker["start"], speaker_end=speaker["end"])
    reported = span("أن الميزانية بلغت 3 مليارات جنيه & أكثر", quote_id="q2", kind="reported",
                    speaker="خالد عبد الغفار", speaker_start=speaker["start"], speaker_end=speaker["end"])
    return {
        "entities": [
            span("القاهرة", label="LOC", canonical="القاهرة", entity_id="E1"),
            span("وزارة الصحة المصرية", label="ORG", canonical="وزارة الصحة المصرية", entity_id="E2"),
            span("خالد عبد الغفار", label="PER", canonical="خالد عبد الغفار", entity_id="E3"),
            span("الصحي في كل", label="MISC"),  # crosses nothing, inside the quote
            span("2023 عن افتتاح", label="MISC"),  # crosses the date's end: must be cut in two
        ],
        "dates": [span("الأحد 12 آذار 2023", value="2023-03-12", granularity="day", kind="absolute")],
        "numbers": [
            span("12", value=12.0, kind="cardinal"),
            span("15 مستشفى", value=15.0, kind="cardinal", unit="مستشفى"),
            span("3 مليارات جنيه", value=3e9, kind="money", unit="EGP"),
        ],
        "quotes": [quote, reported],
    }


class SpanText(HTMLParser):
    """Text content of every element carrying ``data-span``, joined over its pieces."""

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.texts: dict[str, list[str]] = defaultdict(list)
        self.titles: dict[str, str] = {}
        self.root: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.root = a
        sid = a.get("data-span")
        if sid and sid not in self.titles:
            self.titles[sid] = a.get("title", "")
        self.stack.append(sid)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        for sid in {s for s in self.stack if s}:
            self.texts[sid].append(data)

    def text_of(self, sid: str) -> str:
        return "".join(self.texts[sid])


def parse(page: str) -> SpanText:
    p = SpanText()
    p.feed(page)
    return p


def test_every_span_is_one_mark_with_its_text_and_tooltip():
    rows = hand_rows()
    page = render_html(TEXT, rows, title="الصحة <عنوان>", doc_id="doc-1", published="2023-03-12")
    p = parse(page)
    assert p.root == {"dir": "rtl", "lang": "ar"}
    for table, items in rows.items():
        for i, row in enumerate(items):
            sid = f"{table}-{i}"
            assert p.text_of(sid) == row["text"], sid
    assert p.text_of("speaker-0") == "خالد عبد الغفار"
    assert "label: ORG" in p.titles["entities-1"] and "canonical: وزارة الصحة المصرية" in p.titles["entities-1"]
    assert "value: 2023-03-12" in p.titles["dates-0"]
    assert "unit: EGP" in p.titles["numbers-2"] and "value: 3000000000" in p.titles["numbers-2"]
    assert "speaker: خالد عبد الغفار" in p.titles["quotes-0"] and "speaker_role: الوزير" in p.titles["quotes-0"]
    assert page.count('data-span="entities-4"') == 2  # crossing the date: cut in two pieces
    assert page.count('data-span="dates-0"') == 1  # the outer span stays whole


def test_everything_is_escaped():
    page = render_html(TEXT, hand_rows(), title="<script>alert(1)</script>")
    assert "<script>" not in page and "<بلا" not in page
    assert "&lt;بلا استثناء&gt;" in page and "جنيه &amp; أكثر" in page
    p = parse(page)
    assert "".join(p.texts.get("quotes-0", [])) == hand_rows()["quotes"][0]["text"]


def test_rows_that_do_not_fit_the_text_are_left_out():
    rows = {"entities": [{"start": 5, "end": 500, "text": "?", "label": "PER"}, span("القاهرة", label="LOC")]}
    p = parse(render_html(TEXT, rows))
    assert "entities-0" not in p.titles and p.text_of("entities-1") == "القاهرة"


def test_show_command_page_contains_every_extracted_span(tmp_path):
    import pipeline

    article = tmp_path / "2023-03-12-cairo-health.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["show", str(article), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    p = parse(page)
    tables = pipeline.extract(TEXT, published="2023-03-12", doc_id=article.name)
    for table in ("entities", "dates", "numbers", "quotes"):
        for i, row in enumerate(tables[table]):
            assert TEXT[row["start"]:row["end"]] == row["text"]
            assert p.text_of(f"{table}-{i}") == row["text"], (table, row)
    assert "2023-03-12" in page  # the date in the file name is the publication date


def test_show_command_errors(tmp_path, capsys):
    assert main(["show", str(tmp_path / "missing.txt")]) == 2
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"id": "x", "text": "قال الوزير."}\n', encoding="utf-8")
    assert main(["show", str(jsonl), "--doc-id", "nope"]) == 2
    assert main(["show", str(jsonl), "--doc-id", "x"]) == 0
    assert 'dir="rtl"' in capsys.readouterr().out


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_screenshot_in_headless_chromium(tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium not installed (apt-get install chromium): no screenshot")
    from PIL import Image

    page = tmp_path / "page.html"
    page.write_text(render_html(TEXT, hand_rows(), title="صفحة اختبار"), encoding="utf-8")
    png = tmp_path / "shot.png"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1200,1600",
           page.as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=180, check=False)
    assert png.exists() and png.stat().st_size > 10_000, "chromium produced no screenshot"
    image = Image.open(png).convert("RGB")
    assert image.size == (1200, 1600)
    colors = {rgb for _, rgb in image.getcolors(maxcolors=1 << 24)}
    for css in ("#ffd6a5", "#a0c4ff", "#caffbf", "#fdffb6", "#9bf6ff"):  # PER ORG LOC date number
        rgb = tuple(int(css[k:k + 2], 16) for k in (1, 3, 5))
        assert rgb in colors, f"highlight colour {css} not in the screenshot"
