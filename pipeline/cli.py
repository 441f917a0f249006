"""Command line: ``python -m pipeline {run,extract,evaluate,train,show} …``.

Exit status of ``run``: 0 every document ok; 1 finished, some documents failed; 2 could not run
(bad arguments, no input, output not writable).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import sys
from pathlib import Path

from ._version import __version__

EXIT_OK, EXIT_SOME_FAILED, EXIT_CANNOT_RUN = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM

# evaluate/train subcommands: name -> module with add_arguments(parser) and run(args) -> int
EVALUATORS = {
    "ner": ("pipeline.evaluation.ner", "exact-span P/R/F1 of the NER stage on a `token TAG` file"),
    "quotes": ("pipeline.evaluation.quotes", "quote detection and speaker accuracy on standoff gold"),
    "news": ("pipeline.evaluation.news", "the four tables on real news against standoff gold"),
}
TRAINERS = {
    "ner": ("pipeline.training.ner", "train the shipped NER model (CRF, word clusters) from a config"),
}
# top-level commands implemented in their own module (add_arguments(parser), run(args) -> int)
COMMANDS = {
    "show": ("pipeline.show", "render one article's extractions as a right-to-left HTML page"),
}


def _iso_date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _at_least(low: int):
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if n < low:
            raise argparse.ArgumentTypeError(f"must be at least {low} (got {n})")
        return n
    return parse


def _seconds(value: str) -> float | None:
    """``--doc-timeout``: seconds above 0, or 0 / ``none`` for no limit."""
    if value.strip().lower() in ("0", "none", "off"):
        return None
    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not t > 0 or t == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, or 0 for no limit (got {value})")
    return t


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so that a run stops the way Ctrl-C stops it."""


def _terminate(signum, frame):
    raise Terminated()


