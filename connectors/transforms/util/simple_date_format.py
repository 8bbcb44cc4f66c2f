"""Java's ``SimpleDateFormat`` patterns, in UTC, for formatting and parsing timestamps.

``TimestampConverter.format`` and ``TimestampRouter.timestamp.format`` take
``java.text.SimpleDateFormat`` patterns (``yyyy-MM-dd'T'HH:mm:ss.SSSZ``); existing
configurations must format and parse exactly as a Java worker does. :class:`SimpleDateFormat`
implements the pattern letters ``G y Y M L w W D d F E u a H k K h m s S z Z X`` with the
English names of a ``Locale.US`` JVM, in the UTC time zone (what both transformations set), on
Java's calendar: Julian before 1582-10-15, Gregorian after.

Parsing is lenient, as Java's default: numbers may overflow into the next unit (month 13 is
January of the next year), whitespace before a field is skipped, text after the pattern is
ignored, and a two-digit ``yy`` year is placed within 80 years before and 20 after today.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Callable, Sequence
from typing import Final

__all__ = ["ParseError", "SimpleDateFormat"]

_PATTERN_LETTERS: Final = "GyMdkHmsSEDFwWahKzZYuXL"
_MILLIS_PER_DAY: Final = 86_400_000
_EPOCH_FIXED: Final = 719_163  # the fixed day number (1 = 0001-01-01 Gregorian) of 1970-01-01
_CUTOVER_FIXED: Final = 577_736  # 1582-10-15, the first Gregorian day of Java's calendar

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SHORT_MONTHS: Final = tuple(month[:3] for month in _MONTHS)
_DAYS: Final = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_SHORT_DAYS: Final = tuple(day[:3] for day in _DAYS)
_AM_PM: Final = ("AM", "PM")
_ERAS: Final = ("BC", "AD")
# Names of the UTC zone a parser recognises (Java knows every zone's names; see the docs).
_UTC_NAMES: Final = ("Coordinated Universal Time", "Greenwich Mean Time", "UTC", "GMT", "UCT", "Z")


class ParseError(ValueError):
    """Text that does not match the pattern (Java's ``ParseException``)."""


# ------------------------------------------------------------------------------- calendar


def _gregorian_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _fixed_from_gregorian(year: int, month: int, day: int) -> int:
    y = year - 1
    adjust = 0 if month <= 2 else (-1 if _gregorian_leap(year) else -2)
    return 365 * y + y // 4 - y // 100 + y // 400 + (367 * month - 362) // 12 + adjust + day


def _gregorian_year_from_fixed(fixed: int) -> int:
    d0 = fixed - 1
    n400, d1 = divmod(d0, 146_097)
    n100, d2 = divmod(d1, 36_524)
    n4, d3 = divmod(d2, 1_461)
    n1 = d3 // 365
    year = 400 * n400 + 100 * n100 + 4 * n4 + n1
    return year if n100 == 4 or n1 == 4 else year + 1


def _fixed_from_julian(year: int, month: int, day: int) -> int:
    y = year - 1
    adjust = 0 if month <= 2 else (-1 if year % 4 == 0 else -2)
    return -2 + 365 * y + y // 4 + (367 * month - 362) // 12 + adjust + day


def _julian_year_from_fixed(fixed: int) -> int:
    return (4 * (fixed + 1) + 1464) // 1461


def _fixed_from_date(year: int, month: int, day: int) -> int:
    """Java's calendar: Gregorian from 1582-10-15 on, Julian before (``year`` astronomical)."""
    fixed = _fixed_from_gregorian(year, month, day)
    if fixed >= _CUTOVER_FIXED:
        return fixed
    return _fixed_from_julian(year, month, day)


def _year_start(year: int) -> int:
    return _fixed_from_date(year, 1, 1)


def _date_from_fixed(fixed: int) -> tuple[int, int, int]:
    """(astronomical year, month 1-12, day) of a fixed day number on Java's calendar."""
    if fixed >= _CUTOVER_FIXED:
        year = _gregorian_year_from_fixed(fixed)
        from_year_day = _fixed_from_gregorian
        leap = _gregorian_leap(year)
    else:
        year = _julian_year_from_fixed(fixed)
        from_year_day = _fixed_from_julian
        leap = year % 4 == 0
    prior = fixed - from_year_day(year, 1, 1)
    correction = 0 if fixed < from_year_day(year, 3, 1) else (1 if leap else 2)
    month = (12 * (prior + correction) + 373) // 367
    day = fixed - from_year_day(year, month, 1) + 1
    return year, month, day


class _Fields:
    """The calendar fields of one instant (UTC)."""

    __slots__ = (
        "day",
        "day_of_week",
        "day_of_year",
        "fixed",
        "hour",
        "millis",
        "minute",
        "month",
        "second",
        "week_of_month",
        "week_of_year",
        "week_year",
        "year",
    )

    def __init__(self, epoch_millis: int) -> None:
        days, millis_of_day = divmod(epoch_millis, _MILLIS_PER_DAY)
        self.fixed = fixed = days + _EPOCH_FIXED
        self.year, self.month, self.day = _date_from_fixed(fixed)
        seconds, self.millis = divmod(millis_of_day, 1000)
        minutes, self.second = divmod(seconds, 60)
        self.hour, self.minute = divmod(minutes, 60)
        self.day_of_week = fixed % 7  # 0 = Sunday (fixed day 1 was a Monday)
        start = _year_start(self.year)
        self.day_of_year = fixed - start + 1
        # Locale.US weeks: they start on Sunday, and week 1 is the one holding January 1.
        week_start = fixed - self.day_of_week
        next_start = _year_start(self.year + 1)
        if week_start + 6 >= next_start:
            self.week_year, self.week_of_year = self.year + 1, 1
        else:
            first_week_start = start - start % 7
            self.week_year = self.year
            self.week_of_year = (week_start - first_week_start) // 7 + 1
        month_start = fixed - self.day + 1
        self.week_of_month = (self.day - 1 + month_start % 7) // 7 + 1


# ------------------------------------------------------------------------------- pattern


_Token = tuple[str, int] | str  # (letter, count) or literal text


def _compile(pattern: str) -> list[_Token]:
    tokens: list[_Token] = []
    literal: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        char = pattern[i]
        if char == "'":
            if i + 1 < n and pattern[i + 1] == "'":
                literal.append("'")
                i += 2
                continue
            end = i + 1
            quoted: list[str] = []
            while True:
                if end >= n:
                    raise ValueError("Unterminated quote")
                if pattern[end] == "'":
                    if end + 1 < n and pattern[end + 1] == "'":
                        quoted.append("'")
                        end += 2
                        continue
                    break
                quoted.append(pattern[end])
                end += 1
            literal.extend(quoted)
            i = end + 1
            continue
        if ("a" <= char <= "z") or ("A" <= char <= "Z"):
            if char not in _PATTERN_LETTERS:
                raise ValueError(f"Illegal pattern character '{char}'")
            count = 1
            while i + count < n and pattern[i + count] == char:
                count += 1
            if char == "X" and count > 3:
                raise ValueError(f"invalid ISO 8601 format: length={count}")
            if literal:
                tokens.append("".join(literal))
                literal = []
            tokens.append((char, count))
            i += count
            continue
        literal.append(char)
        i += 1
    if literal:
        tokens.append("".join(literal))
    return tokens


def _padded(value: int, count: int) -> str:
    text = str(abs(value))
    return ("-" if value < 0 else "") + text.rjust(count, "0")


_NUMERIC_LETTERS: Final = frozenset("yYdkHmsSDFwWKhu") | {"M", "L"}


def _is_numeric(token: _Token) -> bool:
    if isinstance(token, str):
        return False
    letter, count = token
    if letter in ("M", "L"):
        return count <= 2
    return letter in _NUMERIC_LETTERS


class SimpleDateFormat:
    """A compiled ``java.text.SimpleDateFormat`` pattern working in UTC.

    Raises ``ValueError`` (Java's ``IllegalArgumentException``) for an illegal pattern.
    """

    __slots__ = ("_abutting", "_century_start", "_pattern", "_tokens")

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._tokens = _compile(pattern)
        # A field followed directly by another field reads exactly its count of characters.
        self._abutting = [
            i + 1 < len(self._tokens) and not isinstance(self._tokens[i + 1], str)
            for i in range(len(self._tokens))
        ]
        self._century_start: int | None = None

    def to_pattern(self) -> str:
        """The pattern text."""
        return self._pattern

    # --------------------------------------------------------------------------- format

    def format(self, epoch_millis: int) -> str:
        """The text for an instant given in milliseconds since the epoch."""
        fields = _Fields(epoch_millis)
        out: list[str] = []
        for token in self._tokens:
            if isinstance(token, str):
                out.append(token)
            else:
                out.append(_format_field(token[0], token[1], fields))
        return "".join(out)

    # --------------------------------------------------------------------------- parse

    def parse(self, text: str) -> int:
        """Milliseconds since the epoch read from the start of ``text``; :class:`ParseError` if not."""
        state = _ParseState()
        pos = 0
        for index, token in enumerate(self._tokens):
            if isinstance(token, str):
                if not text.startswith(token, pos):
                    raise self._error(text)
                pos += len(token)
                continue
            end = self._parse_field(text, pos, token, self._abutting[index], state)
            if end < 0:
                raise self._error(text)
            pos = end
        return state.establish(self._default_century_start())

    def _error(self, text: str) -> ParseError:
        return ParseError(f'Unparseable date: "{text}"')

    def _default_century_start(self) -> int:
        if self._century_start is None:
            now = _dt.datetime.now(_dt.timezone.utc)
            try:
                start = now.replace(year=now.year - 80)
            except ValueError:  # February 29
                start = now.replace(year=now.year - 80, day=28)
            self._century_start = int(start.timestamp() * 1000)
        return self._century_start

    def _parse_field(
        self, text: str, pos: int, token: tuple[str, int], obey_count: bool, state: _ParseState
    ) -> int:
        letter, count = token
        n = len(text)
        while pos < n and text[pos] in " \t":
            pos += 1
        if pos >= n:
            return -1
        if letter in "GEa" or (letter in "ML" and count >= 3):
            names = _text_names(letter)
            found = _match_names(text, pos, names)
            if found is None:
                return -1
            value, length = found
            state.set(letter, value)
            return pos + length
        if letter in "zZ":
            return _parse_zone(text, pos, state)
        if letter == "X":
            return _parse_iso_zone(text, pos, count, state)
        limit = min(n, pos + count) if obey_count else n
        parsed = _parse_number(text, pos, limit)
        if parsed is None:
            return -1
        value, end = parsed
        if letter == "y" and count <= 2 and end - pos == 2 and text[pos].isdigit():
            state.two_digit_year = True
        if letter in "ML":
            value -= 1  # the calendar's months count from zero
        elif (letter == "k" and value == 24) or (letter == "h" and value == 12):
            value = 0
        state.set(letter, value)
        return end


def _format_field(letter: str, count: int, fields: _Fields) -> str:
    if letter == "G":
        return _ERAS[1 if fields.year > 0 else 0]
    if letter in "yY":
        year = fields.year if letter == "y" else fields.week_year
        year_of_era = year if year > 0 else 1 - year
        if count == 2:
            return _padded(year_of_era % 100, 2)
        return _padded(year_of_era, count)
    if letter in "ML":
        if count >= 4:
            return _MONTHS[fields.month - 1]
        if count == 3:
            return _SHORT_MONTHS[fields.month - 1]
        return _padded(fields.month, count)
    if letter == "E":
        names = _DAYS if count >= 4 else _SHORT_DAYS
        return names[fields.day_of_week]
    if letter == "a":
        return _AM_PM[1 if fields.hour >= 12 else 0]
    if letter == "z":
        return "Coordinated Universal Time" if count >= 4 else "UTC"
    if letter == "Z":
        return "+0000"
    if letter == "X":
        return "Z"
    value = _NUMERIC_FORMATTERS[letter](fields)
    return _padded(value, count)


_NUMERIC_FORMATTERS: Final[dict[str, Callable[[_Fields], int]]] = {
    "d": lambda f: f.day,
    "H": lambda f: f.hour,
    "k": lambda f: f.hour or 24,
    "K": lambda f: f.hour % 12,
    "h": lambda f: f.hour % 12 or 12,
    "m": lambda f: f.minute,
    "s": lambda f: f.second,
    "S": lambda f: f.millis,
    "D": lambda f: f.day_of_year,
    "F": lambda f: (f.day - 1) // 7 + 1,
    "w": lambda f: f.week_of_year,
    "W": lambda f: f.week_of_month,
    "u": lambda f: f.day_of_week or 7,
}


def _text_names(letter: str) -> Sequence[Sequence[str]]:
    if letter == "G":
        return (_ERAS,)
    if letter == "E":
        return (_DAYS, _SHORT_DAYS)
    if letter == "a":
        return (_AM_PM,)
    return (_MONTHS, _SHORT_MONTHS)


def _match_names(text: str, pos: int, tables: Sequence[Sequence[str]]) -> tuple[int, int] | None:
    """(index, length) of the longest name matching at ``pos`` (case-insensitive)."""
    for table in tables:
        best: tuple[int, int] | None = None
        for index, name in enumerate(table):
            length = len(name)
            if (
                length
                and text[pos : pos + length].lower() == name.lower()
                and (best is None or length > best[1])
            ):
                best = (index, length)
        if best is not None:
            return best
    return None


def _digit(char: str) -> int | None:
    if ord(char) > 0xFFFF:
        return None
    return unicodedata.decimal(char, None)


def _parse_number(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """An integer (optional ``-``, then decimal digits) in ``text[pos:limit]``."""
    negative = pos < limit and text[pos] == "-"
    start = pos + 1 if negative else pos
    value = 0
    end = start
    while end < limit:
        digit = _digit(text[end])
        if digit is None:
            break
        value = value * 10 + digit
        end += 1
    if end == start:
        return None
    return (-value if negative else value), end


def _parse_numeric_zone(
    text: str, pos: int, sign: int, count: int, colon: bool, state: _ParseState
) -> int:
    """Java's ``subParseNumericZone``: ``hh[[:]mm]`` after a sign."""
    n = len(text)

    def digit_at(index: int) -> int | None:
        if index >= n or not text[index].isdigit():
            return None
        return _digit(text[index])

    index = pos
    first = digit_at(index)
    if first is None:
        return -1
    hours = first
    index += 1
    second = digit_at(index)
    if second is not None:
        hours = hours * 10 + second
        index += 1
    elif count > 0 or not colon:
        return -1
    if hours > 23:
        return -1
    minutes = 0
    if count != 1:
        if colon:
            if index >= n or text[index] != ":":
                return -1
            index += 1
        tens = digit_at(index)
        ones = digit_at(index + 1)
        if tens is None or ones is None:
            return -1
        minutes = tens * 10 + ones
        index += 2
        if minutes > 59:
            return -1
    state.zone_offset = sign * (hours * 60 + minutes) * 60_000
    return index


def _parse_zone(text: str, pos: int, state: _ParseState) -> int:
    char = text[pos]
    if char in "+-":
        return _parse_numeric_zone(text, pos + 1, 1 if char == "+" else -1, 0, False, state)
    if text[pos : pos + 3].upper() == "GMT":
        after = pos + 3
        if after < len(text) and text[after] in "+-":
            sign = 1 if text[after] == "+" else -1
            return _parse_numeric_zone(text, after + 1, sign, 0, True, state)
    found = _match_names(text, pos, (_UTC_NAMES,))
    if found is None:
        return -1
    state.zone_offset = 0
    return pos + found[1]


def _parse_iso_zone(text: str, pos: int, count: int, state: _ParseState) -> int:
    char = text[pos]
    if char == "Z":
        state.zone_offset = 0
        return pos + 1
    if char not in "+-":
        return -1
    return _parse_numeric_zone(text, pos + 1, 1 if char == "+" else -1, count, count == 3, state)


class _ParseState:
    """The fields a parse has set, in order (later fields win, as in Java's CalendarBuilder)."""

    __slots__ = ("_fields", "_stamp", "two_digit_year", "zone_offset")

    def __init__(self) -> None:
        self._fields: dict[str, tuple[int, int]] = {}
        self._stamp = 0
        self.zone_offset = 0
        self.two_digit_year = False

    def set(self, letter: str, value: int) -> None:
        self._stamp += 1
        self._fields[_FIELD_OF.get(letter, letter)] = (self._stamp, value)

    def _get(self, field: str, default: int) -> int:
        entry = self._fields.get(field)
        return default if entry is None else entry[1]

    def _stamp_of(self, field: str) -> int:
        entry = self._fields.get(field)
        return 0 if entry is None else entry[0]

    def establish(self, century_start: int) -> int:
        year = self._get("year", 1970)
        if self.two_digit_year and "year" in self._fields:
            start_year = _Fields(century_start).year
            ambiguous = start_year % 100
            equal = year == ambiguous
            year += (start_year // 100) * 100 + (100 if year < ambiguous else 0)
            millis = self._millis(year)
            if equal and millis < century_start:
                millis = self._millis(year + 100)
            return millis
        return self._millis(year)

    def _millis(self, year: int) -> int:
        if self._get("era", 1) == 0:
            year = 1 - year
        month = self._get("month", 0)  # zero-based, may overflow either way
        year += month // 12
        month %= 12
        if self._stamp_of("day_of_year") > self._stamp_of("day"):
            fixed = _year_start(year) + self._get("day_of_year", 1) - 1
        else:
            fixed = _fixed_from_date(year, month + 1, 1) + self._get("day", 1) - 1
        if self._stamp_of("hour_of_day") >= max(self._stamp_of("hour"), self._stamp_of("am_pm")):
            hour = self._get("hour_of_day", 0)
        else:
            hour = self._get("hour", 0) + 12 * self._get("am_pm", 0)
        millis_of_day = (
            (hour * 60 + self._get("minute", 0)) * 60 + self._get("second", 0)
        ) * 1000 + self._get("millisecond", 0)
        return (fixed - _EPOCH_FIXED) * _MILLIS_PER_DAY + millis_of_day - self.zone_offset


_FIELD_OF: Final = {
    "G": "era",
    "y": "year",
    "M": "month",
    "L": "month",
    "d": "day",
    "D": "day_of_year",
    "H": "hour_of_day",
    "k": "hour_of_day",
    "K": "hour",
    "h": "hour",
    "a": "am_pm",
    "m": "minute",
    "s": "second",
    "S": "millisecond",
    "E": "day_of_week",
    "u": "day_of_week",
}
