"""Throughput and memory of the pipeline on real news, against two reference points.

    .venv/bin/python benchmarks/throughput.py            # 5,000 articles (make bench)
    .venv/bin/python benchmarks/throughput.py --docs 1000 --sample 20   # quicker

Reads SaudiNewsNet articles from ``../shared/data/saudinewsnet/*.zip`` (a JSON array per zip,
fields ``content`` and ``date_extracted``; it exits with a message where ``../shared`` is absent),
writes them as JSONL files to a temporary folder and measures:

* end to end (``python -m pipeline run … --workers N --force``, a subprocess, so the figures include
  reading, the model load and writing the tables): words per second on the wall clock, words per
  CPU second of the workers (what one core does, whatever else the machine runs), peak RSS per
  worker, with 1 and 2 workers; peak RSS after 1,000 documents and at the end (flat = no growth
  with the number of inputs);
* per stage, in this process (CPU time, as for the two below), on the first ``--stage-docs`` articles: tokenizer with norms and
  sentences, each component of ``pipeline.load()``, then records + part files + consolidated tables;
* on the same ``--sample`` articles: the pipeline, ``dateparser.search_dates(text, languages=['ar'])``
  and a BERT-base token classifier forward pass on CPU (``transformers.BertForTokenClassification``,
  random weights, 12 layers, hidden 768, vocabulary 64,000, 9 labels: the shape of CAMeL Tools' NER
  model; each article truncated to 512 tokens, counting one token per word, which flatters BERT).

Every figure uses the pipeline's word count (``documents.n_words``: tokens that are not spaces or
punctuation). It prints one table and writes it to ``benchmarks/results/throughput.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "saudinewsnet"
RESULTS = REPO / "benchmarks" / "results" / "throughput.md"
TARGETS = {"one_core": 10_000, "scaling": 1.8, "rss_mb": 1024, "bert_ratio": 100}


def load_articles(n: int) -> list[dict]:
    """The first ``n`` articles with text, zips in name order."""
    out: list[dict] = []
    for path in sorted(SHARED.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                for k, art in enumerate(json.loads(zf.read(name))):
                    text = art.get("content")
                    if not isinstance(text, str) or not text.strip():
                        continue
                    out.append({"id": f"{path.stem}/{k}", "text": text, "title": art.get("title"),
                                "published": art.get("date_extracted"), "source": art.get("source"),
                                "url": art.get("url")})
                    if len(out) >= n:
                        return out
    return out


def write_jsonl(articles: list[dict], folder: Path, per_file: int = 250) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(articles), per_file):
        with open(folder / f"saudinewsnet-{start // per_file:04d}.jsonl", "w", encoding="utf-8") as f:
            for art in articles[start:start + per_file]:
                f.write(json.dumps(art, ensure_ascii=False) + "\n")
    return folder


def end_to_end(src: Path, out: Path, workers: int, part_size: int) -> dict:
    cmd = [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(out), "-q", "--force",
           "--workers", str(workers), "--part-size", str(part_size)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"run failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    run = manifest["run"]
    words = run["words_processed"]
    return {
        "workers": workers,
        "docs": run["documents_processed"],
        "words": words,
        "wall": wall,
        "wps_wall": words / wall,
        "wps_processing": words / run["processing_seconds"] if run["processing_seconds"] else float("nan"),
        "wps_cpu": words / run["cpu_seconds"] if run["cpu_seconds"] else float("nan"),
        "rss": max(run["workers_peak_rss_mb"].values()),
        "main_rss": run["main_peak_rss_mb"],
        "trail": run["rss_trail"],
        "failed": manifest["documents_failed"],
    }


def rss_after(trail: list[list], docs: int) -> tuple[int, float]:
    """(documents done, peak RSS of the worker) at the first part that took the run past ``docs``."""
    for n, rss in trail:
        if n >= docs:
            return n, rss
    return trail[-1][0], trail[-1][1]


def nlp_once():
    import pipeline

    if not hasattr(nlp_once, "nlp"):
        nlp_once.nlp = pipeline.load()
    return nlp_once.nlp


def stages(articles: list[dict], outdir: Path) -> tuple[list[tuple[str, float]], int, float]:
    """(stage, seconds) for each part of the pipeline on these articles, the words, the wall time.
    numpy's BLAS is kept to one thread, as in the batch workers (one core)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _stages(articles, outdir)


