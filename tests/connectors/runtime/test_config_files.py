"""Tests of connectors.runtime.config_files: java.util.Properties parsing and JSON configs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_data.config import ConfigException
from connectors.runtime.config_files import (
    load_config_file,
    load_connector_config,
    parse_properties,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a=b", {"a": "b"}),
        ("a = b", {"a": "b"}),
        ("a:b", {"a": "b"}),
        ("a b", {"a": "b"}),
        ("a\tb", {"a": "b"}),
        ("a=  b  ", {"a": "b  "}),
        ("a==b", {"a": "=b"}),
        ("a = = b", {"a": "= b"}),
        ("a  =b", {"a": "b"}),
        ("a  :  b", {"a": "b"}),
        ("a", {"a": ""}),
        ("a=", {"a": ""}),
        ("a\\=b=c", {"a=b": "c"}),
        ("a\\ b=c", {"a b": "c"}),
        ("a\\:b:c", {"a:b": "c"}),
        ("# comment\n! other\n   # indented\na=1", {"a": "1"}),
        ("a=b\\\n   c", {"a": "bc"}),
        ("a=b\\\\\nc=d", {"a": "b\\", "c": "d"}),
        ("a=b\\\\\\\n  c", {"a": "b\\c"}),
        ("\\u0041=\\u00e9", {"A": "\u00e9"}),
        ("a=\\ud83d\\ude00", {"a": "\U0001f600"}),
        ("a=x\\ty\\nz\\rw\\f", {"a": "x\ty\nz\rw\f"}),
        ("a=\\q\\#", {"a": "q#"}),
        ("a=b\\", {"a": "b"}),
        ("a=b\\\n#c", {"a": "b#c"}),
        ("#a\\\nb=c", {"b": "c"}),
        ("a=1\r\nb=2\rc=3\n", {"a": "1", "b": "2", "c": "3"}),
        ("\n\n   \n\t\fa=1", {"a": "1"}),
        ("a=1\na=2", {"a": "2"}),
        ("   \\\n  k=v", {"k": "v"}),
        ("a=b\\\n\nc=d", {"a": "b", "c": "d"}),
    ],
)
def test_parse_properties_like_java(text: str, expected: dict[str, str]) -> None:
    """Separators, comments, continuations and escapes behave as java.util.Properties.load."""
    assert parse_properties(text) == expected


def test_malformed_unicode_escape_raises() -> None:
    """A \\u escape without four hex digits is an error, as in Java."""
    with pytest.raises(ConfigException, match="Malformed"):
        parse_properties("a=\\u12g4")


def test_properties_file_reads_utf8(tmp_path: Path) -> None:
    """A UTF-8 file keeps its non-ASCII characters."""
    path = tmp_path / "w.properties"
    path.write_text("name=caf\u00e9\n", encoding="utf-8")
    assert load_config_file(path) == {"name": "caf\u00e9"}


def test_properties_file_falls_back_to_latin1(tmp_path: Path) -> None:
    """A file that is not UTF-8 is read as Latin-1 (Java's encoding for properties)."""
    path = tmp_path / "w.properties"
    path.write_bytes(b"name=caf\xe9\n")
    assert load_config_file(path) == {"name": "caf\u00e9"}


def test_json_rest_shape(tmp_path: Path) -> None:
    """{"name", "config"} JSON gives the config with the name, numbers and booleans as text."""
    path = tmp_path / "c.json"
    path.write_text(
        '{"name": "c1", "config": {"tasks.max": 2, "enabled": true, "x": "y", "n": null}}'
    )
    assert load_connector_config(path) == {
        "tasks.max": "2",
        "enabled": "true",
        "x": "y",
        "name": "c1",
    }


def test_json_flat_shape(tmp_path: Path) -> None:
    """A flat JSON object is the configuration itself."""
    path = tmp_path / "c.json"
    path.write_text('{"name": "c1", "connector.class": "X"}')
    assert load_connector_config(path) == {"name": "c1", "connector.class": "X"}


def test_json_name_mismatch_raises(tmp_path: Path) -> None:
    """A config whose name differs from the outer name is refused, naming both."""
    path = tmp_path / "c.json"
    path.write_text('{"name": "a", "config": {"name": "b"}}')
    with pytest.raises(ConfigException, match=r"\(b\) doesn't match connector name \(a\)"):
        load_connector_config(path)


def test_json_nested_value_raises(tmp_path: Path) -> None:
    """A nested object as a value is an error naming the key."""
    path = tmp_path / "c.json"
    path.write_text('{"name": "a", "config": {"x": {"y": 1}}}')
    with pytest.raises(ConfigException, match="Configuration x"):
        load_connector_config(path)


def test_bad_json_raises(tmp_path: Path) -> None:
    """Invalid JSON names the file."""
    path = tmp_path / "c.json"
    path.write_text("{nope")
    with pytest.raises(ConfigException, match=r"c\.json is not valid JSON"):
        load_config_file(path)


def test_connector_config_needs_a_name(tmp_path: Path) -> None:
    """A connector file without name is refused."""
    path = tmp_path / "c.properties"
    path.write_text("connector.class=X\n")
    with pytest.raises(ConfigException, match="has no 'name'"):
        load_connector_config(path)


def test_missing_file_raises(tmp_path: Path) -> None:
    """A missing file is a ConfigException naming it."""
    with pytest.raises(ConfigException, match="Cannot read the configuration file"):
        load_config_file(tmp_path / "missing.properties")


def _escape(text: str, is_key: bool) -> str:
    """Java's Properties.store escaping (saveConvert), for the round-trip property."""
    out = []
    for i, char in enumerate(text):
        if char == " " and (i == 0 or is_key):
            out.append("\\ ")
        elif char in "\\=:#!":
            out.append("\\" + char)
        elif char in "\t\n\r\f":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}[char])
        elif ord(char) < 0x20 or ord(char) > 0x7E:
            units = char.encode("utf-16-be")
            out.extend(f"\\u{units[j] << 8 | units[j + 1]:04x}" for j in range(0, len(units), 2))
        else:
            out.append(char)
    return "".join(out)


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=12), max_size=6))
def test_properties_round_trip(props: dict[str, str]) -> None:
    """Whatever Java's store() writes, parse_properties reads back unchanged."""
    text = "# comment\n" + "".join(
        f"{_escape(k, True)}={_escape(v, False)}\n" for k, v in props.items()
    )
    assert parse_properties(text) == props
