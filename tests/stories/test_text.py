"""What the story index reads from a text: names, numbers, date lines, counted things."""
from __future__ import annotations

import datetime as dt

import pytest

from eventscope.stories.quantities import quantities
from eventscope.stories.text import dateline, fold, text_features


@pytest.mark.parametrize("head, expected", [
    ("Lindsay Lohan checks into Betty Ford Center\nMay 03, 2013\nAfter skipping", dt.date(2013, 5, 3)),
    ("27 NOVEMBER, 2005\nDid the earth move for you?", dt.date(2005, 11, 27)),
    ("Texas prisoner captured\n7: 15 a. m. Dec. 7, 2009\nA convict", dt.date(2009, 12, 7)),
    ("Red Sox extend offer\n12 / 16 / 08 1: 30 AM EST\nThough", dt.date(2008, 12, 16)),
    ("No date here at all.\nJust words.", None),
    ("Fire crews\nPosted: Nov 27, 2005 8: 20 AM ET Last Updated: Nov 27, 2005", dt.date(2005, 11, 27)),
    ("Gigante dies in prison\nEdited on Mon Dec-19-05 03: 49 PM\nMob boss", dt.date(2005, 12, 19)),
    ("Tremor felt in Dubai\nSunday, November 27-2005 at 16: 12\nTremors", dt.date(2005, 11, 27)),
    ("Dairy destroyed by fire\nPublished: 2012. 08. 08 09: 01 AM\nA fire", dt.date(2012, 8, 8)),
    ("Climber dead\nLast updated 13: 26 14 / 09 / 2013\nA climber", dt.date(2013, 9, 14)),  # day first: 14
    ("Fight report\nArticle posted on 08. 07. 2012\nThe champion", dt.date(2012, 7, 8)),  # dots: day first
    ("Cable cut\nOn Tue, 16 / 08 / 2011-13: 42\nAn undersea cable", dt.date(2011, 8, 16)),
    ("Council vote\n2024/03/05\nThe council", dt.date(2024, 3, 5)),
    # A date inside a sentence of the story is the happening's background, not the report's date.
    ("Nichols was sentenced Saturday for the crimes he committed on March 11, 2005, in Atlanta.", None),
    ("Page was born Betty Mae Page in Nashville, Tennessee on April 22, 1923.", None),
])
def test_date_lines_in_common_news_formats(head, expected):
    assert dateline(head) == expected


def test_names_are_capitalised_words_not_opening_a_sentence():
    _, names = text_features("Officials met on Monday. Striking workers marched past Gasic in Belgrade. "
                             "Striking is legal.")
    assert {"gasic", "belgrade", "monday"} <= set(names)
    assert "striking" not in names and "official" not in names


def test_numbers_count_as_names_but_years_do_not():
    _, names = text_features("The navy captured 23 pirates in 2008.")
    assert "#23" in names and "#2008" not in names


def test_fold_makes_spelling_variants_one_key():
    assert fold("Vučić") == fold("Vucic") == "vucic"
    assert fold("Đurić") == "duric"


def test_quantities_find_the_counted_noun():
    assert quantities("The agreement outlines 79 planned joint activities, including drills.") == {"activity": "79"}
    assert quantities("The plan outlines 79 joint activities, which include drills.") == {"activity": "79"}
    assert quantities("Ten people were killed in 2005.") == {"people": "10"}
    assert quantities("They met for three hours on 1 April 2025.") == {}


def test_slot_values_read_the_lead_weekday_and_counts_of_things():
    from eventscope.stories.text import slot_values

    slots = slot_values("The navy on Saturday arrested 23 Somali pirates.\nA magnitude 6.1 quake hit on Monday.")
    assert slots["wd"] == frozenset({"saturday"})  # the first weekday of the lead, not later ones
    assert slots["n:pirate"] == frozenset({"23"})
    assert slots["n:quake"] == frozenset({"6.1"})
    assert not any(k.startswith("n:") and "2013" in v for k, v in slot_values("In 2013 talks began.").items())


def test_elaborations_are_later_sentences_opening_on_the_event_thing():
    from eventscope.stories.quantities import elaborations

    first = "The document on defence cooperation, with a plan for 2025, was signed by the ministers."
    text = (first + " Vucic attended the ceremony. \"We aim high,\" he said. The plan outlines 79 joint activities. "
            "The weather was fine.")
    assert elaborations(text, len(first), first) == ["The plan outlines 79 joint activities."]
    # A noun of the same kind counts: the signed document is "the agreement" a sentence later.
    text2 = first + " The agreement outlines 79 planned joint activities."
    assert elaborations(text2, len(first), first) == ["The agreement outlines 79 planned joint activities."]
    # Nothing in the event's sentence is a plan or an agreement: the plan is something else.
    talks = "Vucic said the defence cooperation with Hungary covers exercises."
    assert elaborations(talks + " The plan outlines 79 joint activities.", len(talks), talks) == []
    # Only the next few sentences are read.
    far = first + " Filler one." * 4 + " The plan outlines 79 joint activities."
    assert elaborations(far, len(first), first) == []
