"""DropHeaders: the behaviours of Kafka's DropHeadersTest."""

from __future__ import annotations

import pytest

from connect_data import ConnectHeaders
from connect_data.config import ConfigException
from connectors.record import SourceRecord
from connectors.transforms import DropHeaders


def drop(names: str, headers: ConnectHeaders) -> list[tuple[str, object]]:
    xform: DropHeaders[SourceRecord] = DropHeaders()
    xform.configure({"headers": names})
    out = xform.apply(SourceRecord(topic="topic", value="v", headers=headers))
    assert out.value == "v"
    return [(h.key(), h.value()) for h in out.headers]


def test_drop_existing_header() -> None:
    """The named header is removed, the others kept in order."""
    headers = ConnectHeaders().add_string("dropped", "a").add_string("kept", "b")
    assert drop("dropped", headers) == [("kept", "b")]
    assert len(headers) == 2


def test_drop_existing_header_with_multiple_values() -> None:
    """Every header with the name goes."""
    headers = (
        ConnectHeaders()
        .add_string("dropped", "a")
        .add_string("kept", "b")
        .add_string("dropped", "c")
    )
    assert drop("dropped", headers) == [("kept", "b")]


def test_drop_several_and_non_existing_headers() -> None:
    """Names not present change nothing."""
    headers = ConnectHeaders().add_string("a", "1").add_string("b", "2").add_string("c", "3")
    assert drop("a,c,missing", headers) == [("b", "2")]
    assert drop("missing", ConnectHeaders().add_string("k", "v")) == [("k", "v")]


def test_config_rejects_empty_list() -> None:
    """headers must name at least one header."""
    with pytest.raises(ConfigException, match=r"Empty list"):
        DropHeaders().configure({"headers": ""})
