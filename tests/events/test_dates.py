"""Time expressions: finding them, resolving them on the publication date or on the text's own dates."""
from __future__ import annotations

import pytest

from eventscope.events.dates import DateStage, date_of, find_timexes
from eventscope.model import Article, Timex

PUB = "2025-04-03"  # a Thursday


@pytest.fixture(scope="module")
def nlp():
    from eventscope import nlp as loader

    return loader.load()


def values(text: str, nlp, published: str | None = PUB) -> dict[str, str | None]:
    return {t.text: t.value for t in find_timexes(text, nlp(text), published)}


def test_full_dates_in_several_spellings(nlp):
    got = values("Talks began on April 6, 1994, ended on 6 May 1995 and resumed 2001-02-03. "
                 "A vote on Tuesday, April 1, 2025, followed.", nlp)
    assert got["April 6, 1994"] == "1994-04-06"
    assert got["6 May 1995"] == "1995-05-06"
    assert got["2001-02-03"] == "2001-02-03"
    assert got["Tuesday, April 1, 2025"] == "2025-04-01"


def test_month_day_takes_the_publication_year_or_the_one_the_tense_points_to(nlp):
    assert values("The ceasefire began on April 1.", nlp) == {"April 1": "2025-04-01"}
    # Written on January 5: a past-tense December 20 is last year's, a future March 3 this year's.
    assert values("Troops withdrew on Dec. 20.", nlp, "2025-01-05") == {"Dec. 20": "2024-12-20"}
    assert values("Elections will be held on March 3.", nlp, "2025-01-05") == {"March 3": "2025-03-03"}
    assert values("Parliament will vote on Jan. 10.", nlp, "2024-12-20") == {"Jan. 10": "2025-01-10"}


def test_weekday_direction_follows_the_tense(nlp):
    text = "The talks ended on Tuesday. They will resume on Tuesday."
    timexes = find_timexes(text, nlp(text), PUB)
    assert [t.value for t in timexes] == ["2025-04-01", "2025-04-08"]
    assert values("Police said Thursday that two men were arrested.", nlp) == {"Thursday": "2025-04-03"}
    assert values("Last Friday the minister resigned.", nlp)["Last Friday"] == "2025-03-28"
    assert values("The envoy arrives next Monday.", nlp)["next Monday"] == "2025-04-07"


def test_relative_months_weeks_and_years(nlp):
    got = values("Prices rose last month and this week, and will fall next month. Earlier this year "
                 "the bank acted; next year it may not. In 2009 it did the same.", nlp)
    assert got["last month"] == "2025-03"
    assert got["this week"] == "2025-W14"
    assert got["next month"] == "2025-05"
    assert got["Earlier this year"] == "2025"
    assert got["next year"] == "2026"
    assert got["2009"] == "2009"


def test_days_around_the_publication_date(nlp):
    got = values("Yesterday the army withdrew; today it regrouped and tomorrow it attacks. "
                 "Last night a shell fell.", nlp)
    assert got == {"Yesterday": "2025-04-02", "today": "2025-04-03", "tomorrow": "2025-04-04",
                   "Last night": "2025-04-02"}


def test_ago_counts_back_at_the_precision_of_its_unit(nlp):
    got = values("The deal collapsed two weeks ago, five months ago talks began, and three years "
                 "ago the war started.", nlp)
    assert got["two weeks ago"] == "2025-03-20"
    assert got["five months ago"] == "2024-11"
    assert got["three years ago"] == "2022"


def test_months_alone_seasons_quarters_decades(nlp):
    got = values("In March the rebels retreated. Last summer they advanced, and in summer 2009 they "
                 "held the city. Growth slowed in the third quarter of 2024 and last quarter. "
                 "Since the 1990s, and in the '80s, the region was calm.", nlp)
    assert got["March"] == "2025-03"
    assert got["Last summer"] == "2024-SU"
    assert got["summer 2009"] == "2009-SU"
    assert got["the third quarter of 2024"] == "2024-Q3"
    assert got["last quarter"] == "2025-Q1"
    assert got["the 1990s"] == "199"
    assert got["the '80s"] == "198"


def test_month_in_a_past_clause_after_the_publication_month_is_last_years(nlp):
    assert values("The ministry announced the plan in October.", nlp, "2025-02-10") == {"October": "2024-10"}


def test_anaphoric_expressions_count_from_the_last_date_named(nlp):
    text = "The summit opened on March 3, 2020. The following day, talks collapsed. A year later they resumed."
    got = values(text, nlp)
    assert got["The following day"] == "2020-03-04"
    assert got["A year later"] == "2021"
    # With nothing named before, "the following day" has nothing to count from.
    assert values("The following day, talks collapsed.", nlp) == {"The following day": None}


def test_two_weeks_after_a_date_or_an_event_dated_earlier(nlp):
    got = values("Protests broke out two weeks after March 3.", nlp)
    assert got == {"two weeks after March 3": "2025-03-17"}
    text = "The election was held on March 3. Two weeks after the election, protesters marched."
    got = values(text, nlp)
    assert got["Two weeks after"] == "2025-03-17"
    assert values("Two weeks after the election, protesters marched.", nlp) == {"Two weeks after": None}


