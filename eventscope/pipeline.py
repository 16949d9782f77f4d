"""The pipeline: composes the stages, and only loops over them.

    RawDoc --clean--> Article --annotate stages (actors, timex, events, quotes)--> Article
    [Article, ...] --group (stories)--> Article.story

``Annotator`` is pure per document (same input, same output, no store): it is what runs in a
process pool or on a Ray worker, with the NLP model loaded once per process.
"""
from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from time import process_time
from typing import Any, Protocol, TextIO

from .actors import ActorStage
from .clean import clean
from .errors import InputError
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


# A page that goes through every stage (extraction, actors, a date, a quote, events).
_WARM_UP = ("<html><head><title>Ministers meet</title></head><body><article><h1>Chile and Peru agree</h1>"
            "<p>The foreign ministers of Chile and Peru met in Lima on Monday, officials said.</p>"
            "<p>\"We agreed to set up a commission,\" Peru's foreign minister said. Protesters clashed with "
            "police in Santiago last week.</p></article></body></html>")


class Annotator:
    """Cleans and annotates documents; holds the loaded models and dictionaries.

    ``annotator(raw)`` does one document; ``annotator.pipe(raws)`` does many, parsing them in
    batches (``nlp.pipe``): the same parse for less time. ``seconds`` adds up the CPU time of this
    process spent in cleaning, parsing and each stage, for the benchmark (CPU, not wall time, so
    that other load on the machine does not count against a stage).
    """

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.stages = build_stages(self.options)
        self._nlp: Any = None
        self.seconds: dict[str, float] = dict.fromkeys(["clean", "parse", *(s.name for s in self.stages)], 0.0)
        self.docs = 0

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from . import nlp

            self._nlp = nlp.load()
        return self._nlp

    def warm_up(self) -> None:
        """Load everything now (model, extraction, lexicons loaded on first use) with a tiny page,
        so that a worker's start-up is paid before its first document; the counters start at zero."""
        self(RawDoc(body=_WARM_UP, kind="html", origin="warm-up"))
        self.seconds = dict.fromkeys(self.seconds, 0.0)
        self.docs = 0

    def __call__(self, raw: RawDoc) -> Article:
        article = self._clean(raw)
        self.annotate(article)
        return article

    def annotate(self, article: Article, doc: Any = None) -> Article:
        """Run the NLP stages over a clean article (in place); returns it. ``doc``: its parse, if made."""
        if not self.stages or not article.text:
            return article
        if doc is None:
            from .nlp import parse

            t = process_time()
            doc = parse(self.nlp, article.text, self.options.parse_piece_chars)
            self.seconds["parse"] += process_time() - t
        for stage in self.stages:
            t = process_time()
            stage(article, doc)
            self.seconds[stage.name] += process_time() - t
        self.docs += 1
        return article

    def pipe(self, raws: Iterable[RawDoc]) -> Iterator[Article | dict[str, Any]]:
        """Clean and annotate many documents, in order: an Article each, or its error line.

        A failure on one document (in cleaning, parsing or a stage) becomes that document's error
        line; the others go on.
        """
        size = max(1, self.options.batch_size)
        for chunk in _batched(raws, size):
            yield from self._pipe_chunk(chunk)

    def _pipe_chunk(self, chunk: list[RawDoc]) -> Iterator[Article | dict[str, Any]]:
        cleaned: list[Article | dict[str, Any]] = []
        for rec in chunk:
            try:
                cleaned.append(self._clean(rec))
            except Exception as e:  # noqa: BLE001 - reported in the document's error line
                cleaned.append(failure(rec, e))
        # A text longer than a parse piece is parsed on its own, in pieces (in annotate): in a batch
        # it would take the batch's memory several times over.
        todo = [a for a in cleaned if isinstance(a, Article) and a.text and self.stages
                and len(a.text) <= self.options.parse_piece_chars]
        docs: dict[int, Any] = {}
        t = process_time()
        try:
            docs = {id(a): d for a, d in zip(todo, self.nlp.pipe([a.text for a in todo], batch_size=len(todo)))}
        except Exception:  # noqa: BLE001 - one bad text must not fail its batch: parse them one by one below
            docs = {}
        self.seconds["parse"] += process_time() - t
        for rec, art in zip(chunk, cleaned):
            if isinstance(art, Article):
                try:
                    self.annotate(art, docs.pop(id(art), None))
                except Exception as e:  # noqa: BLE001
                    yield failure(rec, e)
                    continue
            yield art

    def _clean(self, raw: RawDoc) -> Article:
        t = process_time()
        try:
            return clean(raw, self.options)
        finally:
            self.seconds["clean"] += process_time() - t


def failure(rec: RawDoc, e: BaseException) -> dict[str, Any]:
    """The error line of a document whose processing raised ``e``: an unusable input (``InputError``) in its
    own words, anything else as the bug it is, said plainly."""
    message = e.message if isinstance(e, InputError) else f"internal error: {type(e).__name__}: {e}"
    return {"id": rec.caller_id if rec.caller_id is not None else _id_of(rec), "error": message}


