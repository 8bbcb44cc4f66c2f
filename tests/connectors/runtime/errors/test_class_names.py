"""Tests of connectors.runtime.errors.class_names."""

from __future__ import annotations

from connect_data.config import ConfigException
from connect_data.errors import DataException, RetriableException
from connectors.runtime.errors.class_names import (
    class_name,
    exception_class_name,
    java_class_name,
    report_class_name,
)
from connectors.sink import SinkTask
from connectors.transforms import InsertField, Transformation
from converters.json import JsonConverter


class _Mine:
    pass


def test_ported_classes_get_their_java_names() -> None:
    """Converters, SMTs, API classes and Connect exceptions are named as in Java."""
    assert java_class_name(JsonConverter) == "org.apache.kafka.connect.json.JsonConverter"
    assert (
        java_class_name(InsertField.Value)
        == "org.apache.kafka.connect.transforms.InsertField$Value"
    )
    assert java_class_name(SinkTask) == "org.apache.kafka.connect.sink.SinkTask"
    assert java_class_name(Transformation) == "org.apache.kafka.connect.transforms.Transformation"
    assert (
        exception_class_name(RetriableException("x"))
        == "org.apache.kafka.connect.errors.RetriableException"
    )
    assert exception_class_name(DataException()) == "org.apache.kafka.connect.errors.DataException"
    assert (
        exception_class_name(ConfigException("x"))
        == "org.apache.kafka.common.config.ConfigException"
    )


def test_other_classes_get_their_python_path() -> None:
    """Any other class is its Python path; built-ins their bare name."""
    assert java_class_name(_Mine) is None
    assert report_class_name(_Mine) == f"{__name__}._Mine"
    assert exception_class_name(ValueError("x")) == "ValueError"
    assert class_name(dict) == "dict"
    assert report_class_name(None) == "null"
