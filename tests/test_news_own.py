"""Our own NER annotations (data/train/news_own/, pipeline/training/news_own.py): the file loads, its
spans align with the text on whole tokens, its labels are the model's, and training includes it."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from pipeline.training import fane as F
from pipeline.training import news_own as O


@pytest.fixture(scope="module")
def records():
    return O.read_records()


@pytest.fixture(scope="module")
def sentences():
    return O.read_news_own()


def test_file_loads_with_its_documented_counts(records, sentences):
    assert len(records) == len(sentences) == 701
    assert Counter(r["source"] for r in records) == {"ant": 558, "wikinews": 143}
    labels = Counter(e[2] for r in records for e in r["entities"])
    assert labels == {"ORG": 1376, "PER": 463, "LOC": 420, "MISC": 110}
    assert sum(len(w) for w, _ in sentences) == 25_676  # words as the pipeline tokenizes them (a glued dash is its own token since ba8d236)
    assert len({r["id"] for r in records}) == len(records)  # ids unique


def test_spans_are_the_text_and_labels_known(records):
    for r in records:
        prev = 0
        for start, end, label, text in r["entities"]:
            assert r["text"][start:end] == text
            assert label in O.LABELS and label in ("PER", "ORG", "LOC", "MISC")
            assert start >= prev
            prev = end


def test_bio_tags_cover_exactly_the_spans(records, sentences):
    """Each span becomes one B- and I-s on the words it covers; every entity survives tokenization."""
    for r, (words, tags) in zip(records, sentences, strict=True):
        assert len(words) == len(tags)
        assert F.well_formed(tags) == tags
        got = Counter(lab for _, _, lab in F._spans(tags))
        assert got == Counter(e[2] for e in r["entities"]), r["id"]
        joined = "".join(words)
        for _, _, _, text in r["entities"]:
            assert "".join(text.split()) in joined


def test_proclitic_stays_inside_the_word():
    rec = {"id": "t", "source": "ant", "text": "وأكدت وزارة الداخلية بتونس الخبر.",
           "entities": [[6, 21, "ORG", "وزارة الداخلية"], [22, 27, "LOC", "بتونس"]]}
    words, tags = O.to_bio(rec)
    assert words == ["وأكدت", "وزارة", "الداخلية", "بتونس", "الخبر", "."]
    assert tags == ["O", "B-ORG", "I-ORG", "B-LOC", "O", "O"]


def test_bad_records_are_refused(tmp_path):
    good = {"id": "a", "source": "ant", "text": "زار الوفد تونس.", "entities": [[10, 14, "LOC", "تونس"]]}
    for bad in ({**good, "entities": [[9, 14, "LOC", "تونس"]]},      # offsets off the text
                {**good, "entities": [[10, 14, "GPE", "تونس"]]},     # unknown label
                {**good, "entities": [[10, 14, "LOC", "تونس"], [4, 9, "ORG", "الوفد"]]}):  # unsorted
        p = tmp_path / "x.jsonl"
        p.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(bad, ensure_ascii=False) + "\n",
                     encoding="utf-8")
        with pytest.raises(ValueError, match=":2:"):
            O.read_records(p)


def test_training_sets_include_it_with_repetition(monkeypatch, tmp_path, sentences):
    """training_sets adds the own sentences (``own_repeat`` copies) when "news_own" is a source, and
    not otherwise; the corpora readers are stubbed so that no ../shared file is needed."""
    one = (["زار", "الوفد", "تونس"], ["O", "O", "B-LOC"])
    monkeypatch.setattr(F, "read_fane", lambda path: [one])
    monkeypatch.setattr(F, "read_conll_plain", lambda path: [one])
    own = sentences[:5]
    base, _, _ = F.training_sets(tmp_path, [], sources=("wikifane",))
    with_own, _, info = F.training_sets(tmp_path, [], sources=("wikifane", "news_own"), own=own, own_repeat=3)
    assert len(with_own) == len(base) + 3 * len(own)
    assert info["news_own"] == {"sentences": 5, "repeat": 3}
    assert [w for w, _ in with_own[len(base):len(base) + 5]] == [w for w, _ in own]
    without, _, _ = F.training_sets(tmp_path, [], sources=("wikifane",), own=own, own_repeat=3)
    assert len(without) == len(base)


def test_config_reads_the_file(monkeypatch):
    """news_training_data reads data.news_own when "news_own" is in data.sources."""
    from pipeline.training import ner as N

    seen = {}

    def fake_sets(data, wojood, sources, loc_heads=True, generic=True, own=None, own_repeat=1):
        seen.update(sources=sources, own=len(own or []), repeat=own_repeat)
        return [], [], {}

    monkeypatch.setattr(F, "training_sets", fake_sets)
    N.news_training_data({"shared": "../shared/data", "sources": ["wikifane", "news_own"],
                          "news_own": "data/train/news_own/sentences.jsonl", "news_own_repeat": 2})
    assert seen == {"sources": ("wikifane", "news_own"), "own": 701, "repeat": 2}
