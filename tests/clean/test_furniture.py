"""Furniture removal: each kind of page furniture goes with its reason, and the article stays whole."""
from __future__ import annotations

import pytest

from eventscope.clean.furniture import remove_furniture
from eventscope.clean.furniture_rules import is_date_line, is_prose, match, patterns

LEAD = ("The city council of Riverton voted on Tuesday to approve a budget that raises spending on public "
        "transport by twelve percent, officials said.")
BODY = [
    LEAD,
    ("Mayor Ana Torres said the plan would add three bus lines and extend service hours on weekends, a change "
     "long sought by commuters in the outer districts."),
    ("Opposition councillors argued that the increase would strain the city's reserves, and two of them voted "
     "against the measure after a debate that lasted four hours."),
    "The budget takes effect in January.",
    ("Transport officials expect the new lines to carry about 15,000 passengers a day within a year, according "
     "to a report presented to the council on Monday"),  # the last paragraph has lost its full stop
]
HEADER = ["Home", "World", "Politics", "Business", "Sport", "Opinion", "Subscribe", "Sign in",
          "Riverton approves transport budget", "By Maria Lopez", "March 3, 2024"]
FOOTER = ["Tags: Politics, Transport", "Share on Facebook", "Tweet", "© 2024 Riverton Herald. All rights reserved.",
          "Privacy Policy", "Terms of Use", "Contact us"]


def reasons_of(removed):
    return {r.text: r.reason for r in removed}


def test_plain_article_comes_back_unchanged():
    kept, removed = remove_furniture(BODY)
    assert kept == BODY and removed == []


def test_scraped_page_keeps_the_body_and_names_every_cut():
    kept, removed = remove_furniture(HEADER + BODY + FOOTER)
    assert kept == BODY
    assert len(removed) == len(HEADER) + len(FOOTER)
    assert all(r.reason for r in removed)
    why = reasons_of(removed)
    assert why["Tags: Politics, Transport"] == "category tags"
    assert why["Share on Facebook"] == "share/subscribe"
    assert why["© 2024 Riverton Herald. All rights reserved."] == "copyright"
    assert why["Politics"] == "navigation"


def test_read_next_block_with_times_teasers_and_repeated_lead_goes():
    block = ["Read next", "10:42", LEAD, "17:17",
             ("The regional rail operator announced new fares for commuters travelling to the capital, "
              "effective next month."),
             "19:10", "Transport",
             ("A strike by bus drivers in the neighbouring town of Eastfield ended after three days of talks "
              "with the municipal operator."),
             "What is your opinion on this topic?", "Leave the first comment"]
    kept, removed = remove_furniture(BODY + block)
    assert kept == BODY
    why = reasons_of(removed)
    assert why["Read next"] == "related-articles list"
    assert why["10:42"] == why["17:17"] == "clock time"
    assert why["What is your opinion on this topic?"] == why["Leave the first comment"] == "comment prompt"
    assert [r.reason for r in removed if r.text == LEAD] == ["repeated lead"]
    assert kept.count(LEAD) == 1


def test_real_paragraph_without_full_stop_is_kept():
    kept, _ = remove_furniture(HEADER + BODY + ["Read next", "10:42", "Another story entirely"])
    assert kept[-1] == BODY[-1]


def test_short_real_paragraph_between_long_ones_is_kept():
    kept, _ = remove_furniture(HEADER + BODY + FOOTER)
    assert "The budget takes effect in January." in kept


def test_related_box_inside_the_body_goes_and_the_body_after_it_stays():
    box = ["Trending", "Police arrest two after warehouse fire", "Schools reopen after storm",
           "Local team wins regional cup"]
    kept, removed = remove_furniture(BODY[:2] + box + BODY[2:])
    assert kept == BODY
    assert {r.reason for r in removed} == {"related-articles list"}


