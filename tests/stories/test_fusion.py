"""Fused events over hand-built Events: sources, independent counts, discrepancies."""
from __future__ import annotations

from eventscope.model import Article, Event, Location, Mention, Trigger
from eventscope.stories import fuse

from .conftest import article

SERBIA = Mention("Serbia", (0, 6), code="SRB", sector="GOV")


def signing(text: str, actor: str, recipient: str, date: str | None = "2025-04-01",
            place: str | None = "Belgrade", event: str = "AGREE") -> Event:
    """An AGREE event coded from the first sentence of ``text``."""
    end = text.find(". ") + 1 or len(text)
    a, r = text.index(actor), text.index(recipient)
    return Event(event=event, cameo="057", quad=1, goldstein=8.0,
                 actor=[Mention(actor, (a, a + len(actor)), code="SRB", sector="MIL", name=actor)],
                 recipient=[Mention(recipient, (r, r + len(recipient)), code="HUN", sector="MIL")],
                 trigger=Trigger("signed", (text.index("signed"), text.index("signed") + 6)), sentence=(0, end),
                 date=date, location=Location(place, (0, 0), name=place, country="SRB") if place else None)


def report(text: str, outlet: str, published: str, story: str = "s1", **kw) -> Article:
    a = article(text, published, outlet)
    a.story = story
    actor = kw.pop("actor", "Bratislav Gasic")
    a.events = [signing(text, actor, "Szalay-Bobrovniczky", **kw)]
    return a


A = ("Serbian Defence Minister Bratislav Gasic and Hungary's Kristof Szalay-Bobrovniczky signed a plan with 79 "
     "planned joint activities in Belgrade on Tuesday. The talks lasted two hours.")
B = ("Defence ministers Bratislav Gašić and Kristóf Szalay-Bobrovniczky signed a cooperation plan in Belgrade "
     "that outlines 79 joint activities for 2025. Vučić attended.")


def test_two_outlets_reporting_one_signing_give_one_fused_event_with_two_sources():
    fused = fuse([report(A, "euronews", "2025-04-02T08:00:00"), report(B, "N1", "2025-04-01T18:30:00",
                                                                        actor="Bratislav Gašić")])
    assert len(fused) == 1
    f = fused[0]
    assert f.event == "AGREE" and f.independent_sources == 2
    assert {s.outlet for s in f.sources} == {"euronews", "N1"}
    assert f.first_reported == "2025-04-01T18:30:00"
    assert set(f.attributes["number:activity"]) == {"79"}
    assert set(f.attributes["number:activity"]["79"]) == {article(A).id, article(B).id}
    assert f.discrepancies == []  # Gasic/Gašić is one name spelled two ways


def test_different_numbers_dates_and_places_are_discrepancies():
    c = A.replace("79 planned", "80 planned")
    fused = fuse([report(A, "x", "2025-04-01"), report(c, "y", "2025-04-01", date="2025-03-31", place="Novi Sad")])
    assert len(fused) == 1
    kinds = {d.attribute: d.values for d in fused[0].discrepancies}
    assert set(kinds) == {"number:activity", "date", "location"}
    assert set(kinds["number:activity"]) == {"79", "80"}


def test_a_syndicated_copy_counts_once():
    copy = A + " Reporting by staff."
    fused = fuse([report(A, "wire", "2025-04-01"), report(copy, "reprint", "2025-04-01")])
    assert len(fused) == 1 and len(fused[0].sources) == 2 and fused[0].independent_sources == 1


def test_events_of_other_types_stories_or_participants_stay_apart():
    other_type = report(B, "N1", "2025-04-01", event="CONSULT", actor="Bratislav Gašić")
    other_type.events[0].cameo = "040"
    other_type.events[0].trigger = Trigger("Vučić", (B.index("Vučić"), B.index("Vučić") + 5))
    other_story = report(B, "N1", "2025-04-01", story="s2", actor="Bratislav Gašić")
    fused = fuse([report(A, "x", "2025-04-01"), other_type, other_story])
    assert len(fused) == 3
    # The same trigger word on the same participants is one happening, however each outlet's wording was coded.
    same_word = report(B, "N1", "2025-04-01", event="COOPERATE", actor="Bratislav Gašić")
    [one] = fuse([report(A, "x", "2025-04-01"), same_word])
    assert len(one.sources) == 2 and set(one.attributes["event"]) == {"AGREE", "COOPERATE"}
    text = ("Prime Minister Ana Brnabic and Szalay-Bobrovniczky's colleague Viktor Orban signed an energy deal "
            "in Budapest. It was signed at noon.")
    third = report(text, "z", "2025-04-01", actor="Ana Brnabic")
    third.events[0].recipient[0] = Mention("Viktor Orban", (text.index("Viktor"), text.index("Viktor") + 12),
                                           code="HUN", name="Viktor Orban")
    assert len(fuse([report(A, "x", "2025-04-01"), third])) == 2


