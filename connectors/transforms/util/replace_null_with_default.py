"""The ``replace.null.with.default`` setting that most stock transformations share.

Java defines it again in each transformation (``Cast``, ``ExtractField``, ``InsertField``, ...)
with the same type, default, importance and documentation; here it is defined once.
"""

from __future__ import annotations

from typing import Final

from connect_data.config import ConfigDef

__all__ = ["REPLACE_NULL_WITH_DEFAULT_CONFIG", "define_replace_null_with_default"]

REPLACE_NULL_WITH_DEFAULT_CONFIG: Final = "replace.null.with.default"


def define_replace_null_with_default(config_def: ConfigDef) -> ConfigDef:
    """Define ``replace.null.with.default`` (a boolean, default true) in ``config_def``; return it."""
    return config_def.define(
        REPLACE_NULL_WITH_DEFAULT_CONFIG,
        ConfigDef.Type.BOOLEAN,
        True,
        importance=ConfigDef.Importance.MEDIUM,
        documentation=(
            "Whether to replace fields that have a default value and that are null to the "
            "default value. When set to true, the default value is used, otherwise null is used."
        ),
    )
