"""The ``eventscope`` command: a thin shell over the Python API (parse, call, print)."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from . import api
from .options import Options

DB = click.option("--db", default="eventscope.duckdb", show_default=True, help="The database file.")
JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _progress(total: int | None = None, unit: str = "doc"):
    """A progress bar on standard error, drawn only when it is a terminal."""
    def wrap(items: Iterable[Any]) -> Iterable[Any]:
        from tqdm import tqdm

        return tqdm(items, total=total, unit=unit, disable=not sys.stderr.isatty(), file=sys.stderr)
    return wrap


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str, indent=1))


def _table(rows: list[dict[str, Any]], cols: list[str], widths: dict[str, int] | None = None) -> None:
    widths = widths or {}
    if not rows:
        click.echo("(none)")
        return
    w = {c: min(widths.get(c, 40), max(len(c), *(len(str(r.get(c) if r.get(c) is not None else "")) for r in rows)))
         for c in cols}
    click.echo("  ".join(c.ljust(w[c]) for c in cols))
    for r in rows:
        cells = []
        for c in cols:
            v = "" if r.get(c) is None else str(r.get(c)).replace("\n", " ")
            if len(v) > w[c]:  # paths keep their end (the file name), other text its start
                v = "…" + v[-(w[c] - 1):] if c == "origin" else v[: w[c] - 1] + "…"
            cells.append(v.ljust(w[c]))
        click.echo("  ".join(cells).rstrip())


@click.group()
@click.version_option(package_name="eventscope")
def main() -> None:
    """eventscope: news articles in, a clean, deduplicated, source-attributed event database out."""


ENGINE = click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
                      help="local: this machine (a process pool); ray: a Ray cluster (docs/cluster.md).")
ADDRESS = click.option("--address", metavar="ADDR", help="Ray: the cluster to join (auto, ray://HEAD:10001); "
                       "default: start Ray on this machine for the run.")
PARQUET = click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False),
                       help="Ray: also keep the result rows as Parquet shards in this new or empty folder.")
ROOT = click.option("--root", type=click.Path(exists=True, file_okay=False),
                    help="The folder batch lines' \"path\" may read (default: the JSONL file's folder, the current "
                         "folder for standard input, against which relative paths are taken). A path outside it "
                         "is an error line.")
WORKERS = click.option("--workers", default=0, show_default=True, type=click.IntRange(min=0),
                       help="Worker processes (0: one per CPU core; 1: annotate in this process).")


@main.command()
@click.argument("input_path", metavar="INPUT.jsonl")
@click.option("-o", "--output", default="-", show_default=True, help="Output JSONL file, or - for stdout.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own actor dictionary (YAML), extending or overriding the shipped one.")
@ENGINE
@ADDRESS
@PARQUET
@click.option("--resume", is_flag=True, help="Go on with a run that was stopped: from OUTPUT.partial (local "
              "engine, -o FILE) or from the shards in --parquet DIR (ray).")
@WORKERS
@ROOT
def annotate(input_path: str, output: str, actor_files: tuple[str, ...], engine: str, address: str | None,
             parquet_dir: str | None, resume: bool, workers: int, root: str | None) -> None:
    """Annotate a batch: one JSON document a line in, one annotated document a line out (CONTRACT.md).

    INPUT may also be a Parquet file of the same columns, a WARC archive, or (ray) a folder of such shards.
    """
    from .errors import EventscopeError

    options = Options(actor_files=[Path(p) for p in actor_files], workers=workers, root=_root(root))
    try:
        if engine == "ray":
            from .engines.ray_engine import annotate_ray

            _write_lines(annotate_ray(input_path, options, address=address, parquet_dir=parquet_dir,
                                      resume=resume), output)
        elif input_path != "-" and output != "-":
            from .engines.resume import annotate_to_file

            n, n_ok = annotate_to_file(input_path, output, options, resume=resume, progress=_progress())
            _nothing_read(n, n_ok)
        elif resume:
            raise click.UsageError("--resume needs an input file and -o FILE")
        else:
            lines = [line.rstrip("\r") for line in sys.stdin.read().split("\n")] if input_path == "-" else None
            if lines is None:
                from .engines.shards import read_shard

                records = read_shard(input_path, options, "annotate")
            else:
                from .read import read_jsonl

                records = read_jsonl(lines, "-", options, base=Path.cwd())
            from .pipeline import annotate_batch

            _write_lines(annotate_batch(records, options, _progress()), output)
    except OSError as e:
        raise click.ClickException(f"cannot read {input_path}: {e.strerror or e}")
    except EventscopeError as e:
        raise click.ClickException(str(e))


def _root(root: str | None) -> Path | None:
    """The root folder, absolute: a Ray worker reads from a folder of its own."""
    return Path(root).resolve() if root else None


def _write_lines(results: Iterable[dict[str, Any]], output: str) -> None:
    from .pipeline import write_line

    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    n_ok = n = 0
    try:
        for rec in results:
            n += 1
            n_ok += write_line(out, rec)
    finally:
        if out is not sys.stdout:
            out.close()
    _nothing_read(n, n_ok)


def _nothing_read(n: int, n_ok: int) -> None:
    if n and not n_ok:
        click.echo(f"nothing could be read: all {n} lines had errors", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@ENGINE
@ADDRESS
@PARQUET
@click.option("--chunked/--no-chunked", default=True, show_default=True,
              help="Hold the database only in short write windows, so that a running `serve` keeps answering.")
@ROOT
def ingest(paths: tuple[str, ...], db: str, actor_files: tuple[str, ...], engine: str, address: str | None,
           parquet_dir: str | None, chunked: bool, root: str | None) -> None:
    """Read files or folders (HTML, text, gzip, JSONL, Parquet, RSS/Atom, WARC) into the database."""
    from .engines import ingest_chunked, read_shards

    options = Options(actor_files=[Path(p) for p in actor_files], root=_root(root))
    if engine == "ray":
        from .engines.ray_engine import ingest_ray

        report = ingest_ray(list(paths), db, options, address=address, parquet_dir=parquet_dir)
    elif chunked:
        report = ingest_chunked(read_shards(paths, options), db, options, progress=_progress())
    else:
        with api.open_store(db) as store:
            report = api.ingest(paths, store, options, progress=_progress())
    _report(report)


@main.command()
@click.argument("urls", nargs=-1, required=True)
@DB
@click.option("--allow-private", is_flag=True, help="Also fetch private, loopback and link-local addresses.")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds for one URL, redirects included.")
@click.option("--max-bytes", default=10 * 1024 * 1024, show_default=True, help="Largest body accepted.")
def fetch(urls: tuple[str, ...], db: str, allow_private: bool, timeout: float, max_bytes: int) -> None:
    """Fetch web pages or feeds by URL into the database (the only command that uses the network)."""
    options = Options(allow_private=allow_private, fetch_timeout=timeout, max_bytes=max_bytes)
    with api.open_store(db) as store:
        report = api.fetch(urls, store, options, progress=_progress(len(urls), "url"))
    _report(report)


def _report(report: api.IngestReport) -> None:
    for q in report.quarantined:
        click.echo(f"quarantined: {q.origin}: {q.reason}", err=True)
    r = report.as_dict()
    click.echo(f"{r['added']} added, {r['unchanged']} already stored, {r['quarantined']} quarantined")


@main.command()
@DB
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--search", help="Only articles whose title or text contains this.")
@JSON
def articles(db: str, limit: int, offset: int, search: str | None, as_json: bool) -> None:
    """List stored articles."""
    with api.open_store(db, read_only=True) as store:
        rows = store.articles(limit=limit, offset=offset, search=search)
    if as_json:
        _echo_json(rows)
    else:
        _table(rows, ["id", "published", "outlet", "language", "chars", "title"], {"title": 60, "outlet": 24})


@main.command()
@click.argument("doc_id")
@DB
@JSON
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one article (by id or a unique id prefix): metadata, clean text, what was removed."""
    with api.open_store(db, read_only=True) as store:
        row = store.article(doc_id)
    if row is None:
        raise click.ClickException(f"no article with id {doc_id!r} (or the prefix is not unique)")
    if as_json:
        _echo_json(row)
        return
    for k in ("id", "title", "published", "outlet", "language", "url", "origin", "story"):
        if row.get(k):
            click.echo(f"{k:>9}: {row[k]}")
    click.echo("")
    click.echo(row["text"])
    if row.get("warnings"):
        click.echo("\nrepaired when read:")
        for w in row["warnings"]:
            click.echo(f"  {w}")
    if row["removed"]:
        click.echo("\nremoved as furniture:")
        for r in row["removed"]:
            click.echo(f"  [{r['reason']}] {r['text'][:100]}")