def _stages(articles: list[dict], outdir: Path) -> tuple[list[tuple[str, float]], int, float]:
    from pipeline.batch import PartStore, consolidate, make_doc
    from pipeline.io.writers import write_table
    from pipeline.records import TABLES, doc_rows, document_row

    nlp = nlp_once()
    warm = [make_doc(nlp, a["text"], a["published"], a["id"]) for a in articles[:20]]
    list(nlp.pipe(warm))  # caches (lexemes, lexicons) as in a long run
    times: list[tuple[str, float]] = []
    t = time.process_time()
    docs = [make_doc(nlp, a["text"], a["published"], a["id"]) for a in articles]
    tokenize = time.process_time() - t
    for name, proc in nlp.pipeline:
        t = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=32))
        else:
            docs = [proc(d) for d in docs]
        elapsed = time.process_time() - t
        if name == "arabic_sentences":
            tokenize += elapsed
        else:
            times.append((name, elapsed))
    times.insert(0, ("normalize + tokenize + sentences", tokenize))
    t = time.process_time()
    tables = {table: [] for table in TABLES}
    for pos, (art, doc) in enumerate(zip(articles, docs, strict=True)):
        rows = doc_rows(doc, art["id"])
        rows["documents"] = [document_row(doc, doc_id=art["id"], status="ok")]
        for table, items in rows.items():
            for row in items:
                row["_pos"] = pos
            tables[table].extend(items)
    store = PartStore(outdir)
    for table in TABLES:
        store.write(table, "bench", tables[table])
    placement = {"bench": {k: k for k in range(len(articles))}}
    for table in TABLES:
        write_table(outdir, table, consolidate(store, placement, table))
    times.append(("writing (records, part files, consolidated CSV + Parquet)", time.process_time() - t))
    words = sum(r["n_words"] for r in tables["documents"])
    return times, words, sum(s for _, s in times)


def sample_words(articles: list[dict]) -> list[int]:
    from pipeline.batch import make_doc
    from pipeline.records import document_row

    nlp = nlp_once()
    return [document_row(make_doc(nlp, a["text"]))["n_words"] for a in articles]


def pipeline_on(articles: list[dict]) -> float:
    """Seconds for the whole pipeline (records included) on these articles, in this process."""
    from threadpoolctl import threadpool_limits

    from pipeline.batch import process_stream
    from pipeline.io.readers import InputDoc

    nlp = nlp_once()
    items = [InputDoc(doc_id=a["id"], text=a["text"], input=a["id"], published=a["published"]) for a in articles]
    with threadpool_limits(limits=1):  # one core, as in the batch workers
        list(process_stream(nlp, items[:5]))
        t = time.process_time()
        list(process_stream(nlp, items))
        return time.process_time() - t


def dateparser_on(articles: list[dict]) -> float:
    from dateparser.search import search_dates

    search_dates("قال الوزير يوم الاثنين 20 يونيو 2022", languages=["ar"])  # load the language data
    t = time.process_time()
    for a in articles:
        search_dates(a["text"], languages=["ar"])
    return time.process_time() - t


