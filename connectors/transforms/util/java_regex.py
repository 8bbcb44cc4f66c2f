"""Java regular expressions and replacement strings, run with Python's :mod:`re`.

Kafka Connect configurations hold ``java.util.regex`` patterns (``RegexRouter.regex``,
``TopicNameMatches.pattern``) and ``Matcher.replaceFirst`` replacement strings (``$1``,
``${name}``, ``\\$``). :func:`compile_java_regex` rewrites the Java-only syntax Python spells
differently, and :class:`JavaReplacement` expands a replacement string exactly as Java does.

Rewritten: named groups ``(?<name>...)`` and back-references ``\\k<name>``, quoting
``\\Q...\\E``, ``\\z`` and ``\\Z``, ``\\h``, and the POSIX classes ``\\p{Alpha}`` ...
``\\p{XDigit}`` (also negated ``\\P{...}`` and inside ``[...]``). Anything else is passed to
:mod:`re` unchanged; the few Java constructs Python lacks (class intersections ``[a&&b]``,
inline flags in the middle of a pattern) are reported as a pattern error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["JavaRegexError", "JavaReplacement", "compile_java_regex", "translate_java_regex"]

_POSIX_CLASSES: Final = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
    "javaLowerCase": "a-z",
    "javaUpperCase": "A-Z",
    "javaWhitespace": " \\t\\n\\x0b\\f\\r\\x1c-\\x1f",
}
_HORIZONTAL_SPACE: Final = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"


class JavaRegexError(ValueError):
    """A pattern or replacement string that Java would reject (or Python cannot run)."""


def translate_java_regex(pattern: str) -> str:
    """The Python :mod:`re` spelling of the Java regular expression ``pattern``."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    in_class = 0
    while i < n:
        char = pattern[i]
        if char == "\\":
            if i + 1 >= n:
                raise JavaRegexError(f"Unexpected internal error near index {n}\n{pattern}")
            nxt = pattern[i + 1]
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
                out.append(_escape_in_class(literal) if in_class else re.escape(literal))
                i = n if end < 0 else end + 2
                continue
            if nxt in "pP" and i + 2 < n:
                name, length = _property_name(pattern, i + 2)
                ranges = _POSIX_CLASSES.get(name)
                if ranges is not None:
                    if in_class and nxt == "p":
                        out.append(ranges)
                    else:
                        out.append(f"[{'^' if nxt == 'P' else ''}{ranges}]")
                    i += 2 + length
                    continue
            if nxt == "k" and i + 2 < n and pattern[i + 2] == "<":
                end = pattern.find(">", i + 3)
                if end > 0:
                    out.append(f"(?P={pattern[i + 3 : end]})")
                    i = end + 1
                    continue
            if nxt == "z" and not in_class:
                out.append("\\Z")
                i += 2
                continue
            if nxt == "Z" and not in_class:
                out.append("(?=\\n?\\Z)")
                i += 2
                continue
            if nxt == "h":
                out.append(_HORIZONTAL_SPACE if in_class else f"[{_HORIZONTAL_SPACE}]")
                i += 2
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "[":
                in_class += 1
            elif char == "]":
                in_class -= 1
            out.append(char)
            i += 1
            continue
        if char == "[":
            in_class = 1
            out.append(char)
            i += 1
            # a leading ']' (after an optional '^') is a literal in both dialects
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if (
            char == "("
            and pattern.startswith("(?<", i)
            and i + 3 < n
            and pattern[i + 3] not in "=!"
        ):
            out.append("(?P<")
            i += 3
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _property_name(pattern: str, start: int) -> tuple[str, int]:
    """The name of a ``\\p`` property starting at ``start`` and the length of its spelling."""
    if pattern[start] == "{":
        end = pattern.find("}", start)
        if end < 0:
            return "", 0
        name = pattern[start + 1 : end]
        if name.startswith("Is"):
            name = name[2:]
        return name, end - start + 1
    return pattern[start], 1


