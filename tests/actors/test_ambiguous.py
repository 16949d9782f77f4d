"""Acronyms that are also words, names or other things' letters stand only with case and evidence.

Which aliases are ambiguous is data, computed by tools/mark_ambiguous.py (``ambiguous`` in the bodies'
files); these sentences, written for the test, set the everyday use beside the political one.
"""
from __future__ import annotations

import pytest

from eventscope.actors.dictionary import load

from .conftest import find


@pytest.mark.parametrize("text, phrase", [
    ("Let me show you how to build a garden shed.", "Let"),
    ("Let's talk about the best budget laptops.", "Let"),
    ("Car rental in Iceland is easy if you book early.", "Car"),
    ("The store is at 3524 Main Street, Fremont, CA 94536.", "CA"),
    ("Our office moved to Austin, TX and Sacramento, CA last year.", "CA"),
    ("You can roll a 401(k) into a Roth IRA without paying tax.", "IRA"),
    ("Open an IRA before April to cut this year's bill.", "IRA"),
    ("AIs will change how we write code.", "AIs"),
    ("Ana said she would visit her parents in June.", "Ana"),
    ("The game runs at 120 FPS on the new console.", "FPS"),
    ("Ira Glass hosts the radio show every week.", "Ira"),
])
def test_an_ambiguous_acronym_in_everyday_use_is_no_actor(annotate, text, phrase):
    assert find(annotate(text), phrase) == []


@pytest.mark.parametrize("text, phrase, sector", [
    ("The IRA announced a ceasefire in Northern Ireland.", "IRA", "REB"),
    ("Militants of the IRA attacked a police station near Belfast.", "IRA", "REB"),
    ("The Irish Republican Army laid down its arms; the IRA said the war was over.", "IRA", "REB"),
    ("The FBI arrested two suspects on Monday, federal prosecutors said.", "FBI", "COP"),
    ("The PKK said its fighters withdrew from Turkey.", "PKK", "REB"),
    ("ETA declared a permanent ceasefire in Spain.", "ETA", "REB"),
])
def test_an_ambiguous_acronym_with_evidence_is_the_body(annotate, text, phrase, sector):
    assert [m.sector for m in find(annotate(text), phrase)] == [sector]


@pytest.mark.parametrize("text, phrase, code", [
    ("Nato ministers met in Brussels on Tuesday.", "Nato ministers", "IGO"),
    ("NATO warned Moscow against the move.", "NATO", "IGO"),
    ("The UN condemned the attack.", "UN", "IGO"),
    ("The EU imposed new sanctions.", "EU", "IGO"),
])
def test_an_igo_acronym_needs_no_evidence(annotate, text, phrase, code):
    assert [m.code for m in find(annotate(text), phrase)] == [code]


def test_the_marks_are_in_the_data_and_loaded():
    dic = load()
    entries = {e.ref: e for node in [dic.trie.get("let", {})] for e in node.get("", [])}
    assert "word" in entries["lashkar-e-taiba"].ambiguous
    ira = {e.ref: e for e in dic.trie["ira"][""]}
    assert "short" in ira["irish-republican-army"].ambiguous
    nato = [e for e in dic.trie["nato"][""] if e.kind == "body"]
    assert nato and not any(e.ambiguous for e in nato)
