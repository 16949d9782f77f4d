"""The pipeline: composes the stages, and only loops over them.

    RawDoc --clean--> Article --annotate stages (actors, timex, events, quotes)--> Article
    [Article, ...] --group (stories)--> Article.story

``Annotator`` is pure per document (same input, same output, no store): it is what runs in a
process pool or on a Ray worker, with the NLP model loaded once per process.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from .actors import ActorStage
from .clean import clean
from .events.coder import EventCoder
from .events.dates import DateStage
from .model import Article, Quarantined, RawDoc
from .options import Options
from .quotes import QuoteStage
from .quotes.link import QuoteLinkStage


class Stage(Protocol):
    """An annotation stage: fills some fields of ``article`` from its text and the spaCy ``doc``."""

    name: str
    needs_parse: bool

    def __call__(self, article: Article, doc: Any) -> None: ...


def build_stages(options: Options) -> list[Stage]:
    """The annotation stages, in order. Each later stage may read what earlier ones filled."""
    stages: list[Stage] = []
    stages.append(ActorStage(options))  # first: every later stage reads article.actors
    stages.append(DateStage())  # timex: after actors, before events (the coder dates events with it)
    stages.append(QuoteStage())  # quotes: after actors (speakers) and timex, before events
    stages.append(EventCoder())  # last: reads actors, quotes and timex
    stages.append(QuoteLinkStage())  # after events: ties each quote to the events it carries
    return stages


class Annotator:
    """Cleans and annotates one document at a time; holds the loaded models and dictionaries."""

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.stages = build_stages(self.options)
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from . import nlp

            self._nlp = nlp.load()
        return self._nlp

    def __call__(self, raw: RawDoc) -> Article:
        article = clean(raw, self.options)
        self.annotate(article)
        return article

    def annotate(self, article: Article) -> Article:
        """Run the NLP stages over a clean article (in place); returns it."""
        if not self.stages or not article.text:
            return article
        doc = self.nlp(article.text)
        for stage in self.stages:
            stage(article, doc)
        return article


def group(articles: list[Article], options: Options | None = None) -> None:
    """Corpus-level grouping over a batch: story labels (in place)."""
    from .stories import assign_stories

    labels = assign_stories(articles)
    for a in articles:
        a.story = labels[a.id]


def annotate_batch(records: Iterable[RawDoc | Quarantined], options: Options | None = None,
                   progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda x: x) -> Iterator[dict[str, Any]]:
    """The batch contract: one output dict per input record, in input order (see CONTRACT.md).

    The whole batch is held until stories are grouped, since a story label depends on all documents.
    """
    annotator = Annotator(options)
    slots: list[Article | dict[str, Any]] = []
    for rec in progress(records):
        if isinstance(rec, Quarantined):
            slots.append({"id": rec.caller_id or rec.origin, "error": rec.reason})
            continue
        try:
            slots.append(annotator(rec))
        except Exception as e:  # a bug on one document must not sink the batch; say which and why
            slots.append({"id": rec.caller_id or rec.id, "error": f"internal error: {type(e).__name__}: {e}"})
    group([s for s in slots if isinstance(s, Article)], options)
    for s in slots:
        yield s.to_contract() if isinstance(s, Article) else s


class IngestReport:
    """What one ingest did: counts, and the quarantined inputs of this run."""

    def __init__(self) -> None:
        self.added = 0
        self.unchanged = 0
        self.quarantined: list[Quarantined] = []

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "unchanged": self.unchanged, "quarantined": len(self.quarantined)}


def ingest(records: Iterable[RawDoc | Quarantined], store: Any, options: Options | None = None,
           progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda x: x) -> IngestReport:
    """Clean, annotate and store each record; a document already stored (same content hash) is skipped.

    Documents are committed one by one, so a killed ingest, run again, ends with the same database.
    """
    annotator = Annotator(options)
    report = IngestReport()
    for rec in progress(records):
        if isinstance(rec, Quarantined):
            store.quarantine(rec)
            report.quarantined.append(rec)
            continue
        if store.has(rec.id):
            report.unchanged += 1
            continue
        try:
            article = annotator(rec)
        except Exception as e:  # one document's failure is quarantined, never fatal
            q = Quarantined(rec.origin, f"internal error while processing: {type(e).__name__}: {e}", raw=rec.raw)
            store.quarantine(q)
            report.quarantined.append(q)
            continue
        if store.add(rec, article):
            report.added += 1
        else:
            report.unchanged += 1
    return report
