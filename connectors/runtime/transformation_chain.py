"""Applying a connector's transformations in order, each gated by its predicate.

Ports ``TransformationChain`` and ``TransformationStage``, and builds them from the
``transforms`` / ``predicates`` keys of a connector configuration as ``ConnectorConfig`` does.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from connect_data.config import ConfigException
from connectors.record import ConnectRecord
from connectors.transforms import Predicate, Transformation

__all__ = ["TransformationChain", "TransformationStage", "build_transformation_chain"]

log = logging.getLogger(__name__)

R = TypeVar("R", bound=ConnectRecord)


class TransformationStage(Generic[R]):
    """One transformation, applied when its predicate (if any) matches (or does not, negated)."""

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

    def close(self) -> None:
        """Close the transformation and its predicate."""
        try:
            self.transformation.close()
        finally:
            if self.predicate is not None:
                self.predicate.close()


class TransformationChain(Generic[R]):
    """The stages in order; a stage returning ``None`` drops the record."""

    __slots__ = ("stages",)

    def __init__(self, stages: Sequence[TransformationStage[R]] = ()) -> None:
        self.stages = list(stages)

    def apply(self, record: R) -> R | None:
        """Run ``record`` through every stage."""
        current: R | None = record
        for stage in self.stages:
            if current is None:
                return None
            current = stage.apply(current)
        return current

    def close(self) -> None:
        """Close every stage, logging (not raising) failures."""
        for stage in self.stages:
            try:
                stage.close()
            except Exception:
                log.exception("Failed to close transformation %s", stage.alias)

    def __bool__(self) -> bool:
        return bool(self.stages)


def build_transformation_chain(config: Any) -> TransformationChain[Any]:
    """The chain described by a parsed :class:`~connectors.runtime.connector_config.ConnectorConfig`.

    Each transformation is created with no arguments and configured with the keys under
    ``transforms.<alias>.`` (prefix removed; ``predicate`` and ``negate`` taken out); its
    predicate likewise with the keys under ``predicates.<name>.``.
    """
    stages: list[TransformationStage[Any]] = []
    try:
        for alias in config.transform_aliases():
            prefix = f"transforms.{alias}."
            cls = config.get_class(prefix + "type")
            transformation = cls()
            configs = config.originals_with_prefix(prefix)
            predicate_alias = configs.pop("predicate", None)
            negate = configs.pop("negate", None)
            transformation.configure(configs)
            predicate = None
            if predicate_alias:
                predicate_alias = str(predicate_alias).strip()
                if predicate_alias not in config.predicate_aliases():
                    raise ConfigException(
                        f"Transformation {alias} refers to the predicate {predicate_alias}, which "
                        "is not among predicates"
                    )
                predicate_prefix = f"predicates.{predicate_alias}."
                predicate = config.get_class(predicate_prefix + "type")()
                predicate.configure(config.originals_with_prefix(predicate_prefix))
            negated = str(negate).strip().lower() == "true" if negate is not None else False
            stages.append(TransformationStage(transformation, predicate, negated, alias))
    except Exception:
        TransformationChain(stages).close()
        raise
    return TransformationChain(stages)
