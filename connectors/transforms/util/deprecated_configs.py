"""Renamed configuration keys that are still read under their old names.

A port of ``org.apache.kafka.common.utils.ConfigUtils.translateDeprecatedConfigs``: the old
name's value is used for the new name (with a warning) unless the new name is set too.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["translate_deprecated_configs"]

log = logging.getLogger(__name__)


def translate_deprecated_configs(
    configs: Mapping[str, Any], alias_groups: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """``configs`` with each deprecated alias replaced by its target key.

    ``alias_groups`` maps each current key to its deprecated names. When the current key is
    set the aliases are ignored; otherwise the first alias found gives the value. Keys with a
    ``None`` value that are neither targets nor aliases are dropped, as in Java.
    """
    alias_keys = set(alias_groups)
    for aliases in alias_groups.values():
        alias_keys.update(aliases)
    result = {
        key: value for key, value in configs.items() if key not in alias_keys and value is not None
    }
    for target, aliases in alias_groups.items():
        deprecated = [alias for alias in aliases if alias in configs]
        if not deprecated:
            if target in configs:
                result[target] = configs[target]
            continue
        alias_text = ", ".join(deprecated)
        if target in configs:
            log.error(
                "%s was configured, as well as the deprecated alias(es) %s.  Using the value of %s",
                target,
                alias_text,
                target,
            )
            result[target] = configs[target]
        elif len(deprecated) > 1:
            log.error(
                "The configuration keys %s are deprecated and may be removed in the future.  "
                "Additionally, this configuration is ambiguous because these configuration keys "
                "are all aliases for %s.  Please update your configuration to have only %s set.",
                alias_text,
                target,
                target,
            )
            result[target] = configs[deprecated[0]]
        else:
            log.warning(
                "Configuration key %s is deprecated and may be removed in the future.  Please "
                "update your configuration to use %s instead.",
                deprecated[0],
                target,
            )
            result[target] = configs[deprecated[0]]
    return result