def test_dates_far_apart_are_two_happenings_not_a_discrepancy():
    fused = fuse([report(A, "x", "2025-04-01"), report(B, "y", "2025-06-01", date="2025-06-01",
                                                        actor="Bratislav Gašić")])
    assert len(fused) == 2


def test_coarser_date_is_no_discrepancy():
    fused = fuse([report(A, "x", "2025-04-01"), report(B, "y", "2025-04-01", date="2025-04",
                                                        actor="Bratislav Gašić")])
    assert len(fused) == 1 and fused[0].discrepancies == []


def test_figures_given_sentences_after_the_event_sentence_belong_to_the_event():
    later = ("Defence ministers Bratislav Gašić and Kristóf Szalay-Bobrovniczky signed a document on defence "
             "cooperation in Belgrade. Vučić attended. \"This is a great day,\" he said. The agreement outlines 79 "
             "joint activities.")
    fused = fuse([report(A, "euronews", "2025-04-01"), report(later, "N1", "2025-04-01", actor="Bratislav Gašić")])
    assert len(fused) == 1
    assert set(fused[0].attributes["number:activity"]["79"]) == {article(A).id, article(later).id}
    assert fused[0].discrepancies == []


def test_one_shared_participant_and_one_word_do_not_fuse_events_coded_as_different_types():
    # "After the signing of the pact, Serbia protested": coded with Serbia as actor, it shares the word and
    # one participant with Serbia's own signing, and is still another happening.
    text = "After the signing of the tripartite pact, Serbia protested."
    other = article(text, "2025-04-01", "y")
    other.story = "s1"
    at = text.index("Serbia")
    other.events = [Event(event="PROTEST", cameo="140", quad=3, goldstein=-6.5,
                          actor=[Mention("Serbia", (at, at + 6), code="SRB", name="Serbia")], recipient=[],
                          trigger=Trigger("signing", (text.index("signing"), text.index("signing") + 7)),
                          sentence=(0, len(text)), date="2025-04-01")]
    mine = report(A, "x", "2025-04-01")
    mine.events[0].recipient.append(Mention("Serbia", (0, 0), code="SRB", name="Serbia"))
    assert len(fuse([mine, other])) == 2
    # The same type, with that one participant, is one happening.
    other.events[0].event, other.events[0].cameo = "AGREE", "057"
    assert len(fuse([mine, other])) == 1


def test_an_event_matching_two_fused_events_joins_them_and_the_type_goes_with_the_code():
    # Outlet y names the signing twice: "at the signing" with the two countries, and "signed by" with the
    # ministers. Outlet x's report matches only the second, but the three are one signing.
    lead = ("The two countries moved closer at the signing in Belgrade. Bratislav Gasic and Szalay-Bobrovniczky "
            "signed it.")
    y = report(lead, "y", "2025-04-02")
    (by_ministers,) = y.events
    by_ministers.trigger = Trigger("signed", (lead.rindex("signed"), lead.rindex("signed") + 6))
    by_ministers.sentence = (lead.index("Bratislav"), len(lead))
    by_ministers.event, by_ministers.cameo = "COOPERATE", "062"
    countries = [Mention("The two countries", (0, 17), code="SRB", name="Serbia"),
                 Mention("The two countries", (0, 17), code="HUN", name="Hungary")]
    by_ministers.recipient += countries  # "signed it" on behalf of the two countries
    at = lead.index("signing")
    y.events.insert(0, Event(event="COOPERATE", cameo="062", quad=1, goldstein=6.0, actor=countries, recipient=[],
                             trigger=Trigger("signing", (at, at + 7)), sentence=(0, lead.index(".") + 1),
                             date="2025-04-01"))
    x = report(A, "x", "2025-04-01")  # AGREE 057 "signed", by the ministers
    fused = fuse([x, y])
    assert len(fused) == 1, [(f.event, [s.text for s in f.sources]) for f in fused]
    f = fused[0]
    assert len(f.sources) == 3 and f.independent_sources == 2
    assert {s.trigger for s in f.sources} == {x.events[0].trigger.span, y.events[0].trigger.span,
                                              by_ministers.trigger.span}
    assert (f.event, f.cameo) == ("COOPERATE", "062")  # two reports coded so, not AGREE with 062
