"""One sentence, its main event: clause selection, light verbs, refusals and where recipients hide."""
from __future__ import annotations

from eventscope.events.coder import _form_lemmas
from eventscope.events.lexicon import load

from .conftest import codes


def test_regular_forms_recover_a_lemma_the_tagger_missed():
    assert "stage" in _form_lemmas("staged")
    assert "stop" in _form_lemmas("stopped")
    assert "deny" in _form_lemmas("denied")


def test_a_relative_clause_is_not_a_second_event(code):
    evs = code("The United States imposed sanctions on the Taliban, which controls Afghanistan.",
               {"The United States": "USA", "the Taliban": "AFG", "Afghanistan": "AFG"})
    assert [e.event for e in evs] == ["SANCTION"]
    assert codes(evs[0].actor) == ["USA"] and codes(evs[0].recipient) == ["AFG"]


def test_a_purpose_clause_is_not_a_second_event_but_names_the_target(code):
    evs = code("Students staged demonstrations to demand reforms from the Indonesian government.",
               {"Students": "IDN", "Indonesian": "IDN"})
    assert [e.event for e in evs] == ["PROTEST"]
    assert evs[0].cameo.startswith("141")


def test_a_speech_verb_carries_the_reported_event_only(code):
    evs = code("Nigeria announced that it will withdraw its troops from Chad.", {"Nigeria": "NGA", "Chad": "TCD"})
    assert len(evs) == 1 and evs[0].trigger.text != "announced"


def test_a_speech_verb_reporting_a_clause_is_no_event_of_its_other_senses(code):
    # Phoenix lists "add" with GRANT ("added troops"): "adding that ..." is speech, and reports no event here.
    evs = code('"It is a good day for both nations," said the Serbian foreign minister, adding that relations '
               "between Serbia and Hungary had never been better.", {"Serbia": "SRB", "Hungary": "HUN"})
    assert "adding" not in [e.trigger.text for e in evs]
    # Its other sense still codes: a speech verb with an object, not a clause.
    evs = code("Russia added two battalions to its forces on the border with Ukraine.",
               {"Russia": "RUS", "Ukraine": "UKR"})
    assert [e.trigger.text for e in evs] == ["added"]
    # A speech act it can be in its own right still codes with its clause: a warning is a threat.
    evs = code("Vucic warned that Croatia's actions could spark an arms race.", {"Vucic": "SRB", "Croatia": "HRV"})
    assert [e.event for e in evs] == ["THREATEN"]


def test_light_verbs_take_the_event_of_their_object(code):
    (rally,) = code("Activists staged a rally in Gaza against Mahmoud Abbas.",
                    {"Activists": "PSE", "Mahmoud Abbas": "PSE"})
    assert rally.event == "PROTEST" and rally.cameo == "141" and rally.trigger.text == "staged"
    (hunger,) = code("Ethnic Turks began a hunger strike on Monday.", {"Ethnic Turks": "TUR"})
    assert hunger.event == "PROTEST" and hunger.cameo == "142"
    (ultimatum,) = code("Peru issued an ultimatum to Ecuador.", {"Peru": "PER", "Ecuador": "ECU"})
    assert ultimatum.event == "THREATEN" and codes(ultimatum.recipient) == ["ECU"]


def test_a_participle_modifying_a_noun_is_no_trigger(code):
    evs = code("Activists from the defeated party staged rallies.", {"Activists": "PSE"})
    assert [e.event for e in evs] == ["PROTEST"]


def test_refusing_an_action_is_a_rejection_of_it(code):
    evs = code("Israel refused to lift the curfew on Palestinians.", {"Israel": "ISR", "Palestinians": "PSE"})
    assert [e.event for e in evs] == ["REJECT"]
    assert codes(evs[0].recipient) == ["PSE"]


def test_negated_acceptance_is_a_rejection(code):
    evs = code("Syria will not accept any more refugees from Iraq.", {"Syria": "SYR", "Iraq": "IRQ"})
    assert [e.event for e in evs] == ["REJECT"] and evs[0].modality == "asserted"


def test_the_recipient_of_a_threat_may_sit_in_its_complement(code):
    (ev,) = code("Iran threatened to cut off electricity to Azerbaijan.", {"Iran": "IRN", "Azerbaijan": "AZE"})
    assert ev.event == "THREATEN" and codes(ev.recipient) == ["AZE"]


def test_the_recipient_of_a_threat_is_the_subject_of_its_condition(code):
    (ev,) = code("Russia threatened to stop negotiations if the United States deploys new missiles.",
                 {"Russia": "RUS", "the United States": "USA"})
    assert ev.event == "THREATEN" and codes(ev.recipient) == ["USA"]


def test_the_place_acted_in_is_the_recipient_where_nothing_else_is(code):
    (ev,) = code("Serbia lifted a night curfew in Montenegro.", {"Serbia": "SRB", "Montenegro": "MNE"})
    assert ev.event == "CONCEDE" and codes(ev.recipient) == ["MNE"]


def test_cameo_table_overrides_follow_the_cameo_parent_and_the_plover_name():
    lex = load()
    assert lex.info("163").event == "SANCTION"
    assert lex.info("0813").event == "CONCEDE" and lex.info("081").event == "CONCEDE"