@main.command()
@DB
@click.option("--limit", default=100, show_default=True)
@JSON
def quarantine(db: str, limit: int, as_json: bool) -> None:
    """List the inputs that could not be used, and why."""
    with api.open_store(db, read_only=True) as store:
        rows = store.quarantined(limit=limit)
    if as_json:
        _echo_json(rows)
    else:
        _table(rows, ["id", "origin", "size", "reason"], {"origin": 50, "reason": 100})


@main.command()
@DB
@click.option("--code", help="Only actors with this country/IGO code.")
@click.option("--limit", default=50, show_default=True)
@JSON
def actors(db: str, code: str | None, limit: int, as_json: bool) -> None:
    """Actors found in the stored articles, with mention and article counts and the spellings seen."""
    with api.open_store(db, read_only=True) as store:
        rows = store.actors(limit=limit, code=code.upper() if code else None)
    if as_json:
        _echo_json(rows)
    else:
        _table(rows, ["actor", "code", "sector", "mentions", "articles", "spellings"], {"spellings": 60})


@main.command()
@DB
@click.option("--actor", help="Actor code (SRB) or name.")
@click.option("--recipient", help="Recipient code or name.")
@click.option("--type", "event", help="PLOVER event type (AGREE, ACCUSE, ...).")
@click.option("--modality", type=click.Choice(["asserted", "planned", "hypothetical", "negated", "historical"]))
@click.option("--since", help="Earliest date (ISO 8601, inclusive).")
@click.option("--until", help="Latest date (ISO 8601, inclusive).")
@click.option("--reports", is_flag=True, help="Every report's own event, not the events fused across outlets.")
@click.option("--limit", default=100, show_default=True)
@click.option("--offset", default=0)
@JSON
def events(db: str, actor: str | None, recipient: str | None, event: str | None, modality: str | None,
           since: str | None, until: str | None, reports: bool, limit: int, offset: int, as_json: bool) -> None:
    """Coded events (fused across outlets), filtered by actor, recipient, type, modality and date range."""
    filters = {"actor": actor, "recipient": recipient, "event": event, "modality": modality, "since": since,
               "until": until, "limit": limit, "offset": offset}
    with api.open_store(db, read_only=True) as store:
        fused = store.counts_happenings(reports)
        rows = store.fused_events(**filters) if fused else store.events(**filters)  # type: ignore[arg-type]
    if as_json:
        _echo_json(rows)
        return
    if fused:
        for r in rows:
            r["actor"] = "+".join(r["actor_codes"] or []) or "?"
            r["recipient"] = "+".join(r["recipient_codes"] or []) or "-"
            r["sources"] = f"{r['n_sources']} ({r['n_independent']} indep.)"
            r["disagree"] = ", ".join(d["attribute"] for d in json.loads(r["discrepancies"] or "[]"))
        _table(rows, ["date", "event", "cameo", "actor", "recipient", "modality", "sources", "place", "disagree",
                      "id"], {"disagree": 30})
        return
    for r in rows:
        r["actor"] = "+".join(r["actor_codes"] or []) or "?"
        r["recipient"] = "+".join(r["recipient_codes"] or []) or "-"
        r["date"] = r["date"] or (f"~{r['published'][:10]}" if r["published"] else None)
    _table(rows, ["date", "event", "cameo", "actor", "recipient", "modality", "trigger_text", "place", "outlet"],
           {"trigger_text": 30, "outlet": 20})


