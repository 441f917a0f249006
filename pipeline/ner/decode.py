"""BIO-constrained Viterbi decoding and BIO tags to spans."""

from __future__ import annotations

from functools import lru_cache

LABELS = ("PER", "ORG", "LOC", "MISC")
LABEL_MAP = {"PERS": "PER"}

@lru_cache(maxsize=4)
def _allowed(labels: tuple[str, ...]) -> list[tuple[int, int] | None]:
    """For an I- tag, the indices of the two tags that may precede it (B-X, I-X); None for tags
    that may follow anything."""
    out: list[tuple[int, int] | None] = []
    for lab in labels:
        if lab.startswith("I-"):
            typ = lab[2:]
            b = labels.index(f"B-{typ}") if f"B-{typ}" in labels else labels.index(lab)
            out.append((b, labels.index(lab)))
        else:
            out.append(None)
    return out


def bio_viterbi(emit, labels: tuple[str, ...]) -> list[str]:
    """Best BIO-consistent tag sequence of per-word scores (``emit[t][k]`` for ``labels[k]``, e.g.
    log-probabilities): an I- tag only after a B- or I- tag of its type, never first."""
    if len(emit) == 0:
        return []
    k = len(labels)
    allowed = _allowed(labels)
    best = [s if allowed[j] is None else -1e18 for j, s in enumerate(emit[0])]
    back = []
    for e_t in emit[1:]:
        top = max(range(k), key=best.__getitem__)
        ptr = [top if a is None else (a[0] if best[a[0]] >= best[a[1]] else a[1]) for a in allowed]
        best = [best[i] + e for i, e in zip(ptr, e_t, strict=True)]
        back.append(ptr)
    j = max(range(k), key=best.__getitem__)
    path = [j]
    for ptr in reversed(back):
        j = ptr[j]
        path.append(j)
    return [labels[j] for j in reversed(path)]


def bio_spans(tags: list[str], label_map: dict[str, str] = LABEL_MAP) -> list[tuple[int, int, str]]:
    """(start, end, label) spans of BIO tags, conlleval style (an I- after O or another type
    starts a new entity); labels renamed by ``label_map`` (PERS -> PER; ``{}`` keeps them as
    written, for the training data's own label sets). Shared by the component, the evaluation and
    the training sets."""
    spans, start, label = [], None, None
    for k, tag in enumerate([*tags, "O"]):
        pos, _, lab = tag.partition("-")
        lab = label_map.get(lab, lab)
        if start is not None and (pos != "I" or lab != label):
            spans.append((start, k, label))
            start = None
        if pos in ("B", "I") and start is None:
            start, label = k, lab
    return spans
