"""Article metadata helpers: dates in ISO 8601, language identification."""
from __future__ import annotations

import re
from datetime import datetime

_ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def normalise_date(value: str | None) -> str | None:
    """An ISO 8601 date or datetime string, or None where ``value`` is not a readable date."""
    if not value:
        return None
    value = value.strip()
    if _ISO_DAY.match(value):
        return value
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for too little text."""
    if len(text.strip()) < 20:
        return None
    import py3langid

    lang, _ = py3langid.classify(text[:5000])
    return str(lang)
