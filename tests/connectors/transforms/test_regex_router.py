"""RegexRouter: the behaviours of Kafka's RegexRouterTest."""

from __future__ import annotations

import pytest

from connect_data import DataException
from connect_data.config import ConfigException
from connectors.record import SinkRecord
from connectors.transforms import RegexRouter


def apply(regex: str, replacement: str, topic: str) -> str:
    router: RegexRouter[SinkRecord] = RegexRouter()
    router.configure({"regex": regex, "replacement": replacement})
    return router.apply(SinkRecord(topic=topic, kafka_partition=0, kafka_offset=0)).topic


@pytest.mark.parametrize(
    ("regex", "replacement", "topic", "expected"),
    [
        ("foo", "bar", "foo", "bar"),
        ("foo", "bar", "orig", "orig"),
        ("(.*)", "$1", "orig", "orig"),
        ("(.*)", "prefix-$1", "orig", "prefix-orig"),
        ("(.*)", "$1-suffix", "orig", "orig-suffix"),
        ("(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)", "$1", "index-20160117", "index"),
        ("(?<base>.*)-raw", "${base}-clean", "orders-raw", "orders-clean"),
        ("foo", "bar", "foobar", "foobar"),
    ],
)
def test_routing(regex: str, replacement: str, topic: str, expected: str) -> None:
    """The whole topic must match; the replacement fills in groups as Matcher.replaceFirst."""
    assert apply(regex, replacement, topic) == expected


def test_unmatched_record_is_returned_unchanged() -> None:
    """A topic that does not match leaves the very same record."""
    router: RegexRouter[SinkRecord] = RegexRouter()
    router.configure({"regex": "x", "replacement": "y"})
    record = SinkRecord(topic="z", kafka_partition=0, kafka_offset=0)
    assert router.apply(record) is record


def test_configuration() -> None:
    """regex and replacement are required; the regex must compile."""
    router: RegexRouter[SinkRecord] = RegexRouter()
    with pytest.raises(ConfigException, match=r'Missing required configuration "regex"'):
        router.configure({"replacement": "x"})
    with pytest.raises(ConfigException, match=r"Invalid regex"):
        router.configure({"regex": "(", "replacement": "x"})


def test_bad_group_reference_fails_on_a_matching_record() -> None:
    """A replacement naming a missing group is reported when a topic matches."""
    with pytest.raises(DataException, match=r"No group 2"):
        apply("(.*)", "$2", "t")