def _escape_in_class(literal: str) -> str:
    return "".join("\\" + c if c in "\\]^-[" else c for c in literal)


def compile_java_regex(pattern: str) -> re.Pattern[str]:
    """Compile a Java regular expression; :class:`JavaRegexError` if it is not valid."""
    try:
        return re.compile(translate_java_regex(pattern))
    except (re.error, OverflowError, RecursionError) as exc:
        raise JavaRegexError(f"{exc} in pattern {pattern}") from exc


_Part = str | int


class JavaReplacement:
    """A ``Matcher.replaceFirst``/``replaceAll`` replacement string for one compiled pattern.

    ``$n`` inserts group *n* (further digits are taken while the number stays a group of the
    pattern), ``${name}`` a named group, ``\\x`` the character *x*; an unmatched group inserts
    nothing. A malformed replacement raises :class:`JavaRegexError` with Java's message when it
    is used, as Java reports it when the replacement is applied.
    """

    __slots__ = ("_error", "_parts")

    def __init__(self, replacement: str, pattern: re.Pattern[str]) -> None:
        self._parts: list[_Part] = []
        self._error: str | None = None
        try:
            self._parts = _parse_replacement(replacement, pattern)
        except JavaRegexError as exc:
            self._error = str(exc)

    def expand(self, match: re.Match[str]) -> str:
        """The replacement text for ``match``."""
        if self._error is not None:
            raise JavaRegexError(self._error)
        pieces: list[str] = []
        for part in self._parts:
            if isinstance(part, str):
                pieces.append(part)
            else:
                group = match.group(part)
                if group is not None:
                    pieces.append(group)
        return "".join(pieces)

    def replace_first(self, pattern: re.Pattern[str], text: str) -> str:
        """``pattern.matcher(text).replaceFirst(replacement)``."""
        expand: Callable[[re.Match[str]], str] = self.expand
        return pattern.sub(expand, text, count=1)


def _parse_replacement(replacement: str, pattern: re.Pattern[str]) -> list[_Part]:
    parts: list[_Part] = []
    literal: list[str] = []
    group_count = pattern.groups
    cursor = 0
    n = len(replacement)
    while cursor < n:
        char = replacement[cursor]
        if char == "\\":
            cursor += 1
            if cursor == n:
                raise JavaRegexError("character to be escaped is missing")
            literal.append(replacement[cursor])
            cursor += 1
            continue
        if char != "$":
            literal.append(char)
            cursor += 1
            continue
        cursor += 1
        if cursor == n:
            raise JavaRegexError("Illegal group reference: group index is missing")
        following = replacement[cursor]
        if following == "{":
            cursor += 1
            name: list[str] = []
            while cursor < n and replacement[cursor].isascii() and replacement[cursor].isalnum():
                name.append(replacement[cursor])
                cursor += 1
            if not name:
                raise JavaRegexError("named capturing group has 0 length name")
            if cursor >= n or replacement[cursor] != "}":
                raise JavaRegexError("named capturing group is missing trailing '}'")
            group_name = "".join(name)
            if group_name[0].isdigit():
                raise JavaRegexError(
                    f"capturing group name {{{group_name}}} starts with digit character"
                )
            if group_name not in pattern.groupindex:
                raise JavaRegexError(f"No group with name {{{group_name}}}")
            reference = pattern.groupindex[group_name]
            cursor += 1
        else:
            if not ("0" <= following <= "9"):
                raise JavaRegexError("Illegal group reference")
            reference = ord(following) - ord("0")
            cursor += 1
            while cursor < n and "0" <= replacement[cursor] <= "9":
                candidate = reference * 10 + ord(replacement[cursor]) - ord("0")
                if candidate > group_count:
                    break
                reference = candidate
                cursor += 1
            if reference > group_count:
                raise JavaRegexError(f"No group {reference}")
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(reference)
    if literal:
        parts.append("".join(literal))
    return parts
