from eventscope.actors.text import BREAK, fold, phrase_units, token_units


def test_accents_and_special_letters_fold_to_ascii():
    assert fold("Vučić") == fold("Vucic") == "vucic"
    assert fold("Đurić") == "duric"
    assert fold("Łódź") == "lodz"
    assert fold("Gërvalla") == "gervalla"


def test_dots_ampersands_and_hyphens_give_the_same_units_as_plain_words():
    assert phrase_units("U.N.") == ("un",)
    assert phrase_units("Bosnia & Herzegovina") == phrase_units("Bosnia and Herzegovina")
    assert phrase_units("Szalay-Bobrovniczky") == ("szalay", "bobrovniczky")


def test_punctuation_tokens_break_a_match_but_hyphens_do_not():
    assert token_units(",") == (BREAK,)
    assert token_units("-") == ()
    assert token_units("’s") == ("s",)
