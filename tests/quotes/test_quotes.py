"""Quotes and speakers on the parse: every quote shape of news writing, with and without actors."""
from __future__ import annotations

from typing import Any

import pytest

from eventscope.model import Article, Mention, Quote
from eventscope.quotes import QuoteStage, find_quotes, quote_at


@pytest.fixture(scope="module")
def nlp() -> Any:
    from eventscope import nlp as nlp_module

    return nlp_module.load()


def quotes(nlp: Any, text: str, actors: list[Mention] | None = None) -> list[Quote]:
    article = Article(id="t", text=text, origin="test", actors=actors or [])
    return find_quotes(article, nlp(text))


def one(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words in q.text]
    assert hits, f"no quote holds {words!r}: {[q.text for q in found]}"
    return hits[0]


def test_direct_quote_before_inverted_attribution(nlp: Any) -> None:
    text = '"This is a partnership for the future," said Serbian Foreign Minister Marko Đurić.'
    q = one(quotes(nlp, text), "partnership for the future")
    assert q.kind == "direct" and q.cue == "said"
    assert q.speaker is not None and q.speaker.name == "Marko Đurić"
    assert text[q.span[0]:q.span[1]] == q.text


def test_attribution_adding_a_mixed_quote_keeps_the_speaker(nlp: Any) -> None:
    text = ('"This is a partnership for the future," said Serbian Foreign Minister Marko Đurić, adding that '
            'relations between Serbia and Hungary are at their "highest level in history."')
    q = one(quotes(nlp, text), "relations between Serbia and Hungary")
    assert q.kind == "mixed" and q.cue == "adding"
    assert q.speaker is not None and q.speaker.name == "Marko Đurić"


