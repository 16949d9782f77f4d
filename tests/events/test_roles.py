"""Roles: passives, compound actors, event anaphora and quoted speakers."""
from __future__ import annotations

from .conftest import codes


def test_passive_by_agent_is_the_actor(code):
    evs = code("A refugee camp in Congo was attacked by Burundian militiamen.", {"Burundian": "BDI", "Congo": "COD"})
    (ev,) = [e for e in evs if e.event == "ASSAULT"]
    assert codes(ev.actor) == ["BDI"]


def test_passive_subject_is_the_recipient(code):
    (ev,) = code("Serbia was condemned by Croatia.", {"Serbia": "SRB", "Croatia": "HRV"})
    assert codes(ev.actor) == ["HRV"] and codes(ev.recipient) == ["SRB"]


def test_compound_subject_makes_an_actor_list(code):
    (ev,) = code("Serbia and Hungary signed a defence treaty.", {"Serbia": "SRB", "Hungary": "HUN"})
    assert codes(ev.actor) == ["HUN", "SRB"] and ev.recipient == []


def test_of_complement_gives_the_actor(code):
    evs = code("The defence ministers of Albania, Croatia and Kosovo signed a defence cooperation agreement.",
               {"Albania": "ALB", "Croatia": "HRV", "Kosovo": "XKX"})
    assert evs and codes(evs[0].actor) == ["ALB", "HRV", "XKX"]


def test_definite_event_noun_refers_back_to_the_earlier_event(code):
    text = ("Albania, Croatia and Kosovo signed a defence pact. Serbia condemned the pact.")
    evs = code(text, {"Albania": "ALB", "Croatia": "HRV", "Kosovo": "XKX", "Serbia": "SRB"})
    (accuse,) = [e for e in evs if e.event == "ACCUSE"]
    assert codes(accuse.actor) == ["SRB"] and codes(accuse.recipient) == ["ALB", "HRV", "XKX"]


def test_first_person_inside_a_quote_is_the_speaker(code):
    text = "\u201cWe will sign a defence treaty with Hungary,\u201d Vucic said."
    evs = code(text, {"Hungary": "HUN"}, quotes=[("We will sign a defence treaty with Hungary,", "Vucic", "SRB")])
    assert evs and codes(evs[0].actor) == ["SRB"] and codes(evs[0].recipient) == ["HUN"]


def test_trigger_and_sentence_spans_point_into_the_text(code):
    text = "It rained. Serbia condemned the decision of Croatia."
    (ev,) = code(text, {"Serbia": "SRB", "Croatia": "HRV"})
    assert text[ev.trigger.span[0]:ev.trigger.span[1]] == ev.trigger.text == "condemned"
    assert text[ev.sentence[0]:ev.sentence[1]].startswith("Serbia condemned")


def test_predicate_adjective_passes_its_subject_down(code):
    evs = code("Ghana is ready to send troops to a peacekeeping force in Mali.", {"Ghana": "GHA", "Mali": "MLI"})
    assert evs and evs[0].event == "AGREE"
    assert codes(evs[0].actor) == ["GHA"] and codes(evs[0].recipient) == ["MLI"]


def test_recipient_found_down_the_object_phrase(code):
    (ev,) = code("Washington suspended part of its aid package for the Malian army.",
                 {"Washington": "USA", "Malian army": "MLI"})
    assert codes(ev.actor) == ["USA"] and codes(ev.recipient) == ["MLI"]


def test_recipient_found_down_a_passive_subject_phrase(code):
    evs = code("A convoy carrying Sudanese refugees was attacked by Chadian militiamen.",
               {"Sudanese refugees": "SDN", "Chadian militiamen": "TCD"})
    (ev,) = [e for e in evs if e.event == "ASSAULT"]
    assert codes(ev.actor) == ["TCD"] and codes(ev.recipient) == ["SDN"]


def test_coordinated_premodifiers_name_one_recipient_each(code):
    (ev,) = code("Kenyan police beat Somali and Ethiopian refugees.",
                 {"Kenyan police": "KEN", "Somali": "SOM", "Ethiopian refugees": "ETH"})
    assert codes(ev.recipient) == ["ETH", "SOM"]


def test_unattributed_violence_is_coded_to_the_place(code):
    evs = code("A car bomb near the city of Kirkuk killed two Turkish engineers.",
               {"Kirkuk": "IRQ", "Turkish engineers": "TUR"})
    (ev,) = [e for e in evs if e.event == "ASSAULT"]
    assert codes(ev.actor) == ["IRQ"] and codes(ev.recipient) == ["TUR"]


def test_attributed_violence_keeps_its_perpetrator(code):
    evs = code("Boko Haram fighters near Maiduguri killed ten Chadian soldiers.",
               {"Boko Haram fighters": "NGA", "Maiduguri": "NGA", "Chadian soldiers": "TCD"})
    (ev,) = [e for e in evs if e.event == "ASSAULT"]
    assert codes(ev.actor) == ["NGA"] and ev.actor[0].text == "Boko Haram fighters"


def test_the_one_asked_is_the_subject_of_the_demanded_clause(code):
    evs = code("Beijing demanded that Washington cancel plans to sell fighter jets to Taiwan.",
               {"Beijing": "CHN", "Washington": "USA", "Taiwan": "TWN"})
    assert evs and evs[0].event == "REQUEST" and codes(evs[0].recipient) == ["USA"]


def test_a_complaint_targets_what_it_is_about_not_its_addressee(code):
    (ev,) = code("Syria complained to the United Nations over Turkish air strikes.",
                 {"Syria": "SYR", "United Nations": "IGO", "Turkish": "TUR"})
    assert ev.event == "ACCUSE" and codes(ev.recipient) == ["TUR"]


def test_a_group_of_unknown_nationality_takes_its_place(code):
    (ev,) = code("Rebels in Chad rejected the peace plan.", {"Chad": "TCD"})
    assert ev.event == "REJECT" and codes(ev.actor) == ["TCD"]


def test_who_takes_the_opportunity_to_act_is_the_actor(code):
    evs = code("Serbia took the opportunity to thank Hungary.", {"Serbia": "SRB", "Hungary": "HUN"})
    thank = [e for e in evs if e.trigger.text == "thank"]
    assert thank and codes(thank[0].actor) == ["SRB"] and codes(thank[0].recipient) == ["HUN"]
