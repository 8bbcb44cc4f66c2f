"""Java charset semantics: names, byte order marks, replacement of bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converters import charsets
from converters.charsets import IllegalCharsetNameError, UnsupportedCharsetError, for_name
from tests.converters.charset_rules import java_round_trip
from tests.strategies import bytes_values, java_strings, strings_with_surrogates

R = "\ufffd"


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("UTF-8", "UTF-8"),
        ("utf8", "UTF-8"),
        ("Unicode-1-1-UTF-8", "UTF-8"),
        ("UTF_16", "UTF-16"),
        ("UnicodeBig", "UTF-16"),
        ("unicodebigunmarked", "UTF-16BE"),
        ("UnicodeLittle", "x-UTF-16LE-BOM"),
        ("UTF32", "UTF-32"),
        ("latin1", "ISO-8859-1"),
        ("ISO8859_1", "ISO-8859-1"),
        ("ascii", "US-ASCII"),
        ("default", "US-ASCII"),
        ("cp1252", "windows-1252"),
        ("sjis", "Shift_JIS"),
        ("MS932", "windows-31j"),
    ],
)
def test_for_name_accepts_java_names_and_aliases_ignoring_case(alias: str, canonical: str) -> None:
    """Java's charset names and aliases resolve case-insensitively to the canonical charset."""
    assert for_name(alias).name() == canonical
    assert for_name(alias.upper()).name() == canonical


@pytest.mark.parametrize("name", ["", "bad name!", "-utf8", "_x", "a/b", "ü"])
def test_for_name_rejects_illegal_names(name: str) -> None:
    """Names Java's Charset.checkName rejects raise IllegalCharsetNameError."""
    with pytest.raises(IllegalCharsetNameError):
        for_name(name)


@pytest.mark.parametrize("name", ["NOPE", "utf-7", "UTF-8x", "x-unknown"])
def test_for_name_rejects_unknown_names(name: str) -> None:
    """Legal names of no charset raise UnsupportedCharsetError (and only that)."""
    with pytest.raises(UnsupportedCharsetError) as info:
        for_name(name)
    assert not isinstance(info.value, IllegalCharsetNameError)


def test_python_only_codec_names_are_not_java_names() -> None:
    """Python codec spellings that Java does not know (``utf_8_sig``, ``u8``) are rejected."""
    for name in ["utf_8_sig", "u8", "utf-8-sig", "mbcs", "rot13"]:
        with pytest.raises(UnsupportedCharsetError):
            for_name(name)


def test_available_lists_canonical_names() -> None:
    """available() maps each canonical name to its charset, UTF-8 and UTF-16 included."""
    names = charsets.available()
    assert names["UTF-8"] is charsets.UTF_8
    assert {"UTF-16", "UTF-32", "ISO-8859-1", "US-ASCII", "windows-1252"} <= set(names)
    assert all(charset.name() == name for name, charset in names.items())


# ------------------------------------------------------------------------------- encoding


@pytest.mark.parametrize(
    ("charset", "text", "expected"),
    [
        ("UTF-16", "a", "feff0061"),
        ("UTF-16", "", ""),
        ("UTF-16", "\U0001d11e", "feffd834dd1e"),
        ("UTF-16BE", "a", "0061"),
        ("UTF-16LE", "a", "6100"),
        ("x-UTF-16LE-BOM", "a", "fffe6100"),
        ("UTF-32", "a", "00000061"),
        ("UTF-32BE", "a\U0001f600", "000000610001f600"),
        ("UTF-32LE", "a", "61000000"),
        ("X-UTF-32BE-BOM", "a", "0000feff00000061"),
        ("X-UTF-32LE-BOM", "a", "fffe000061000000"),
        ("UTF-8", "h\u00e9", "68c3a9"),
        ("ISO-8859-1", "h\u00e9llo \u2603 \U0001f600", "68e96c6c6f203f203f"),
        ("US-ASCII", "h\u00e9llo \u2603 \U0001f600", "683f6c6c6f203f203f"),
        ("windows-1252", "\u20ac\u2603", "803f"),
    ],
)
def test_encode_matches_java_get_bytes(charset: str, text: str, expected: str) -> None:
    """encode() gives String.getBytes(charset): BOMs, byte order, '?' for unmappable chars."""
    assert for_name(charset).encode(text).hex() == expected