@pytest.mark.parametrize("opening, closing", [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“")])
def test_direct_quote_with_each_mark(nlp: Any, opening: str, closing: str) -> None:
    text = f"{opening}We will defend our borders,{closing} the minister said on Monday."
    q = one(quotes(nlp, text), "defend our borders")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == "the minister"


def test_speaker_before_a_colon_and_a_quote(nlp: Any) -> None:
    q = one(quotes(nlp, "Vucic said: “We aim to forge the closest strategic relations.”"), "closest strategic")
    assert q.kind == "direct" and q.cue == "said" and q.speaker is not None and q.speaker.text == "Vucic"


def test_quote_over_several_sentences_and_paragraphs_is_one_quote(nlp: Any) -> None:
    text = ("“Serbia is not in the EU. But we engage in consultations at the highest level,” the minister said.\n"
            "“Since 2023, we have expanded our cooperation to include military matters.”")
    found = quotes(nlp, text)
    q = one(found, "not in the EU")
    assert "military matters" in q.text and len(found) == 1
    assert q.speaker is not None and q.speaker.text == "the minister"


def test_quote_split_by_its_attribution_is_one_quote(nlp: Any) -> None:
    text = "“We will not,” Vucic said, “accept any pact aimed against Serbia.”"
    found = quotes(nlp, text)
    assert len(found) == 1
    q = found[0]
    assert q.text == "We will not accept any pact aimed against Serbia."
    assert q.speaker is not None and q.speaker.text == "Vucic"


def test_unbalanced_marks_are_tolerated(nlp: Any) -> None:
    text = ("“We will win this, the president said on Tuesday.\nThe talks resume on Friday.\n"
            "Officials said the “arms race had begun.")
    found = quotes(nlp, text)  # must not raise
    assert all(0 <= q.span[0] < q.span[1] <= len(text) for q in found)
    assert any("talks resume" not in q.text for q in found)


def test_indirect_quote_with_scare_quotes_is_mixed(nlp: Any) -> None:
    text = "Vucic warned that Croatia and Albania's actions could spark an “arms race” in the Balkans."
    q = one(quotes(nlp, text), "arms race")
    assert q.kind == "mixed" and q.cue == "warned"
    assert q.text.startswith("that Croatia") and q.speaker is not None and q.speaker.text == "Vucic"


def test_indirect_quote_without_marks(nlp: Any) -> None:
    text = "Szalay-Bobrovniczky stated that the two countries hold regular consultations at the highest level."
    q = one(quotes(nlp, text), "regular consultations")
    assert q.kind == "indirect" and q.cue == "stated"
    assert q.speaker is not None and q.speaker.text == "Szalay-Bobrovniczky"


def test_according_to_names_the_source(nlp: Any) -> None:
    text = "The exercise will involve 2,000 troops, according to the ministry."
    q = one(quotes(nlp, text), "2,000 troops")
    assert q.cue == "according to" and q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "the ministry"


def test_trailing_he_said_takes_the_clause_before(nlp: Any) -> None:
    text = "Ambassador Lee met the minister. The plan is dead, he said."
    q = one(quotes(nlp, text), "plan is dead")
    assert q.kind == "indirect" and q.speaker is not None and q.speaker.text == "he"


def test_social_media_post_wrote_x_on_x(nlp: Any) -> None:
    text = ('"In Belgrade today, I reaffirmed Hungary’s commitment to peace and stability in the Western '
            'Balkans," wrote Krisztof Szalay-Bobrovniczky on X.')
    q = one(quotes(nlp, text), "reaffirmed")
    assert q.cue == "wrote" and q.kind == "direct"
    assert q.speaker is not None and "Szalay-Bobrovniczky" in (q.speaker.name or "")


def test_pronoun_speaker_resolves_to_the_last_speaker_without_actors(nlp: Any) -> None:
    text = ("Serbian President Aleksandar Vucic said the alliance would be signed this year. "
            "He added that Hungary had backed Serbia during the bombing.")
    q = one(quotes(nlp, text), "Hungary had backed")
    assert q.speaker is not None and q.speaker.text == "He" and q.speaker.via == "pronoun"
    assert q.speaker.name == "Aleksandar Vucic"


def test_surname_speaker_gets_the_full_name_used_earlier(nlp: Any) -> None:
    text = ("Serbian President Aleksandar Vucic attended the ceremony. "
            "“Serbia has the most developed cooperation with Hungary,” Vucic said.")
    q = one(quotes(nlp, text), "most developed")
    assert q.speaker is not None and q.speaker.text == "Vucic" and q.speaker.name == "Aleksandar Vucic"


def test_speaker_takes_code_and_name_from_the_actor_mention(nlp: Any) -> None:
    text = "“We have moved forward with the plan for 2025,” stated the Hungarian Minister of Defence."
    start = text.index("the Hungarian")
    actor = Mention(text="the Hungarian Minister of Defence", span=(start, len(text) - 1), code="HUN",
                    sector="MIL", name="Kristóf Szalay-Bobrovniczky", via="reference")
    q = one(quotes(nlp, text, [actor]), "moved forward")
    assert q.speaker is not None
    assert (q.speaker.code, q.speaker.sector, q.speaker.name) == ("HUN", "MIL", "Kristóf Szalay-Bobrovniczky")


def test_speaker_without_an_actor_mention_still_has_text_and_span(nlp: Any) -> None:
    text = "“Prices have doubled since spring,” a shopkeeper in Novi Sad said."
    q = one(quotes(nlp, text), "Prices have doubled")
    assert q.speaker is not None and q.speaker.code is None
    assert text[q.speaker.span[0]:q.speaker.span[1]] == q.speaker.text == "a shopkeeper in Novi Sad"


def test_scare_quotes_and_titles_alone_are_not_quotes(nlp: Any) -> None:
    text = "Both nations align on “sovereignist” views. The ministry called the pact a “provocation”."
    assert not [q for q in quotes(nlp, text) if q.text == "sovereignist"]


def test_cue_words_inside_a_quote_are_not_attributions(nlp: Any) -> None:
    text = "“I told them we said no to the pact,” Vucic said."
    found = quotes(nlp, text)
    assert len(found) == 1 and found[0].speaker is not None and found[0].speaker.text == "Vucic"


def test_stage_fills_article_quotes_and_quote_at_finds_them(nlp: Any) -> None:
    text = "Vucic warned that Croatia and Albania's actions could spark an arms race in the Balkans."
    article = Article(id="t", text=text, origin="test")
    stage = QuoteStage()
    assert stage.name == "quotes" and stage.needs_parse
    stage(article, nlp(text))
    assert article.quotes
    at = text.index("spark")
    hit = quote_at(article, at, at + 5)
    assert hit is not None and hit.speaker is not None and hit.speaker.text == "Vucic"
    assert quote_at(article, 0, 5) is None
    row = article.to_contract()["quotes"][0]
    assert set(row) >= {"text", "span", "kind", "cue", "speaker"}
    assert set(row["speaker"]) >= {"text", "span", "name", "code", "sector"}


def test_quotes_stage_runs_before_events_in_the_pipeline() -> None:
    from eventscope.options import Options
    from eventscope.pipeline import build_stages

    names = [type(s).__name__ for s in build_stages(Options())]
    assert "QuoteStage" in names
    if "EventCoder" in names:
        assert names.index("QuoteStage") < names.index("EventCoder")


def test_paragraph_break_is_a_hard_boundary_for_indirect_content(nlp: Any) -> None:
    # no full stop at the paragraph's end: the parser runs one sentence over the break
    text = "Officials said the talks would resume on Friday in Geneva\nThe ministry has ordered new tanks for the army"
    q = one(quotes(nlp, text), "talks would resume")
    assert "\n" not in q.text and "tanks" not in q.text


def test_speaker_is_never_taken_from_another_paragraph(nlp: Any) -> None:
    text = "Serbia wants to join the union and the\nminister believes that the army is ready."
    q = one(quotes(nlp, text), "army is ready")
    # the parser joins "believes" to "wants" and so to Serbia's subject, across the break
    assert q.speaker is None or q.speaker.span[0] > text.index("\n")


def test_quotation_after_someone_else_speaks_is_not_a_continuation(nlp: Any) -> None:
    text = ("“Tell her I promised you a picture,” Ebeling said, and her husband cut in. "
            "“Don’t forget Tom, I have been friends with her since high school.”")
    found = quotes(nlp, text)
    q = one(found, "promised you a picture")
    assert "high school" not in q.text
