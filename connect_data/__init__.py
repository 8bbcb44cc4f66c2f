"""Kafka Connect's data model in Python: a port of ``org.apache.kafka.connect.data``.

Build schemas with :class:`SchemaBuilder`, hold records in :class:`Struct`, convert logical
types with :class:`Decimal`, :class:`Date`, :class:`Time` and :class:`Timestamp`, evolve data
across schema versions with :class:`SchemaProjector`, and parse or convert loosely typed values
with :class:`Values`.
"""

from connect_data.builder import SchemaBuilder
from connect_data.errors import (
    ConnectException,
    DataException,
    RetriableException,
    SchemaBuilderException,
    SchemaProjectorException,
)
from connect_data.headers import ConnectHeaders, Header
from connect_data.logical import Date, Decimal, Time, Timestamp
from connect_data.projector import SchemaProjector
from connect_data.schema import ConnectSchema, Field, Schema, SchemaAndValue, Type
from connect_data.struct import Struct
from connect_data.values import Values

__all__ = [
    "ConnectException",
    "ConnectHeaders",
    "ConnectSchema",
    "DataException",
    "Date",
    "Decimal",
    "Field",
    "Header",
    "RetriableException",
    "Schema",
    "SchemaAndValue",
    "SchemaBuilder",
    "SchemaBuilderException",
    "SchemaProjector",
    "SchemaProjectorException",
    "Struct",
    "Time",
    "Timestamp",
    "Type",
    "Values",
]
