"""Long texts parsed in pieces (nlp.parse): one Doc whose text and offsets are the article's."""
from __future__ import annotations

import pytest

from eventscope.model import Article, RawDoc
from eventscope.nlp import load, parse, pieces
from eventscope.options import Options
from eventscope.pipeline import Annotator

PARAGRAPHS = [
    "The foreign ministers of Chile and Peru met in Lima on Monday for round {k} of talks on the sea border.",
    "\u201cWe agreed to set up joint commission number {k},\u201d said Ricardo Palma, Peru's foreign minister.",
    "About {k}00 protesters gathered outside the ministry in Santiago, where police kept them behind barriers.",
    "Bolivia's president Juan Evo Quispe said on Tuesday that his country had asked {k} times for access to the sea.",
]


def long_text(rounds: int) -> str:
    return "\n".join(PARAGRAPHS[k % len(PARAGRAPHS)].format(k=k + 1) for k in range(rounds))


def test_pieces_join_back_and_cut_after_line_breaks() -> None:
    text = long_text(12)
    parts = pieces(text, 300)
    assert "".join(parts) == text
    assert len(parts) > 1 and all(len(p) <= 300 for p in parts)
    assert all(p.endswith("\n") for p in parts[:-1])


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence_then_a_space() -> None:
    para = "Talks went on. " * 30 + "x" * 50 + " " + "y" * 120
    parts = pieces(para, 100)
    assert "".join(parts) == para
    assert all(len(p) <= 100 for p in parts)
    assert parts[0].endswith("on. ")
    assert any(p == "y" * 100 for p in parts)  # a run with no space at all is cut at the size


def test_a_long_text_parses_in_pieces_into_one_doc_with_every_offset() -> None:
    nlp = load()
    text = long_text(40)
    doc = parse(nlp, text, piece_chars=500)
    assert doc.text == text
    for t in doc:
        assert text[t.idx:t.idx + len(t)] == t.text
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert "Ricardo Palma" in persons
    for e in doc.ents:
        assert text[e.start_char:e.end_char] == e.text
    # No sentence runs over a paragraph break, as with one whole parse.
    assert all("\n" not in s.text.strip() for s in doc.sents)


def test_a_text_under_the_size_is_parsed_as_before() -> None:
    nlp = load()
    text = long_text(8)
    whole, ours = nlp(text), parse(nlp, text, piece_chars=len(text))
    assert [(t.text, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in ours] == \
        [(t.text, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in whole]


def test_a_text_over_the_models_length_limit_is_annotated(monkeypatch: pytest.MonkeyPatch) -> None:
    # Cleaning would cut the repeated paragraphs of this text as page furniture: here it keeps them.
    monkeypatch.setattr("eventscope.pipeline.clean",
                        lambda raw, options=None: Article(id=raw.id, text=raw.body, origin=raw.origin))
    nlp = load()
    text = long_text(60)
    limit = nlp.max_length
    nlp.max_length = 3000  # spaCy refuses one Doc over this; the default (1M) would take a minute here
    try:
        with pytest.raises(ValueError):
            nlp(text)
        annotator = Annotator(Options(parse_piece_chars=2000))
        # One on its own and one in a batch with a short text (the batch's parse leaves it out).
        alone = annotator(RawDoc(body=text, kind="text", origin="long"))
        short, batched = annotator.pipe([RawDoc(body=PARAGRAPHS[1].format(k=1), kind="text", origin="short"),
                                         RawDoc(body=text, kind="text", origin="long")])
    finally:
        nlp.max_length = limit
    for article in (alone, batched):
        assert isinstance(article, Article) and article.text == text
        assert any(q.speaker is not None and q.speaker.name == "Ricardo Palma" for q in article.quotes)
        last = [q for q in article.quotes if "joint commission" in q.text][-1]
        assert last.text == "We agreed to set up joint commission number 58"  # offsets hold to the end
        assert article.text[last.span[0]:last.span[1]] == last.text
    assert isinstance(short, Article) and short.quotes
