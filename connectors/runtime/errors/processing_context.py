"""What is known about the record being processed when an operation fails (``ProcessingContext``)."""

from __future__ import annotations

from typing import Any, Final, Generic, TypeVar

from connectors.runtime.errors.stage import Stage

__all__ = ["ProcessingContext"]

T = TypeVar("T")

_UNSET: Final[Any] = object()


class ProcessingContext(Generic[T]):
    """The original record of one pass through the pipeline, and the stage that failed on it.

    ``original`` is the record as it entered the pipeline: the
    :class:`~connectors.runtime.recordlog.ConsumerRecord` read by a sink task, or the
    :class:`~connectors.SourceRecord` returned by a source task's ``poll``. One context per
    record; not thread-safe (hand it over, do not share it).

    As in Java, :meth:`stage`, :meth:`executing_class`, :meth:`attempt` and :meth:`error` are
    getters without an argument and setters with one.
    """

    __slots__ = ("_attempt", "_error", "_executing_class", "_original", "_stage")

    def __init__(self, original: T) -> None:
        self._original = original
        self._stage: Stage | None = None
        self._executing_class: type | None = None
        self._attempt = 0
        self._error: BaseException | None = None

    def original(self) -> T:
        """The record before any processing."""
        return self._original

    def stage(self, stage: Stage = _UNSET) -> Stage | None:
        """The stage now executing (or set it)."""
        if stage is not _UNSET:
            self._stage = stage
        return self._stage

    def position(self, stage: Stage) -> None:
        """Set the stage now executing."""
        self._stage = stage

    def executing_class(self, cls: type | None = _UNSET) -> type | None:
        """The class running the current operation (or set it)."""
        if cls is not _UNSET:
            self._executing_class = cls
        return self._executing_class

    def current_context(self, stage: Stage, cls: type | None) -> None:
        """Set both the stage and the class running it."""
        self._stage = stage
        self._executing_class = cls

    def attempt(self, attempt: int = _UNSET) -> int:
        """How many times the current operation was tried (or set it)."""
        if attempt is not _UNSET:
            self._attempt = attempt
        return self._attempt

    def error(self, error: BaseException | None = _UNSET) -> BaseException | None:
        """The error the current stage ended with, if any (or set it)."""
        if error is not _UNSET:
            self._error = error
        return self._error

    def failed(self) -> bool:
        """Whether an operation on this record failed."""
        return self._error is not None

    def __repr__(self) -> str:
        cls = self._executing_class
        return (
            f"ProcessingContext{{stage={self._stage}, "
            f"executingClass={None if cls is None else cls.__qualname__}, "
            f"attempt={self._attempt}, error={self._error!r}}}"
        )
