"""The story index: same happening together, same kind of happening apart, batch equal to stream."""
from __future__ import annotations

import random

from eventscope.model import Article
from eventscope.stories import StoryConfig, StoryIndex, assign_stories
from eventscope.stories.index import order_key
from eventscope.stories.text import features

from .conftest import QUAKE_2023, QUAKE_2024, SIGNING, article, corpus


def partition(labels: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, sid in labels.items():
        groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def ids(rows: list[tuple[str, str]]) -> frozenset[str]:
    return frozenset(article(t).id for _, t in rows)


def test_reports_of_one_happening_share_a_story_and_other_happenings_do_not():
    groups = partition(assign_stories(corpus()))
    assert groups == {ids(QUAKE_2023), ids(QUAKE_2024), ids(SIGNING)}


def test_two_earthquakes_a_year_apart_stay_apart_even_without_dates():
    arts = [article(t) for _, t in QUAKE_2023 + QUAKE_2024]
    assert partition(assign_stories(arts)) == {ids(QUAKE_2023), ids(QUAKE_2024)}


def test_batch_labels_do_not_depend_on_input_order():
    arts = corpus()
    first = assign_stories(arts)
    for seed in range(3):
        shuffled = arts[:]
        random.Random(seed).shuffle(shuffled)
        assert assign_stories(shuffled) == first


def test_streaming_in_date_order_equals_batch():
    arts = corpus()
    batch = assign_stories(arts)
    index = StoryIndex()
    streamed = {}
    for a in sorted(arts, key=lambda a: order_key(a, features(a))):
        streamed[a.id] = index.add(a)
        streamed.update(index.take_moves())
    assert streamed == batch


def test_story_id_is_derived_from_its_first_article():
    arts = corpus()
    labels = assign_stories(arts)
    again = assign_stories(arts[:3])  # the 2023 quake alone: its first report founds the same story
    assert {labels[a.id] for a in arts[:3]} == set(again.values())


def test_a_syndicated_copy_joins_its_original_and_is_known_as_a_copy():
    text = SIGNING[0][1]
    original = article(text, "2025-04-01")
    copy = article("BELGRADE (Reuters) - " + text + " Reporting by Ivana Sekularac.", "2025-04-01")
    index = StoryIndex()
    assert index.add(original) == index.add(copy)
    assert index.copy_of(copy.id) == original.id


def test_a_story_closes_after_its_time_window_and_is_forgotten():
    index = StoryIndex(StoryConfig(max_gap_days=60))
    first = article(QUAKE_2023[0][1], "2023-02-06")
    index.add(first)
    assert index.story_of(first.id) is not None
    index.add(article(SIGNING[0][1], "2023-06-01"))
    assert index.story_of(first.id) is None
    assert index.open_stories == 1


def test_a_story_of_undated_reports_closes_a_window_after_the_stream_time_it_was_fed():
    index = StoryIndex(StoryConfig(max_gap_days=60))
    index.add(article(SIGNING[0][1], "2023-02-01"))
    undated = article(QUAKE_2023[0][1])
    index.add(undated)  # no date of its own: it was seen when the stream stood at 2023-02-01
    assert index.story_of(undated.id) is not None
    index.add(article(SIGNING[1][1], "2023-03-01"))
    assert index.story_of(undated.id) is not None  # still within the window
    index.add(article(QUAKE_2024[0][1], "2023-06-01"))
    assert index.story_of(undated.id) is None
    assert index.open_stories == 1


def test_closed_stories_leave_the_posting_lists_so_memory_follows_the_open_window():
    import datetime as dt

    index = StoryIndex(StoryConfig(max_gap_days=5))
    day = dt.date(2020, 1, 1)
    sizes = []
    for i in range(2500):  # a new happening a report, with names of its own, ten a day
        text = f"Minister Zor{i}ka Vel{i}ic opened the bridge number {i} in Gra{i}dac on Monday."
        index.add(Article(id=f"a{i}", text=text, origin="t", published=(day + dt.timedelta(days=i // 10)).isoformat()))
        sizes.append(len(index._postings))
    assert index.open_stories <= 70
    # Posting lists are swept: their size stays bounded by the open window, not the stream.
    assert max(sizes[-300:]) < 1.5 * max(sizes[:1200])
    assert all(len(p) <= index.config.posting_cap for p in index._postings.values())


def test_a_late_report_beyond_the_gap_starts_a_new_story():
    index = StoryIndex(StoryConfig(max_gap_days=60))
    a = index.add(article(QUAKE_2023[0][1], "2023-02-06"))
    b = index.add(article(QUAKE_2023[1][1], "2023-09-06"))
    assert a != b


def test_an_empty_article_gets_a_story_of_its_own():
    labels = assign_stories([Article(id="e1", text="", origin="x"), article(SIGNING[0][1])])
    assert len(set(labels.values())) == 2


def test_copy_search_forgets_texts_older_than_its_window():
    index = StoryIndex(StoryConfig(copy_window_days=7))
    text = SIGNING[0][1]
    index.add(article(text, "2025-04-01"))
    index.add(article(QUAKE_2024[0][1], "2025-04-20"))
    late = article("Reprint: " + text, "2025-04-21")
    index.add(late)
    assert index.copy_of(late.id) is None
    assert len(index.copies) == 2


def test_a_report_giving_another_count_of_the_same_thing_scores_lower():
    def art(text: str) -> Article:
        return Article(id=str(abs(hash(text))), text=text, origin="t")

    story = ["The Indian navy captured 26 Somali pirates in the Gulf of Aden on Friday.",
             "Indian warship foils attack in Gulf of Aden, captures 26 pirates on Friday."]
    same = "Navy captures 26 pirates off the Gulf of Aden on Friday, the Indian defence ministry said."
    other = "Navy captures 23 pirates off the Gulf of Aden on Saturday, the Indian defence ministry said."
    index = StoryIndex()
    sid = {index.add(art(t)) for t in story}.pop()
    story_obj = index._stories[sid]
    agree = index._slot_factor(features(art(same)).slots, story_obj)
    clash = index._slot_factor(features(art(other)).slots, story_obj)
    assert clash < 1.0 <= agree


def test_within_a_day_the_report_naming_most_founds_the_story():
    rich = article(QUAKE_2023[0][1], "2023-02-06")
    thin = article("An earthquake struck northern Chile, officials said.", "2023-02-06")
    undated_rich, undated_thin = article(QUAKE_2023[1][1]), article("Officials said there was an earthquake.")
    ordered = sorted([thin, undated_thin, rich, undated_rich], key=lambda a: order_key(a, features(a)))
    assert ordered == [rich, thin, undated_rich, undated_thin]
