"""TimestampRouter: the behaviours of Kafka's TimestampRouterTest."""

from __future__ import annotations

import pytest

from connect_data import DataException
from connect_data.config import ConfigException
from connectors.record import SourceRecord
from connectors.transforms import TimestampRouter


def route(props: dict[str, str], topic: str = "test", timestamp: int | None = 1483425001864) -> str:
    router: TimestampRouter[SourceRecord] = TimestampRouter()
    router.configure(props)
    return router.apply(SourceRecord(topic=topic, timestamp=timestamp)).topic


def test_default_configuration() -> None:
    """topic-yyyyMMdd of the record timestamp, in UTC."""
    assert route({}) == "test-20170103"


def test_custom_formats() -> None:
    """Both placeholders may appear anywhere and more than once."""
    props = {
        "topic.format": "${timestamp}_${topic}_${topic}",
        "timestamp.format": "yyyy-MM-dd'T'HH",
    }
    assert route(props) == "2017-01-03T06_test_test"


def test_topic_containing_timestamp_placeholder() -> None:
    """${topic} is filled first, so a topic holding ${timestamp} gets it filled too (as Java)."""
    assert route({}, topic="a${timestamp}") == "a20170103-20170103"


def test_timestamp_required() -> None:
    """A record without a timestamp is a DataException."""
    with pytest.raises(DataException, match=r"Timestamp missing on record"):
        route({}, timestamp=None)


def test_invalid_timestamp_format() -> None:
    """A pattern SimpleDateFormat rejects fails at configuration."""
    with pytest.raises(ConfigException, match=r"Illegal pattern character 'Q'"):
        route({"timestamp.format": "yyyyQ"})
