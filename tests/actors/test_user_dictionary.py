"""Users extend and override the dictionary with their own YAML files, without code."""
from __future__ import annotations

from eventscope.actors import ActorStage
from eventscope.options import Options

USER = """
version: 1
people:
  - name: Zorana Testić
    gender: f
    roles: [{code: SRB, title: interior minister, start: 2030-01-01}]
  - name: Bratislav Gašić
    roles: [{code: SRB, sector: BUS, start: 2000-01-01}]
organisations:
  - {id: balkan-watch, name: Balkan Watch, code: NGO, names: [Balkan Watch, BW]}
"""


def test_a_user_file_adds_people_and_bodies_and_overrides_roles(tmp_path, annotate):
    path = tmp_path / "mine.yaml"
    path.write_text(USER, encoding="utf-8")
    stage = ActorStage(Options(actor_files=[path]))
    a = annotate("Zorana Testic met Bratislav Gasic and the BW team.", "2031-05-05", using=stage)
    got = {m.name: (m.code, m.sector) for m in a.actors}
    assert got["Zorana Testić"] == ("SRB", "GOV")
    assert got["Bratislav Gašić"] == ("SRB", "BUS")
    assert got["Balkan Watch"] == ("NGO", None)


def test_the_documented_user_file_example_loads(tmp_path):
    from importlib import resources

    from eventscope.actors import load

    readme = (resources.files("eventscope") / "data" / "actors" / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    dic = load([path])
    assert dic.people["jane-doe"].roles[0].sector == "MIL"
    assert dic.bodies["balkan-watch"].code == "NGO"