def test_without_publication_date_the_year_written_in_the_text_anchors_and_is_marked_inferred(nlp):
    text = "In 2009, the talks began on April 1. They ended that summer, and this year's budget was cut."
    timexes = find_timexes(text, nlp(text), None)
    by_text = {t.text: t for t in timexes}
    assert by_text["2009"].value == "2009" and not by_text["2009"].inferred
    assert by_text["April 1"].value == "2009-04-01" and by_text["April 1"].inferred
    full = "On May 4, 2011, the army entered the town. On Tuesday it left."
    by_text = {t.text: t for t in find_timexes(full, nlp(full), None)}
    assert by_text["Tuesday"].value == "2011-05-03" and by_text["Tuesday"].inferred


def test_never_invents_a_year(nlp):
    text = "The talks began on April 1 and resumed on Tuesday; last month prices rose. In March they fell."
    got = {t.text: t for t in find_timexes(text, nlp(text), None)}
    assert got["April 1"].value == "--04-01"
    assert got["Tuesday"].value is None
    assert got["last month"].value is None
    assert got["March"].value == "--03"
    assert not any(t.inferred for t in got.values())
    # A year alone as anchor: what needs a month or day stays unresolved.
    text = "In 2009 prices fell. Last month they rose, and this year they doubled."
    got = {t.text: t.value for t in find_timexes(text, nlp(text), None)}
    assert got["Last month"] is None and got["this year"] == "2009"


def test_false_friends_are_not_dates(nlp):
    text = ("Theresa May said the marchers may march to the square. The firm sold 1995 tonnes for "
            "$2010 and 2,014 people came; 2012% is absurd. USA Today reported it.")
    assert values(text, nlp) == {}


def test_names_and_counts_that_look_like_months_or_years_are_skipped_but_cued_months_kept(nlp):
    text = "May Lee met Jan Kowalski. Since May, prices rose; in May 2019 the president may resign."
    assert values(text, nlp) == {"May": "2024-05", "May 2019": "2019-05"}


def test_ambiguous_numeric_dates_keep_only_the_year():
    got = {t.text: t.value for t in find_timexes("Filed 4/1/2025, 13/02/2024 and 12/25/2023.", None, PUB)}
    assert got == {"4/1/2025": "2025", "13/02/2024": "2024-02-13", "12/25/2023": "2023-12-25"}


def test_forward_cues_point_ahead_in_a_past_clause(nlp):
    # Written in late October: a dividend "payable" in February is next year's.
    text = "The board declared a dividend payable Feb. 1."
    assert values(text, nlp, "2024-10-26") == {"Feb. 1": "2025-02-01"}


def test_spans_point_into_the_text(nlp):
    text = "Fighting resumed on Friday in the north, two days after a truce on Feb. 12, 2024."
    for t in find_timexes(text, nlp(text), PUB):
        assert text[t.span[0]:t.span[1]] == t.text


def test_date_of_picks_the_expression_nearest_the_trigger():
    text = "Rebels attacked on Monday, and on Wednesday the government agreed to talks."
    article = Article(id="a", text=text, origin="test", published=PUB)
    article.timex = [Timex("Monday", (18, 24), "2025-03-31"), Timex("Wednesday", (33, 42), "2025-04-02")]
    trigger = text.index("agreed")
    assert date_of(article, 0, len(text), (trigger, trigger + 6)) == "2025-04-02"
    assert date_of(article, 0, len(text), text.index("attacked")) == "2025-03-31"
    assert date_of(article, 0, len(text)) == "2025-03-31"
    assert date_of(article, 44, len(text)) is None  # no dated expression inside that span


def test_stage_fills_article_timex_and_sits_in_the_pipeline(nlp):
    from eventscope.options import Options
    from eventscope.pipeline import build_stages

    stage = DateStage()
    assert stage.name == "timex" and stage.needs_parse
    text = "The ministry said on Monday that troops left last week."
    article = Article(id="a", text=text, origin="test", published="2025-04-03T10:00:00Z")
    stage(article, nlp(text))
    assert [(t.text, t.value) for t in article.timex] == [("Monday", "2025-03-31"), ("last week", "2025-W13")]
    start = text.index("Monday")
    assert article.to_contract()["timex"][0] == {"text": "Monday", "span": [start, start + 6], "value": "2025-03-31",
                                                 "inferred": False}
    names = [type(s).__name__ for s in build_stages(Options())]
    assert "DateStage" in names
    if "EventCoder" in names:
        assert names.index("DateStage") < names.index("EventCoder")


def test_without_a_parse_the_text_alone_still_gives_dates():
    got = {t.text: t.value for t in find_timexes("Talks resumed on Jan. 5, 2024 and last week.", None, PUB)}
    assert got == {"Jan. 5, 2024": "2024-01-05", "last week": "2025-W13"}