def bert_on(words: list[int]) -> tuple[float, int]:
    """Seconds for BERT-base token classification over the articles (one token per word, at most
    510 plus [CLS] and [SEP]), and the words that fit."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    torch.set_num_threads(1)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=64_000, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                        intermediate_size=3072, max_position_embeddings=512, num_labels=9)
    model = BertForTokenClassification(config).eval()
    covered = 0
    with torch.inference_mode():
        model(input_ids=torch.randint(0, 64_000, (1, 64)))
        t = time.process_time()
        for n in words:
            n = max(1, min(n, 510))
            covered += n
            model(input_ids=torch.randint(0, 64_000, (1, n + 2))).logits.argmax(-1)
        return time.process_time() - t, covered


def fmt(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def stages_only(args) -> int:
    """The per-stage rows alone (``--stages-only``)."""
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the benchmark reads SaudiNewsNet from ../shared)")
        return 0
    articles = load_articles(args.stage_docs)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        times, words, total = stages(articles, Path(tmp))
    slowest = max(times, key=lambda x: x[1])
    rows = [(f"stage: {name}: words per CPU-second", fmt(words / secs) if secs else "∞",
             f"{100 * secs / total:.0f}% of the time" + (" (slowest)" if name == slowest[0] else ""))
            for name, secs in times]
    rows.append((f"all stages, {len(articles):,} articles: words per CPU-second", fmt(words / total),
                 f"{words:,} words, {total:.1f} CPU-s"))
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure':<{width}} | value | remark |", f"|{'-' * (width + 2)}|------:|--------|"]
    lines += [f"| {m:<{width}} | {v} | {r} |" for m, v, r in rows]
    print("\n".join(lines))
    if args.results is not None:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=5000, help="articles for the end-to-end runs (default 5000)")
    ap.add_argument("--stage-docs", type=int, default=300, help="articles for the per-stage timing (default 300)")
    ap.add_argument("--sample", type=int, default=30, help="articles for the pipeline, dateparser and BERT side by side (default 30)")
    ap.add_argument("--rss-at", type=int, default=1000, help="report peak RSS after this many documents")
    ap.add_argument("--workers", default="1,2", help="worker counts for the end-to-end runs (default 1,2)")
    ap.add_argument("--part-size", type=int, default=256)
    ap.add_argument("--no-bert", action="store_true", help="skip the BERT stand-in")
    ap.add_argument("--stages-only", action="store_true",
                    help="only the per-stage timing on --stage-docs articles, in this process (one core; "
                         "no end-to-end runs, no dateparser or BERT); the table is printed, not written "
                         "unless --results is given")
    ap.add_argument("--results", type=Path, default=None, help=f"markdown file to write (default {RESULTS.relative_to(REPO)})")
    args = ap.parse_args(argv)
    if args.stages_only:
        return stages_only(args)
    args.results = args.results or RESULTS

    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the benchmark reads SaudiNewsNet from ../shared)")
        return 0
    t_start = time.perf_counter()
    articles = load_articles(args.docs)
    if len(articles) < args.docs:
        print(f"note: only {len(articles)} articles with text in {SHARED}")
    print(f"{len(articles)} articles from {SHARED}", file=sys.stderr)
    rows: list[tuple[str, str, str]] = []  # measure, value, target/remark

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        src = write_jsonl(articles, tmp / "in")
        e2e = {}
        for w in [int(x) for x in args.workers.split(",")]:
            print(f"end to end, {w} worker(s)…", file=sys.stderr)
            e2e[w] = end_to_end(src, tmp / f"out{w}", w, args.part_size)
        one = e2e.get(1)
        for w, r in e2e.items():
            rows.append((f"end to end, {w} worker{'s' if w > 1 else ''}: words/s (wall, incl. start-up)",
                         fmt(r["wps_wall"]), f"{r['docs']:,} docs, {r['words']:,} words, {r['wall']:.0f} s"))
            rows.append((f"end to end, {w} worker{'s' if w > 1 else ''}: words/s (processing)",
                         fmt(r["wps_processing"]), "model loaded, reading to last part written"))
            rows.append((f"end to end, {w} worker{'s' if w > 1 else ''}: words per CPU-second per worker",
                         fmt(r["wps_cpu"]), f"one core; target ≥ {TARGETS['one_core']:,}"
                         + (" ✓" if r["wps_cpu"] >= TARGETS["one_core"] else " ✗")))
            rows.append((f"end to end, {w} worker{'s' if w > 1 else ''}: peak RSS per worker (MB)",
                         fmt(r["rss"]), f"target < {TARGETS['rss_mb']:,}" + (" ✓" if r["rss"] < TARGETS["rss_mb"] else " ✗")))
        if one and 2 in e2e:
            for kind in ("wps_wall", "wps_processing"):
                ratio = e2e[2][kind] / one[kind]
                rows.append((f"2 workers / 1 worker ({'wall' if kind == 'wps_wall' else 'processing'})",
                             f"{ratio:.2f}×", f"target ≥ {TARGETS['scaling']}×" + (" ✓" if ratio >= TARGETS["scaling"] else " ✗")))
        if one:
            at, a = rss_after(one["trail"], args.rss_at)
            b = one["trail"][-1][1]
            rows.append((f"peak RSS, 1 worker, after {at:,} / {one['docs']:,} documents (MB)",
                         f"{fmt(a)} / {fmt(b)}", f"growth {b - a:+.0f} MB" + (" ✓ flat" if b - a < 50 else " ✗")))

        print(f"per stage on {args.stage_docs} articles…", file=sys.stderr)
        times, words, total = stages(articles[: args.stage_docs], tmp / "stages")
        slowest = max(times, key=lambda x: x[1])
        for name, secs in times:
            rows.append((f"stage: {name}: words per CPU-second", fmt(words / secs) if secs else "∞",
                         f"{100 * secs / total:.0f}% of the time" + (" (slowest)" if name == slowest[0] else "")))

        sample = articles[: args.sample]
        print(f"pipeline, dateparser, BERT on {len(sample)} articles…", file=sys.stderr)
        n_words = sample_words(sample)
        sw = sum(n_words)
        ours = sw / pipeline_on(sample)
        rows.append((f"same {len(sample)} articles: pipeline (one process) words per CPU-second", fmt(ours), f"{sw:,} words"))
        dp = sw / dateparser_on(sample)
        rows.append(("same articles: dateparser.search_dates(languages=['ar']) words per CPU-second", fmt(dp),
                     f"pipeline / dateparser = {ours / dp:,.2f}× (all stages vs dates only)"))
        if not args.no_bert:
            secs, covered = bert_on(n_words)
            bert = covered / secs
            rows.append(("same articles: BERT-base token classification (1 thread) words per CPU-second", fmt(bert),
                         f"pipeline {ours / bert:,.0f}× faster (one process); target ≥ {TARGETS['bert_ratio']}×"
                         + (" ✓" if ours / bert >= TARGETS["bert_ratio"] else " ✗")))
            if one:
                ratio = one["wps_cpu"] / bert
                rows.append(("end to end, 1 worker, words per CPU-second / BERT", f"{ratio:,.0f}×",
                             f"target ≥ {TARGETS['bert_ratio']}×" + (" ✓" if ratio >= TARGETS["bert_ratio"] else " ✗")))

    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure':<{width}} | value | remark |", f"|{'-' * (width + 2)}|------:|--------|"]
    lines += [f"| {m:<{width}} | {v} | {r} |" for m, v, r in rows]
    table = "\n".join(lines)
    print(table)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()
    header = (
        f"# Throughput and memory\n\n"
        f"`{' '.join(['benchmarks/throughput.py', *(argv if argv is not None else sys.argv[1:])])}` — "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
        f"(other jobs on the machine slow the wall-clock figures; words per CPU-second do not depend on them), "
        f"{len(articles):,} SaudiNewsNet articles, total {time.perf_counter() - t_start:.0f} s. "
        f"Slowest stage: **{slowest[0]}**. Benchmark process peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB (includes BERT).\n\n"
    )
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(header + table + "\n", encoding="utf-8")
    print(f"\nslowest stage: {slowest[0]}; written to {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
