"""Reading JSON text the way Kafka's JsonConverter (Jackson 2.16 ``ObjectMapper.readTree``) reads it.

Jackson is more lenient than RFC 8259 in some ways and stricter in others, and Kafka's
JsonConverter inherits all of it:

* the encoding is detected from the first bytes (UTF-8, UTF-16 or UTF-32, either byte order,
  with or without a byte order mark); a UTF-8 BOM is skipped;
* only the first JSON value is read: whatever follows it is ignored (``{"a":1} trailing``),
  except that a top-level number, ``true``, ``false`` or ``null`` must be followed by
  whitespace or the end;
* numbers may have leading zeros (``007``) (Kafka enables ``ALLOW_LEADING_ZEROS_FOR_NUMBERS``);
* an object member repeated keeps the last value;
* comments, single quotes, ``NaN``, ``+1``, ``.5``, hex, trailing commas, unescaped control
  characters and invalid UTF-8 are errors;
* ``StreamReadConstraints``: at most 1000 levels of nesting, numbers of at most 1000 digits,
  strings of at most 20,000,000 characters and member names of at most 50,000;
* an empty or all-whitespace document is Jackson's ``MissingNode`` (:data:`MISSING`).

:func:`parse` gives the tree described in :mod:`converters._json_nodes`, with every number that
has a fraction or an exponent as an exact ``decimal.Decimal`` (Kafka sets
``USE_BIG_DECIMAL_FOR_FLOATS``). It is written for exactness, not speed: the converter's fast
path parses with msgspec and only comes here when msgspec refuses the input or cannot give
Jackson's answer.
"""

from __future__ import annotations

import decimal
import re
import unicodedata
from typing import Any, Final

from converters._json_nodes import MISSING

__all__ = ["JsonReadError", "decode_document", "parse"]

MAX_NESTING_DEPTH: Final = 1000
MAX_NUMBER_LENGTH: Final = 1000
MAX_STRING_LENGTH: Final = 20_000_000
MAX_NAME_LENGTH: Final = 50_000


class JsonReadError(ValueError):
    """The input is not JSON that Jackson (as configured by Kafka) accepts."""


# ------------------------------------------------------------------------------------------
# Encoding detection (Jackson's ByteSourceJsonBootstrapper)


def _utf8_lenient(data: bytes) -> tuple[str, int]:
    """Decode UTF-8 as Jackson does; returns the text and the index of the first bad char.

    Jackson accepts encoded surrogates (``ED A0 80``); malformed sequences are errors only when
    the parser reaches them, so decoding continues with U+FFFD and reports where the first one
    is (``-1`` if none).
    """
    out: list[str] = []
    bad = -1
    i, n = 0, len(data)
    while i < n:
        lead = data[i]
        if lead < 0x80:
            j = i + 1
            while j < n and data[j] < 0x80:
                j += 1
            out.append(data[i:j].decode("ascii"))
            i = j
            continue
        if 0xC2 <= lead <= 0xDF:
            need, code = 1, lead & 0x1F
        elif 0xE0 <= lead <= 0xEF:
            need, code = 2, lead & 0x0F
        elif 0xF0 <= lead <= 0xF4:
            need, code = 3, lead & 0x07
        else:
            need, code = -1, 0
        ok = need > 0
        if ok:
            for k in range(1, need + 1):
                if i + k >= n or not 0x80 <= data[i + k] <= 0xBF:
                    ok = False
                    break
                code = code << 6 | (data[i + k] & 0x3F)
        if ok and ((need == 2 and code < 0x800) or (need == 3 and not 0x10000 <= code <= 0x10FFFF)):
            ok = False
        if not ok:
            if bad < 0:
                bad = sum(len(part) for part in out)
            out.append("\ufffd")
            i += 1
            continue
        out.append(chr(code))
        i += need + 1
    text = "".join(out)
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = _merge_surrogates(text)
    return text, bad