def write_line(out: TextIO, line: dict[str, Any]) -> bool:
    """Write one output line of the batch contract; whether it was an annotated document written as such.

    A line the output cannot take (a lone surrogate in a UTF-8 file) becomes that document's error line,
    in ASCII, which every output takes: the batch goes on."""
    try:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")  # encoded whole before any byte is written
    except (UnicodeError, TypeError, ValueError) as e:
        out.write(json.dumps({"id": line.get("id"), "error": f"internal error: its output line cannot be "
                                                            f"written: {type(e).__name__}: {e}"}) + "\n")
        return False
    return "error" not in line


def _id_of(rec: RawDoc) -> str:
    """The document's content id, or (for a body Python cannot encode, e.g. with lone surrogates) its origin."""
    try:
        return rec.id
    except UnicodeError:
        return rec.origin


def quarantined(rec: RawDoc, e: BaseException) -> Quarantined:
    """The quarantine record of a document whose processing or store write raised ``e``, with its bytes."""
    reason = e.message if isinstance(e, InputError) else f"internal error while processing: {type(e).__name__}: {e}"
    return Quarantined(rec.origin, reason, raw=rec.raw or rec.body.encode("utf-8", "surrogatepass"))


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def group(articles: list[Article], options: Options | None = None) -> None:
    """Corpus-level grouping over a batch: story labels (in place)."""
    from .stories import assign_stories

    labels = assign_stories(articles)
    for a in articles:
        a.story = labels[a.id]


def annotate_batch(records: Iterable[RawDoc | Quarantined], options: Options | None = None,
                   progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda x: x) -> Iterator[dict[str, Any]]:
    """The batch contract: one output dict per input record, in input order (see CONTRACT.md).

    Documents are annotated over ``options.workers`` processes (see ``parallel``) when the batch is
    big enough to pay for starting them. The whole batch is held until stories are grouped, since a
    story label depends on all documents.
    """
    options = options or Options()
    slots: list[Article | dict[str, Any] | None] = []
    positions: deque[int] = deque()

    def documents() -> Iterator[RawDoc]:
        for rec in progress(records):
            if isinstance(rec, Quarantined):
                slots.append({"id": rec.caller_id if rec.caller_id is not None else rec.origin, "error": rec.reason})
                continue
            positions.append(len(slots))
            slots.append(None)
            yield rec

    for result in annotate_documents(documents(), options):
        slots[positions.popleft()] = result
    group([s for s in slots if isinstance(s, Article)], options)
    for s in slots:
        yield s.to_contract() if isinstance(s, Article) else s  # type: ignore[misc]


def annotate_documents(docs: Iterable[RawDoc], options: Options | None = None,
                       annotator: Annotator | None = None) -> Iterator[Article | dict[str, Any]]:
    """Clean and annotate each document, in order: an ``Article`` or its error line.

    Over a process pool when ``options.workers`` allows more than one and there are at least
    ``options.parallel_min_docs`` documents; otherwise here, with ``annotator`` if given.
    """
    from .parallel import annotate_parallel, worker_count

    options = options or Options()
    it = iter(docs)
    head = list(islice(it, max(1, options.parallel_min_docs))) if worker_count(options) > 1 else []
    if worker_count(options) > 1 and len(head) >= max(1, options.parallel_min_docs):
        yield from annotate_parallel(chain(head, it), options)
        return
    yield from (annotator or Annotator(options)).pipe(chain(head, it))


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
    That is also why ingest annotates in this process, one document at a time: a pool reads ahead
    and holds finished documents back for order, and a kill would lose them (the engines package
    has the parallel, resumable runs). Whatever one document raises, from its id to its store write,
    quarantines it and the batch goes on; quarantine rows are written in batches (``QuarantineBatch``).
    """
    options = options or Options()
    annotator = Annotator(options)
    report = IngestReport()
    held = QuarantineBatch(store, report, options.quarantine_batch)
    for rec in progress(records):
        if isinstance(rec, Quarantined):
            held.add(rec)
            continue
        try:
            if store.has(rec.id):
                report.unchanged += 1
                continue
            added = store.add(rec, annotator(rec))
        except Exception as e:  # noqa: BLE001 - one document's failure is quarantined, never fatal
            held.add(quarantined(rec, e))
            continue
        if added:
            report.added += 1
        else:
            report.unchanged += 1
    held.flush()
    return report


class QuarantineBatch:
    """Quarantine rows held until ``size`` are waiting, then written in one statement (``Store.quarantine_many``).

    A row reaches ``report.quarantined`` once written, so a report never names a row the store lacks.
    """

    def __init__(self, store: Any, report: IngestReport, size: int):
        self.store, self.report, self.size = store, report, max(1, size)
        self.rows: list[Quarantined] = []

    def add(self, q: Quarantined) -> None:
        self.rows.append(q)
        if len(self.rows) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            rows, self.rows = self.rows, []
            self.store.quarantine_many(rows)
            self.report.quarantined.extend(rows)
