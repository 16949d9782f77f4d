"""Bodies of the ``serve`` and ``export`` commands; cli.py declares the options and calls these."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          allow_hosts: tuple[str, ...] = ()) -> None:
    """Serve the REST API (/api/, schema at /openapi.json) and the dashboard (/) over ``db``.

    Read-only unless a token is given (``--token`` or EVENTSCOPE_TOKEN): then POST /api/ingest takes
    documents with ``Authorization: Bearer TOKEN``. Only requests naming the server in their Host
    header are answered: ``host``, the loopback names on a loopback bind, and ``allow_hosts``.
    """
    import uvicorn

    from .app import LOOPBACK_NAMES, bound_names, create_app

    token = token or os.environ.get("EVENTSCOPE_TOKEN") or None
    if host not in LOOPBACK_NAMES:
        click.echo(f"warning: serving on {host}: anyone who can reach it can read the database", err=True)
    app = create_app(db, token=token, hosts=bound_names(host, allow_hosts))
    click.echo(f"eventscope: http://{host}:{port}/  (API /api/, schema /openapi.json"
               f"{', ingest on' if token else ', read-only'})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def export(db: str, fmt: str, output: str = "-", header: bool = False, reports: bool = False,
           **filters: Any) -> int:
    """Write the events of ``db`` as ``fmt`` (plover, gdelt, csv, parquet) to ``output`` ("-": stdout)."""
    from ..export import export as run
    from ..store import Store

    if fmt == "parquet" and output == "-":
        raise click.ClickException("parquet is binary: give a file with -o")
    if not Path(db).exists():
        raise click.ClickException(f"no database at {db}")
    with Store(db, read_only=True) as store:
        n = run(store, fmt, sys.stdout if output == "-" else output, header=header, reports=reports,
                **{k: v for k, v in filters.items() if v})
    click.echo(f"{n} rows written" + ("" if output == "-" else f" to {output}"), err=True)
    return n
