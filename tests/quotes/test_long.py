"""The quote stage on long texts: time in proportion to the length, the same answers as a plain scan."""
from __future__ import annotations

import random
import time

from eventscope.model import Article, Event, Mention, Quote, Trigger
from eventscope.nlp import load
from eventscope.quotes import _dedupe, find_quotes
from eventscope.quotes.attribution import Found, drop_nested
from eventscope.quotes.link import carried, link
from eventscope.quotes.marks import Quoted, SpanSet, find_quoted, inside, overlapping, paragraph

PARAS = ['The minister spoke in Lima on Monday. "We will sign the treaty next week," she said, and left.',
         'Officials said the talks would go on. "Nothing is agreed until everything is agreed," one added.']


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def test_quotes_of_a_long_text_cost_time_in_proportion_to_its_length() -> None:
    # 384k characters, 8000 quotations. Tokenized only (no parse): each token still asks whether it
    # stands in a quotation, which a scan of all of them per token made a 16 s question.
    text = "\n".join(PARAS[k % 2] for k in range(4000))
    doc = load().make_doc(text)
    assert len(find_quoted(text)) == 4000
    _, seconds = cpu(find_quotes, Article(id="x", text=text, origin="x"), doc)
    assert seconds < 3.0


def _random_quoted(rng: random.Random, n: int) -> list[Quoted]:
    out, pos = [], 0
    for _ in range(n):
        pos += rng.randint(1, 30)
        length = rng.randint(1, 40)
        out.append(Quoted((pos, pos + length), "\"", True))
        pos += length
    return out


def test_lookups_in_quotations_agree_with_a_scan() -> None:
    rng = random.Random(3)
    for _ in range(50):
        quoted = _random_quoted(rng, rng.randint(0, 30))
        top = quoted[-1].span[1] + 40 if quoted else 50
        for _ in range(40):
            pos = rng.randint(-5, top)
            assert inside(quoted, pos) is next((q for q in quoted if q.span[0] <= pos < q.span[1]), None)
            start = rng.randint(-5, top)
            end = start + rng.randint(-3, 60)
            assert overlapping(quoted, start, end) == [q for q in quoted if q.span[0] < end and start < q.span[1]]


def test_span_set_and_paragraph_agree_with_a_scan() -> None:
    rng = random.Random(5)
    for _ in range(100):
        spans = [(s, s + rng.randint(-2, 50)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 12)))]
        ss = SpanSet(spans)
        for _ in range(20):
            a = rng.randint(-5, 260)
            b = a + rng.randint(-3, 40)
            assert ss.overlaps(a, b) == any(s < b and a < e for s, e in spans)
    text = "".join(rng.choice("ab \n") for _ in range(500))
    for pos in range(505):
        end = text.find("\n", pos)
        assert paragraph(text, pos) == (text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end)


def _brute_drop_nested(found: list[Found]) -> list[Found]:
    loose = {"clause", "according"}
    drop: set[int] = set()
    for i, f in enumerate(found):
        for j, g in enumerate(found):
            if i != j and f.cue_span[0] == g.cue_span[0] and g.how in loose and f.how not in loose:
                drop.add(j)
                continue
            if i == j or not g.span[0] <= f.cue_span[0] < g.span[1]:
                continue
            if f.how not in loose and f.how != "attitude" and (g.how in loose or g.how == "attitude"):
                drop.add(j)
            else:
                drop.add(i)
    return [f for k, f in enumerate(found) if k not in drop]


def _random_found(rng: random.Random, n: int, width: int) -> list[Found]:
    out = []
    for _ in range(n):
        s = rng.randint(0, width)
        cue = rng.randint(max(0, s - 30), s + 60)
        out.append(Found([(s, s + rng.randint(2, 60))], "said", (cue, cue + 4), None, "direct",
                         how=rng.choice(["quote", "complement", "clause", "according", "attitude"])))
    return out


def test_nested_attributions_are_dropped_as_by_comparing_every_pair() -> None:
    rng = random.Random(11)
    for _ in range(200):
        found = _random_found(rng, rng.randint(0, 25), 300)
        assert drop_nested(found) == _brute_drop_nested(found)


def test_nested_attributions_of_a_long_text_take_no_pass_per_pair() -> None:
    found = _random_found(random.Random(2), 20000, 4_000_000)  # a pair at a time: 4e8 comparisons
    kept, seconds = cpu(drop_nested, found)
    assert 0 < len(kept) < len(found)
    assert seconds < 3.0


def _quote(s: int, e: int, speaker: bool) -> Quote:
    return Quote(text="x", span=(s, e), kind="direct", speaker=Mention("she", (0, 3)) if speaker else None)


def _brute_dedupe(quotes: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    for q in quotes:
        clash = None
        for k, o in enumerate(out):
            lo, hi = max(q.span[0], o.span[0]), min(q.span[1], o.span[1])
            if hi - lo >= 0.5 * (min(q.span[1] - q.span[0], o.span[1] - o.span[0]) or 1):
                clash = k
                break
        if clash is None:
            out.append(q)
        elif (q.speaker is not None, q.span[1] - q.span[0]) > (out[clash].speaker is not None,
                                                                 out[clash].span[1] - out[clash].span[0]):
            out[clash] = q
    return out


def test_overlapping_quotes_are_deduplicated_as_by_comparing_every_pair() -> None:
    rng = random.Random(13)
    for _ in range(300):
        starts = sorted(rng.randint(0, 200) for _ in range(rng.randint(0, 20)))
        quotes = [_quote(s, s + rng.randint(0, 50), rng.random() < 0.5) for s in starts]
        assert _dedupe(quotes) == _brute_dedupe(quotes)
    many = [_quote(k * 50, k * 50 + 40, False) for k in range(30000)]
    kept, seconds = cpu(_dedupe, many)
    assert len(kept) == 30000 and seconds < 2.0


def test_quote_links_read_only_the_events_near_each_quote() -> None:
    para = "X accused them of lying. " + "Nothing else happened there. " * 10 + "\n"
    text = para * 4000
    events, quotes = [], []
    for k in range(4000):
        at = k * len(para)
        events.append(Event("ACCUSE", "112", 3, -2.0, [], [], Trigger("accused", (at + 2, at + 9)), (at, at + 24)))
        quotes.append(Quote(text="them of lying", span=(at + 10, at + 23), kind="indirect", cue="accused"))
    article = Article(id="x", text=text, origin="x", events=events, quotes=quotes)
    _, seconds = cpu(link, article)
    assert quotes[7].events == [7] and quotes[-1].events == [3999]
    assert all(q.events == carried(article, q) for q in quotes[:50])
    assert seconds < 2.0
