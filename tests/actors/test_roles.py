"""The role valid on the article's date; explicit titles; former office holders."""
from __future__ import annotations

from eventscope.actors.dictionary import Person, Role
from eventscope.actors.resolver import role_at
from eventscope.model import parse_date as parse_day

TEXT = "Bratislav Gasic told reporters that the army would take part."


def gasic(annotate, published):
    return next(m for m in annotate(TEXT, published).actors if m.name == "Bratislav Gašić")


def test_a_minister_is_coded_with_the_office_held_on_the_day(annotate):
    assert (gasic(annotate, "2015-06-01").sector, gasic(annotate, "2023-06-01").sector) == ("MIL", "GOV")


def test_a_minister_out_of_office_on_the_day_is_a_former_official(annotate):
    m = gasic(annotate, "2019-03-01")
    assert (m.code, m.sector) == ("SRB", "ELI")


def test_without_a_date_the_current_office_is_taken(annotate):
    assert gasic(annotate, None).sector == "MIL"


def test_a_title_in_the_text_wins_over_the_dictionary(annotate):
    a = annotate("Serbian Interior Minister Bratislav Gasic spoke.", "2025-05-01")
    m = next(m for m in a.actors if m.name == "Bratislav Gašić")
    assert m.sector == "GOV"


def test_former_before_a_title_makes_a_former_official(annotate):
    a = annotate("Former Defence Minister Bratislav Gasic spoke.", "2025-05-01")
    assert [m.sector for m in a.actors if m.name == "Bratislav Gašić"] == ["ELI"]


def test_role_at_prefers_the_role_covering_the_day():
    p = Person("x", "X Y", roles=[Role("AAA", "GOV", start=parse_day("2010-01-01"), end=parse_day("2012-01-01")),
                                  Role("BBB", "MIL", start=parse_day("2014-01-01"))])
    assert role_at(p, parse_day("2011-05-05"))[0].code == "AAA"
    assert role_at(p, parse_day("2013-05-05")) == (p.roles[0], "former")
    assert role_at(p, parse_day("2009-05-05")) == (p.roles[0], "future")
    assert role_at(p, None)[0].code == "BBB"


def test_a_phrase_naming_several_people_picks_the_one_in_office():
    # Two people share a name; the date decides.
    from eventscope.actors.dictionary import Entry
    from eventscope.actors.matcher import Hit
    from eventscope.actors.resolver import Resolver
    from eventscope.actors.stage import dictionary

    dic = dictionary(())
    r = Resolver(dic)
    hit = Hit(0, 2, [Entry("person", "aleksandar-vucic"), Entry("person", "boris-tadic")])
    assert r._pick(hit, parse_day("2008-01-01")).id == "boris-tadic"
    assert r._pick(hit, parse_day("2020-01-01")).id == "aleksandar-vucic"
