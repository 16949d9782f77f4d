"""``eventscope bench``: how fast ``annotate`` runs next to bare spaCy, and how much memory it takes.

Over the same documents, in one run:

- the pipeline: clean (extraction), parse, actors, dates, quotes, events, quote links, over the
  worker pool that ``annotate`` uses, timed from the moment every worker has its models loaded
  to the last result; then story grouping over the batch, timed apart;
- bare spaCy: ``nlp.pipe`` with the same model over the pipeline's own clean texts, in a fresh
  process of its own, timed the same way (model loaded first).

The ratio is pipeline time over bare spaCy time: at most 1.0 means the whole pipeline keeps up
with spaCy alone. On a machine shared with other work the wall clock also measures the neighbours,
so the CPU time of each side is reported too, and the ratio it gives with the cores to ourselves.
Time per stage is CPU time summed over the workers; peak memory is each process's peak resident
set (``ru_maxrss``), and per stage the peak Python-heap growth (``tracemalloc``) on the longest
few documents.
"""
from __future__ import annotations

import gzip
import json
import platform
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .model import Article, RawDoc
from .options import Options
from .parallel import WorkerPool, peak_rss_mb, start_process, worker_count

CORPORA = ("scrapinghub", "ecbplus")


def load_corpus(name: str, shared: Path, limit: int | None = None) -> list[RawDoc]:
    """The benchmark documents of one corpus: ScrapingHub's 181 HTML pages, or the ECB+ texts."""
    docs: list[RawDoc] = []
    if name == "scrapinghub":
        root = shared / "bench/extraction/scrapinghub"
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        for key, gold in list(truth.items())[:limit]:
            page = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
            docs.append(RawDoc(body=page.decode("utf-8", "replace"), kind="html", origin=f"scrapinghub/{key}",
                               raw=page, url=gold.get("url"), caller_id=key))
    elif name == "ecbplus":
        path = shared / "gold/ecbplus/stories_dev.jsonl"
        for line in path.read_text(encoding="utf-8").split("\n")[:limit]:
            if line.strip():
                rec = json.loads(line)
                docs.append(RawDoc(body=rec["text"], kind="text", origin=f"ecbplus/{rec['id']}",
                                   raw=rec["text"].encode("utf-8"), caller_id=str(rec["id"])))
    else:
        raise ValueError(f"unknown corpus {name!r}; known: {', '.join(CORPORA)}")
    return docs


def run_bench(docs: Sequence[RawDoc] | None = None, shared: Path | str = "../shared",
              corpora: Sequence[str] = CORPORA, options: Options | None = None, limit: int | None = None,
              repeat: int = 1, memory_sample: int = 5) -> dict[str, Any]:
    """Time the pipeline and bare spaCy over ``docs`` (or the named corpora under ``shared``).

    ``repeat`` > 1 alternates the two that many times and keeps each one's fastest run (the least
    disturbed by other load on the machine). Returns plain figures (see ``format_bench``).
    """
    options = options or Options()
    named = docs is None
    if docs is None:
        docs = [d for name in corpora for d in load_corpus(name, Path(shared), limit)]
    docs = list(docs)
    workers = worker_count(options)
    runs: list[dict[str, Any]] = []
    for _ in range(max(1, repeat)):
        pipe = _pipeline(docs, options, workers)
        texts = [a.text for a in pipe.pop("articles") if a.text]
        runs.append({"pipeline": pipe, "spacy": _bare_spacy(texts, options.batch_size)})
    best_pipe = min((r["pipeline"] for r in runs), key=lambda r: r["seconds"])
    best_spacy = min((r["spacy"] for r in runs), key=lambda r: r["seconds"])
    n = len(docs)
    stages = {name: {"seconds": round(sec, 2), "docs_per_s": round(n / sec, 1) if sec else None}
              for name, sec in best_pipe["stage_seconds"].items()}
    for name, peak in _stage_memory(docs, options, memory_sample).items():
        stages.setdefault(name, {})["peak_heap_mb"] = peak
    return {
        "machine": machine(),
        "documents": n,
        "corpora": list(corpora) if named else [],
        "characters": best_spacy["characters"],
        "tokens": best_spacy["tokens"],
        "workers": workers,
        "cores": worker_count(Options(workers=0)),
        "batch_size": options.batch_size,
        "pipeline": {k: v for k, v in best_pipe.items() if k != "stage_seconds"},
        "spacy": best_spacy,
        "ratio": round(best_pipe["seconds"] / best_spacy["seconds"], 3) if best_spacy["seconds"] else None,
        "ratio_with_stories": round((best_pipe["seconds"] + best_pipe["stories_seconds"]) / best_spacy["seconds"], 3)
        if best_spacy["seconds"] else None,
        # What the ratio would be with the cores to ourselves: the pipeline's CPU time spread over
        # its workers (at most one per core) against spaCy's CPU time. On a shared machine the wall
        # ratio also measures the neighbours; this one does not.
        "ratio_cpu": round(best_pipe["cpu_seconds"] / min(workers, worker_count(Options(workers=0)))
                           / best_spacy["cpu_seconds"], 3) if best_spacy["cpu_seconds"] else None,
        "stages": stages,
        "runs": [{"pipeline_s": r["pipeline"]["seconds"], "spacy_s": r["spacy"]["seconds"],
                  "pipeline_cpu_s": r["pipeline"]["cpu_seconds"], "spacy_cpu_s": r["spacy"]["cpu_seconds"]}
                 for r in runs],
    }


