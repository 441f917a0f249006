"""The one publication-date parser (a leaf): an input field -> a ``date``."""

from __future__ import annotations

from datetime import date, datetime


def parse_published(value) -> date | None:
    """A publication date from an input field ("2022-06-20", "2015-07-21 02:51:31", a ``date``);
    ``None`` when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        from dateutil import parser as du

        return du.parse(text, dayfirst=True).date()
    except (ValueError, OverflowError, TypeError):
        return None


def iso_published(value) -> str | None:
    """The ISO form of a publication date for the ``documents`` table; a value that cannot be
    read is kept as given (``None`` stays ``None``)."""
    d = parse_published(value)
    return d.isoformat() if d else (None if value is None else str(value))
