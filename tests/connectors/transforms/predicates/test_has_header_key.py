"""HasHeaderKey: the behaviours of Kafka's HasHeaderKeyTest."""

from __future__ import annotations

import pytest

from connect_data import ConnectHeaders
from connect_data.config import ConfigException
from connectors.record import SourceRecord
from connectors.transforms import HasHeaderKey


def predicate(name: str) -> HasHeaderKey[SourceRecord]:
    result: HasHeaderKey[SourceRecord] = HasHeaderKey()
    result.configure({"name": name})
    return result


def with_headers(*keys: str) -> SourceRecord:
    headers = ConnectHeaders()
    for key in keys:
        headers.add_string(key, "value")
    return SourceRecord(topic="topic", headers=headers)


def test_name_required() -> None:
    """name has no default."""
    with pytest.raises(ConfigException, match=r'Missing required configuration "name"'):
        HasHeaderKey().configure({})


def test_name_may_not_be_empty() -> None:
    """An empty name is rejected."""
    with pytest.raises(ConfigException, match=r"String must be non-empty"):
        predicate("")


def test_test() -> None:
    """True when at least one header has the name."""
    has_foo = predicate("foo")
    assert has_foo.test(with_headers("foo"))
    assert has_foo.test(with_headers("bar", "foo", "bar", "foo"))
    assert not has_foo.test(with_headers("bar"))
    assert not has_foo.test(with_headers())
    assert repr(has_foo) == "HasHeaderKey{name=foo}"
