"""The configuration class of the stock transformations (Java's ``util.SimpleConfig``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connect_data.config import AbstractConfig, ConfigDef

__all__ = ["SimpleConfig"]


class SimpleConfig(AbstractConfig):
    """An :class:`~connect_data.config.AbstractConfig` for a definition given at run time.

    Parses ``originals`` against ``definition`` (raising
    :class:`~connect_data.config.ConfigException` for a missing or bad value) without logging
    the values.
    """

    def __init__(self, definition: ConfigDef, originals: Mapping[Any, Any]) -> None:
        super().__init__(definition, originals, False)
