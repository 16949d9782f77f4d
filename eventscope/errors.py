"""Errors of eventscope. Every error names the document it is about.

    EventscopeError
    ├── InputError            a document cannot be used (goes to quarantine; the batch goes on)
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── DecodeError       invalid UTF-8 and no usable declared charset
    │   ├── TooLarge
    │   ├── CorruptArchive    truncated gzip, broken WARC record
    │   ├── MalformedFeed     bad XML, entity declarations
    │   └── EmptyArticle      no main text left after cleaning (only markup, only furniture)
    ├── FetchError            a URL could not be fetched
    │   └── URLRefused        private, loopback or link-local address; bad scheme
    └── StoreError            the database cannot be opened or written
"""
from __future__ import annotations


class EventscopeError(Exception):
    """Root of all eventscope errors."""

    def __init__(self, message: str, origin: str | None = None):
        self.origin = origin
        self.message = message
        super().__init__(f"{origin}: {message}" if origin else message)


class InputError(EventscopeError):
    """A document that cannot be used; it is quarantined with this message as the reason."""


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class DecodeError(InputError):
    pass


class TooLarge(InputError):
    pass


class CorruptArchive(InputError):
    pass


class MalformedFeed(InputError):
    pass


class EmptyArticle(InputError):
    """A readable document with no article in it: cleaning left no text (a page of markup only, or
    of page furniture only). Its message says which."""


class FetchError(EventscopeError):
    pass


class URLRefused(FetchError):
    pass


class StoreError(EventscopeError):
    pass
