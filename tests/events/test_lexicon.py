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


def test_build_tool_keeps_no_event_frames_and_nested_groups(tmp_path):
    spec = importlib.util.spec_from_file_location("build_lexicon", ROOT / "tools/build_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    src = tmp_path / "verbs.txt"
    src.write_text("####### VERB PATTERNS #######\n\n---  DESTROY   [190]  ---\nBEAT \n"
                   "- * (IN ELECTION)                                     [---]         # BEAT\n"
                   "- * {&SECURITY OVER {&WEAPON ATTACK}}                 [151]         # BEAT\n")
    _, (block,) = mod.parse_phoenix(src)
    assert block["patterns"][0]["code"] is None and block["patterns"][0]["post"] == ["IN", "ELECTION"]
    assert block["patterns"][1]["post"] == ["&SECURITY", "OVER", "&WEAPON", "ATTACK"]


def test_a_no_event_frame_blocks_the_verb_default():
    lex = load()
    assert lex.code_verb("beat", frozenset(), frozenset(), frozenset({"in", "election"})) is None
    assert lex.code_verb("beat", frozenset(), frozenset(), frozenset({"protester"})) is not None


def test_a_synonym_without_frames_inherits_its_blocks_content_frames():
    lex = load()
    # "suspend" has no frame of its own in Phoenix's CANCEL block; "halt * aid" is the block's
    assert lex.code_verb("suspend", frozenset(), frozenset(), frozenset({"aid"})).code.startswith("162")
    # a frame of function words only stays with its verb ("talk * between" is no frame of "speak")
    m = lex.code_verb("speak", frozenset(), frozenset(), frozenset({"between"}))
    assert m is None or not m.code.startswith("046")


def test_equivalent_words_satisfy_a_pattern_word():
    m = load().code_verb("upgrade", frozenset(), frozenset(), frozenset({"diplomatic", "tie"}))
    assert m is not None and m.code == "050"
