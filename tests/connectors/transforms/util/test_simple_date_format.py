"""Java's SimpleDateFormat patterns in UTC: formatting, lenient parsing, Java's calendar."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectors.transforms.util.simple_date_format import ParseError, SimpleDateFormat

# 2017-01-03T06:30:01.864Z, a Tuesday
INSTANT = 1483425001864


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("yyyyMMdd", "20170103"),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2017-01-03T06:30:01.864+0000"),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2017-01-03T06:30:01.864Z"),
        ("yyyy MM dd HH mm ss SSS z", "2017 01 03 06 30 01 864 UTC"),
        ("EEE, d MMM yy h:mm a", "Tue, 3 Jan 17 6:30 AM"),
        ("EEEE MMMM zzzz G", "Tuesday January Coordinated Universal Time AD"),
        ("D F u w W k K", "3 1 2 1 1 6 6"),
        ("'at' HH 'o''clock' ''", "at 06 o'clock '"),
        ("y yyy yyyyy S SSSS", "2017 2017 02017 864 0864"),
    ],
)
def test_format(pattern: str, expected: str) -> None:
    """Each pattern letter writes what Java's SimpleDateFormat (Locale.US, UTC) writes."""
    assert SimpleDateFormat(pattern).format(INSTANT) == expected


def test_week_year_crosses_into_next_year() -> None:
    """The last days of December can be week 1 of the next week-year (US weeks)."""
    dec_31_2019 = 1577750400000
    assert SimpleDateFormat("YYYY-ww").format(dec_31_2019) == "2020-01"
    assert SimpleDateFormat("yyyy-ww").format(dec_31_2019) == "2019-01"


def test_julian_calendar_before_the_gregorian_cutover() -> None:
    """Days before 1582-10-15 are written in the Julian calendar, as Java's GregorianCalendar."""
    cutover = -12219292800000
    fmt = SimpleDateFormat("yyyy-MM-dd G")
    assert fmt.format(cutover) == "1582-10-15 AD"
    assert fmt.format(cutover - 86400000) == "1582-10-04 AD"
    assert fmt.format(-62135769600000 - 86400000) == "0001-12-31 BC"


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2017-01-03T06:30:01.864+0000", INSTANT),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2017-01-03T07:30:01.864+0100", INSTANT),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2017-01-03T06:30:01.864Z", INSTANT),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2017-01-03T01:30:01.864-05:00", INSTANT),
        ("yyyy MM dd HH mm ss SSS z", "2017 01 03 06 30 01 864 UTC", INSTANT),
        ("yyyy MM dd HH mm ss SSS z", "2017 01 03 08 30 01 864 GMT+02:00", INSTANT),
        ("yyyyMMddHHmmssSSS", "20170103063001864", INSTANT),
        ("d MMM yyyy HH:mm:ss.SSS", "3 jan 2017 06:30:01.864 trailing text", INSTANT),
        ("yyyy-MM-dd", "2017-13-32", 1517443200000),
        ("hh:mm a", "12:30 AM", 1800000),
        ("hh:mm a", "12:30 PM", 45000000),
        ("yyyy-MM-dd", "  2017-01-03", 1483401600000),
        ("yyyy-D", "2017-3", 1483401600000),
    ],
)
def test_parse(pattern: str, text: str, expected: int) -> None:
    """Lenient parsing: zones, abutting fields, names, overflow, spaces, trailing text."""
    assert SimpleDateFormat(pattern).parse(text) == expected


def test_two_digit_year_is_within_80_years_before_now() -> None:
    """yy reads 17 as 2017 and 99 as 1999 (the century window starts 80 years ago)."""
    fmt = SimpleDateFormat("yy-MM-dd")
    assert fmt.format(fmt.parse("17-01-03")) == "17-01-03"
    assert SimpleDateFormat("yyyy").format(fmt.parse("17-01-03")) == "2017"
    assert SimpleDateFormat("yyyy").format(fmt.parse("99-01-03")) == "1999"


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("yyyy-MM-dd", "2017/01/03"),
        ("yyyy-MM-dd", ""),
        ("HH:mm z", "10:00 PST"),
        ("yyyy MMM", "2017 Foo"),
    ],
)
def test_unparseable(pattern: str, text: str) -> None:
    """Text that does not fit the pattern raises ParseError with Java's message."""
    with pytest.raises(ParseError, match=r"Unparseable date"):
        SimpleDateFormat(pattern).parse(text)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("yyyy-MM-dd Q", "Illegal pattern character 'Q'"),
        ("yyyy 'x", "Unterminated quote"),
        ("XXXX", "invalid ISO 8601 format: length=4"),
    ],
)
def test_illegal_patterns(pattern: str, message: str) -> None:
    """Patterns Java rejects raise ValueError (IllegalArgumentException) with its message."""
    with pytest.raises(ValueError, match=message):
        SimpleDateFormat(pattern)


@given(st.integers(min_value=-(10**14), max_value=10**14))
def test_format_then_parse_round_trips(millis: int) -> None:
    """Parsing what a full pattern wrote gives back the instant (Julian dates included)."""
    fmt = SimpleDateFormat("G yyyy-MM-dd'T'HH:mm:ss.SSSZ")
    assert fmt.parse(fmt.format(millis)) == millis