@main.command()
@DB
@click.option("--limit", default=50, show_default=True)
@click.option("--min-outlets", default=0, show_default=True, help="Only stories told by at least this many outlets.")
@JSON
def stories(db: str, limit: int, min_outlets: int, as_json: bool) -> None:
    """Stories: reports of one happening grouped across outlets, most outlets first."""
    from .web import queries

    with api.open_store(db, read_only=True) as store:
        rows = queries.stories(store, limit=limit, min_outlets=min_outlets)
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        r["outlets"] = ", ".join(r["outlets"] or [])
    _table(rows, ["id", "first_published", "n_articles", "n_outlets", "outlets", "title"], {"title": 60})


@main.command()
@click.argument("story_id")
@DB
@JSON
def story(story_id: str, db: str, as_json: bool) -> None:
    """One story: its reports side by side, each fused event with its sources, agreements and discrepancies."""
    from .web import queries

    with api.open_store(db, read_only=True) as store:
        data = queries.story(store, story_id)
    if data is None:
        raise click.ClickException(f"no story {story_id!r}")
    texts = {a["id"]: a["text"] or "" for a in data["articles"]}
    if as_json:
        _echo_json(data)
        return
    click.echo(f"story {data['id']}: {data['title']}")
    for a in data["articles"]:
        click.echo(f"  report {a['id']}  {a['outlet'] or '(no outlet)'}  {a['published'] or ''}  {a['title'] or ''}")
    for g in data["events"]:
        who = "+".join(g.get("actor_codes") or []) or "?"
        whom = "+".join(g.get("recipient_codes") or []) or "-"
        n = g.get("n_sources", len(g.get("sources", [])))
        click.echo(f"\n  {g.get('event')} {g.get('cameo')} {who} -> {whom} {g.get('modality') or ''} "
                   f"date={g.get('date')}  sources={n} (independent {g.get('n_independent', n)})")
        for src in g.get("sources", []):
            start, end = src.get("sentence") or [0, 0]
            sentence = texts.get(src["article_id"], "")[start or 0:end or 0].strip()
            click.echo(f"    [{src.get('outlet') or src.get('article_id')}] {src.get('trigger_text')!r}: {sentence[:110]}")
        for a in g.get("facts_agreed", []):
            click.echo(f"    agree on {a['attribute']}: {a['value']} ({a['reports']} reports)")
        for d in g.get("facts_differ", []):
            vals = "; ".join(f"{v} ({n})" for v, n in d["values"].items())
            click.echo(f"    disagree on {d['attribute']}: {vals}")