def _merge_surrogates(text: str) -> str:
    """Combine UTF-16 surrogate pairs into single characters (Java strings are UTF-16)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def decode_document(data: bytes) -> tuple[str, int]:
    """The text of a JSON document in any encoding Jackson detects, and its first bad index."""
    text, bad, _ = _decode(data)
    return text, bad


def _decode(data: bytes) -> tuple[str, int, bool]:
    """:func:`decode_document`, and whether the document was UTF-8."""
    n = len(data)
    encoding = "utf-8"
    skip = 0
    if n >= 4:
        quad = int.from_bytes(data[:4], "big")
        if quad == 0x0000FEFF:
            encoding, skip = "utf-32-be", 4
        elif quad == 0xFFFE0000:
            encoding, skip = "utf-32-le", 4
        elif quad in (0x0000FFFE, 0xFEFF0000):
            raise JsonReadError("Unsupported UCS-4 endianness detected")
        elif quad >> 16 == 0xFEFF:
            encoding, skip = "utf-16-be", 2
        elif quad >> 16 == 0xFFFE:
            encoding, skip = "utf-16-le", 2
        elif quad >> 8 == 0xEFBBBF:
            skip = 3
        elif quad >> 8 == 0:
            encoding = "utf-32-be"
        elif quad & 0x00FFFFFF == 0:
            encoding = "utf-32-le"
        elif quad & ~0x00FF0000 & 0xFFFFFFFF == 0 or quad & ~0x0000FF00 & 0xFFFFFFFF == 0:
            raise JsonReadError("Unsupported UCS-4 endianness detected")
        elif quad >> 16 & 0xFF00 == 0:
            encoding = "utf-16-be"
        elif quad >> 16 & 0x00FF == 0:
            encoding = "utf-16-le"
    elif n >= 2:
        pair = int.from_bytes(data[:2], "big")
        if pair & 0xFF00 == 0:
            encoding = "utf-16-be"
        elif pair & 0x00FF == 0:
            encoding = "utf-16-le"
    body = data[skip:]
    if encoding == "utf-8":
        try:
            return body.decode("utf-8"), -1, True
        except UnicodeDecodeError:
            return (*_utf8_lenient(body), True)
    if encoding.startswith("utf-16"):
        return body.decode(encoding, "replace"), -1, False
    if len(body) % 4:
        raise JsonReadError("Unexpected EOF in the middle of a 4-byte UTF-32 char")
    try:
        return _merge_surrogates(body.decode(encoding, "surrogatepass")), -1, False
    except UnicodeDecodeError as e:
        raise JsonReadError(f"Invalid UTF-32 character: {e}") from None


# ------------------------------------------------------------------------------------------
# The parser

_WS: Final = frozenset(" \t\n\r")
_NUMBER_RE: Final = re.compile(r"-?([0-9]+)(?:\.([0-9]*))?(?:[eE]([+-]?)([0-9]*))?")
_PLAIN_STRING_RE: Final = re.compile(r'[^"\\\x00-\x1f]*')
_ESCAPES: Final = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_HEX: Final = frozenset("0123456789abcdefABCDEF")


def _describe(text: str, pos: int) -> str:
    if pos >= len(text):
        return "end-of-input"
    char = text[pos]
    return f"character {char!r} (code {ord(char)})"


#: the general categories Java's ``Character.isJavaIdentifierPart`` accepts: letters, currency
#: symbols, connecting punctuation, decimal digits, letter numbers, combining marks, and the
#: "identifier-ignorable" format characters (Cf)
_IDENTIFIER_CATEGORIES: Final = frozenset(
    ("Lu", "Ll", "Lt", "Lm", "Lo", "Sc", "Pc", "Nd", "Nl", "Mn", "Mc", "Cf")
)


def _is_identifier_part(char: str) -> bool:
    """Java's ``Character.isJavaIdentifierPart`` (on Python's Unicode tables)."""
    code = ord(char)
    if code < 0x80:
        return char.isalnum() or char in "_$" or code <= 8 or 0x0E <= code <= 0x1B or code == 0x7F
    return code <= 0x9F or unicodedata.category(char) in _IDENTIFIER_CATEGORIES


class _Parser:
    __slots__ = ("bad", "pos", "text", "utf8")

    def __init__(self, text: str, bad: int, utf8: bool = True) -> None:
        self.text = text
        self.pos = 0
        self.bad = bad  # index of the first undecodable character, or -1
        self.utf8 = utf8  # the document was UTF-8 (Jackson's byte parser), not UTF-16/32

    def ends_literal(self, char: str) -> bool:
        """False if ``char`` right after ``true``/``false``/``null`` makes it a bad token.

        Jackson's ``_checkMatchEnd``: only characters from '0' up are checked, except ']' and
        '}', with ``isJavaIdentifierPart``. Its UTF-8 parser casts the decoded code point to a
        ``char`` (a character beyond U+FFFF keeps its low 16 bits); its UTF-16/32 parser sees
        the high surrogate, which is never an identifier part.
        """
        if char < "0" or char in "]}":
            return True
        code = ord(char)
        if code > 0xFFFF:
            if not self.utf8:
                return True
            char = chr(code & 0xFFFF)
        return not _is_identifier_part(char)

    def fail(self, message: str, pos: int | None = None) -> JsonReadError:
        at = self.pos if pos is None else pos
        if 0 <= self.bad <= at:
            return JsonReadError(f"Invalid UTF-8 byte sequence at character {self.bad}")
        return JsonReadError(f"{message} at character {at}")

    def skip_ws(self) -> str:
        """Skip whitespace; return the next character ('' at the end)."""
        text, pos = self.text, self.pos
        n = len(text)
        while pos < n:
            char = text[pos]
            if char in _WS:
                pos += 1
                continue
            self.pos = pos
            if char < " ":
                raise self.fail(
                    f"Illegal character ({_describe(text, pos)}): only regular white space (\\r, \\n, \\t) is allowed between tokens"
                )
            return char
        self.pos = pos
        return ""

    def parse_document(self) -> Any:
        if not self.skip_ws():
            return MISSING
        return self.parse_value(root=True)

    def parse_value(self, root: bool) -> Any:
        # Iterative over containers: each stack entry is [container, pending key or None].
        stack: list[list[Any]] = []
        text = self.text
        while True:
            char = self.skip_ws()
            if char in {"{", "["}:
                if len(stack) + 1 > MAX_NESTING_DEPTH:
                    raise self.fail(
                        f"Document nesting depth ({len(stack) + 1}) exceeds the maximum allowed "
                        f"({MAX_NESTING_DEPTH})"
                    )
                self.pos += 1
                if char == "[":
                    if self.skip_ws() == "]":
                        self.pos += 1
                        value: Any = []
                    else:
                        stack.append([[], None])
                        continue
                else:
                    nxt = self.skip_ws()
                    if nxt == "}":
                        self.pos += 1
                        value = {}
                    else:
                        stack.append([{}, self.parse_key()])
                        continue
            elif char == '"':
                value = self.parse_string(MAX_STRING_LENGTH)
            elif char == "-" or "0" <= char <= "9":
                value = self.parse_number(root and not stack)
            elif char in ("t", "f", "n"):
                value = self.parse_literal(root and not stack)
            elif char == "":
                raise self.fail("Unexpected end-of-input: expected a value")
            else:
                raise self.fail(
                    f"Unexpected character ({_describe(text, self.pos)}): expected a valid value "
                    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                )
            # attach the value, closing finished containers
            while True:
                if not stack:
                    return value
                top = stack[-1]
                container: Any = top[0]
                if isinstance(container, list):
                    container.append(value)
                    nxt = self.skip_ws()
                    if nxt == ",":
                        self.pos += 1
                        break
                    if nxt == "]":
                        self.pos += 1
                        stack.pop()
                        value = container
                        continue
                    raise self.fail(
                        f"Unexpected character ({_describe(text, self.pos)}): was expecting comma "
                        "to separate Array entries"
                    )
                container[top[1]] = value
                nxt = self.skip_ws()
                if nxt == ",":
                    self.pos += 1
                    self.skip_ws()
                    top[1] = self.parse_key()
                    break
                if nxt == "}":
                    self.pos += 1
                    stack.pop()
                    value = container
                    continue
                raise self.fail(
                    f"Unexpected character ({_describe(text, self.pos)}): was expecting comma "
                    "to separate Object entries"
                )

    def parse_key(self) -> str:
        if self.skip_ws() != '"':
            raise self.fail(
                f"Unexpected character ({_describe(self.text, self.pos)}): was expecting "
                "double-quote to start field name"
            )
        key = self.parse_string(MAX_NAME_LENGTH)
        if self.skip_ws() != ":":
            raise self.fail(
                f"Unexpected character ({_describe(self.text, self.pos)}): was expecting a colon "
                "to separate field name and value"
            )
        self.pos += 1
        return key

    def parse_string(self, max_length: int) -> str:
        text = self.text
        pos = self.pos + 1
        parts: list[str] = []
        length = 0
        while True:
            match = _PLAIN_STRING_RE.match(text, pos)
            assert match is not None
            chunk = match.group(0)
            if chunk:
                parts.append(chunk)
                length += len(chunk)
            pos = match.end()
            if pos >= len(text):
                raise self.fail(
                    "Unexpected end-of-input: was expecting closing quote for a string value", pos
                )
            char = text[pos]
            if char == '"':
                pos += 1
                break
            if char == "\\":
                esc = text[pos + 1 : pos + 2]
                if esc == "u":
                    digits = text[pos + 2 : pos + 6]
                    if len(digits) < 4 or not all(d in _HEX for d in digits):
                        raise self.fail(
                            "Unexpected character in \\u escape: expected a hex-digit", pos
                        )
                    parts.append(chr(int(digits, 16)))
                    length += 1
                    pos += 6
                    continue
                replacement = _ESCAPES.get(esc)
                if replacement is None:
                    if not esc:
                        raise self.fail("Unexpected end-of-input in character escape sequence", pos)
                    raise self.fail(f"Unrecognized character escape {esc!r}", pos)
                parts.append(replacement)
                length += 1
                pos += 2
                continue
            raise self.fail(
                f"Illegal unquoted character ({_describe(text, pos)}): has to be escaped using "
                "backslash to be included in string value",
                pos,
            )
        if length > max_length:
            raise self.fail(
                f"String value length ({length}) exceeds the maximum allowed ({max_length})"
            )
        if 0 <= self.bad < pos:
            raise self.fail("Invalid UTF-8", self.bad)
        self.pos = pos
        value = "".join(parts)
        if any("\ud800" <= c <= "\udfff" for c in value):
            value = _merge_surrogates(value)
        return value

    def _check_root_end(self, root: bool) -> None:
        if not root or self.pos >= len(self.text):
            return
        if self.text[self.pos] not in _WS:
            raise self.fail(
                f"Unexpected character ({_describe(self.text, self.pos)}): Expected space "
                "separating root-level values"
            )

    def parse_literal(self, root: bool) -> Any:
        text, pos = self.text, self.pos
        for word, value in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, pos):
                end = pos + len(word)
                if end < len(text) and not self.ends_literal(text[end]):
                    break
                self.pos = end
                return value
        end = pos
        while end < len(text) and _is_identifier_part(text[end]) and end - pos < 256:
            end += 1
        raise self.fail(
            f"Unrecognized token '{text[pos:end]}': was expecting (JSON String, Number, Array, "
            "Object or token 'null', 'true' or 'false')"
        )

    def parse_number(self, root: bool) -> Any:
        text, pos = self.text, self.pos
        match = _NUMBER_RE.match(text, pos)
        if match is None:
            raise self.fail(
                f"Unexpected character ({_describe(text, pos + 1)}) in numeric value: expected "
                "digit (0-9) to follow minus sign, for valid numeric value",
                pos + 1,
            )
        int_digits, fraction, _exp_sign, exp_digits = match.groups()
        if fraction is not None and not fraction:
            raise self.fail(
                "Unexpected character in numeric value: Decimal point not followed by a digit",
                match.end(),
            )
        if exp_digits is not None and not exp_digits:
            raise self.fail(
                "Unexpected character in numeric value: Exponent indicator not followed by a digit",
                match.end(),
            )
        number_text = match.group(0)
        self.pos = match.end()
        significant = int_digits.lstrip("0") or "0"
        length = len(significant) + len(fraction or "") + len(exp_digits or "")
        if length > MAX_NUMBER_LENGTH:
            raise self.fail(
                f"Number value length ({length}) exceeds the maximum allowed ({MAX_NUMBER_LENGTH})",
                pos,
            )
        self._check_root_end(root)
        if fraction is None and exp_digits is None:
            return int(number_text)
        value = decimal.Decimal(number_text)
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        if not -(2**31) < exponent <= 2**31 - 1 or abs(value.adjusted()) >= 2**31 - 1:
            raise self.fail(f"Malformed numeric value ({number_text[:100]})", pos)
        return value


def parse(data: bytes) -> Any:
    """The JSON tree of the first value in ``data``; :data:`MISSING` for an empty document.

    Raises :class:`JsonReadError` for input Jackson rejects.
    """
    text, bad, utf8 = _decode(data)
    parser = _Parser(text, bad, utf8)
    return parser.parse_document()
