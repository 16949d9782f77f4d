"""Pages nested past the parser's limit, read flat; documents that clean to nothing, quarantined with why."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

import eventscope
from eventscope.clean import clean
from eventscope.clean.flat import flat_paragraphs
from eventscope.errors import EmptyArticle, InputError
from eventscope.model import RawDoc

PARAS = [
    "The foreign ministers of Chile and Peru met in Lima on Monday to settle the maritime border.",
    "Officials from both countries said a joint commission would map the disputed waters by June.",
    "Fishermen in the port of Arica welcomed the talks but asked for compensation for lost seasons.",
    "A second round of negotiations is planned in Santiago after the regional elections in autumn.",
]


def page(depth: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return ("<html><head><title>Chile and Peru settle border</title></head><body>"
            + "<div>" * depth + "<article>" + body + "</article>" + "</div>" * depth + "</body></html>")


@pytest.mark.parametrize("depth", [300, 3000])
def test_a_page_nested_past_the_parsers_limit_keeps_its_text(depth: int) -> None:
    shallow = clean(RawDoc(body=page(10), kind="html", origin="shallow.html"))
    deep = clean(RawDoc(body=page(depth), kind="html", origin="deep.html"))
    assert shallow.text == "\n".join(PARAS)
    assert deep.text == shallow.text
    assert deep.title == "Chile and Peru settle border"


def test_flat_reading_skips_scripts_styles_and_comments_and_breaks_at_blocks() -> None:
    html = ("<html><head><title>T</title><style>p {color: red}</style></head><body>"
            "<script>var s = '<p>not text</p>';</script><div>Lima &amp; Santiago<br>agree</div>"
            "<!-- <p>hidden</p> --><p>a < b, <b>bold</b> words</p></body></html>")
    assert flat_paragraphs(html) == ["Lima & Santiago", "agree", "a < b, bold words"]


def test_flat_reading_of_hostile_markup_is_linear() -> None:
    for markup in ("<" * 400_000, "<!--" * 100_000, "<div " * 100_000, "<p>x" * 100_000):
        t = time.process_time()
        flat_paragraphs(markup)
        assert time.process_time() - t < 2.0


@pytest.mark.parametrize("body, kind, why", [
    ("<html><head><title>x</title></head><body><div></div><img src='a.png'></body></html>", "html", "markup only"),
    ("<html><body><script>var a = 1;</script></body></html>", "html", "markup only"),
    ("Skip to main content\nAccept cookies\nSubscribe to our newsletter", "text", "page furniture"),
    (" \n \n", "text", "blank"),
])
def test_a_document_that_cleans_to_nothing_raises_with_its_reason(body: str, kind: str, why: str) -> None:
    with pytest.raises(EmptyArticle) as info:
        clean(RawDoc(body=body, kind=kind, origin="x"))  # type: ignore[arg-type]
    assert isinstance(info.value, InputError)
    assert info.value.message.startswith("no main text after cleaning: ") and why in info.value.message


def test_a_few_real_words_are_an_article() -> None:
    assert clean(RawDoc(body="Peru and Chile signed a treaty.", kind="text", origin="x")).text == \
        "Peru and Chile signed a treaty."


def test_an_empty_article_is_quarantined_by_ingest_and_an_error_line_in_annotate(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "blank.html").write_text("<html><head><title>Home</title></head><body><div></div></body></html>")
    (inputs / "story.txt").write_text("\n".join(PARAS))
    with eventscope.open_store(tmp_path / "news.duckdb") as store:
        report = eventscope.ingest([str(inputs)], store)
        assert report.as_dict()["added"] == 1 and report.as_dict()["quarantined"] == 1
        rows = store.quarantined()
    assert len(rows) == 1 and rows[0]["origin"].endswith("blank.html")
    assert rows[0]["reason"].startswith("no main text after cleaning")
    out = list(eventscope.annotate([{"id": "b", "html": "<html><body><p> </p></body></html>"},
                                    {"id": "s", "text": PARAS[0]}]))
    assert out[0]["id"] == "b" and out[0]["error"].startswith("no main text after cleaning")
    assert out[1]["id"] == "s" and "error" not in out[1]
