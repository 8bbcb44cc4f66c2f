"""Single message transformations: the :class:`Transformation` and :class:`Predicate` interfaces,
and Kafka's stock transformations and predicates.

The stock transformations answer to their Java class names in connector configurations
(``transforms.x.type=org.apache.kafka.connect.transforms.InsertField$Value``); in Python the
``$Key``/``$Value`` variants are nested classes (``InsertField.Value``). They are imported on
first use, so that ``import connectors`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from connectors.transforms.predicate import Predicate
from connectors.transforms.transformation import Transformation

if TYPE_CHECKING:
    from connectors.transforms.cast import Cast
    from connectors.transforms.drop_headers import DropHeaders
    from connectors.transforms.extract_field import ExtractField
    from connectors.transforms.filter import Filter
    from connectors.transforms.flatten import Flatten
    from connectors.transforms.header_from import HeaderFrom
    from connectors.transforms.hoist_field import HoistField
    from connectors.transforms.insert_field import InsertField
    from connectors.transforms.insert_header import InsertHeader
    from connectors.transforms.mask_field import MaskField
    from connectors.transforms.predicates import HasHeaderKey, RecordIsTombstone, TopicNameMatches
    from connectors.transforms.regex_router import RegexRouter
    from connectors.transforms.replace_field import ReplaceField
    from connectors.transforms.set_schema_metadata import SetSchemaMetadata
    from connectors.transforms.timestamp_converter import TimestampConverter
    from connectors.transforms.timestamp_router import TimestampRouter
    from connectors.transforms.value_to_key import ValueToKey

__all__ = [
    "Cast",
    "DropHeaders",
    "ExtractField",
    "Filter",
    "Flatten",
    "HasHeaderKey",
    "HeaderFrom",
    "HoistField",
    "InsertField",
    "InsertHeader",
    "MaskField",
    "Predicate",
    "RecordIsTombstone",
    "RegexRouter",
    "ReplaceField",
    "SetSchemaMetadata",
    "TimestampConverter",
    "TimestampRouter",
    "TopicNameMatches",
    "Transformation",
    "ValueToKey",
]

_STOCK: Final = {
    "Cast": "cast",
    "DropHeaders": "drop_headers",
    "ExtractField": "extract_field",
    "Filter": "filter",
    "Flatten": "flatten",
    "HasHeaderKey": "predicates",
    "HeaderFrom": "header_from",
    "HoistField": "hoist_field",
    "InsertField": "insert_field",
    "InsertHeader": "insert_header",
    "MaskField": "mask_field",
    "RecordIsTombstone": "predicates",
    "RegexRouter": "regex_router",
    "ReplaceField": "replace_field",
    "SetSchemaMetadata": "set_schema_metadata",
    "TimestampConverter": "timestamp_converter",
    "TimestampRouter": "timestamp_router",
    "TopicNameMatches": "predicates",
    "ValueToKey": "value_to_key",
}


def __getattr__(name: str) -> Any:
    """Import a stock transformation or predicate when it is first asked for."""
    module = _STOCK.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
