"""Java regular expressions and replacement strings run with Python's re."""

from __future__ import annotations

import pytest

from connectors.transforms.util.java_regex import (
    JavaRegexError,
    JavaReplacement,
    compile_java_regex,
    translate_java_regex,
)


@pytest.mark.parametrize(
    ("java", "text", "matches"),
    [
        ("(?<env>prod|dev)-(.*)", "prod-orders", True),
        ("\\Qa.b\\E", "a.b", True),
        ("\\Qa.b\\E", "axb", False),
        ("\\p{Alpha}+\\p{Digit}", "abc1", True),
        ("[\\p{Lower}_]+", "a_b", True),
        ("\\P{Digit}+", "abc", True),
        ("(?<x>a)\\k<x>", "aa", True),
        ("abc\\z", "abc", True),
        ("[]a]+", "]a]", True),
        ("(?<=a)b", "b", False),
    ],
)
def test_java_syntax_matches_as_in_java(java: str, text: str, matches: bool) -> None:
    """Java-only constructs (named groups, \\Q..\\E, POSIX classes, \\z) behave as in Java."""
    pattern = compile_java_regex(java)
    assert (pattern.fullmatch(text) is not None) == matches


def test_lookbehind_is_not_taken_for_a_named_group() -> None:
    """(?<= and (?<! stay lookbehinds."""
    assert translate_java_regex("(?<!x)y(?<=y)") == "(?<!x)y(?<=y)"


def test_invalid_pattern_is_reported() -> None:
    """An unbalanced pattern raises JavaRegexError naming the pattern."""
    with pytest.raises(JavaRegexError, match=r"in pattern \(abc"):
        compile_java_regex("(abc")


@pytest.mark.parametrize(
    ("regex", "replacement", "topic", "expected"),
    [
        ("(.*)-raw", "$1-clean", "orders-raw", "orders-clean"),
        ("(?<name>.*)-raw", "${name}", "orders-raw", "orders"),
        ("(a)(b)", "$12", "ab", "a2"),
        ("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "$11", "abcdefghijk", "k"),
        ("(.*)", "\\$1", "x", "$1"),
        ("(a)|(b)", "[$2]", "a", "[]"),
        ("x*?", "-", "xx", "-xx"),
    ],
)
def test_replacement_expands_like_matcher_replace_first(
    regex: str, replacement: str, topic: str, expected: str
) -> None:
    """$n takes digits while they name a group, ${name}, \\ escapes, unmatched groups are empty."""
    pattern = compile_java_regex(regex)
    assert JavaReplacement(replacement, pattern).replace_first(pattern, topic) == expected


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("$", "Illegal group reference: group index is missing"),
        ("$x", "Illegal group reference"),
        ("$2", "No group 2"),
        ("${nope}", "No group with name {nope}"),
        ("${}", "named capturing group has 0 length name"),
        ("${a", "named capturing group is missing trailing '}'"),
        ("${1a}", "capturing group name {1a} starts with digit character"),
        ("\\", "character to be escaped is missing"),
    ],
)
def test_bad_replacement_fails_when_applied(replacement: str, message: str) -> None:
    """A malformed replacement raises Java's message when used, not when created."""
    pattern = compile_java_regex("(a)")
    compiled = JavaReplacement(replacement, pattern)
    with pytest.raises(JavaRegexError) as info:
        compiled.replace_first(pattern, "a")
    assert str(info.value) == message
