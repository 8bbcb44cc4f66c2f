"""Single message transformations: the :class:`Transformation` and :class:`Predicate` interfaces."""

from connectors.transforms.predicate import Predicate
from connectors.transforms.transformation import Transformation

__all__ = ["Predicate", "Transformation"]
