"""How many errors a task tolerates (``org.apache.kafka.connect.runtime.errors.ToleranceType``)."""

from __future__ import annotations

import enum

__all__ = ["ToleranceType"]


class ToleranceType(enum.Enum):
    """The values of ``errors.tolerance``; :attr:`value` is the configuration spelling."""

    NONE = "none"
    """Any error fails the task at once (the default)."""
    ALL = "all"
    """Records that fail in a converter or a transformation are skipped; the task goes on."""

    @classmethod
    def parse(cls, text: str | None) -> ToleranceType:
        """The tolerance named ``text`` (any case); :attr:`NONE` for anything else, as Java."""
        for member in cls:
            if text is not None and member.name.lower() == str(text).strip().lower():
                return member
        return cls.NONE

    def __str__(self) -> str:
        return self.name