@main.command()
@click.argument("a")
@click.argument("b")
@DB
@click.option("--by", type=click.Choice(["day", "month", "year"]), default="month", show_default=True)
@click.option("--all", "everything", is_flag=True, help="Also negated and hypothetical events.")
@click.option("--reports", is_flag=True, help="Count every report's own event, not the events fused across outlets.")
@JSON
def dyad(a: str, b: str, db: str, by: str, everything: bool, reports: bool, as_json: bool) -> None:
    """Cooperation and conflict between two actors (codes, e.g. SRB HUN) over time, by Goldstein and quad class.

    Counts happenings: a signing reported by three outlets is one event (its sources shown), unless --reports."""
    from .web import queries

    with api.open_store(db, read_only=True) as store:
        data = queries.dyad(store, a, b, by=by, include_all=everything, reports=reports)
    if as_json:
        _echo_json(data)
        return
    kind = "reported events" if reports else "events, fused across outlets"
    click.echo(f"{data['a']} <-> {data['b']}: {len(data['events'])} {kind}")
    _table(data["series"], ["period", "events", "cooperation", "conflict", "goldstein"])
    for r in data["events"][:40]:
        sources = "" if reports else f"  [{r['n_sources']} sources, {r['n_independent']} indep.]"
        click.echo(f"  {r['date'] or r['published'] or '?':<10} {r['direction']:<9} {r['event']:<9} q{r['quad']} "
                   f"{r['goldstein']:+.1f}  {r['trigger_text']!r}{sources}")


@main.command()
@DB
@click.option("--speaker", help="Speaker name, text or code.")
@click.option("--search", help="Only quotes containing this.")
@click.option("--all", "everything", is_flag=True, help="Also stances and beliefs, not only speech.")
@click.option("--limit", default=100, show_default=True)
@click.option("--offset", default=0)
@JSON
def quotes(db: str, speaker: str | None, search: str | None, everything: bool, limit: int, offset: int,
           as_json: bool) -> None:
    """Quotes with their speakers."""
    with api.open_store(db, read_only=True) as store:
        rows = store.quotes(speaker=speaker, search=search, limit=limit, offset=offset, speech_only=not everything)
    if as_json:
        _echo_json(rows)
    else:
        _table(rows, ["speaker", "speaker_code", "kind", "cue", "text"], {"speaker": 28, "text": 80})


