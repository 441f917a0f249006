"""Property of the quotes stage over 2,000 SaudiNewsNet articles (slow; skipped where ../shared is
absent): no speaker is only punctuation, starts with a speech verb or a particle, or is a strict
part of an entity mention of the same document."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "saudinewsnet"
N_ARTICLES = 2000


def _articles(limit: int) -> list[str]:
    """The first ``limit`` SaudiNewsNet articles, read as the quotes benchmark reads them."""
    spec = importlib.util.spec_from_file_location("quotes_speed", Path(__file__).resolve().parents[1] / "benchmarks" / "quotes_speed.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.articles(limit)


@pytest.mark.slow
def test_speakers_are_noun_phrases_and_never_part_of_a_name():
    if not DATA.exists():
        pytest.skip(f"../shared absent ({DATA}): the property test needs SaudiNewsNet")
    import pipeline
    from pipeline.quotes.lexicon import in_class, is_stop, verb_of
    from pipeline.quotes.speakers import name_bounds

    nlp = pipeline.load()
    bad = []
    for doc in nlp.pipe(_articles(N_ARTICLES), batch_size=32):
        # an entity's name: without a speech verb, an organization or a preposition it swallowed
        ents = []
        for e in doc.ents:
            a, b = name_bounds(doc, e)
            while b - a > 1 and is_stop(doc[a].text):
                a += 1
            ents.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1])))
        for q in doc.spans["quotes"]:
            sp = q._.speaker
            if not sp:
                continue
            a, b = q._.speaker_start, q._.speaker_end
            words = [t for t in doc.char_span(a, b, alignment_mode="expand") if not (t.is_punct or t.is_space)]
            if not words:
                bad.append(("punctuation", sp))
                continue
            first = words[0]
            if verb_of(first.norm_) is not None and not first.norm_.startswith("ال"):
                bad.append(("speech verb", sp))
            elif in_class(first.norm_, "particle") or is_stop(first.text):
                bad.append(("particle", sp))
            elif any(s <= a and b <= e and (s, e) != (a, b) and not (b == e and a - s <= 2) for s, e in ents):
                # (a speaker that leaves out only a proclitic glued to the mention is the mention)
                bad.append(("part of an entity", sp))
    assert not bad, (len(bad), bad[:20])
