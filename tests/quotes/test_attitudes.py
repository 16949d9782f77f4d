"""Attributions beyond speech: beliefs, wishes, stances and evidence, each with its source."""
from __future__ import annotations

from typing import Any

import pytest

from eventscope.model import Article, Quote
from eventscope.quotes import find_quotes


@pytest.fixture(scope="module")
def nlp() -> Any:
    from eventscope import nlp as nlp_module

    return nlp_module.load()


def quotes(nlp: Any, text: str) -> list[Quote]:
    return find_quotes(Article(id="t", text=text, origin="test"), nlp(text))


def one(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words in q.text]
    assert hits, f"no quote holds {words!r}: {[(q.cue, q.text) for q in found]}"
    return hits[0]


def speaker(q: Quote) -> str | None:
    return q.speaker.text if q.speaker is not None else None


def test_belief_with_a_that_clause(nlp: Any) -> None:
    q = one(quotes(nlp, "Senator Graham believes that the deal will collapse by spring."), "deal will collapse")
    assert q.cue == "believes" and q.kind == "indirect" and speaker(q) == "Senator Graham"


def test_wish_with_an_infinitive(nlp: Any) -> None:
    q = one(quotes(nlp, "The Serbian government wants to buy twelve fighter jets from France."), "twelve fighter jets")
    assert q.cue == "wants" and q.text.startswith("to buy") and speaker(q) == "The Serbian government"


def test_hopes_is_a_cue_despite_the_lemmatizer(nlp: Any) -> None:
    # the small model lemmatizes "hopes" as "hop"
    q = one(quotes(nlp, "Vucic hopes the summit will bring investment to the region."), "summit will bring")
    assert q.cue == "hopes" and speaker(q) == "Vucic"


def test_poll_shows_a_finding_and_is_its_source(nlp: Any) -> None:
    q = one(quotes(nlp, "A new Quinnipiac poll shows Clinton leading Trump by six points."), "Clinton leading")
    assert q.cue == "shows" and speaker(q) == "A new Quinnipiac poll"


def test_in_a_poll_names_the_source_of_the_clause(nlp: Any) -> None:
    q = one(quotes(nlp, "In the latest CBS poll, Trump leads Cruz by thirteen points."), "Trump leads Cruz")
    assert q.cue == "in" and speaker(q) == "the latest CBS poll"


def test_in_an_interview_leaves_the_source_to_the_subject(nlp: Any) -> None:
    q = one(quotes(nlp, "In an interview on Monday, the minister said the army was ready."), "army was ready")
    assert q.cue == "said" and speaker(q) == "the minister"


def test_stance_on_an_object(nlp: Any) -> None:
    q = one(quotes(nlp, "The teachers union endorsed Bernie Sanders on Tuesday."), "Bernie Sanders")
    assert q.cue == "endorsed" and speaker(q) == "The teachers union"


def test_verb_with_its_fixed_preposition(nlp: Any) -> None:
    q = one(quotes(nlp, "The senator called for an open primary process in every state."), "open primary process")
    assert q.cue == "called" and speaker(q) == "The senator" and not q.text.startswith("for")


def test_light_verb_lends_its_subject_to_the_noun(nlp: Any) -> None:
    q = one(quotes(nlp, "Merkel expressed support for the new sanctions against Moscow."), "new sanctions")
    assert q.cue == "support" and speaker(q) == "Merkel"


def test_noun_with_a_that_clause_and_a_possessor(nlp: Any) -> None:
    q = one(quotes(nlp, "Nobody believed Trump's claim that the election had been rigged."), "election had been rigged")
    assert q.cue == "claim" and speaker(q) == "Trump"


def test_attitude_adjective_after_a_copula(nlp: Any) -> None:
    q = one(quotes(nlp, "European diplomats are worried about the troop build-up near the border."), "troop build-up")
    assert q.cue == "worried" and speaker(q) == "European diplomats"


def test_raising_verb_speaks_for_nobody(nlp: Any) -> None:
    q = one(quotes(nlp, "Clinton is expected to win the New York primary comfortably."), "win the New York primary")
    assert q.cue == "expected" and q.speaker is None and q.text.startswith("Clinton")


def test_passive_stance_takes_the_subject_and_the_agent(nlp: Any) -> None:
    q = one(quotes(nlp, "The plan was criticized by several senators for its cost."), "The plan")
    assert q.cue == "criticized" and speaker(q) == "several senators"


def test_speech_reading_wins_over_an_attitude_inside_it(nlp: Any) -> None:
    found = quotes(nlp, "The minister said that voters want lower taxes and safer streets.")
    q = one(found, "lower taxes")
    assert q.cue == "said" and speaker(q) == "The minister"
    assert not [x for x in found if x.cue == "want"]


def test_possessive_speaker_resolves_to_the_last_speaker(nlp: Any) -> None:
    text = ("Prime Minister Viktor Orban said the pact was historic. "
            "His support for the Serbian bid angered Zagreb.")
    q = one(quotes(nlp, text), "Serbian bid")
    assert speaker(q) == "His" and q.speaker is not None and q.speaker.name == "Viktor Orban"


def test_it_never_stands_for_the_last_person_quoted(nlp: Any) -> None:
    text = "Aleksandar Vucic said the talks failed. It suggests that the region is unstable."
    q = one(quotes(nlp, text), "region is unstable")
    assert q.speaker is None or q.speaker.name is None


def test_an_ordinary_action_is_no_attribution(nlp: Any) -> None:
    found = quotes(nlp, "Soldiers crossed the river at dawn and built a bridge.")
    assert found == []
