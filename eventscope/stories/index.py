"""The story index: each new article joins an open story or starts one.

A story is a set of reports of one real-world happening. An article joins the open story whose members it
resembles most on average (average link over TF-IDF cosines of content words and of names), if that
resemblance reaches ``StoryConfig.threshold`` and the story's dates lie within the time window of the
article's date; otherwise it starts a story of its own. Copies (``copies.py``) join their original's
story outright.

The search is bounded so that a stream of millions stays near-linear: candidate stories come from an
inverted index over each article's most distinctive terms, each posting list keeps only its most recent
stories, and stories whose last report left the time window are closed and forgotten.

Revision mends the stream's early choices: while a report is recent, it moves to another story that has
since formed and that it resembles more than its own (``StoryConfig.revise_days``; ``take_moves`` says
which reports moved, for the store to write them again).

Batch grouping (``assign``) is this same index fed in date order, so batch and stream agree by
construction; ``tests/stories/test_index.py`` checks it.
"""
from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from ..model import Article, content_id, parse_date
from .copies import CopyIndex
from .text import Features, features, sublinear


@dataclass
class StoryConfig:
    """The tunables of story grouping, with why (see bench/stories_ecbplus.py for the figures)."""

    # Average cosine to a story's members needed to join it. Chosen on ECB+ dev by leave-topics-out
    # (bench/stories_ecbplus.py --sweep: even topics pick 0.17, odd topics 0.13; the plateau runs
    # 0.13-0.19), never by the best figure on all topics.
    threshold: float = 0.17
    # Share of the names cosine in the score; names and numbers tell apart two happenings of one kind.
    name_weight: float = 0.5
    # Time, where dates are known. Within ``window_days`` of a story's reports an article joins on the
    # plain threshold; further out (a trial months after the crime) only on ``late_factor`` times it, and
    # beyond ``max_gap_days`` never: a story with no report for that long is closed. Two earthquakes of
    # one region a year apart share words but not names and numbers, so they stay apart.
    window_days: int = 30
    late_factor: float = 1.3
    max_gap_days: int = 730
    # How many of an article's most distinctive terms look up candidate stories, how many recent stories
    # each term's posting list keeps, and how many candidates are scored: the bounds that keep a big
    # stream near-linear.
    lookup_terms: int = 16
    posting_cap: int = 100
    # Only the stories that share the most term weight with the article are scored in full.
    max_candidates: int = 24
    # A pseudo-collection of this many documents in which no term occurs smooths IDF while the index is
    # young, so the first articles are not compared on noise.
    idf_prior_docs: int = 100
    # Shingle Jaccard from which two texts are copies (syndicated rewrites included), and how long a text
    # is kept for copy search: reprints follow within days, and the shingles are most of the memory.
    copy_threshold: float = 0.5
    copy_window_days: int = 14
    # One-per-happening facts (``text.slot_values``: the lead's weekday, counts of things): reports of one
    # happening mostly agree on them, reports of two happenings of one kind mostly do not (ECB+ dev, pairs
    # in one topic: counts agree in 72% of same-story pairs, 19% of others). See ``_slot_factor``.
    slot_weight: float = 0.2
    slot_trust: int = 3
    slot_clip: float = 2.0
    slot_up: float = 0.5
    # Each story keeps at most this many terms in its summed vectors (the heaviest).
    max_story_terms: int = 3000
    # Revision. A stream decides each report on the reports before it, so an early report of a happening
    # may join the story of a similar happening before its own story has formed. While a report is younger
    # than ``revise_days`` of stream time, each story that grows (to ``revise_min_size`` reports or more)
    # looks at the latest ``revise_members`` revisable reports of the ``revise_neighbours`` stories around
    # the report that made it grow: one that now fits the grown story (average link, time and facts as for
    # a join) better than the other reports of its own story, by ``revise_margin`` and to the threshold,
    # moves there. One report is too noisy a centre to pull others out of a formed story, hence the
    # minimum size. ECB+ dev over 4 orders (bench/stories_ecbplus.py): B-cubed 0.914 without, 0.928 with
    # (even topics 0.916 -> 0.926, odd 0.912 -> 0.930); the same from 3 days up, with 1 to 24 neighbours
    # and 10 to 40 members, so the bounds are set for the cost of a long stream.
    revise_days: int = 7
    revise_margin: float = 0.02
    revise_min_size: int = 2
    revise_neighbours: int = 4
    revise_members: int = 20


