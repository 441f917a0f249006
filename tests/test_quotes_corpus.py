"""Each speaker rule of the quotes stage against its own positive and negative sentences
(``tests/quotes_corpus/speakers.tsv``, written for these tests), through the whole pipeline: the
rules read the entities the NER stage finds."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "quotes_corpus" / "speakers.tsv"


def _rows(path: Path = CORPUS):
    """(text, expected) per row of a corpus file: rule, sign, text, expected."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rule, sign, text, expected = line.split("\t")
            yield pytest.param(text, expected, id=f"{rule}{sign}{hash(text) % 1000}")


@pytest.fixture(scope="module")
def nlp():
    import pipeline

    nlp = pipeline.load()
    nlp.select_pipes(disable=[n for n in ("dates", "numbers") if n in nlp.pipe_names])
    return nlp


@pytest.mark.parametrize(("text", "speaker"), list(_rows()))
def test_speaker_rule(nlp, text, speaker):
    doc = nlp(text)
    quotes = sorted(doc.spans["quotes"], key=lambda s: s.start_char)
    assert quotes, "no quotation found"
    got = quotes[-1]._.speaker
    assert (got or "-") == speaker
    if got:
        assert doc.text[quotes[-1]._.speaker_start:quotes[-1]._.speaker_end] == got


def test_seed_article_three_quotes_with_speakers_roles_and_organizations(nlp, shared):
    text = (shared / "samples" / "iom-cairo-2022-06-20.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    quotes = sorted(doc.spans["quotes"], key=lambda s: s.start_char)
    got = [(q._.kind, q._.speaker, q._.speaker_honorific) for q in quotes]
    assert got == [("direct", "كارميلا جودو", "السيدة"), ("direct", "نيفين الحسيني", "السفيرة"),
                   ("direct", "أيمن زهري", "البروفيسور")]
    assert quotes[0]._.speaker_org == "المنظمة الدولية للهجرة"
    assert quotes[1]._.speaker_org.startswith("وزارة الخارجية")
    assert quotes[2]._.speaker_org == "مركز دراسات الهجرة واللاجئين بالجامعة الأمريكية بالقاهرة"
    assert quotes[0]._.speaker_role.startswith("المديرة الإقليمية")
    assert quotes[1]._.speaker_role.startswith("نائبة مساعد وزير الخارجية")
    assert all(q._.speaker_entity_id for q in quotes)


DIRECT = Path(__file__).parent / "quotes_corpus" / "direct.tsv"


@pytest.mark.parametrize(("text", "quote"), list(_rows(DIRECT)))
def test_direct_rule(nlp, text, quote):
    doc = nlp(text)
    direct = [s.text for s in doc.spans["quotes"] if s._.kind == "direct"]
    assert direct == ([] if quote == "-" else [quote])


REPORTED = Path(__file__).parent / "quotes_corpus" / "reported.tsv"


@pytest.mark.parametrize(("text", "quotes"), list(_rows(REPORTED)))
def test_reported_rule(nlp, text, quotes):
    doc = nlp(text)
    got = [s.text for s in sorted(doc.spans["quotes"], key=lambda s: s.start_char) if s._.kind == "reported"]
    assert got == ([] if quotes == "-" else quotes.split(" | "))