@pytest.mark.parametrize("line, reason", [
    ("10:42", "clock time"),
    ("Leave a comment", "comment prompt"),
    ("12 comments", "comment prompt"),
    ("Subscribe to our daily newsletter", "share/subscribe"),
    ("Share this article", "share/subscribe"),
    ("This website uses cookies to improve your experience. By using our site you agree to our policy.",
     "cookie notice"),
    ("Advertisement", "advertisement"),
    ("Filed under: Politics", "category tags"),
    ("Related: Council delays vote on housing plan", "related-article link"),
    ("READ MORE: Council delays vote on housing plan", "related-article link"),
    ("Skip to main content", "navigation"),
    ("3 min read", "reading time"),
    ("Photo: Maria Lopez/Reuters", "photo credit"),
    ("Skip to main Navigation", "navigation"),
    ("Riverton Herald Site Map", "navigation"),
    ("CLICK FOR FULL ELECTION RESULTS", "navigation"),
    ("News > Politics > City Council", "navigation"),
    ("Tags Ana Torres Riverton", "category tags"),
    ("tags #Local Markets #Transport", "category tags"),
    ("The mayor at the council meeting last week.Credit...Maria Lopez/Riverton Herald", "photo credit"),
])
def test_pattern_lines_are_named(line, reason):
    assert match(line) is not None and match(line)[0] == reason


@pytest.mark.parametrize("line", [
    "What do you think about the proposal to raise fares, he asked the minister, who declined to answer.",
    "Share prices fell sharply on Tuesday after the bank cut its forecast.",
    "The company said it uses cookies from its own bakery in the new product line, and sales rose.",
    "Copyright law in the European Union was changed in 2019 after a long debate.",
    "More than 200 people attended the meeting.",
    "Tags are attached to every bag at the airport.",
    "He said the credit... would go to the council.",
    "1 | Kyle Busch | 5040 | 5 | 1 | 17 | 27",  # a table row, as the extractor writes one
])
def test_sentences_that_merely_start_like_furniture_are_not_matched(line):
    assert match(line) is None


def test_comment_thread_after_the_article_goes():
    thread = ["34 comments", "river_fan says:", "March 3, 2024 at 6:34 am",
              "This is the best news for commuters in years, and the council should be proud of it today.",
              "oldtimer says:", "2 hours ago",
              "Another tax on hard-working families, and nobody asked us whether we wanted new buses at all."]
    kept, removed = remove_furniture(BODY + thread)
    assert kept == BODY
    assert reasons_of(removed)["34 comments"] == "comment prompt"
    assert {r.reason for r in removed} <= {"comment prompt", "reader comments"}


def test_a_line_repeated_on_purpose_is_kept():
    question = "What inspired you to start cooking for a living?"
    body = [BODY[0], question, BODY[1], BODY[2], question, BODY[3]]
    for kind in ("text", "html"):
        kept, _ = remove_furniture(body, kind=kind)
        assert kept.count(question) == 2


def test_article_printed_twice_in_scraped_text_keeps_one_copy():
    kept, removed = remove_furniture(BODY + ["Related coverage"] + BODY)
    assert kept == BODY
    assert all(r.reason in {"repeated lead", "duplicate paragraph", "related-articles list", "page footer"}
               for r in removed)


def test_summary_repeated_by_the_first_paragraph_keeps_the_paragraph():
    summary = "The city council of Riverton has voted to approve a budget that raises spending on public " \
              "transport by twelve percent, officials said."
    kept, removed = remove_furniture([summary, "Photo: Maria Lopez/Reuters"] + BODY)
    assert kept == BODY
    assert reasons_of(removed)[summary] == "repeated lead"


def test_html_paragraphs_keep_short_body_lines_and_lose_the_title():
    paragraphs = ["Riverton approves transport budget", BODY[0], "New lines", BODY[1], "Costs", BODY[2],
                  "Related: Council delays vote on housing plan", BODY[3], BODY[4],
                  "Follow us on Twitter and Facebook for more news from Riverton."]
    kept, removed = remove_furniture(paragraphs, "Riverton approves transport budget | Riverton Herald",
                                     kind="html")
    assert kept == [BODY[0], "New lines", BODY[1], "Costs", BODY[2], BODY[3], BODY[4]]
    assert reasons_of(removed)["Riverton approves transport budget"] == "title"


