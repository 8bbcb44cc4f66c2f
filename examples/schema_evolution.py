"""A tour of connectpy's data model: build a schema, fill a Struct, evolve, project.

Run with ``./scripts/demo``.
"""

from __future__ import annotations

import datetime as dt
import decimal

from connect_data import (
    DataException,
    Decimal,
    Schema,
    SchemaBuilder,
    SchemaProjector,
    Struct,
    Timestamp,
)


def main() -> None:
    """Build a v2 Order, break validation on purpose, then project v2 records onto v3."""
    order_v2 = (
        SchemaBuilder.struct()
        .name("com.example.Order")
        .version(2)
        .field("id", Schema.INT64_SCHEMA)
        .field("customer", Schema.STRING_SCHEMA)
        .field("amount", Decimal.schema(2))
        .field("created", Timestamp.SCHEMA)
        .field("quantity", Schema.INT32_SCHEMA)
        .build()
    )
    order = (
        Struct(order_v2)
        .put("id", 1001)
        .put("customer", "Ada Lovelace")
        .put("amount", decimal.Decimal("1234.56"))
        .put("created", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc))
        .put("quantity", 3)
    )
    order.validate()
    print(f"v2 schema: {order_v2}  fields: {[f.name() for f in order_v2.fields()]}")
    print(f"v2 record: {order}")

    try:
        Struct(order_v2).put("quantity", "three")
    except DataException as e:
        print(f"validation error, as expected: {e}")

    # Version 3 adds a currency with a default, an optional note, and widens quantity to int64.
    order_v3 = (
        SchemaBuilder.struct()
        .name("com.example.Order")
        .version(3)
        .field("id", Schema.INT64_SCHEMA)
        .field("customer", Schema.STRING_SCHEMA)
        .field("amount", Decimal.schema(2))
        .field("created", Timestamp.SCHEMA)
        .field("quantity", Schema.INT64_SCHEMA)
        .field("currency", SchemaBuilder.string().default_value("EUR").build())
        .field("note", Schema.OPTIONAL_STRING_SCHEMA)
        .build()
    )
    projected = SchemaProjector.project(order_v2, order, order_v3)
    print(f"v3 schema: {order_v3}  fields: {[f.name() for f in order_v3.fields()]}")
    print(f"projected: {projected}")
    print(f"currency defaulted to {projected.get('currency')!r}, note is {projected.get('note')!r}")


if __name__ == "__main__":
    main()
