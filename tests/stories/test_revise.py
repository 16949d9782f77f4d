"""Revision: a report that joined another happening's story before its own had formed moves to its own
story once that story fits it better, while the report is recent; the move survives the index's state."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from eventscope.model import Article
from eventscope.stories import StoryIndex
from eventscope.stories.text import Features

STRIKE = "strike port workers wages union pay dockers walkout"


def feats(words: str, names: str, day: int = 1) -> Features:
    return Features(words=Counter(words.split()), names=Counter(names.split()), date=dt.date(2024, 3, day))


def harbour_strike() -> list[tuple[str, Features]]:
    """Four reports of a strike at Alpha, then one of a strike at Beta that shares the strike's words but
    none of its names: with no Beta story yet, it joins the Alpha story."""
    alpha = [(f"alpha{i}", feats(STRIKE + f" alpha harbour ships cranes a{i}", "Alpha Rossi")) for i in range(4)]
    return alpha + [("beta-early", feats(STRIKE + " beta", "Beta Ferri"))]


def beta_talks(day: int = 1) -> list[tuple[str, Features]]:
    """Two later reports of the Beta strike: talks with the minister, the Beta names, few strike words."""
    return [(f"beta{i}", feats(f"beta ferri strike talks minister b1 b2 b3 b{i}", "Beta Ferri Minister", day))
            for i in range(2)]


def add(index: StoryIndex, rows: list[tuple[str, Features]]) -> dict[str, str]:
    """Place rows in order; the moves revision made along the way."""
    moves: dict[str, str] = {}
    for aid, f in rows:
        index.add(Article(id=aid, text="", origin="test"), f)
        moves.update(index.take_moves())
    return moves


def test_a_report_moves_to_its_own_story_once_that_story_has_formed() -> None:
    index = StoryIndex()
    assert add(index, harbour_strike()) == {}
    alpha = index.story_of("alpha0")
    assert index.story_of("beta-early") == alpha
    assert add(index, beta_talks()[:1]) == {}, "one report is too noisy a centre to pull a report out"
    moves = add(index, beta_talks()[1:])
    beta = index.story_of("beta0")
    assert beta != alpha and moves == {"beta-early": beta}
    assert index.story_of("beta-early") == beta
    assert {index.story_of(f"alpha{i}") for i in range(4)} == {alpha}


def test_a_report_older_than_the_revision_window_stays_where_it_was_put() -> None:
    index = StoryIndex()
    add(index, harbour_strike())
    assert index.config.revise_days < 12
    assert add(index, beta_talks(day=12)) == {}
    assert index.story_of("beta-early") == index.story_of("alpha0")


def test_without_revision_nothing_moves() -> None:
    index = StoryIndex()
    for aid, f in harbour_strike() + beta_talks():
        index.add(Article(id=aid, text="", origin="test"), f, revise=False)
        assert index.take_moves() == {}
    assert index.story_of("beta-early") == index.story_of("alpha0")


def lone_ferry() -> list[tuple[str, Features]]:
    """A report that founds a story, one that resembles it too little to join and founds another, and a
    third that joins the second's story, which the first then resembles more than the threshold."""
    return [("lone", feats("ferry capsized lake rescue divers", "Lakeport")),
            ("f0", feats("ferry storm coast guard sank", "Coastguard")),
            ("f1", feats("ferry storm coast guard sank lake rescue divers", "Lakeport Coastguard"))]


def test_a_story_whose_only_report_moves_out_is_gone() -> None:
    index = StoryIndex()
    assert add(index, lone_ferry()[:2]) == {}
    assert index.story_of("lone") != index.story_of("f0") and index.open_stories == 2
    moves = add(index, lone_ferry()[2:])
    story = index.story_of("f0")
    assert moves == {"lone": story} and index.story_of("f1") == story
    assert index.open_stories == 1


def test_the_reports_that_may_still_move_are_kept_in_the_state() -> None:
    original = StoryIndex()
    add(original, harbour_strike())
    restored = StoryIndex.from_state(json.loads(json.dumps(original.state())), texts={})
    later = beta_talks()
    assert add(restored, later) == add(original, later) == {"beta-early": original.story_of("beta0")}
