"""HTML extraction: main text, publisher's JSON-LD body, metadata, post-processing, robustness."""
from __future__ import annotations

import importlib
import json
from types import SimpleNamespace

import pytest

from eventscope.options import Options

# ``eventscope.clean`` (the package) is shadowed by the ``clean`` function it exports.
E = importlib.import_module("eventscope.clean.extract")
S = importlib.import_module("eventscope.clean.structured")
T = importlib.import_module("eventscope.clean.tidy")

PARAS = [
    ("The foreign ministers of Chile and Peru met in Lima on Monday to discuss a long-running maritime "
    "dispute, officials said after the talks ended late in the evening."),
    ("Both governments agreed to set up a joint commission that will report within six months on fishing "
    "rights and the policing of the shared waters off the coast."),
    ("Peru's foreign minister said the meeting had been constructive, while his Chilean counterpart called "
    "it a first step towards a lasting settlement between the two neighbours."),
    ("Fishermen in the border town of Tacna said they hoped the commission would end years of arrests and "
    "seized boats, which have strained relations on both sides of the line."),
]
TITLE = "Chile and Peru agree on maritime commission"
NAV = ["Home", "World", "Business", "Sport", "Weather"]


def page(paras: list[str] = PARAS, head: str = "", lang: str = "en", h1: str = TITLE, extra: str = "") -> str:
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{TITLE} | Example News</title>'
            f'<meta property="og:site_name" content="Example News">'
            f'<meta property="article:published_time" content="2024-03-05T10:00:00Z">{head}</head><body>'
            f'<header><nav class="main-nav"><ul>{nav}</ul></nav></header>'
            f'<main><article><h1>{h1}</h1><div class="article-body">{body}{extra}</div></article></main>'
            f'<footer class="site-footer"><p>Copyright 2024 Example News. All rights reserved.</p>'
            f'<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer></body></html>')


def extract(html: str, url: str | None = "https://news.example.com/world/chile-peru") -> E.Extracted:
    return E.extract_html(html, url, Options())


def test_article_paragraphs_kept_nav_and_footer_dropped():
    ex = extract(page())
    text = "\n".join(ex.paragraphs)
    for p in PARAS:
        assert p in ex.paragraphs
    for n in NAV:
        assert n not in ex.paragraphs
    assert "Privacy policy" not in text and "All rights reserved" not in text


def test_title_date_language_and_site_found():
    ex = extract(page())
    assert ex.title == TITLE  # the " | Example News" suffix is the site, not the headline
    assert ex.published == "2024-03-05"
    assert ex.language == "en"
    assert ex.site == "Example News"


def test_language_is_the_texts_own_not_the_template_default():
    german = [
        ("Die Außenminister von Chile und Peru haben sich am Montag in Lima getroffen, um über den seit "
        "Jahren schwelenden Streit um die Seegrenze zu beraten, teilten Beamte mit."),
        ("Beide Regierungen einigten sich darauf, eine gemeinsame Kommission einzusetzen, die binnen sechs "
        "Monaten über Fischereirechte und die Überwachung der Gewässer berichten soll."),
        ("Der peruanische Außenminister sprach von einem konstruktiven Treffen, sein chilenischer Kollege "
        "nannte es einen ersten Schritt zu einer dauerhaften Einigung zwischen den Nachbarn."),
    ]
    assert extract(page(german, lang="en")).language == "de"


def test_headline_repeated_in_body_is_cut_and_recorded():
    # A headline repeated as the body's first heading (extraction drops the page's own <h1>).
    ex = extract(page([f"<strong>{TITLE}</strong>"] + PARAS))
    assert TITLE not in ex.paragraphs
    assert any(r.reason == "headline repeated" and r.text == TITLE for r in ex.removed)


def test_headline_after_a_kicker_is_cut():
    blocks = [T.Block("Exclusive", "head"), T.Block(TITLE + " (video)", "head")] + [T.Block(p) for p in PARAS]
    kept, removed = T.tidy(blocks, TITLE)
    assert [b.text for b in kept] == ["Exclusive"] + PARAS
    assert removed[0].reason == "headline repeated"


def test_jsonld_article_body_chosen_when_it_holds_more_of_the_article():
    # The page shows only the first two paragraphs (the rest behind a "read more" script); the
    # publisher's JSON-LD carries all four.
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE,
          "articleBody": "\n\n".join(PARAS)}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    ex = extract(page(PARAS[:2], head=head))
    assert ex.paragraphs[:4] == PARAS