def test_plain_text_table_inside_the_body_is_kept():
    table = ["Team", "Points", "Wins", "Riverton", "45", "14", "Eastfield", "41", "12", "Northgate", "30", "9"]
    kept, _ = remove_furniture(HEADER + BODY[:3] + table + BODY[3:] + FOOTER)
    assert kept == BODY[:3] + table + BODY[3:]


@pytest.mark.parametrize("kind", ["text", "html"])
def test_cleaning_twice_changes_nothing(kind):
    page = HEADER + BODY[:2] + ["Advertisement"] + BODY[2:] + ["Read next", "10:42", LEAD] + FOOTER
    kept, _ = remove_furniture(page, "Riverton approves transport budget", kind=kind)
    again, removed = remove_furniture(kept, "Riverton approves transport budget", kind=kind)
    assert again == kept and removed == []


def test_hard_wrapped_plain_text_is_read_as_paragraphs():
    wrapped = ["The city council of Riverton voted on Tuesday to approve a budget that",
               "raises spending on public transport by twelve percent, officials said, in",
               "a vote that followed four hours of debate.",
               "Mayor Ana Torres said the plan would add three bus lines and extend the",
               "service hours on weekends."]
    kept, _removed = remove_furniture(HEADER + wrapped + FOOTER)
    assert kept == wrapped


def test_line_shapes():
    assert is_prose(BODY[-1])  # long enough that a missing full stop does not matter
    assert is_prose("He declined to comment.")
    assert not is_prose("Police arrest two after warehouse fire")
    assert is_date_line("Tuesday November 19, 2019") and is_date_line("Updated at 1:23 p.m.")
    assert not is_date_line("— Jane Doe (@janedoe) November 19, 2019")
    assert not is_date_line("(Graphic: Emerging markets in 2019 - here)")


def test_patterns_load_from_data():
    assert len(patterns()) > 50
    assert {p.reason for p in patterns()} >= {"related-articles list", "comment prompt", "clock time",
                                              "share/subscribe", "cookie notice", "category tags", "navigation"}


def test_lead_teased_in_the_header_and_repeated_after_the_body_stands_once():
    nav = ["Markets", "Economy", "Tech", "Culture", "Travel", "Science", "Health", "Video", "Podcasts",
           "Newsletters", "Events", "Jobs"]
    page = HEADER + [LEAD] + nav + BODY + ["Read next", "10:42", LEAD] + FOOTER
    kept, removed = remove_furniture(page)
    assert kept == BODY
    assert [r.reason for r in removed if r.text == LEAD] == ["repeated lead", "repeated lead"]


def test_bulleted_list_between_paragraphs_is_kept():
    items = ["- three new bus lines", "- longer hours on weekends", "- a night service on Fridays",
             "- cheaper monthly passes", "- more ticket machines", "- a new depot in the east",
             "- cleaner buses", "- free rides for pupils", "- real-time timetables", "- more bike racks",
             "- wider bus stops", "- a new app"]
    article = [BODY[0], "The plan includes:"] + items + ["The council will review it in a year."]
    kept, removed = remove_furniture(article)
    assert kept == article and removed == []


def test_scraped_text_keeps_its_headline_as_the_title():
    from eventscope.clean import clean
    from eventscope.model import RawDoc

    body = "\n".join(HEADER + BODY + FOOTER)
    article = clean(RawDoc(body=body, kind="text", origin="scraped.txt"))
    assert article.title == "Riverton approves transport budget"
    assert "Riverton approves transport budget" not in article.text
    # A line that reads as furniture is no headline, whatever words it shares with the lead.
    junk = clean(RawDoc(body="\n".join(["News > Riverton council > Transport budget", "Tags Riverton council budget"]
                                       + BODY), kind="text", origin="scraped.txt"))
    assert junk.title is None
    # A page given its title keeps that one.
    titled = clean(RawDoc(body=body, kind="text", origin="scraped.txt", title="Budget passes"))
    assert titled.title == "Budget passes"
