"""Quotes tied to the events they carry (hand-built events: no parse, no coder)."""
from __future__ import annotations

from eventscope.model import Article, Event, Mention, Quote, Trigger
from eventscope.quotes.link import QuoteLinkStage, carried


def event(text: str, word: str, nth: int = 0, cameo: str = "138") -> Event:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    span = (start, start + len(word))
    return Event(event="THREATEN", cameo=cameo, quad=3, goldstein=-7.0, actor=[Mention("X", (0, 1))],
                 recipient=[], trigger=Trigger(word, span), sentence=(0, len(text)))


def quote(text: str, words: str, cue: str | None, kind: str = "indirect") -> Quote:
    s = text.index(words)
    return Quote(text=words, span=(s, s + len(words)), kind=kind, cue=cue)  # type: ignore[arg-type]


def test_event_inside_an_indirect_quote_is_carried() -> None:
    text = "Vucic warned that Croatia's actions could spark an arms race in the Balkans."
    q = quote(text, "that Croatia's actions could spark an arms race in the Balkans", "warned")
    article = Article(id="t", text=text, origin="t", quotes=[q], events=[event(text, "spark")])
    QuoteLinkStage()(article)
    assert q.events == [0]


def test_the_cue_itself_is_the_event_it_names() -> None:
    text = "Serbia accused Croatia of provocations on the border."
    q = quote(text, "Croatia of provocations on the border", "accused")
    article = Article(id="t", text=text, origin="t", quotes=[q], events=[event(text, "accused", cameo="112")])
    assert carried(article, q) == [0]


def test_events_outside_the_quote_are_not_carried() -> None:
    text = ("Troops crossed the border on Monday.\n"
            "“We will respond,” the minister said.")
    q = quote(text, "We will respond", "said", "direct")
    crossed = event(text, "crossed", cameo="192")
    respond = event(text, "respond", cameo="130")
    article = Article(id="t", text=text, origin="t", quotes=[q], events=[crossed, respond])
    assert carried(article, q) == [1]


def test_a_cue_word_in_another_paragraph_is_not_the_cue() -> None:
    text = "Zagreb threatened sanctions.\nBelgrade said it was ready, and threatened nothing."
    q = quote(text, "it was ready", "threatened")
    article = Article(id="t", text=text, origin="t", quotes=[q], events=[event(text, "threatened")])
    assert carried(article, q) == []


def test_of_two_cue_words_near_a_quote_only_the_nearer_counts() -> None:
    text = "He warned allies, and later warned that the army would move."
    q = quote(text, "that the army would move", "warned")
    first, second = event(text, "warned"), event(text, "warned", nth=1)
    article = Article(id="t", text=text, origin="t", quotes=[q], events=[first, second])
    assert carried(article, q) == [1]


def test_stage_fills_every_quote_and_needs_no_parse() -> None:
    text = "“We will strike back,” Vucic said. “Sanctions are coming,” said Orban."
    q1 = quote(text, "We will strike back", "said", "direct")
    q2 = quote(text, "Sanctions are coming", "said", "direct")
    article = Article(id="t", text=text, origin="t", quotes=[q1, q2], events=[event(text, "strike", cameo="190")])
    stage = QuoteLinkStage()
    assert stage.name == "quote_links" and stage.needs_parse is False
    stage(article, None)
    assert q1.events == [0] and q2.events == []
    assert article.to_contract()["quotes"][0]["events"] == [0]


def test_link_stage_runs_after_the_events_stage() -> None:
    from eventscope.options import Options
    from eventscope.pipeline import build_stages

    names = [getattr(s, "name", type(s).__name__) for s in build_stages(Options())]
    assert "quote_links" in names
    kinds = [type(s).__name__ for s in build_stages(Options())]
    if "EventCoder" in kinds:
        assert kinds.index("EventCoder") < names.index("quote_links")