def _collect(results: Any, articles: list[Article]) -> int:
    """Append the articles among ``results`` to ``articles``; return how many were errors."""
    errors = 0
    for result in results:
        if isinstance(result, Article):
            articles.append(result)
        else:
            errors += 1
    return errors


def _pipeline(docs: list[RawDoc], options: Options, workers: int) -> dict[str, Any]:
    """Annotate ``docs`` as ``annotate`` does (over the pool when more than one worker), then group."""
    from .pipeline import Annotator, group

    articles: list[Article] = []
    start = time.perf_counter()
    if workers > 1:
        with WorkerPool(options, workers) as pool:
            pool.wait_ready()
            started, main_cpu = time.perf_counter(), time.process_time()
            errors = _collect(pool.map(docs), articles)
            seconds, main_cpu = time.perf_counter() - started, time.process_time() - main_cpu
        stats = pool.stats
    else:
        annotator = Annotator(options)
        annotator.warm_up()
        started, main_cpu = time.perf_counter(), time.process_time()
        errors = _collect(annotator.pipe(docs), articles)
        seconds, main_cpu = time.perf_counter() - started, time.process_time() - main_cpu
        stats = [{"docs": annotator.docs, "seconds": annotator.seconds, "peak_rss_mb": peak_rss_mb(),
                  "cpu_seconds": main_cpu}]
        main_cpu = 0.0  # the work was done here: counted once, as the one worker's
    startup = started - start
    t = time.perf_counter()
    group(articles, options)
    stories = time.perf_counter() - t
    stage_seconds: dict[str, float] = {}
    for s in stats:
        for name, sec in s["seconds"].items():
            stage_seconds[name] = stage_seconds.get(name, 0.0) + sec
    cpu = sum(s["cpu_seconds"] for s in stats) + main_cpu
    return {"articles": articles, "seconds": round(seconds, 2), "docs_per_s": round(len(docs) / seconds, 2),
            "cpu_seconds": round(cpu, 2), "worker_cpu_seconds": [round(s["cpu_seconds"], 2) for s in stats],
            "main_cpu_seconds": round(main_cpu, 2),
            "startup_seconds": round(startup, 2), "stories_seconds": round(stories, 2), "errors": errors,
            "worker_peak_rss_mb": [round(s["peak_rss_mb"]) for s in stats],
            "main_peak_rss_mb": round(peak_rss_mb()), "stage_seconds": stage_seconds}


def _bare_spacy(texts: list[str], batch_size: int) -> dict[str, Any]:
    """``nlp.pipe`` over ``texts`` in a fresh process (so its memory is its own); its figures."""
    proc, conn = start_process("eventscope.benchmark:spacy_worker")
    try:
        conn.send(texts)
        result: dict[str, Any] = conn.recv()
    finally:
        conn.close()
        proc.wait()
    result["docs_per_s"] = round(len(texts) / result["seconds"], 2) if result["seconds"] else None
    return result