@pytest.mark.parametrize(
    ("charset", "text", "expected"),
    [
        ("UTF-8", "a\ud800b", "613f62"),
        ("UTF-8", "\ud83d\ude00", "f09f9880"),
        ("UTF-8", "\ude00\ud83d", "3f3f"),
        ("UTF-16", "a\ud800", "feff0061fffd"),
        ("UTF-16LE", "\udc00", "fdff"),
        ("UTF-32", "\ud800a", "0000fffd00000061"),
        ("UTF-32LE", "\ud800", "fdff0000"),
        ("ISO-8859-1", "\ud83d\ude00", "3f"),
        ("ISO-8859-1", "\ud800", "3f"),
    ],
)
def test_encode_treats_python_surrogates_as_java_chars(
    charset: str, text: str, expected: str
) -> None:
    """A surrogate pair is one character, an unpaired surrogate is malformed (replaced)."""
    assert for_name(charset).encode(text).hex() == expected


# ------------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("hex_input", "expected"),
    [
        ("fffe41", R + R + "A"),
        ("eda080", R),
        ("eda080eda080", R + R),
        ("e08080", R + R + R),
        ("e14141", R + "AA"),
        ("e18041", R + "A"),
        ("e180", R),
        ("e080", R + R),
        ("f0808080", R * 4),
        ("f4908080", R * 4),
        ("f5808080", R * 4),
        ("f0908041", R + "A"),
        ("f09041", R + "A"),
        ("f0904141", R + "AA"),
        ("f09080", R),
        ("f090", R),
        ("f0", R),
        ("f041", R + "A"),
        ("c3", R),
        ("c341", R + "A"),
        ("c0af", R + R),
        ("80", R),
        ("f8888080", R * 4),
        ("efbbbf41", "\ufeffA"),
        ("f09f9880", "\U0001f600"),
        ("41f09f98", "A" + R),
    ],
)
def test_utf8_decode_replaces_malformed_input_as_java(hex_input: str, expected: str) -> None:
    """Malformed UTF-8 becomes U+FFFD with Java's granularity; a BOM stays U+FEFF."""
    assert charsets.UTF_8.decode(bytes.fromhex(hex_input)) == expected


@pytest.mark.parametrize(
    ("charset", "hex_input", "expected"),
    [
        ("UTF-16", "00610062", "ab"),
        ("UTF-16", "feff0061", "a"),
        ("UTF-16", "fffe6100", "a"),
        ("UTF-16", "fffe", ""),
        ("UTF-16", "6100", "\u6100"),
        ("UTF-16", "0061fffe", "a" + R),
        ("UTF-16", "00", R),
        ("UTF-16", "006100", "a" + R),
        ("UTF-16", "d83dde00", "\U0001f600"),
        ("UTF-16", "d8000041", R),
        ("UTF-16", "d800004100", R + R),
        ("UTF-16", "dc000041", R + "A"),
        ("UTF-16", "0041d800", "A" + R),
        ("UTF-16", "0041d80000", "A" + R),
        ("UTF-16BE", "feff0061", "\ufeffa"),
        ("UTF-16BE", "fffe0061", R + "a"),
        ("UTF-16LE", "fffe6100", "\ufeffa"),
        ("x-UTF-16LE-BOM", "6100", "a"),
        ("x-UTF-16LE-BOM", "feff0061", "a"),
        ("UTF-32", "00000061", "a"),
        ("UTF-32", "0000feff00000061", "a"),
        ("UTF-32", "fffe000061000000", "a"),
        ("UTF-32", "0000d83d0000de00", "\U0001f600"),
        ("UTF-32", "0000d800", "\ud800"),
        ("UTF-32", "00110000", R),
        ("UTF-32", "ffffffff00000061", R + "a"),
        ("UTF-32", "000000", R),
        ("UTF-32", "0000006100", "a" + R),
        ("UTF-32BE", "0000feff00000061", "a"),
        ("UTF-32BE", "fffe000061000000", R + R),
        ("UTF-32LE", "fffe000061000000", "a"),
        ("UTF-32LE", "0000feff", R),
        ("US-ASCII", "41c3", "A" + R),
        ("ISO-8859-1", "41c3", "A\u00c3"),
        ("windows-1252", "8081", "\u20ac" + R),
    ],
)
def test_decode_matches_java_new_string(charset: str, hex_input: str, expected: str) -> None:
    """decode() gives new String(bytes, charset): BOM rules, default order, U+FFFD granularity."""
    assert for_name(charset).decode(bytes.fromhex(hex_input)) == expected


