"""Reference documentation for a :class:`ConfigDef`: reStructuredText, Markdown and HTML.

The RST and HTML texts are Java's ``toRst``, ``toEnrichedRst``, ``toHtml`` and ``toHtmlTable``
character for character (see docs/compatibility.md for the one HTML fix). A ``PASSWORD``
default is always written ``[hidden]``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from connect_data.config._java import equals_ignore_case
from connect_data.config.parsing import convert_to_string

if TYPE_CHECKING:
    from connect_data.config.definition import ConfigKey

__all__ = [
    "nice_memory_units",
    "nice_time_units",
    "to_enriched_rst",
    "to_html",
    "to_html_table",
    "to_markdown",
    "to_rst",
]

HEADERS = ("Name", "Description", "Type", "Default", "Valid Values", "Importance")


def nice_memory_units(size: int) -> str:
    """`` (2 mebibytes)`` for a whole number of KiB/MiB/GiB/TiB, else ``""`` (Java's rule)."""
    value = size
    power = 0
    while value != 0 and power < 4 and value % 1024 == 0:
        value //= 1024
        power += 1
    if power == 0:
        return ""
    unit = ("kibibyte", "mebibyte", "gibibyte", "tebibyte")[power - 1]
    return f" ({value} {unit}{')' if value == 1 else 's)'}"


def nice_time_units(millis: int) -> str:
    """`` (5 minutes)`` for a whole number of seconds/minutes/hours/days, else ``""``."""
    value = millis
    step = 0
    divisors = (1000, 60, 60, 24)
    while value != 0 and step < 4 and value % divisors[step] == 0:
        value //= divisors[step]
        step += 1
    if step == 0:
        return ""
    unit = ("second", "minute", "hour", "day")[step - 1]
    return f" ({value} {unit}{'s)' if value > 1 else ')'}"


def _as_long(value: object) -> int | None:
    """``((Number) value).longValue()`` for the unit suffixes; ``None`` for non-numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value)


def _value_text(key: ConfigKey, header: str) -> str:
    """Java's ``getConfigValue``: the text of one documentation column for ``key``."""
    if header == "Name":
        return key.name
    if header == "Description":
        return "null" if key.documentation is None else key.documentation
    if header == "Type":
        return key.type.name.lower()
    if header == "Default":
        if not key.has_default():
            return ""
        if key.default_value is None:
            return "null"
        text = convert_to_string(key.default_value, key.type) or ""
        if not text:
            return '""'
        number = _as_long(key.default_value)
        if number is not None and key.name.endswith(".bytes"):
            text += nice_memory_units(number)
        elif number is not None and key.name.endswith(".ms"):
            text += nice_time_units(number)
        return text
    if header == "Valid Values":
        return "" if key.validator is None else str(key.validator)
    if header == "Importance":
        return "" if key.importance is None else key.importance.name.lower()
    raise ValueError(f"Can't find value for header '{header}' in {key.name}")


def _key_rst(key: ConfigKey, out: list[str]) -> None:
    out.append(f"``{key.name}``\n")
    if key.documentation is not None:
        for line in key.documentation.split("\n"):
            if line:
                out.append(f"  {line}\n\n")
    else:
        out.append("\n")
    out.append(f"  * Type: {_value_text(key, 'Type')}\n")
    if key.has_default():
        out.append(f"  * Default: {_value_text(key, 'Default')}\n")
    if key.validator is not None:
        out.append(f"  * Valid Values: {_value_text(key, 'Valid Values')}\n")
    out.append(f"  * Importance: {_value_text(key, 'Importance')}\n")


def to_rst(keys: Iterable[ConfigKey]) -> str:
    """Java's ``toRst()`` over keys already in documentation order."""
    out: list[str] = []
    for key in keys:
        if key.internal_config:
            continue
        _key_rst(key, out)
        out.append("\n")
    return "".join(out)


def to_enriched_rst(keys: Iterable[ConfigKey]) -> str:
    """Java's ``toEnrichedRst()``: group headings underlined with ``^`` and dependents listed."""
    out: list[str] = []
    last_group = ""
    for key in keys:
        if key.internal_config:
            continue
        if key.group is not None:
            if not equals_ignore_case(last_group, key.group):
                out.append(f"{key.group}\n{'^' * len(key.group)}\n\n")
            last_group = key.group
        _key_rst(key, out)
        if key.dependents:
            names = ", ".join(f"``{dependent}``" for dependent in key.dependents)
            out.append(f"  * Dependents: {names}\n")
        out.append("\n")
    return "".join(out)


def _code(text: str) -> str:
    """A Markdown code span holding ``text`` whatever backticks it contains."""
    fence = "`"
    while fence in text:
        fence += "`"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def to_markdown(keys: Iterable[ConfigKey], header_depth: int = 4) -> str:
    """One heading per key, its documentation, then type, default, valid values and importance."""
    out: list[str] = []
    for key in keys:
        if key.internal_config:
            continue
        out.append(f"{'#' * header_depth} {_code(key.name)}\n\n")
        if key.documentation:
            for line in key.documentation.split("\n"):
                if line:
                    out.append(f"{line}\n\n")
        out.append(f"- Type: {_value_text(key, 'Type')}\n")
        if key.has_default():
            out.append(f"- Default: {_code(_value_text(key, 'Default'))}\n")
        if key.validator is not None:
            out.append(f"- Valid Values: {_code(_value_text(key, 'Valid Values'))}\n")
        out.append(f"- Importance: {_value_text(key, 'Importance')}\n")
        if key.dependents:
            names = ", ".join(_code(dependent) for dependent in key.dependents)
            out.append(f"- Dependents: {names}\n")
        out.append("\n")
    return "".join(out)


def to_html_table(keys: Iterable[ConfigKey], dynamic_update_modes: Mapping[str, str]) -> str:
    """Java's ``toHtmlTable()``; a "Dynamic Update Mode" column when modes are given."""
    out = ['<table class="data-table"><tbody>\n', "<tr>\n"]
    out.extend(f"<th>{header}</th>\n" for header in HEADERS)
    if dynamic_update_modes:
        out.append("<th>Dynamic Update Mode</th>\n")
    out.append("</tr>\n")
    for key in keys:
        if key.internal_config:
            continue
        out.append("<tr>\n")
        out.extend(f"<td>{_value_text(key, header)}</td>" for header in HEADERS)
        if dynamic_update_modes:
            out.append(f"<td>{dynamic_update_modes.get(key.name, 'read-only')}</td>")
        out.append("</tr>\n")
    out.append("</tbody></table>")
    return "".join(out)


def _detail(name: str, value: str) -> str:
    return f"<tr><th>{name}:</th><td>{value}</td></tr>\n"


def to_html(
    keys: Iterable[ConfigKey],
    header_depth: int,
    id_generator: Callable[[str], str],
    dynamic_update_modes: Mapping[str, str],
) -> str:
    """Java's ``toHtml()``: a ``config-list`` with one heading and detail table per key."""
    out = ['<ul class="config-list">\n']
    for key in keys:
        if key.internal_config:
            continue
        anchor = id_generator(key.name)
        out.append("<li>\n")
        out.append(
            f'<h{header_depth}><a id="{key.name}"></a><a id="{anchor}" href="#{anchor}">'
            f"{key.name}</a></h{header_depth}>\n"
        )
        out.append("<p>")
        if key.documentation is not None:
            out.append(key.documentation.replace("\n", "<br>"))
        out.append("</p>\n")
        out.append("<table><tbody>\n")
        for header in HEADERS:
            if header in ("Name", "Description"):
                continue
            if header == "Default" and key.alternative_string is not None:
                out.append(_detail(header, key.alternative_string))
            else:
                out.append(_detail(header, _value_text(key, header)))
        if dynamic_update_modes:
            out.append(_detail("Update Mode", dynamic_update_modes.get(key.name, "read-only")))
        out.append("</tbody></table>\n")
        out.append("</li>\n")
    out.append("</ul>\n")
    return "".join(out)
