"""The lexicon data: loaded from files, consistent with the CAMEO table, rebuilt by the tool."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from eventscope.events.lexicon import load

ROOT = Path(__file__).resolve().parents[2]


def test_every_plover_event_type_is_reachable():
    lex = load()
    events = {row.event for row in lex.cameo.values() if row.event}
    assert events == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                      "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_recoded_complements_exist_in_the_cameo_table():
    lex = load()
    for row in lex.complements.values():
        for family in ("intent", "demand", "refuse", "threat"):
            if row[family]:
                assert lex.info(row[family]) is not None, (row["prefix"], family)


def test_public_statements_are_not_events():
    assert load().info("010") is None


def test_build_tool_reads_a_phoenix_block(tmp_path):
    spec = importlib.util.spec_from_file_location("build_lexicon", ROOT / "tools/build_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    src = tmp_path / "verbs.txt"
    src.write_text("&TREATY\n+PACT\n\n####### VERB PATTERNS #######\n\n---  SIGN   [---]  ---\nSIGN \n"
                   "- * &TREATY                                           [057:057]     # SIGN\n"
                   "- * (BEFORE COURT)                                    [:173]        # SIGN\n")
    synsets, blocks = mod.parse_phoenix(src)
    assert synsets == {"&TREATY": ["PACT"]}
    (block,) = blocks
    assert block["code"] is None and block["verbs"][0]["lemma"] == "SIGN"
    assert block["patterns"][0]["post"] == ["&TREATY"] and block["patterns"][0]["code"] == "057"
    assert block["patterns"][1]["code"] == "173" and block["patterns"][1]["swap"] is True
