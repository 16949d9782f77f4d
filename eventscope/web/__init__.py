"""The web front end: REST API and dashboard over one database (``eventscope serve``)."""
from .app import create_app

__all__ = ["create_app"]
