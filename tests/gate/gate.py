"""The gold gate's machinery: the floors file, running a scorer of ../shared/eval, the verdict.

The scorers in ../shared/eval are the reference for every figure, so the gate runs them as they
are (a subprocess each, from the repository root) and reads the figures off their last line.
They find the command to run through ``$EVENTSCOPE`` (see their ``common.py``); the gate sets it
to ``launch.py`` beside this file, so the code scored is this checkout's, whichever checkout the
venv's editable install points at.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FLOORS = HERE / "floors.toml"
# The gold data: ../shared beside the checkout, or $EVENTSCOPE_SHARED (a second worktree elsewhere).
SHARED = Path(os.environ.get("EVENTSCOPE_SHARED") or REPO.parent / "shared")

# How each figure reads in a scorer's last line. "failures" is a ceiling, every other figure a floor.
# B-cubed F1 comes before the pairwise F1 on the stories line; the lookbehind keeps the latter out.
PATTERNS = {
    "f1": re.compile(r"(?<!pairwise )\bF1 (\d+(?:\.\d+)?)"),
    "actors": re.compile(r"actors right on (\d+(?:\.\d+)?)"),
    "failures": re.compile(r"(\d+) checks fail"),
}
CEILINGS = frozenset({"failures"})
# Keys of a stage's table that are not figures.
SETTINGS = frozenset({"scorer", "timeout"})


def load_floors(path: Path = FLOORS) -> dict[str, dict]:
    """The stages of the floors file, each with its scorer command and its bounds."""
    with open(path, "rb") as f:
        return tomllib.load(f)


def bounds(stage: Mapping) -> dict[str, float]:
    """The figures a stage is held to, by name."""
    return {k: v for k, v in stage.items() if k not in SETTINGS}


def on_ci(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require_shared(root: Path = SHARED, environ: Mapping[str, str] = os.environ) -> Path:
    """``root`` where the scorers are there; otherwise skip, or fail on CI, where a gate that
    cannot run must not pass for one that held."""
    if (root / "eval" / "common.py").is_file():
        return root
    reason = (f"gold gate: no scorers at {root / 'eval'} (the gold data lives in ../shared beside the "
              f"checkout, or where $EVENTSCOPE_SHARED says); the figures were not checked")
    if on_ci(environ):
        pytest.fail(reason + " and CI=true: on CI the gate must run", pytrace=False)
    pytest.skip(reason)


def scorer_env(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The scorers' environment: ``$EVENTSCOPE`` as this checkout's command unless the caller chose one.
    ``common.cli`` splits it on whitespace, so neither path may hold a space."""
    env = dict(environ)
    if not env.get("EVENTSCOPE"):
        command = [sys.executable, str(HERE / "launch.py")]
        if any(" " in part for part in command):
            raise RuntimeError(f"gold gate: a space in {command} would break $EVENTSCOPE; set it yourself")
        env["EVENTSCOPE"] = " ".join(command)
    return env


def run_scorer(shared: Path, scorer: list[str], timeout: float) -> str:
    """The output of one scorer, run from the repository root; ``{shared}`` in its arguments is ``shared``."""
    script, *args = scorer
    cmd = [sys.executable, str(shared / "eval" / script), *(a.format(shared=shared) for a in args)]
    # A scorer exits 1 when its own bar is missed; the figures on its last line are what the gate judges.
    proc = subprocess.run(cmd, cwd=REPO, env=scorer_env(), capture_output=True, text=True, timeout=timeout,
                          check=False)
    return (proc.stdout + ("\n" + proc.stderr if proc.stderr.strip() else "")).strip()


def figures(output: str) -> dict[str, float]:
    """The figures on the scorer's verdict line (its last line of output that carries any)."""
    for line in reversed(output.splitlines()):
        found = {name: float(m.group(1)) for name, pat in PATTERNS.items() if (m := pat.search(line))}
        if found:
            return found
    return {}


def shortfalls(stage: str, held_to: Mapping[str, float], measured: Mapping[str, float]) -> list[str]:
    """One message per bound the measured figures break, naming the stage, the figure and the bound."""
    out = []
    for name, bound in held_to.items():
        value = measured.get(name)
        if value is None:
            out.append(f"{stage}: the scorer printed no {name} figure (floor {bound})")
        elif name in CEILINGS and value > bound:
            out.append(f"{stage}: {name} {value:g} is above its ceiling {bound:g}")
        elif name not in CEILINGS and value < bound:
            out.append(f"{stage}: {name} {value:.3f} is below its floor {bound:.3f}")
    return out
