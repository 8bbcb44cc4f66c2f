"""Where in a task's pipeline an operation runs (``org.apache.kafka.connect.runtime.errors.Stage``)."""

from __future__ import annotations

import enum

__all__ = ["Stage"]


class Stage(enum.Enum):
    """A logical stage of the source or sink pipeline.

    The name is what the ``__connect.errors.stage`` dead-letter-queue header and the error log
    show (``VALUE_CONVERTER``).
    """

    KEY_CONVERTER = "KEY_CONVERTER"
    """Converting a record key between its Connect form and bytes."""
    VALUE_CONVERTER = "VALUE_CONVERTER"
    """Converting a record value between its Connect form and bytes."""
    HEADER_CONVERTER = "HEADER_CONVERTER"
    """Converting record headers between their Connect form and bytes."""
    TRANSFORMATION = "TRANSFORMATION"
    """Applying one transformation (SMT) of the chain."""
    TASK_PUT = "TASK_PUT"
    """A sink task's ``put`` (records reported through the errant record reporter)."""
    TASK_POLL = "TASK_POLL"
    """A source task's ``poll``."""
    KAFKA_PRODUCE = "KAFKA_PRODUCE"
    """Writing a source record to the record log."""
    KAFKA_CONSUME = "KAFKA_CONSUME"
    """Reading records from the record log."""

    def __str__(self) -> str:
        return self.value