Vector = dict[str, float]

# Bumped whenever ``StoryIndex.state`` changes shape: a stored state of another version is rebuilt instead.
_STATE_VERSION = 2


@dataclass
class _Story:
    id: str
    words: Vector = field(default_factory=dict)  # sum of member unit vectors
    names: Vector = field(default_factory=dict)
    size: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    # The latest of its dated reports and of the stream's time when an undated report joined: a story of
    # undated reports closes like any other, a window after it was last fed.
    touched: dt.date | None = None
    members: list[str] = field(default_factory=list)
    slot_n: dict[str, int] = field(default_factory=dict)  # members giving each fact
    slot_v: dict[str, Counter[str]] = field(default_factory=dict)  # members giving each value, by fact


@dataclass
class _Report:
    """What revision needs of a report that may still move: its vectors as they were added, date, facts."""

    words: Vector
    names: Vector
    date: dt.date | None
    slots: dict[str, frozenset[str]]


def _unit(v: Vector) -> Vector:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {k: x / norm for k, x in v.items()} if norm else {}


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(k, 0.0) for k, x in a.items())


def _dot_without(v: Vector, total: Vector) -> float:
    """``v`` against a sum that holds ``v``, as if it did not: the average-link share of the others."""
    return sum(x * (total[k] - x) for k, x in v.items() if k in total)


def _subtract(from_: Vector, v: Vector) -> None:
    for k, x in v.items():
        if k in from_:
            left = from_[k] - x
            if left > 1e-9:
                from_[k] = left
            else:
                del from_[k]


def _add(into: Vector, v: Vector, cap: int) -> None:
    for k, x in v.items():
        into[k] = into.get(k, 0.0) + x
    if len(into) > 2 * cap:  # prune rarely, to the heaviest terms
        keep = heapq.nlargest(cap, into.items(), key=lambda kv: kv[1])
        into.clear()
        into.update(keep)


