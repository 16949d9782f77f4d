"""The events stage on long texts: lookups that read the few entries near a place, not all of them."""
from __future__ import annotations

import random
import time

from spacy.tokens import Span

from eventscope.events.coder import _Quotes
from eventscope.events.parties import _Taken, place_mentions
from eventscope.events.places import _entity
from eventscope.model import Mention, Quote
from eventscope.nlp import load

SENTENCE = "Talks in Lima and San Juan de Miraflores ended. Envoys from Chile went home."


def _long_doc(rounds: int):
    doc = load().make_doc(" ".join([SENTENCE] * rounds))
    ents, per = [], len(load().make_doc(SENTENCE + " "))
    for k in range(rounds):
        at = k * per
        # "Lima", "San Juan de Miraflores", "Chile": a one-word and a four-word place, and a country
        ents += [Span(doc, at + 2, at + 3, label="GPE"), Span(doc, at + 4, at + 8, label="LOC"),
                 Span(doc, at + 11, at + 12, label="GPE")]
    doc.ents = ents
    return doc


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def test_the_entity_of_a_token_is_the_one_doc_ents_holds_it_in() -> None:
    doc = _long_doc(30)
    for tok in doc:
        want = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        got = _entity(tok)
        assert (got.start, got.end, got.text) == (want.start, want.end, want.text) if got is not None else (
            want is None or want.label_ not in ("GPE", "LOC", "FAC"))


def test_entities_of_a_long_text_are_found_without_listing_all_of_them_per_token() -> None:
    doc = _long_doc(6000)  # 18000 entities: building doc.ents for each token read them all every time
    toks = [t for t in doc if t.ent_type_]
    found, seconds = cpu(lambda: [_entity(t) for t in toks])
    assert found[1].text == "San Juan de Miraflores" and len(found) == 36000
    assert seconds < 3.0


def test_taken_spans_agree_with_a_scan() -> None:
    rng = random.Random(17)
    for _ in range(200):
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 300) for _ in range(rng.randint(0, 15)))]
        taken, plain = _Taken(spans), list(spans)
        for _ in range(30):
            a = rng.randint(0, 330)
            span = (a, a + rng.randint(1, 20))
            hit = any(span[0] < e and s < span[1] for s, e in plain)
            assert taken.overlaps(span) == hit
            if not hit:
                taken.add(span)
                plain.append(span)


def test_cities_of_a_long_text_are_checked_against_the_actors_near_them_only() -> None:
    doc = _long_doc(12000)  # 24000 cities, 12000 actor mentions: a scan of all those taken per city took 18 s
    chile = [Mention("Chile", (e.start_char, e.end_char), "CHL") for e in doc.ents if e.text == "Chile"]
    places, seconds = cpu(place_mentions, doc, chile)
    # Both cities of each sentence; Chile is an actor already, and no city.
    assert [m.text for m in places[:2]] == ["Lima", "San Juan de Miraflores"] and len(places) == 24000
    assert seconds < 4.0


def _brute_quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    return next((q for q in quotes if q.span[0] <= pos < q.span[1]), None)


def test_the_quote_at_a_place_is_the_first_holding_it() -> None:
    rng = random.Random(23)
    for _ in range(200):
        quotes = [Quote("x", (s, s + rng.randint(0, 60)), "direct")
                  for s in (rng.randint(0, 300) for _ in range(rng.randint(0, 12)))]
        index = _Quotes(quotes)
        for pos in range(-2, 380, 3):
            assert index.at(pos) is _brute_quote_at(quotes, pos)
    many = [Quote("x", (k * 100, k * 100 + 60), "direct") for k in range(20000)]
    index, _ = cpu(_Quotes, many)
    hits, seconds = cpu(lambda: [index.at(k * 50 + 10) for k in range(40000)])
    assert hits[2] is many[1] and hits[3] is None
    assert seconds < 1.0