def _cmd_run(args) -> int:
    from .batch import run
    from .batch.parts import OutputBusy
    from .io.readers import Fields

    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        print(f"error: no such input: {', '.join(missing)}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    fields = Fields()
    if args.text_field:
        fields.text = (args.text_field, *fields.text)
    if args.id_field:
        fields.id = (args.id_field, *fields.id)
    if args.date_field:
        fields.published = (args.date_field, *fields.published)
    try:
        manifest = run(
            args.inputs,
            args.output,
            fields=fields,
            max_chars=args.max_chars,
            progress=not args.quiet,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            force=args.force,
            published=args.published,
            part_docs=args.part_size,
            doc_timeout=args.doc_timeout,
        )
    except OutputBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except RuntimeError as exc:  # a worker process died (killed, out of memory) or the cluster failed
        print(f"error: the run stopped: {type(exc).__name__}: {exc}\n"
              "finished parts are kept: run the same command again to resume", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except OSError as exc:
        print(f"error: could not write {args.output}: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    ok, failed = manifest["documents_ok"], manifest["documents_failed"]
    counts = ", ".join(f"{k} {v}" for k, v in manifest["counts"].items())
    print(f"{ok + failed} documents: {ok} ok, {failed} failed | {counts} | {manifest['wall_seconds']} s -> {args.output}")
    for f in manifest["failed"][:10]:
        print(f"  failed: {f['doc_id']}: {f['error']}", file=sys.stderr)
    skipped = manifest["run"].get("inputs_skipped", [])
    if skipped:
        print(f"  {manifest['run']['inputs_skipped_count']} files or folders not read (listed in manifest.json, "
              "run.inputs_skipped):", file=sys.stderr)
        for s in skipped[:10]:
            print(f"  skipped: {s['path']}: {s['reason']}", file=sys.stderr)
    return EXIT_OK if failed == 0 else EXIT_SOME_FAILED


def _cmd_extract(args) -> int:
    from .api import extract

    if args.text is None:
        from .io.readers import read_stdin

        item = read_stdin(args.doc_id or "stdin")
        if item.error:
            print(f"error: {item.error}", file=sys.stderr)
            return EXIT_CANNOT_RUN
    text = args.text if args.text is not None else item.text
    tables = extract(text, published=args.published, doc_id=args.doc_id)
    json.dump(tables, sys.stdout, ensure_ascii=False, indent=2 if args.indent else None, default=str)
    sys.stdout.write("\n")
    return EXIT_OK if tables["documents"][0]["status"] == "ok" else EXIT_SOME_FAILED


def _chosen(argv: list[str]) -> list[str]:
    """The words of ``argv`` that name the command (and the kind of ``evaluate``/``train``)."""
    return [a for a in argv if not a.startswith("-")][:2]


def _lazy(parser: argparse.ArgumentParser, module: str, chosen: bool) -> None:
    """The options of a command implemented in ``module`` (``add_arguments(parser)``,
    ``run(args)``). The module is imported only when the command is the one that runs (its
    ``--help`` included); an import error is never hidden."""
    if chosen:
        importlib.import_module(module).add_arguments(parser)
    parser.set_defaults(func=lambda a: _clear_errors(importlib.import_module(module).run, a))


def _clear_errors(run, args) -> int:
    """A command's missing, unreadable or malformed file is one line on stderr and exit 2, not a traceback."""
    try:
        return run(args)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        name = getattr(exc, "filename", None)
        if isinstance(exc, OSError) and exc.strerror and name:
            what = f"{exc.strerror}: {name}"
        elif isinstance(exc, UnicodeDecodeError):
            what = f"{getattr(args, 'gold', None) or 'an input file'}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        else:
            what = f"{type(exc).__name__}: {exc}"
        print(f"error: {what}", file=sys.stderr)
        return EXIT_CANNOT_RUN


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv`` (default ``sys.argv[1:]``): only the module of the command that
    ``argv`` names is imported."""
    words = _chosen(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(prog="python -m pipeline", description="Arabic news extraction pipeline")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="process files/folders of articles into tables")
    r.add_argument("inputs", nargs="+", help=".txt, .html, .jsonl, .csv files or folders (recursive)")
    r.add_argument("-o", "--output", default="data/processed", help="output folder (default: data/processed)")
    r.add_argument("--max-chars", type=_at_least(1), default=1_000_000, help="refuse longer documents (default 1,000,000)")
    r.add_argument("--text-field", help="name of the text field in .jsonl/.csv input")
    r.add_argument("--id-field", help="name of the id field in .jsonl/.csv input")
    r.add_argument("--date-field", help="name of the publication-date field in .jsonl/.csv input")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    r.add_argument("--workers", type=_at_least(1), default=os.cpu_count() or 1,
                   help="worker processes (default: the number of cores); dask: LocalCluster workers")
    r.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or a Dask cluster (default: local)")
    r.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster on 127.0.0.1)")
    r.add_argument("--force", action="store_true",
                   help="reprocess every document (default: resume, skipping documents already done)")
    r.add_argument("--published", metavar="DATE", type=_iso_date,
                   help="publication date (YYYY-MM-DD) for inputs that carry none")
    r.add_argument("--part-size", type=_at_least(1), default=256, metavar="N",
                   help="documents per part file and per task (default 256)")
    r.add_argument("--doc-timeout", type=_seconds, default=60.0, metavar="SECONDS",
                   help="seconds one document may take; past it the document is an error row naming the stage "
                        "and the run goes on (default 60; 0 = no limit)")
    r.set_defaults(func=_cmd_run)

    e = sub.add_parser("extract", help="one text from stdin (or --text) -> JSON of all its records")
    e.add_argument("--text", help="the text (default: read stdin)")
    e.add_argument("--published", help="publication date, ISO 8601 (anchors relative dates)")
    e.add_argument("--doc-id", help="document id for the records")
    e.add_argument("--indent", action="store_true", help="pretty-print the JSON")
    e.set_defaults(func=_cmd_extract)

    for name, table, helptext in (("evaluate", EVALUATORS, "evaluate a stage on gold data"),
                                  ("train", TRAINERS, "train a model")):
        sp = sub.add_parser(name, help=helptext)
        ssub = sp.add_subparsers(dest="kind", required=True)
        for kind, (module, h) in table.items():
            _lazy(ssub.add_parser(kind, help=h), module, words == [name, kind])
    for name, (module, helptext) in COMMANDS.items():
        _lazy(sub.add_parser(name, help=helptext), module, words[:1] == [name])
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return EXIT_CANNOT_RUN
    if threading_main():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.func(args)
    except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: the workers are stopped; no traceback
        terminated = isinstance(exc, Terminated)
        print(f"\n{'terminated' if terminated else 'interrupted'} — run again to resume", file=sys.stderr)
        sys.stderr.flush()
        sys.stdout.flush()
        os._exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)  # no waiting on pool threads at exit


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    sys.exit(main())
