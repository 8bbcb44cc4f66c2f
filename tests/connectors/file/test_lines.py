"""Tests of connectors.file.lines: Java's line splitting with byte positions."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

import connectors.file.lines
from connectors.file.lines import LineSplitter


def _drain(splitter: LineSplitter) -> list[tuple[str, int | None]]:
    out = []
    while (line := splitter.next_line()) is not None:
        out.append((line, splitter.position))
    return out


def test_docstring_examples() -> None:
    """The module's examples give the output shown."""
    result = doctest.testmod(connectors.file.lines)
    assert result.attempted > 0
    assert result.failed == 0


def test_line_ends_and_positions() -> None:
    """\\n, \\r and \\r\\n end lines; each position is the byte offset after the line end."""
    splitter = LineSplitter(position=22)
    splitter.feed(b"line1\rline2\r\nline3\nline4\n\r")
    assert _drain(splitter) == [("line1", 28), ("line2", 35), ("line3", 41), ("line4", 47)]
    assert splitter.buffered() == 1
    splitter.feed(b"subsequent text")
    assert _drain(splitter) == [("", 48)]
    assert splitter.buffered() == len(b"subsequent text")


def test_trailing_cr_waits_for_next_byte() -> None:
    """A \\r at the end of the data read so far is not a line end until the next byte arrives."""
    splitter = LineSplitter()
    splitter.feed(b"a\r")
    assert splitter.next_line() is None
    splitter.feed(b"\nb\n")
    assert _drain(splitter) == [("a", 3), ("b", 5)]


def test_positions_count_utf8_bytes() -> None:
    """Positions are byte offsets: a multi-byte character counts as its UTF-8 length."""
    splitter = LineSplitter()
    splitter.feed("héllo\n€\n".encode())
    assert _drain(splitter) == [("héllo", 7), ("€", 11)]


def test_malformed_utf8_becomes_replacement_character() -> None:
    """Bytes that are not UTF-8 decode to U+FFFD, as Java's InputStreamReader does."""
    splitter = LineSplitter()
    splitter.feed(b"a\xffb\n")
    assert _drain(splitter) == [("a\ufffdb", 4)]


def test_untracked_position_stays_none() -> None:
    """A splitter for standard input keeps position None."""
    splitter = LineSplitter(position=None)
    splitter.feed(b"x\ny\n")
    assert _drain(splitter) == [("x", None), ("y", None)]


@given(
    st.lists(
        st.text(
            alphabet=st.characters(exclude_characters="\r\n", exclude_categories=["Cs"]),
            min_size=1,
            max_size=8,
        ),
        max_size=8,
    ),
    st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=8, max_size=8),
    st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=5),
)
def test_chunking_does_not_change_lines(lines: list[str], ends: list[str], cuts: list[int]) -> None:
    """However the bytes are split into reads, the same lines and positions come out.

    Lines are non-empty, so a lone \\r end is never followed by \\n and read as \\r\\n.
    """
    text = "".join(line + end for line, end in zip(lines, ends, strict=False))
    data = text.encode() + b"."  # a last byte, so a final \r is decided
    whole = LineSplitter()
    whole.feed(data)
    expected = _drain(whole)
    assert [line for line, _ in expected] == lines
    pieces = LineSplitter()
    got: list[tuple[str, int | None]] = []
    index, cut = 0, 0
    while index < len(data):
        step = cuts[cut % len(cuts)]
        cut += 1
        pieces.feed(data[index : index + step])
        index += step
        got.extend(_drain(pieces))
    assert got == expected
    assert expected == [] or expected[-1][1] == len(data) - 1