def spacy_worker(fd: int) -> None:
    """The bare-spaCy side (run in a child): load the model, then time ``nlp.pipe`` over the texts sent."""
    from multiprocessing.connection import Connection

    from . import nlp

    conn = Connection(fd)
    model = nlp.load()
    texts: list[str] = conn.recv()
    model("A first text, so that nothing is loaded or compiled on the clock.")
    start, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in model.pipe(texts))  # spaCy's own default batch size
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.send({"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "tokens": tokens, "characters": sum(map(len, texts)),
               "peak_rss_mb": round(peak_rss_mb())})


def _stage_memory(docs: list[RawDoc], options: Options, sample: int) -> dict[str, float]:
    """Peak Python-heap growth (MiB) in each step, the most over the ``sample`` longest documents."""
    from .clean import clean
    from .errors import InputError
    from .nlp import parse
    from .pipeline import Annotator

    if sample <= 0 or not docs:
        return {}
    annotator = Annotator(options)
    annotator.warm_up()  # what is loaded once per process is not a stage's cost per document
    nlp = annotator.nlp
    peaks: dict[str, float] = {}

    def measure(name: str, fn: Any, *args: Any) -> Any:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        out = fn(*args)
        grown = (tracemalloc.get_traced_memory()[1] - base) / (1024 * 1024)
        peaks[name] = max(peaks.get(name, 0.0), round(grown, 1))
        return out

    tracemalloc.start()
    try:
        for raw in sorted(docs, key=lambda d: len(d.body), reverse=True)[:sample]:
            try:
                article = measure("clean", clean, raw, options)
            except InputError:  # an empty article: quarantined in a real run, no stage's cost here
                continue
            doc = measure("parse", parse, nlp, article.text, options.parse_piece_chars)
            for stage in annotator.stages:
                measure(stage.name, stage, article, doc)
    finally:
        tracemalloc.stop()
    return peaks


def machine() -> str:
    """The machine in words: CPU model, usable cores, memory."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().split("\n"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    cores = worker_count(Options(workers=0))
    return f"{cpu}, {cores} usable cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def format_bench(r: dict[str, Any]) -> str:
    """The figures as a short text report."""
    p, s = r["pipeline"], r["spacy"]
    lines = [
        f"machine: {r['machine']}",
        (f"documents: {r['documents']} ({r['characters']:,} characters, {r['tokens']:,} tokens); "
         f"workers {r['workers']}, batch {r['batch_size']}"),
        (f"pipeline (clean + parse + stages): {p['seconds']:.1f} s, {p['docs_per_s']:.1f} articles/s, "
         f"{p['cpu_seconds']:.1f} CPU s (+ {p['startup_seconds']:.1f} s start-up, + {p['stories_seconds']:.1f} s "
         f"stories); errors {p['errors']}"),
        (f"bare spaCy nlp.pipe, 1 process:    {s['seconds']:.1f} s, {s['docs_per_s']:.1f} articles/s, "
         f"{s['cpu_seconds']:.1f} CPU s"),
        (f"ratio pipeline / spaCy: {r['ratio']:.3f} wall clock (with stories {r['ratio_with_stories']:.3f}); "
         f"{r['ratio_cpu']:.3f} from CPU time over {min(r['workers'], r['cores'])} cores"),
        (f"peak memory: workers {', '.join(f'{m} MiB' for m in p['worker_peak_rss_mb'])}; "
         f"bare spaCy {s['peak_rss_mb']} MiB; main process {p['main_peak_rss_mb']} MiB"),
        "per stage (CPU s summed over workers; articles/s on one core; peak heap growth on the longest docs):",
    ]
    for name, st in r["stages"].items():
        sec = f"{st['seconds']:8.1f} s" if "seconds" in st else " " * 10
        rate = f"{st['docs_per_s']:8.1f}/s" if st.get("docs_per_s") else " " * 10
        heap = f"{st['peak_heap_mb']:7.1f} MiB" if "peak_heap_mb" in st else ""
        lines.append(f"  {name:<12}{sec}{rate}  {heap}")
    if len(r["runs"]) > 1:
        lines.append("runs (pipeline s, spaCy s): " + "; ".join(f"{x['pipeline_s']}, {x['spacy_s']}" for x in r["runs"]))
    return "\n".join(lines)
