"""``python -m pipeline show ARTICLE [--html OUT.html]``: one document's extractions as a
self-contained right-to-left HTML page, for checking results by eye.

Quotes are a layer of their own (underlined, shaded), entities, dates and numbers are inline marks
inside it; a speaker is outlined. Spans are nested properly: a span that crosses another is cut
into pieces that share its ``data-span`` id. Every mark carries its type and attributes in a
``title`` tooltip; a legend and a list of every extraction follow the text. Everything is
HTML-escaped. ``render_html(text, tables)`` renders rows that are already computed (the notebook
uses it on the written tables).
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from pathlib import Path

# layer order: a lower rank is the outer element when two spans cover the same text
LAYERS = {"quotes": 0, "speaker": 1, "dates": 2, "entities": 3, "numbers": 4}
LEGEND = [
    ("ent-PER", "شخص", "PER person"),
    ("ent-ORG", "منظمة", "ORG organization"),
    ("ent-LOC", "مكان", "LOC place"),
    ("ent-MISC", "أخرى", "MISC other"),
    ("date", "تاريخ", "date"),
    ("number", "عدد", "number"),
    ("quote", "اقتباس", "quote"),
    ("speaker", "متحدث", "speaker"),
]
ATTRIBUTES = {
    "entities": ("label", "canonical", "entity_id"),
    "dates": ("value", "granularity", "calendar", "kind", "hijri"),
    "numbers": ("value", "value_max", "kind", "unit", "modifier"),
    "quotes": ("quote_id", "kind", "speaker", "speaker_role", "speaker_org", "speaker_honorific",
               "speaker_entity_id", "cue", "linked_to"),
}
CSS = """
body { font-family: "DejaVu Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Arial", sans-serif;
       margin: 2em auto; max-width: 60em; line-height: 2.3; color: #222; background: #fff; }
h1 { font-size: 1.4em; line-height: 1.5; overflow-wrap: anywhere; }
.meta { color: #555; font-size: .9em; }
.text { white-space: pre-wrap; font-size: 1.15em; border: 1px solid #ddd; padding: 1em 1.2em; }
mark, .quote, .speaker { border-radius: 3px; }
mark { padding: 0 .1em; color: inherit; }
.ent-PER { background: #ffd6a5; } .ent-ORG { background: #a0c4ff; } .ent-LOC { background: #caffbf; }
.ent-MISC { background: #e4c1f9; } .date { background: #fdffb6; box-shadow: inset 0 -2px #c9b800; }
.number { background: #9bf6ff; box-shadow: inset 0 -2px #00a6b8; }
.quote { background: #f3f3f3; border-bottom: 3px solid #d62828; }
.speaker { outline: 2px dashed #d62828; outline-offset: 1px; }
[data-badge]::before { content: attr(data-badge); font-size: .65em; color: #fff; background: #d62828;
       border-radius: 3px; padding: 0 .3em; margin-inline-end: .2em; vertical-align: super;
       display: inline-block; line-height: 1.3; white-space: nowrap; }
.legend span.key { display: inline-block; margin-inline-end: 1em; padding: 0 .4em; }
table { border-collapse: collapse; margin-top: 1em; font-size: .9em; line-height: 1.5; }
td, th { border: 1px solid #ddd; padding: .2em .5em; text-align: start; vertical-align: top; }
th { background: #f6f6f6; }
td.t { min-width: 10em; } td { max-width: 24em; overflow-wrap: anywhere; }
.rows { overflow-x: auto; max-width: 100%; }
"""


@dataclass
class Mark:
    id: str
    layer: str
    start: int
    end: int
    css: str
    title: str
    badge: str | None = None


def _present(value) -> bool:
    if value is None:
        return False
    try:
        if value != value:  # NaN / NA
            return False
    except (TypeError, ValueError):
        return False
    return str(value) != ""


def _fmt(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _tooltip(kind: str, row: dict, cols: tuple[str, ...]) -> str:
    parts = [f"{kind}: {row.get('text', '')}"]
    parts += [f"{c}: {_fmt(row[c])}" for c in cols if _present(row.get(c))]
    return "\n".join(parts)


def marks_of(text: str, tables: dict[str, list[dict]]) -> list[Mark]:
    """The highlight marks of one document's rows (rows whose offsets do not fit are left out)."""
    marks: list[Mark] = []

    def fits(s, e) -> bool:
        return _present(s) and _present(e) and 0 <= int(s) < int(e) <= len(text)

    for i, row in enumerate(tables.get("entities", [])):
        if fits(row.get("start"), row.get("end")):
            label = str(row.get("label") or "MISC")
            marks.append(Mark(f"entities-{i}", "entities", int(row["start"]), int(row["end"]),
                              f"ent-{label}" if label in {"PER", "ORG", "LOC"} else "ent-MISC",
                              _tooltip("entity", row, ATTRIBUTES["entities"])))
    for group, css in (("dates", "date"), ("numbers", "number")):
        for i, row in enumerate(tables.get(group, [])):
            if fits(row.get("start"), row.get("end")):
                marks.append(Mark(f"{group}-{i}", group, int(row["start"]), int(row["end"]), css,
                                  _tooltip(css, row, ATTRIBUTES[group])))
    speakers: dict[tuple[int, int], list[str]] = {}  # one mark per speaker mention, all its quotes
    for i, row in enumerate(tables.get("quotes", [])):
        qid = str(row.get("quote_id") or f"q{i + 1}")
        speaker = str(row["speaker"]) if _present(row.get("speaker")) else "?"
        if fits(row.get("start"), row.get("end")):
            marks.append(Mark(f"quotes-{i}", "quotes", int(row["start"]), int(row["end"]), "quote",
                              _tooltip("quote", row, ATTRIBUTES["quotes"]), badge=f"{qid} · {speaker}"))
        if fits(row.get("speaker_start"), row.get("speaker_end")):
            speakers.setdefault((int(row["speaker_start"]), int(row["speaker_end"])), []).append(qid)
    for k, ((s, e), qids) in enumerate(sorted(speakers.items())):
        marks.append(Mark(f"speaker-{k}", "speaker", s, e, "speaker",
                          f"speaker: {text[s:e]}\nquotes: {', '.join(qids)}", badge=" ".join(qids)))
    return marks


def _open_tag(m: Mark, first: bool) -> str:
    tag = "span" if m.layer in ("quotes", "speaker") else "mark"
    badge = f' data-badge="{html.escape(m.badge)}"' if first and m.badge else ""
    return (f'<{tag} class="{m.css}" data-span="{m.id}" data-layer="{m.layer}"'
            f' title="{html.escape(m.title)}"{badge}>')


def _close_tag(m: Mark) -> str:
    return "</span>" if m.layer in ("quotes", "speaker") else "</mark>"


def highlight(text: str, marks: list[Mark]) -> str:
    """The escaped text with the marks as well-nested elements; crossing marks are cut in pieces."""
    order = {m.id: (m.start, -m.end, LAYERS[m.layer], m.id) for m in marks}
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    points = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[str] = set()
    for a, b in zip(points, points[1:], strict=False):
        # close what ends at a; reopen what was above it and goes on
        ending = [i for i, m in enumerate(stack) if m.end <= a]
        if ending:
            cut = ending[0]
            for m in reversed(stack[cut:]):
                out.append(_close_tag(m))
            reopen = [m for m in stack[cut:] if m.end > a]
            del stack[cut:]
            for m in reopen:
                out.append(_open_tag(m, False))
                stack.append(m)
        for m in sorted(starts.get(a, []), key=lambda m: order[m.id]):
            out.append(_open_tag(m, m.id not in opened))
            opened.add(m.id)
            stack.append(m)
        out.append(html.escape(text[a:b]))
    for m in reversed(stack):
        out.append(_close_tag(m))
    return "".join(out)


TEXT_CELL = ' class="t"'


def _rows_table(name: str, rows: list[dict], cols: tuple[str, ...]) -> str:
    if not rows:
        return f"<h3>{html.escape(name)} (0)</h3>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ("start", "end", "text", *cols))
    body = []
    for r in rows:
        cells = [r.get("start"), r.get("end"), r.get("text"), *(r.get(c) for c in cols)]
        body.append("<tr>" + "".join(
            f'<td dir="auto"{TEXT_CELL if k == 2 else ""}>{html.escape(_fmt(v)) if _present(v) else ""}</td>'
            for k, v in enumerate(cells)) + "</tr>")
    return (f"<h3>{html.escape(name)} ({len(rows)})</h3>"
            f'<div class="rows"><table><tr>{head}</tr>{"".join(body)}</table></div>')


def render_html(text: str, tables: dict[str, list[dict]], title: str | None = None,
                doc_id: str | None = None, published: str | None = None) -> str:
    """A complete right-to-left HTML page of one document and its extracted rows."""
    tables = {k: list(v) for k, v in tables.items()}
    marks = marks_of(text, tables)
    heading = title or doc_id or "مقال"
    meta = " · ".join(html.escape(str(x)) for x in (doc_id, published) if _present(x))
    counts = " · ".join(f"{name}: {len(tables.get(name, []))}" for name in ATTRIBUTES)
    legend = "".join(
        f'<span class="key {css}" title="{html.escape(en)}">{html.escape(ar)} <bdi>{html.escape(en)}</bdi></span>'
        for css, ar, en in LEGEND
    )
    lists = "".join(_rows_table(name, tables.get(name, []), cols) for name, cols in ATTRIBUTES.items())
    return (
        '<!DOCTYPE html>\n<html dir="rtl" lang="ar">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(heading)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1><bdi>{html.escape(heading)}</bdi></h1>\n"
        f'<p class="meta"><bdi>{meta}</bdi> — <bdi>{html.escape(counts)}</bdi></p>\n'
        f'<p class="legend">{legend}</p>\n'
        f'<div class="text">{highlight(text, marks)}</div>\n'
        f"<h2>الاستخراجات <bdi>(extractions)</bdi></h2>\n{lists}\n</body>\n</html>\n"
    )


def read_article(path: str, doc_id: str | None = None):
    """One ``InputDoc`` from a file (``-``: stdin). In a .jsonl/.csv file, ``doc_id`` picks the
    row (default: the first)."""
    from .io.readers import read_inputs, read_stdin

    if path == "-":
        return read_stdin(doc_id or "stdin")  # decoded like a file; undecodable bytes are an error
    items = list(read_inputs([path]))
    if doc_id is None:
        return items[0] if items else None
    return next((it for it in items if it.doc_id == doc_id), None)


def add_arguments(parser) -> None:
    parser.add_argument("article", help="a .txt, .jsonl or .csv file (or - for stdin)")
    parser.add_argument("--html", metavar="OUT.html", help="write the page here (default: stdout)")
    parser.add_argument("--published", help="publication date, ISO 8601 (anchors relative dates)")
    parser.add_argument("--doc-id", help="which document of a .jsonl/.csv file (default: the first)")


def run(args) -> int:
    from .api import extract

    if args.article != "-" and not Path(args.article).is_file():
        print(f"error: no such file: {args.article}", file=sys.stderr)
        return 2
    item = read_article(args.article, args.doc_id)
    if item is None:
        which = f"document {args.doc_id!r}" if args.doc_id else "a document"
        print(f"error: {which} not found in {args.article}", file=sys.stderr)
        return 2
    if item.error or not item.text:
        print(f"error: {item.error or 'empty document'}", file=sys.stderr)
        return 2
    published = args.published or item.published
    tables = extract(item.text, published=published, doc_id=item.doc_id)
    page = render_html(item.text, tables, title=item.title, doc_id=item.doc_id, published=published)
    if args.html:
        out = Path(args.html)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
        counts = ", ".join(f"{k} {len(tables.get(k, []))}" for k in ATTRIBUTES)
        print(f"{out}: {counts}")
    else:
        sys.stdout.write(page)
    status = tables["documents"][0]["status"]
    return 0 if status == "ok" else 1
