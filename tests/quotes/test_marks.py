"""Quotation marks on plain text: every convention, and broken text never raising."""
from __future__ import annotations

import random

import pytest

from eventscope.quotes.marks import find_quoted


def texts(text: str) -> list[str]:
    return [text[q.span[0]:q.span[1]] for q in find_quoted(text)]


@pytest.mark.parametrize("text, inner", [
    ("He said “we will win” today.", "we will win"),
    ('He said "we will win" today.', "we will win"),
    ("He said ‘we will win’ today.", "we will win"),
    ("Il a dit «nous gagnerons» hier.", "nous gagnerons"),
    ("Er sagte „wir werden gewinnen“ gestern.", "wir werden gewinnen"),
    ("Er sagte »wir werden gewinnen« gestern.", "wir werden gewinnen"),
])
def test_each_quote_mark_convention_is_found(text: str, inner: str) -> None:
    assert texts(text) == [inner]


def test_apostrophes_do_not_close_a_single_quote() -> None:
    assert texts("She said ‘Serbia’s army isn’t ready’ on Monday.") == ["Serbia’s army isn’t ready"]


def test_apostrophes_alone_make_no_quote() -> None:
    assert texts("Serbia’s president and Hungary’s minister met in the workers’ hall.") == []


def test_trailing_comma_belongs_to_the_attribution() -> None:
    assert texts("“This is a partnership for the future,” said Đurić.") == ["This is a partnership for the future"]


def test_a_quote_over_several_sentences_is_one_passage() -> None:
    text = "“We came. We saw. We signed,” he said."
    assert texts(text) == ["We came. We saw. We signed"]


def test_a_quote_reopened_on_the_next_paragraph_runs_on() -> None:
    text = "“We came to Belgrade to sign.\n“And we will come back,” he said."
    found = find_quoted(text)
    assert len(found) == 1
    assert text[found[0].span[0]:found[0].span[1]].endswith("we will come back")


def test_an_unclosed_quote_ends_at_its_paragraph() -> None:
    text = "He said “we will win this war.\nThe talks resumed on Monday."
    found = find_quoted(text)
    assert [text[q.span[0]:q.span[1]] for q in found] == ["we will win this war."]
    assert found[0].closed is False


def test_a_stray_mark_in_each_position_never_raises() -> None:
    base = "“This is,” said X, “a test of ‘nested’ marks» and „more“ «text» with \"straight\" ones.\n"
    rng = random.Random(7)
    marks = "“”\"‘’«»„"
    for _ in range(300):
        chars = list(base * 2)
        for _k in range(rng.randint(1, 6)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(marks))
        text = "".join(chars)
        for q in find_quoted(text):
            assert 0 <= q.span[0] <= q.span[1] <= len(text)
