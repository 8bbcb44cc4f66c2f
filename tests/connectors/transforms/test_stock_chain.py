"""The stock SMTs and predicates through a connector's transformation chain, by their Java names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from connect_data import ConnectHeaders, Schema, SchemaBuilder, Struct
from connectors.record import SourceRecord
from connectors.runtime.connector_config import ConnectorConfig
from connectors.runtime.plugins import Plugins
from connectors.runtime.transformation_chain import build_transformation_chain
from converters.plugins import PluginType, plugin_class
from tests.connectors import testplugins

JAVA = "org.apache.kafka.connect.transforms."

STOCK_TRANSFORMS = [
    *(
        f"{JAVA}{name}${side}"
        for name in (
            "Cast",
            "ExtractField",
            "Flatten",
            "HeaderFrom",
            "HoistField",
            "InsertField",
            "MaskField",
            "ReplaceField",
            "SetSchemaMetadata",
            "TimestampConverter",
        )
        for side in ("Key", "Value")
    ),
    *(
        f"{JAVA}{name}"
        for name in (
            "DropHeaders",
            "Filter",
            "InsertHeader",
            "RegexRouter",
            "TimestampRouter",
            "ValueToKey",
        )
    ),
]
STOCK_PREDICATES = [
    f"{JAVA}predicates.{n}" for n in ("HasHeaderKey", "RecordIsTombstone", "TopicNameMatches")
]


@pytest.mark.parametrize("name", STOCK_TRANSFORMS)
def test_every_java_transformation_name_resolves(name: str) -> None:
    """Each Java class name (with $Key/$Value) is a concrete transformation of the same name."""
    cls = plugin_class(name, PluginType.TRANSFORMATION)
    simple = name.rsplit(".", 1)[1]
    assert cls.__qualname__ == simple.replace("$", ".")
    cls().config()


@pytest.mark.parametrize("name", STOCK_PREDICATES)
def test_every_java_predicate_name_resolves(name: str) -> None:
    """Each stock predicate's Java class name is the predicate of the same name."""
    assert plugin_class(name, PluginType.PREDICATE).__name__ == name.rsplit(".", 1)[1]


def chain_for(props: dict[str, str]) -> Any:
    config = ConnectorConfig(
        Plugins(),
        {
            "name": "c",
            "connector.class": "tests.connectors.testplugins.CounterSourceConnector",
            **props,
        },
        testplugins.CounterSourceConnector,
    )
    return build_transformation_chain(config)


PROPS = {
    "transforms": "dropTombstones,key,extractId,flatten,cast,tsString,mask,route,tag,audited",
    "predicates": "isTombstone,isAudit,hasTrace",
    "predicates.isTombstone.type": f"{JAVA}predicates.RecordIsTombstone",
    "predicates.isAudit.type": f"{JAVA}predicates.TopicNameMatches",
    "predicates.isAudit.pattern": "audit-.*",
    "predicates.hasTrace.type": f"{JAVA}predicates.HasHeaderKey",
    "predicates.hasTrace.name": "trace",
    "transforms.dropTombstones.type": f"{JAVA}Filter",
    "transforms.dropTombstones.predicate": "isTombstone",
    "transforms.key.type": f"{JAVA}ValueToKey",
    "transforms.key.fields": "id",
    "transforms.extractId.type": f"{JAVA}ExtractField$Key",
    "transforms.extractId.field": "id",
    "transforms.flatten.type": f"{JAVA}Flatten$Value",
    "transforms.flatten.delimiter": "_",
    "transforms.cast.type": f"{JAVA}Cast$Value",
    "transforms.cast.spec": "amount:float64",
    "transforms.tsString.type": f"{JAVA}TimestampConverter$Value",
    "transforms.tsString.field": "created",
    "transforms.tsString.target.type": "string",
    "transforms.tsString.format": "yyyy-MM-dd",
    "transforms.mask.type": f"{JAVA}MaskField$Value",
    "transforms.mask.fields": "customer_ssn",
    "transforms.mask.predicate": "hasTrace",
    "transforms.mask.negate": "true",
    "transforms.route.type": f"{JAVA}RegexRouter",
    "transforms.route.regex": "(.*)-raw",
    "transforms.route.replacement": "$1",
    "transforms.tag.type": f"{JAVA}InsertHeader",
    "transforms.tag.header": "audited",
    "transforms.tag.value.literal": "true",
    "transforms.tag.predicate": "isAudit",
    "transforms.audited.type": f"{JAVA}InsertField$Value",
    "transforms.audited.topic.field": "topic",
}

CUSTOMER = SchemaBuilder.struct().field("ssn", Schema.STRING_SCHEMA).build()
ORDER = (
    SchemaBuilder.struct()
    .name("com.example.Order")
    .field("id", Schema.INT64_SCHEMA)
    .field("amount", Schema.INT32_SCHEMA)
    .field("created", Schema.INT64_SCHEMA)
    .field("customer", CUSTOMER)
    .build()
)


def order(order_id: int) -> Struct:
    return (
        Struct(ORDER)
        .put("id", order_id)
        .put("amount", 250)
        .put("created", int(dt.datetime(2024, 3, 1, 12, tzinfo=dt.timezone.utc).timestamp() * 1000))
        .put("customer", Struct(CUSTOMER).put("ssn", "123-45-6789"))
    )


def test_chain_of_stock_transformations_with_predicates() -> None:
    """Stages run in order, each gated by its predicate (negated where asked); Filter drops."""
    chain = chain_for(PROPS)
    try:
        out = chain.apply(SourceRecord(topic="orders-raw", value_schema=ORDER, value=order(7)))
        assert out.topic == "orders"
        assert (out.key_schema, out.key) == (Schema.INT64_SCHEMA, 7)
        value = out.value
        assert [f.name() for f in value.schema().fields()] == [
            "id",
            "amount",
            "created",
            "customer_ssn",
            "topic",
        ]
        assert value.get("amount") == 250.0
        assert value.get("created") == "2024-03-01"
        assert value.get("customer_ssn") == ""
        assert value.get("topic") == "orders"
        assert value.schema().name() == "com.example.Order"
        assert out.headers.last_with_name("audited") is None

        traced = SourceRecord(
            topic="audit-orders",
            value_schema=ORDER,
            value=order(8),
            headers=ConnectHeaders().add_string("trace", "t-1"),
        )
        audited = chain.apply(traced)
        assert audited.topic == "audit-orders"
        assert audited.value.get("customer_ssn") == "123-45-6789"
        header = audited.headers.last_with_name("audited")
        assert header is not None and header.value() is True

        assert chain.apply(SourceRecord(topic="orders-raw", key=1, value=None)) is None
    finally:
        chain.close()
