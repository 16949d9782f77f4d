"""Stories: reports of one real-world happening grouped across outlets, and their events fused.

Two tiers: copies and syndicated rewrites (``copies``: MinHash LSH over word 5-grams), and stories
(``index``: a streaming index over content words, names, numbers and dates). ``assign_stories`` is the
batch mode (the ``story`` field of ``annotate``), ``StoryIndex`` the streaming mode (each new article
joins an open story or starts one); fed in date order they agree. ``fuse`` merges the events of a story
that describe one happening, keeping every source and the discrepancies between outlets.
"""
from .copies import CopyIndex, copy_groups
from .fusion import Discrepancy, FusedEvent, Source, fuse
from .index import StoryConfig, StoryIndex
from .index import assign as assign_stories

__all__ = ["CopyIndex", "Discrepancy", "FusedEvent", "Source", "StoryConfig", "StoryIndex", "assign_stories",
           "copy_groups", "fuse"]
