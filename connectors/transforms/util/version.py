"""The version the stock transformations report (Java's ``AppInfoParser.getVersion()``).

Kept here rather than imported from ``converters``: ``import connectors`` loads the stock
transformations, and must not pay for loading every converter.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

__all__ = ["connectpy_version"]


@cache
def connectpy_version() -> str:
    """The installed ``connectpy`` distribution's version, or ``"unknown"`` when not installed."""
    try:
        return metadata.version("connectpy")
    except metadata.PackageNotFoundError:
        return "unknown"