def test_truncated_jsonld_teaser_is_not_chosen():
    ld = {"@type": "NewsArticle", "articleBody": " ".join(PARAS)[:300] + "…"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    ex = extract(page(head=head))
    assert ex.paragraphs == PARAS


def test_jsonld_read_from_broken_json_and_escaped_markup():
    body = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAS)
    raw = '{"@type": "NewsArticle", // a comment breaks strict JSON\n "articleBody": "' + body + '"}}'
    tree = S.parse_html(f'<html><head><script type="application/ld+json">{raw}</script></head><body></body></html>')
    (found,) = S.declared_bodies(tree)
    assert S.body_paragraphs(found) == PARAS


def test_jsonld_about_another_text_is_not_chosen():
    other = [("A completely different story about football results from the weekend, with goals and "
             "cards and a late penalty that decided the derby in the final minute of play.")] * 3
    ld = {"@type": "NewsArticle", "articleBody": "\n".join(other)}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    assert extract(page(head=head)).paragraphs == PARAS


def test_long_duplicate_paragraph_dropped_once_and_recorded():
    long = PARAS[1] + " The commission will sit in Arica and hear evidence from both navies and the fishing unions."
    ex = extract(page([PARAS[0], long, PARAS[2], long, PARAS[3]]))
    assert ex.paragraphs.count(long) == 1
    assert [r.reason for r in ex.removed if r.text == long] == ["duplicate paragraph"]


def test_short_repeated_list_items_are_kept():
    blocks = [T.Block(p) for p in PARAS] + [T.Block("Eat every 2-3 hours", "item")] * 2
    kept, removed = T.tidy(blocks)
    assert len(kept) == len(blocks) and not removed


def test_trailing_credit_and_signup_lines_cut():
    tail = ["Reporting by Ana Ruiz; Editing by Tom Brown",
            "Sign up for our daily newsletter to get the top stories in your inbox."]
    kept, removed = T.tidy([T.Block(p) for p in PARAS + tail], TITLE)
    assert [b.text for b in kept] == PARAS
    assert [r.reason for r in removed] == ["credit line", "follow/sign-up prompt"]


def test_credit_words_inside_the_story_are_kept():
    early = "Follow-up talks on the commission are due in Santiago on Friday, officials at the ministry said."
    blocks = [T.Block(early)] + [T.Block(p) for p in PARAS]
    kept, _ = T.tidy(blocks)
    assert kept[0].text == early


def test_tables_kept_as_rows_and_lists_as_items():
    table = ("<table><tr><th>Team</th><th>Points</th></tr><tr><td>Chile</td><td>12</td></tr>"
             "<tr><td>Peru</td><td>9</td></tr></table>")
    ex = extract(page(extra=table))
    assert "Chile | 12" in ex.paragraphs and "Peru | 9" in ex.paragraphs


def test_precision_collapse_falls_back_to_default_mode(monkeypatch):
    from lxml import etree

    def fake(html, url, precision):
        body = etree.fromstring("<body><p>This copy is for your personal use only.</p></body>" if precision else
                                "<body>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</body>")
        return SimpleNamespace(body=body, title=TITLE, date=None, sitename=None, hostname=None)

    monkeypatch.setattr(E, "_trafilatura", fake)
    assert extract("<html><body>x</body></html>").paragraphs == PARAS


@pytest.mark.parametrize("html", ["", "   ", "<<<>>>", "<html></html>", "\x00\x01\x02 binary \xff\xfe",
                                  "<div>" * 3000, "just some words, no markup at all",
                                  '<html><head><script type="application/ld+json">{"articleBody": </script></head></html>'])
def test_empty_or_garbage_html_gives_no_crash(html):
    ex = extract(html, url=None)
    assert isinstance(ex.paragraphs, list)
    assert all(p.strip() for p in ex.paragraphs)


@pytest.mark.parametrize("title,site,url,expected", [
    ("Clymer workshop manual review | MoreBikes", "MoreBikes", None, "Clymer workshop manual review"),
    ("New York investigates WeWork – TechCrunch", None, "https://techcrunch.com/2019/x", "New York investigates WeWork"),
    ("BBC News - Talks resume in Lima", "BBC", "https://www.bbc.com/news/x", "Talks resume in Lima"),
    ("Peace talks - what comes next", "Example News", None, "Peace talks - what comes next"),
    ("Reuters - Reuters", "Reuters", None, "Reuters - Reuters"),
])
def test_site_name_stripped_from_title(title, site, url, expected):
    assert E.strip_site(title, site, url) == expected


def test_site_stripped_title_keeps_its_own_separators():
    assert E.strip_site("Brexit - the latest | Example News", "Example News", None) == "Brexit - the latest"


def test_follow_up_sentence_at_the_end_is_not_a_follow_prompt():
    last = "Follow-up talks on fishing quotas are due in Santiago on Friday."
    assert T.closing_line(last) is None
    assert T.closing_line("Follow Example News on Twitter and Facebook.") == "follow/sign-up prompt"