def test_decode_accepts_bytearray_and_memoryview() -> None:
    """Any bytes-like input decodes, for every kind of charset."""
    for name in ["UTF-8", "UTF-16", "UTF-32", "ISO-8859-1"]:
        charset = for_name(name)
        data = charset.encode("hi")
        assert charset.decode(bytearray(data)) == "hi"
        assert charset.decode(memoryview(data)) == "hi"


UNICODE_CHARSETS = [
    "UTF-8",
    "UTF-16",
    "UTF-16BE",
    "UTF-16LE",
    "x-UTF-16LE-BOM",
    "UTF-32",
    "UTF-32BE",
    "UTF-32LE",
    "X-UTF-32BE-BOM",
    "X-UTF-32LE-BOM",
    "GB18030",
]


@pytest.mark.parametrize("name", UNICODE_CHARSETS)
@given(text=java_strings())
def test_unicode_charsets_round_trip_any_string(name: str, text: str) -> None:
    """Every well-formed string survives encode then decode in a Unicode charset, but for what
    Java's decoders do to marks: UTF-16 reads U+FFFE (a reversed mark) as malformed anywhere,
    and UTF-32 without a written mark skips a leading U+FEFF as a byte order mark."""
    charset = for_name(name)
    assert charset.decode(charset.encode(text)) == java_round_trip(name, text)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("x-UTF-16LE-BOM", "\ufffe", "\ufffd"),
        ("UTF-16BE", "a\ufffe", "a\ufffd"),
        ("UTF-16", "\ufeff", "\ufeff"),
        ("UTF-16BE", "\ufeffa", "\ufeffa"),
        ("UTF-32BE", "\ufeffa", "a"),
        ("UTF-32", "\ufeff\ufeff", "\ufeff"),
        ("X-UTF-32BE-BOM", "\ufeffa", "\ufeffa"),
        ("UTF-32LE", "a\ufeff", "a\ufeff"),
    ],
)
def test_marks_in_the_text_read_back_as_java_reads_them(
    name: str, text: str, expected: str
) -> None:
    """Marks written as text read back as Java's decoders read them (see the property above)."""
    charset = for_name(name)
    assert charset.decode(charset.encode(text)) == expected


@given(text=st.text(alphabet=st.characters(max_codepoint=0xFF)))
def test_latin1_round_trips_its_repertoire(text: str) -> None:
    """ISO-8859-1 round-trips every string of code points up to U+00FF."""
    charset = for_name("ISO-8859-1")
    assert charset.decode(charset.encode(text)) == text


@pytest.mark.parametrize("name", [*UNICODE_CHARSETS, "US-ASCII", "Shift_JIS", "ISO-2022-JP"])
@given(data=bytes_values())
def test_decode_never_fails(name: str, data: bytes) -> None:
    """Any bytes decode to a string without raising, as Java's replacement decoding."""
    assert isinstance(for_name(name).decode(data), str)


@pytest.mark.parametrize("name", [*UNICODE_CHARSETS, "US-ASCII", "windows-1252", "EUC-KR"])
@given(text=strings_with_surrogates())
def test_encode_never_fails(name: str, text: str) -> None:
    """Any Python string, unpaired surrogates included, encodes without raising."""
    assert isinstance(for_name(name).encode(text), bytes)


@given(data=bytes_values())
def test_utf8_decode_agrees_with_python_on_valid_input(data: bytes) -> None:
    """Where the input is valid UTF-8, Java's and Python's decoding agree."""
    try:
        expected = data.decode("utf-8")
    except UnicodeDecodeError:
        # Java never writes more replacement characters than Python's maximal-subpart rule
        assert charsets.UTF_8.decode(data).count(R) <= data.decode("utf-8", "replace").count(R)
    else:
        assert charsets.UTF_8.decode(data) == expected
