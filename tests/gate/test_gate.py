"""The gold gate: each stage's figure on its gold set, against the floor in floors.toml.

Marked ``gate`` (``pytest -m "not gate"`` leaves it out of a quick loop). Without ../shared it is
skipped, except on CI (``CI=true``), where that is a failure.
"""
from __future__ import annotations

import pytest

from .gate import PATTERNS, REPO, bounds, figures, load_floors, require_shared, run_scorer, shortfalls

STAGES = load_floors()
# A scorer's run where its stage names no timeout: ECB+ stories took 100 s on a loaded 2-core machine.
DEFAULT_TIMEOUT = 600


def _limit(stage: str) -> float:
    return STAGES[stage].get("timeout", DEFAULT_TIMEOUT)


@pytest.mark.gate
@pytest.mark.parametrize("stage", [pytest.param(s, marks=pytest.mark.timeout(_limit(s) + 60)) for s in sorted(STAGES)])
def test_stage_holds_its_floors(stage: str) -> None:
    shared = require_shared()
    table = STAGES[stage]
    output = run_scorer(shared, table["scorer"], timeout=_limit(stage))
    broken = shortfalls(stage, bounds(table), figures(output))
    print(output.splitlines()[-1] if output else "(no output)")  # the figures, for -rP or -s
    if broken:
        pytest.fail("\n".join(broken) + "\n--- the scorer said (last lines):\n"
                    + "\n".join(output.splitlines()[-8:]), pytrace=False)


def test_every_stage_names_a_scorer_and_known_figures() -> None:
    assert STAGES, "floors.toml holds no stage"
    for stage, table in STAGES.items():
        assert isinstance(table.get("scorer"), list) and table["scorer"][0].endswith(".py"), stage
        held = bounds(table)
        assert held, f"{stage} is held to no figure"
        assert set(held) <= set(PATTERNS), f"{stage}: unknown figure in {sorted(held)}"
        assert all(isinstance(v, int | float) for v in held.values()), stage


def test_figures_are_read_off_each_scorers_verdict_line() -> None:
    assert figures("extraction html: precision 0.911 recall 0.902 F1 0.906 on 12 pages (bar 0.0)") == {"f1": 0.906}
    assert figures("plover x.jsonl: type P 0.7 R 0.6 F1 0.646; actors right on 0.812 of hits; 9 records") == {
        "f1": 0.646, "actors": 0.812}
    # The B-cubed F1 counts, not the pairwise F1 printed after it.
    assert figures("stories s.jsonl: B3 P 0.9 R 0.8 F1 0.847; pairwise F1 0.5; 10 docs") == {"f1": 0.847}
    assert figures("clean: article text lost\nseeds clean: 2 checks fail") == {"failures": 2.0}
    assert figures("annotate failed (1): Traceback ...") == {}


def test_a_figure_under_its_floor_names_stage_figure_and_floor() -> None:
    assert shortfalls("plover", {"f1": 0.80, "actors": 0.85}, {"f1": 0.81, "actors": 0.849}) == [
        "plover: actors 0.849 is below its floor 0.850"]
    assert shortfalls("seeds", {"failures": 0}, {"failures": 3.0}) == ["seeds: failures 3 is above its ceiling 0"]
    assert shortfalls("seeds", {"failures": 0}, {"failures": 0.0}) == []
    assert shortfalls("html", {"f1": 0.9}, {}) == ["html: the scorer printed no f1 figure (floor 0.9)"]


def test_missing_gold_data_skips_outside_ci(tmp_path) -> None:
    with pytest.raises(pytest.skip.Exception, match="no scorers at"):
        require_shared(tmp_path / "shared", environ={})


def test_missing_gold_data_fails_on_ci(tmp_path) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_shared(tmp_path / "shared", environ={"CI": "true"})


def test_present_gold_data_is_used(tmp_path) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "common.py").write_text("")
    assert require_shared(tmp_path, environ={"CI": "true"}) == tmp_path


def test_a_scorer_runs_from_the_root_with_this_checkouts_command(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("EVENTSCOPE", raising=False)
    (tmp_path / "eval").mkdir()
    # A stand-in scorer: runs the command it is given, as common.cli() would, and prints a verdict line.
    (tmp_path / "eval" / "probe.py").write_text(
        "import os, subprocess, sys\n"
        "cmd = os.environ['EVENTSCOPE'].split()\n"
        "out = subprocess.run(cmd + ['annotate', '--help'], capture_output=True, text=True).stdout\n"
        "print(os.getcwd(), sys.argv[1:], 'annotate' in out and 'INPUT' in out)\n"
        "print('probe: F1 0.500 on 1 page')\n")
    output = run_scorer(tmp_path, ["probe.py", "{shared}/set"], timeout=120)
    first = output.splitlines()[0]
    assert first == f"{REPO} ['{tmp_path}/set'] True"
    assert figures(output) == {"f1": 0.5}
