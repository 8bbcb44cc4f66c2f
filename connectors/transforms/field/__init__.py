"""Field paths into keys and values: KIP-821's ``field.syntax.version`` and nested paths."""

from connectors.transforms.field.field_syntax_version import FieldSyntaxVersion
from connectors.transforms.field.single_field_path import SingleFieldPath

__all__ = ["FieldSyntaxVersion", "SingleFieldPath"]
