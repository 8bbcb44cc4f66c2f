"""Applying a connector's transformations in order, each gated by its predicate.

Ports ``TransformationChain`` and ``TransformationStage``, and builds them from the
``transforms`` / ``predicates`` keys of a connector configuration as Java's
``ConnectorConfig.transformationStages`` does. With a
:class:`~connectors.runtime.errors.RetryWithToleranceOperator`, a stage that raises is handled
as Kafka Connect handles the ``TRANSFORMATION`` stage: retried if the error is a
:class:`~connect_data.RetriableException`, then skipped (``errors.tolerance=all``) or failing
the task.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from typing import Any, Final, Generic, TypeVar

from connect_data.errors import ConnectException
from connectors.record import ConnectRecord
from connectors.runtime.errors.class_names import exception_class_name
from connectors.runtime.errors.processing_context import ProcessingContext
from connectors.runtime.errors.retry_with_tolerance_operator import RetryWithToleranceOperator
from connectors.runtime.errors.stage import Stage
from connectors.transforms import Predicate, Transformation

__all__ = ["TransformationChain", "TransformationStage", "build_transformation_chain"]

log = logging.getLogger(__name__)

R = TypeVar("R", bound=ConnectRecord)


class TransformationStage(Generic[R]):
    """One transformation, applied when its predicate (if any) matches (or does not, negated)."""

    PREDICATE_CONFIG: Final = "predicate"
    NEGATE_CONFIG: Final = "negate"

    __slots__ = ("alias", "negate", "predicate", "transformation")

    def __init__(
        self,
        transformation: Transformation[R],
        predicate: Predicate[R] | None = None,
        negate: bool = False,
        alias: str = "",
    ) -> None:
        self.transformation = transformation
        self.predicate = predicate
        self.negate = negate
        self.alias = alias

    def apply(self, record: R) -> R | None:
        """The transformed record, ``record`` itself when the predicate says skip, or ``None``."""
        if self.predicate is not None and self.predicate.test(record) == self.negate:
            return record
        return self.transformation.apply(record)

    def transform_class(self) -> type:
        """The class of the transformation (what error reports name)."""
        return type(self.transformation)

    def close(self) -> None:
        """Close the transformation and its predicate, logging (not raising) failures."""
        try:
            self.transformation.close()
        except Exception:
            log.warning("Failed to close transformation %s", self.alias or self, exc_info=True)
        if self.predicate is not None:
            try:
                self.predicate.close()
            except Exception:
                log.warning(
                    "Failed to close the predicate of transformation %s",
                    self.alias or self,
                    exc_info=True,
                )

    def __repr__(self) -> str:
        return (
            f"TransformationStage{{predicate={self.predicate}, "
            f"transformation={self.transformation}, negate={str(self.negate).lower()}}}"
        )


class TransformationChain(Generic[R]):
    """The stages in order; a stage returning ``None`` drops the record.

    ``retry_with_tolerance_operator`` handles a stage that raises when :meth:`apply` is given
    the record's :class:`~connectors.runtime.errors.ProcessingContext`; without either, the
    exception propagates.
    """

    __slots__ = ("retry_with_tolerance_operator", "stages")

    def __init__(
        self,
        stages: Sequence[TransformationStage[R]] = (),
        retry_with_tolerance_operator: RetryWithToleranceOperator[Any] | None = None,
    ) -> None:
        self.stages = list(stages)
        self.retry_with_tolerance_operator = retry_with_tolerance_operator

    def apply(self, record: R, context: ProcessingContext[Any] | None = None) -> R | None:
        """Run ``record`` through every stage.

        ``None`` when a stage dropped the record, or when a stage failed with a tolerated
        error (then ``context`` says so: ``context.failed()``).
        """
        current: R | None = record
        for stage in self.stages:
            previous: R = record if current is None else current  # never None here
            try:
                current = stage.apply(previous)
            except Exception as exc:
                operator = self.retry_with_tolerance_operator
                if operator is None or context is None:
                    raise
                current = operator.recover(
                    context,
                    functools.partial(stage.apply, previous),
                    Stage.TRANSFORMATION,
                    stage.transform_class(),
                    exc,
                )
            if current is None:
                return None
        return current

    def close(self) -> None:
        """Close every stage, logging (not raising) failures."""
        for stage in self.stages:
            stage.close()

    def __bool__(self) -> bool:
        return bool(self.stages)

    def __repr__(self) -> str:
        return ", ".join(repr(stage) for stage in self.stages)


def build_transformation_chain(
    config: Any, retry_with_tolerance_operator: RetryWithToleranceOperator[Any] | None = None
) -> TransformationChain[Any]:
    """The chain described by a parsed :class:`~connectors.runtime.connector_config.ConnectorConfig`.

    Each transformation is created with no arguments and configured with the keys under
    ``transforms.<alias>.`` (prefix removed; ``predicate`` and ``negate`` taken out); its
    predicate likewise with the keys under ``predicates.<name>.``. Any failure is raised as a
    :class:`~connect_data.ConnectException` whose message is the cause's class and message
    (a ``predicate`` that is not among ``predicates``: "...ConfigException: Unknown
    configuration 'predicates.<name>.type'"); the stages built so far are closed.
    """
    stages: list[TransformationStage[Any]] = []
    for alias in config.transform_aliases():
        prefix = f"transforms.{alias}."
        transformation: Any = None
        predicate: Any = None
        try:
            transformation = config.get_class(prefix + "type")()
            configs = config.originals_with_prefix(prefix)
            predicate_alias = configs.pop(TransformationStage.PREDICATE_CONFIG, None)
            negate = configs.pop(TransformationStage.NEGATE_CONFIG, None)
            transformation.configure(configs)
            if predicate_alias is not None:
                predicate_prefix = f"predicates.{predicate_alias}."
                predicate = config.get_class(predicate_prefix + "type")()
                predicate.configure(config.originals_with_prefix(predicate_prefix))
                negated = negate is not None and str(negate).lower() == "true"
                stages.append(TransformationStage(transformation, predicate, negated, alias))
            else:
                stages.append(TransformationStage(transformation, alias=alias))
        except Exception as exc:
            for made in (transformation, predicate):
                if made is not None:
                    try:
                        made.close()
                    except Exception:
                        log.warning("Failed to close %s", made, exc_info=True)
            TransformationChain(stages).close()
            raise ConnectException(f"{exception_class_name(exc)}: {exc}") from exc
    return TransformationChain(stages, retry_with_tolerance_operator)
