"""Within-document coreference: surnames, titles alone, groups of countries, pronouns."""
from __future__ import annotations

from .conftest import find


def test_a_surname_alone_takes_the_full_name_before_it(annotate):
    a = annotate("Croatian Foreign Minister Gordan Grlić Radman arrived on Monday. Radman said the talks went well.")
    m = find(a, "Radman", "surname")
    assert m and (m[0].code, m[0].name) == ("HRV", "Gordan Grlić Radman")


def test_a_surname_next_to_another_first_name_is_a_different_person(annotate):
    a = annotate("Serbian Defence Minister Bratislav Gasic spoke. His cousin Milan Gasic, a farmer, did not.")
    assert not [m for m in a.actors if m.text.endswith("Gasic") and m.text.startswith("Milan")]
    assert not find(a, "Gasic", "surname")


def test_a_title_alone_refers_to_the_person_named_before(annotate):
    a = annotate("Montenegrin President Jakov Milatović met Croatian Prime Minister Andrej Plenković. "
                 "The Montenegrin leader said the border talks would resume.")
    m = find(a, "Montenegrin leader", "reference")
    assert m and m[0].name == "Jakov Milatović"


def test_a_title_alone_with_no_one_before_it_is_the_office_holder_on_the_day(annotate):
    a = annotate("The Hungarian Minister of Defence visited the base.", "2023-01-10")
    m = find(a, "Hungarian Minister of Defence")
    assert m and (m[0].name, m[0].sector, m[0].via) == ("Kristóf Szalay-Bobrovniczky", "MIL", "reference")


def test_a_title_alone_before_anyone_held_it_stays_a_country_office(annotate):
    a = annotate("The Hungarian Minister of Defence visited the base.", "2019-01-10")
    m = find(a, "Hungarian Minister of Defence")
    assert m and m[0].name != "Kristóf Szalay-Bobrovniczky" and m[0].code == "HUN"


def test_a_reference_of_another_country_does_not_take_the_wrong_person(annotate):
    a = annotate("Romanian President Nicusor Dan spoke first. The Bulgarian president replied later.", "2025-07-01")
    m = find(a, "Bulgarian president")
    assert m and m[0].code == "BGR" and m[0].name != "Nicușor Dan"


def test_the_two_countries_stand_for_each_of_the_last_two_countries(annotate):
    a = annotate("Greece and Bulgaria opened a new border crossing. The two countries will share its costs.")
    group = [m for m in a.actors if m.via == "group"]
    assert sorted(m.code for m in group) == ["BGR", "GRC"]
    assert len({m.span for m in group}) == 1


def test_a_group_with_too_few_countries_before_it_is_left_alone(annotate):
    a = annotate("Slovenia announced the plan. Both countries are expected to follow.")
    assert not [m for m in a.actors if m.via == "group"]


def test_he_as_the_subject_of_a_verb_takes_the_last_person(annotate):
    a = annotate("Albanian Prime Minister Edi Rama met the delegation. He promised more funding.")
    m = [m for m in a.actors if m.via == "pronoun"]
    assert [(x.text, x.name) for x in m] == [("He", "Edi Rama")]


def test_a_pronoun_that_is_not_a_subject_is_not_added(annotate):
    a = annotate("Albanian Prime Minister Edi Rama met the delegation. The delegation thanked him.")
    assert not [m for m in a.actors if m.via == "pronoun"]


def test_she_does_not_take_a_man(annotate):
    a = annotate("Albanian Prime Minister Edi Rama met the delegation. She promised more funding.")
    assert not [m for m in a.actors if m.via == "pronoun"]


def test_his_office_speaks_for_him(annotate):
    a = annotate("Kosovo Prime Minister Albin Kurti left for Brussels. His office said the visit would be short.")
    assert [(m.text, m.name) for m in a.actors if m.via == "pronoun"] == [("His", "Albin Kurti")]


def test_the_head_of_a_body_is_its_office_holder_on_the_day(annotate):
    a = annotate("The NATO Secretary General warned of new threats.", "2025-01-15")
    m = [m for m in a.actors if m.via == "reference"]
    assert [(x.code, x.name) for x in m] == [("IGO", "Mark Rutte")]
    b = annotate("The NATO Secretary General warned of new threats.", "2020-01-15")
    assert [x.name for x in b.actors if x.via == "reference"] == ["Jens Stoltenberg"]