@main.command()
@DB
@JSON
def stats(db: str, as_json: bool) -> None:
    """Counts: documents, articles, quarantine, outlets, languages, dates."""
    with api.open_store(db, read_only=True) as store:
        s = store.stats()
    if as_json:
        _echo_json(s)
        return
    click.echo(f"documents: {s['raw']}  articles: {s['articles']}  quarantined: {s['quarantine']}")
    if s["published"].get("first"):
        click.echo(f"published: {s['published']['first']} .. {s['published']['last']}")
    click.echo("outlets: " + ", ".join(f"{r['outlet']} ({r['n']})" for r in s["outlets"]))
    click.echo("languages: " + ", ".join(f"{r['language']} ({r['n']})" for r in s["languages"]))


@main.command()
@DB
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="EVENTSCOPE_TOKEN", help="Allow POST /api/ingest with this bearer token "
              "(default: read-only).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (a reverse proxy's, the machine's on the LAN); "
                   "others are refused, so a rebound name in a browser cannot read the API.")
def serve(db: str, host: str, port: int, token: str | None, allow_hosts: tuple[str, ...]) -> None:
    """Serve the REST API (/api/, schema /openapi.json) and the dashboard (/) over the database."""
    from .web.cli_commands import serve as run

    run(db, host, port, token, allow_hosts)


@main.command()
@DB
@click.option("--format", "fmt", type=click.Choice(["plover", "gdelt", "csv", "parquet"]), required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file, or - for stdout (not parquet).")
@click.option("--header", is_flag=True, help="GDELT: write the column names first (GDELT's files have none).")
@click.option("--reports", is_flag=True,
              help="GDELT: one row per report's event, as GDELT counts, not per fused event.")
@click.option("--actor", help="Actor code (SRB) or name.")
@click.option("--recipient", help="Recipient code or name.")
@click.option("--type", "event", help="PLOVER event type (AGREE, ACCUSE, ...).")
@click.option("--modality", type=click.Choice(["asserted", "planned", "hypothetical", "negated", "historical"]))
@click.option("--since", help="Earliest date (ISO 8601, inclusive).")
@click.option("--until", help="Latest date (ISO 8601, inclusive).")
def export(db: str, fmt: str, output: str, header: bool, reports: bool, actor: str | None, recipient: str | None,
           event: str | None, modality: str | None, since: str | None, until: str | None) -> None:
    """Export events as PLOVER JSON records, GDELT 2.0 event rows, CSV or Parquet.

    GDELT rows are fused events (a happening once, with NumMentions, NumSources and NumArticles), unless
    --reports; PLOVER, CSV and Parquet hold every report's event with its own sentence."""
    from .web.cli_commands import export as run

    run(db, fmt, output, header=header, reports=reports, actor=actor, recipient=recipient, event=event,
        modality=modality, since=since, until=until)


@main.command()
@click.option("--shared", default="../shared", show_default=True, type=click.Path(exists=True, file_okay=False),
              help="The shared data folder (bench/extraction/scrapinghub, gold/ecbplus).")
@click.option("--corpus", "corpora", multiple=True, type=click.Choice(["scrapinghub", "ecbplus"]),
              help="Only this corpus (repeatable); default both.")
@WORKERS
@click.option("--batch-size", default=16, show_default=True, help="Documents per chunk and nlp.pipe batch.")
@click.option("--limit", type=int, help="Only the first N documents of each corpus (a quick look).")
@click.option("--repeat", default=1, show_default=True, help="Alternate pipeline and spaCy N times; keep each one's best.")
@JSON
def bench(shared: str, corpora: tuple[str, ...], workers: int, batch_size: int, limit: int | None,
          repeat: int, as_json: bool) -> None:
    """Articles per second and peak memory, per stage and for the whole annotate pipeline, next to bare spaCy."""
    from .benchmark import CORPORA, format_bench, run_bench

    options = Options(workers=workers, batch_size=batch_size, progress=False)
    result = run_bench(shared=shared, corpora=corpora or CORPORA, options=options, limit=limit, repeat=repeat)
    click.echo(json.dumps(result, indent=2, default=str) if as_json else format_bench(result))


if __name__ == "__main__":  # pragma: no cover
    main()