class StoryIndex:
    """Streaming story assignment: ``add(article) -> story id``."""

    def __init__(self, config: StoryConfig | None = None):
        self.config = config or StoryConfig()
        self.copies = CopyIndex(self.config.copy_threshold)
        self._df: Counter[str] = Counter()
        self._n = 0
        self._stories: dict[str, _Story] = {}
        # term -> the ids of the latest stories posted under it, oldest first (at most ``posting_cap``).
        # Plain lists: a stream posts millions of rare names once, and an empty deque alone costs 600 bytes.
        self._postings: dict[str, list[str]] = {}
        self._closed_since_sweep = 0
        self._story_of: dict[str, str] = {}  # article id -> story id, for open stories
        self._copy_of: dict[str, str] = {}
        self._closing: list[tuple[dt.date, str]] = []  # (touched date, story id), a heap
        self._copy_expiry: deque[tuple[dt.date, str]] = deque()  # (date, article id), in date order
        self._now: dt.date | None = None
        self._revisable: dict[str, _Report] = {}  # article id -> its report, while it may still move
        self._revise_expiry: deque[tuple[dt.date, str]] = deque()  # (stream date, article id), in order
        self._moves: dict[str, str] = {}  # article id -> the story it moved to, since ``take_moves``

    # -- public -------------------------------------------------------------------------------------

    def add(self, article: Article, feats: Features | None = None, revise: bool = True) -> str:
        """Place one article; returns its story id (stable: derived from the story's first article).

        Earlier articles that the placement moved to another story are in ``take_moves``. ``revise=False``
        places the article without revising (a replay of articles already grouped), and it never moves."""
        f = feats if feats is not None else features(article)
        self._advance(f.date)
        self.count(f)
        words, names = self.vectors(f)
        keys = self._keys(words, names)
        revising = revise and self.config.revise_days > 0
        story = self._copy_story(article)
        # A copy joins its original's story outright: its candidates are wanted only as revision's neighbours.
        candidates = self._candidates(keys) if story is None or revising else []
        if story is None:
            story = self._best_story(words, names, f.date, f.slots, candidates)
        if story is None:
            story = _Story(id="s" + content_id(article.id.encode("utf-8"))[:15])
            while story.id in self._stories:  # the same text twice, both starting stories: keep them apart
                story.id = "s" + content_id(story.id.encode("utf-8"))[:15]
            self._stories[story.id] = story
        self._join(story, article.id, words, names, f.date, f.slots, keys)
        if revising:
            self._revisable[article.id] = _Report(words, names, f.date, f.slots)
            if self._now is not None:
                self._revise_expiry.append((self._now, article.id))
            self._revise(story, [sid for sid in candidates if sid != story.id][:self.config.revise_neighbours])
        return story.id

    def take_moves(self) -> dict[str, str]:
        """The earlier articles that revision moved to another story since the last call: id -> story id."""
        moves, self._moves = self._moves, {}
        return moves

    def count(self, feats: Features) -> None:
        """Count an article's terms into the document frequencies without placing it (what ``add`` does
        first), so that a whole collection can weigh its terms before they are compared."""
        self._n += 1
        self._df.update(set(feats.words) | {"n\0" + k for k in feats.names})

    def vectors(self, feats: Features) -> tuple[Vector, Vector]:
        """An article's unit TF-IDF vectors of words and of names, as the index compares them."""
        return self._vector(feats.words, ""), self._vector(feats.names, "n\0")

    def story_of(self, article_id: str) -> str | None:
        """The story of an article still held by the index (closed stories are forgotten)."""
        return self._story_of.get(article_id)

    def copy_of(self, article_id: str) -> str | None:
        """The earlier article this one copies, where one was found."""
        return self._copy_of.get(article_id)

    # -- snapshot: the index as plain JSON data, so that a store's next ingest goes on from it ------------

    def state(self) -> dict[str, Any]:
        """Everything the index holds, as JSON-ready data (``from_state`` reads it back), except the copy
        index's shingles: ``copy_window`` names the texts it held, for ``from_state`` to shingle again."""
        def day(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "version": _STATE_VERSION, "config": asdict(self.config), "n": self._n, "df": dict(self._df),
            "now": day(self._now), "closed_since_sweep": self._closed_since_sweep,
            "stories": [[st.id, st.words, st.names, st.size, day(st.first), day(st.last), day(st.touched),
                         st.members, st.slot_n, {k: dict(v) for k, v in st.slot_v.items()}]
                        for st in self._stories.values()],
            "postings": self._postings, "story_of": self._story_of, "copy_of": self._copy_of,
            "closing": [[day(d), sid] for d, sid in self._closing],
            "copy_window": [[day(d), aid] for d, aid in self._copy_expiry],
            "revisable": [[aid, r.words, r.names, day(r.date), {k: sorted(v) for k, v in r.slots.items()}]
                          for aid, r in self._revisable.items()],
            "revise_window": [[day(d), aid] for d, aid in self._revise_expiry],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], texts: dict[str, str],
                   config: StoryConfig | None = None) -> StoryIndex:
        """The index ``state()`` described; ``texts`` gives the texts of its ``copy_window`` (by article id).
        Raises ``ValueError`` where the state is of another version, or of another configuration than
        ``config`` (where given)."""
        if state.get("version") != _STATE_VERSION:
            raise ValueError("story index state of another version")
        if config is not None and state["config"] != asdict(config):
            raise ValueError("story index state of another configuration")
        index = cls(StoryConfig(**state["config"]))
        day = parse_date
        index._n = int(state["n"])
        index._df = Counter(state["df"])
        index._now = day(state["now"])
        index._closed_since_sweep = int(state["closed_since_sweep"])
        for sid, words, names, size, first, last, touched, members, slot_n, slot_v in state["stories"]:
            index._stories[sid] = _Story(sid, words, names, size, day(first), day(last), day(touched), members,
                                         slot_n, {k: Counter(v) for k, v in slot_v.items()})
        index._postings = state["postings"]
        index._story_of = state["story_of"]
        index._copy_of = state["copy_of"]
        # a heap stays a heap in list order
        index._closing = [(dt.date.fromisoformat(d), sid) for d, sid in state["closing"]]
        index._copy_expiry.extend((dt.date.fromisoformat(d), aid) for d, aid in state["copy_window"])
        for aid, words, names, date, slots in state["revisable"]:
            index._revisable[aid] = _Report(words, names, day(date), {k: frozenset(v) for k, v in slots.items()})
        index._revise_expiry.extend((dt.date.fromisoformat(d), aid) for d, aid in state["revise_window"])
        for _, aid in index._copy_expiry:
            if texts.get(aid):
                index.copies.add(aid, texts[aid])
        return index

    @property
    def now(self) -> dt.date | None:
        """The stream's time: the newest date it has seen (an undated article is taken to arrive then)."""
        return self._now

    def is_open(self, story_id: str) -> bool:
        """Whether the story is still open (held by the index)."""
        return story_id in self._stories

    @property
    def open_stories(self) -> int:
        return len(self._stories)

    # -- internals ----------------------------------------------------------------------------------

    def _vector(self, counts: Counter[str], prefix: str) -> Vector:
        n = self._n + self.config.idf_prior_docs
        return _unit({k: w * math.log(n / self._df[prefix + k]) for k, w in sublinear(counts).items()})

    def _copy_story(self, article: Article) -> _Story | None:
        text = article.text or ""
        original = self.copies.add(article.id, text) if text else None
        if text and self._now is not None:
            self._copy_expiry.append((self._now, article.id))
        if original is None or original == article.id:
            return None
        self._copy_of[article.id] = original
        sid = self._story_of.get(original)
        return self._stories.get(sid) if sid else None

    def _keys(self, words: Vector, names: Vector) -> list[tuple[float, str]]:
        """An article's ``lookup_terms`` most distinctive terms (weight, posting key): what it is looked up
        and posted under."""
        return heapq.nlargest(self.config.lookup_terms, [(x, k) for k, x in words.items()]
                              + [(x, "n\0" + k) for k, x in names.items()])

    def _candidates(self, keys: list[tuple[float, str]]) -> list[str]:
        """Stories posted under the article's keys (``_keys``), the best-matching ``max_candidates``."""
        acc: dict[str, float] = {}
        for x, k in keys:
            for sid in self._postings.get(k, ()):
                acc[sid] = acc.get(sid, 0.0) + x
        return heapq.nsmallest(self.config.max_candidates, acc, key=lambda sid: (-acc[sid], sid))

    def _best_story(self, words: Vector, names: Vector, date: dt.date | None,
                    slots: dict[str, frozenset[str]], candidates: list[str]) -> _Story | None:
        best: tuple[float, str] | None = None
        for sid in candidates:
            story = self._stories.get(sid)
            if story is None:
                continue
            s = self._fit(words, names, date, slots, story)
            # Ties go to the older (smaller) id, so the answer does not hang on set order.
            if s >= self.config.threshold and (best is None or s > best[0] or (s == best[0] and sid < best[1])):
                best = (s, sid)
        return self._stories[best[1]] if best else None

    def _fit(self, words: Vector, names: Vector, date: dt.date | None, slots: dict[str, frozenset[str]],
             story: _Story, own: bool = False) -> float:
        """How well a report fits a story: average cosine to its members, weighed by time and facts.

        ``own``: the report is a member, and is compared with the others (no time penalty: it is inside)."""
        cfg = self.config
        gap = 0 if own else self._gap(story, date)
        if gap > cfg.max_gap_days:
            return -math.inf
        n = story.size - 1 if own else story.size
        if n <= 0:
            return -math.inf
        dot = _dot_without if own else _dot
        s = dot(words, story.words) / n
        if names and story.names:
            a = cfg.name_weight
            s = (1 - a) * s + a * dot(names, story.names) / n
        if gap > cfg.window_days:
            s /= cfg.late_factor
        if slots:
            s *= self._slot_factor(slots, story, slots if own else None)
        return s

    def _slot_factor(self, slots: dict[str, frozenset[str]], story: _Story,
                     minus: dict[str, frozenset[str]] | None = None) -> float:
        """How a story's one-per-happening facts bear on an article giving the same facts.

        For each fact both give, the share of the story's members giving it that agree with the article
        (a value in common) moves the score up (all agree) or down (none agree), by ``slot_weight`` in
        log terms, trusted less while few members give it; the sum is clipped to ``slot_clip``. ``minus``:
        the facts of a member to leave out (a member compared with the rest of its story).
        """
        cfg = self.config
        total = 0.0
        for slot, values in slots.items():
            mine = minus.get(slot, frozenset()) if minus else frozenset()
            n = story.slot_n.get(slot, 0) - bool(mine)
            if n <= 0:
                continue
            seen = story.slot_v[slot]
            agree = min(n, max(seen.get(v, 0) - (v in mine) for v in values))
            total += (2 * agree / n - 1) * min(n, cfg.slot_trust) / cfg.slot_trust
        return math.exp(cfg.slot_weight * max(-cfg.slot_clip, min(cfg.slot_up, total)))

    def _revise(self, changed: _Story, neighbours: list[str]) -> None:
        """Move into a story that just grew the reports of the stories around it that now fit it better
        than their own; each move changes the story again, so look again, a bounded number of times."""
        cfg = self.config
        for _ in range(cfg.revise_members):
            if changed.size < cfg.revise_min_size or changed.id not in self._stories:
                return
            best: tuple[float, str, _Story] | None = None
            for story in (self._stories.get(sid) for sid in neighbours):
                if story is None or story is changed:
                    continue
                for aid in self._latest_revisable(story):
                    r = self._revisable[aid]
                    fit = self._fit(r.words, r.names, r.date, r.slots, changed)
                    if fit < cfg.threshold or (best is not None and fit <= best[0]):
                        continue
                    if fit > self._fit(r.words, r.names, r.date, r.slots, story, own=True) + cfg.revise_margin:
                        best = (fit, aid, story)
            if best is None:
                return
            self._move(best[1], best[2], changed)

    def _latest_revisable(self, story: _Story) -> list[str]:
        out: list[str] = []
        for aid in reversed(story.members[-2 * self.config.revise_members:]):
            if aid in self._revisable:
                out.append(aid)
                if len(out) == self.config.revise_members:
                    break
        return out

    def _move(self, article_id: str, source: _Story, target: _Story) -> None:
        r = self._revisable[article_id]
        _subtract(source.words, r.words)
        _subtract(source.names, r.names)
        source.size -= 1
        source.members.remove(article_id)
        for slot, values in r.slots.items():
            source.slot_n[slot] -= 1
            seen = source.slot_v[slot]
            seen.subtract(values)
            for v in values:
                if seen[v] <= 0:
                    del seen[v]
            if source.slot_n[slot] <= 0:
                del source.slot_n[slot], source.slot_v[slot]
        if not source.size:
            del self._stories[source.id]  # its closing entry goes stale; its postings are swept
            self._closed_since_sweep += 1
        self._join(target, article_id, r.words, r.names, r.date, r.slots)
        self._moves[article_id] = target.id

    @staticmethod
    def _gap(story: _Story, date: dt.date | None) -> int:
        """Days between a date and the nearest end of a story's span (0 inside it, or where unknown)."""
        if date is None or story.first is None or story.last is None:
            return 0
        return max((story.first - date).days, (date - story.last).days, 0)

    def _join(self, story: _Story, article_id: str, words: Vector, names: Vector, date: dt.date | None,
              slots: dict[str, frozenset[str]] | None = None, keys: list[tuple[float, str]] | None = None) -> None:
        cap = self.config.max_story_terms
        for slot, values in (slots or {}).items():
            story.slot_n[slot] = story.slot_n.get(slot, 0) + 1
            story.slot_v.setdefault(slot, Counter()).update(values)
        _add(story.words, words, cap)
        _add(story.names, names, cap)
        story.size += 1
        story.members.append(article_id)
        self._story_of[article_id] = story.id
        if date is not None:
            story.first = min(story.first or date, date)
            if story.last is None or date > story.last:
                story.last = date
        seen = date if date is not None else self._now
        if seen is not None and (story.touched is None or seen > story.touched):
            story.touched = seen
            heapq.heappush(self._closing, (seen, story.id))
        for _, k in keys if keys is not None else self._keys(words, names):
            posting = self._postings.get(k)
            if posting is None:
                self._postings[k] = [story.id]
            elif posting[-1] != story.id:
                posting.append(story.id)
                if len(posting) > self.config.posting_cap:
                    del posting[0]

    def _advance(self, date: dt.date | None) -> None:
        """Close the stories whose last report is further back than the window from the newest date."""
        if date is None or (self._now is not None and date <= self._now):
            return
        self._now = date
        copy_horizon = date - dt.timedelta(days=min(self.config.copy_window_days, 10**5))
        while self._copy_expiry and self._copy_expiry[0][0] < copy_horizon:
            self.copies.remove(self._copy_expiry.popleft()[1])
        revise_horizon = date.toordinal() - self.config.revise_days
        while self._revise_expiry and self._revise_expiry[0][0].toordinal() < revise_horizon:
            self._revisable.pop(self._revise_expiry.popleft()[1], None)
        try:
            horizon = date - dt.timedelta(days=self.config.max_gap_days)
        except OverflowError:  # a gap longer than the calendar: nothing ever closes
            return
        while self._closing and self._closing[0][0] < horizon:
            touched, sid = heapq.heappop(self._closing)
            story = self._stories.get(sid)
            if story is None or story.touched != touched:
                continue  # a stale heap entry: the story had a later report
            del self._stories[sid]
            for aid in story.members:
                self._story_of.pop(aid, None)
                self._copy_of.pop(aid, None)
                self.copies.remove(aid)
                self._revisable.pop(aid, None)
            self._closed_since_sweep += 1
        if self._closed_since_sweep > max(1000, len(self._stories)):
            self._sweep_postings()

    def _sweep_postings(self) -> None:
        """Drop closed stories from the posting lists, and the terms only closed stories were posted under.

        Run once as many stories have closed as are open, so its cost (all postings) is paid back in
        closures: memory follows the open window, not the whole stream."""
        live = self._stories
        for k in list(self._postings):
            kept = [sid for sid in self._postings[k] if sid in live]
            if kept:
                self._postings[k] = kept
            else:
                del self._postings[k]
        self._closed_since_sweep = 0


def order_key(article: Article, feats: Features) -> tuple[bool, str, int, str]:
    """The order in which a batch is streamed: by date, undated last; within a day (or among the undated),
    the reports naming the most people, places and figures first, so that the most telling report of a
    happening founds its story (ECB+ dev, over 4 orders of the undated: B-cubed 0.893 by id alone, 0.900
    so; bench/stories_ecbplus.py); then by id."""
    return (feats.date is None, feats.date.isoformat() if feats.date else "", -len(feats.names), article.id)


def assign(articles: Iterable[Article], config: StoryConfig | None = None) -> dict[str, str]:
    """Batch mode: article id -> story id, over the whole batch, independent of input order."""
    arts = list(articles)
    feats = {id(a): features(a) for a in arts}
    index = StoryIndex(config)
    out: dict[str, str] = {}
    for a in sorted(arts, key=lambda a: order_key(a, feats[id(a)])):
        out[a.id] = index.add(a, feats[id(a)])
        out.update(index.take_moves())
    return out
