"""Copies and syndicated rewrites (first tier)."""
from __future__ import annotations

from eventscope.stories import CopyIndex, copy_groups
from eventscope.stories.copies import jaccard, shingles

from .conftest import QUAKE_2023, SIGNING


def test_a_rewrapped_wire_story_is_a_copy_and_an_independent_report_is_not():
    index = CopyIndex()
    assert index.add("wire", SIGNING[0][1]) is None
    assert index.add("reprint", "By our staff. " + SIGNING[0][1].replace("Tuesday", "April 1")) == "wire"
    assert index.add("own", SIGNING[1][1]) is None  # same happening, own words: a story matter, not a copy


def test_copy_groups_are_transitive_and_named_by_their_smallest_key():
    base = QUAKE_2023[0][1]
    groups = copy_groups({"c": base + " More follows.", "b": base, "a": "Unrelated words about a football "
                          "match in Lisbon that ended in a draw after extra time and penalties.", "d": base})
    assert groups == {"a": "a", "b": "b", "c": "b", "d": "b"}


def test_removed_texts_are_no_longer_found():
    index = CopyIndex()
    index.add("x", SIGNING[0][1])
    index.remove("x")
    assert index.add("y", SIGNING[0][1]) is None


def test_shingles_fold_case_and_accents():
    assert shingles("Vučić met Orbán in Budapest today") == shingles("VUCIC met orban in budapest today")
    assert jaccard(set(), set()) == 0.0
