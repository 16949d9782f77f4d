"""Events: PLOVER coding with CAMEO codes, modality, dates (``dates``) and places."""
