"""Java's character sets (``java.nio.charset.Charset``) with Java's exact encode/decode results.

Kafka's ``StringSerializer`` and ``StringDeserializer`` (and so ``StringConverter``) turn strings
into bytes with ``String.getBytes(charset)`` and back with ``new String(bytes, charset)``. Those
never fail: what cannot be encoded becomes the charset's replacement (``?`` for most charsets,
U+FFFD for UTF-16/UTF-32), and malformed input decodes to U+FFFD. Python's codecs differ in the
details, so :func:`for_name` returns a :class:`JavaCharset` that reproduces Java:

- names and aliases are Java's, case-insensitive (``UTF8``, ``latin1``, ``UnicodeBig``, ``cp1252``);
- ``UTF-16`` writes a big-endian byte order mark (``FE FF``) and reads BOM-less input as
  big-endian; ``UTF-32`` writes big-endian without a mark;
- malformed UTF-8 becomes U+FFFD with Java's granularity (``ED A0 80``, an encoded surrogate, is
  one U+FFFD; Python's ``replace`` writes three); a UTF-8 byte order mark is kept as U+FEFF;
- a Python string is seen as Java sees it, as UTF-16 code units: an unpaired surrogate is
  malformed (written as the replacement), a high/low surrogate pair is one character.

The single-byte charsets and the East Asian multi-byte charsets listed in :func:`available`
use Python's codec of the same table with Java's replacement rules.
"""

from __future__ import annotations

import codecs
import re
from abc import ABC, abstractmethod
from typing import ClassVar, Final, Literal

__all__ = [
    "IllegalCharsetNameError",
    "JavaCharset",
    "UnsupportedCharsetError",
    "available",
    "for_name",
]

_REPLACEMENT_CHAR: Final = "\ufffd"
_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_LEGAL_FIRST: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_LEGAL_NEXT: Final = _LEGAL_FIRST | frozenset("-+:_.")


class UnsupportedCharsetError(LookupError):
    """No charset of that name (Java's ``UnsupportedCharsetException``)."""


class IllegalCharsetNameError(UnsupportedCharsetError):
    """The name is not a legal charset name (Java's ``IllegalCharsetNameException``)."""


def _java_chars(text: str) -> str:
    """``text`` as Java sees it: adjacent surrogate code points that form a pair become one."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _as_bytes(data: bytes | bytearray | memoryview) -> bytes:
    return data if isinstance(data, bytes) else bytes(data)


class JavaCharset(ABC):
    """One Java charset: its canonical name, aliases and Java's encode/decode."""

    __slots__ = ("_aliases", "_name")

    def __init__(self, name: str, aliases: tuple[str, ...]) -> None:
        self._name = name
        self._aliases = aliases

    def name(self) -> str:
        """The canonical Java name (``UTF-8``, ``ISO-8859-1``, ``windows-1252``)."""
        return self._name

    def aliases(self) -> tuple[str, ...]:
        """The other names Java accepts for this charset."""
        return self._aliases

    @abstractmethod
    def encode(self, text: str) -> bytes:
        """Java's ``text.getBytes(charset)``: never fails, unencodable text is replaced."""

    @abstractmethod
    def decode(self, data: bytes | bytearray | memoryview) -> str:
        """Java's ``new String(data, charset)``: never fails, malformed input becomes U+FFFD."""

    def __repr__(self) -> str:
        return f"JavaCharset({self._name})"


class _CodecCharset(JavaCharset):
    """A charset whose table is a Python codec; unencodable characters become ``?``."""

    __slots__ = ("_codec",)

    def __init__(self, name: str, codec: str, aliases: tuple[str, ...]) -> None:
        super().__init__(name, aliases)
        self._codec = codecs.lookup(codec).name

    def encode(self, text: str) -> bytes:
        try:
            return text.encode(self._codec)
        except UnicodeEncodeError:
            # one '?' per Java character: a surrogate pair is one, an unpaired surrogate is one
            return _java_chars(text).encode(self._codec, "replace")

    def decode(self, data: bytes | bytearray | memoryview) -> str:
        return _as_bytes(data).decode(self._codec, "replace")


class _Utf8Charset(JavaCharset):
    """UTF-8 with Java's replacement rules (``String.decodeUTF8_UTF16`` / ``encodeUTF8``)."""

    __slots__ = ()

    def encode(self, text: str) -> bytes:
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            return _java_chars(text).encode("utf-8", "replace")  # unpaired surrogate -> '?'

    def decode(self, data: bytes | bytearray | memoryview) -> str:
        raw = _as_bytes(data)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return _decode_utf8_java(raw)


def _is_continuation(b: int) -> bool:
    return (b & 0xC0) == 0x80


def _decode_utf8_java(src: bytes) -> str:
    """Decode malformed UTF-8 the way Java 17+ ``new String(bytes, UTF_8)`` does."""
    out: list[str] = []
    sp, sl = 0, len(src)
    while sp < sl:
        b1 = src[sp]
        sp += 1
        if b1 < 0x80:
            out.append(chr(b1))
        elif 0xC2 <= b1 <= 0xDF:
            if sp < sl:
                b2 = src[sp]
                if _is_continuation(b2):
                    sp += 1
                    out.append(chr(((b1 & 0x1F) << 6) | (b2 & 0x3F)))
                else:
                    out.append(_REPLACEMENT_CHAR)
                continue
            out.append(_REPLACEMENT_CHAR)
            break
        elif 0xE0 <= b1 <= 0xEF:
            if sp + 1 < sl:
                b2, b3 = src[sp], src[sp + 1]
                overlong = b1 == 0xE0 and (b2 & 0xE0) == 0x80
                if overlong or not _is_continuation(b2) or not _is_continuation(b3):
                    out.append(_REPLACEMENT_CHAR)
                    # Java skips the lead byte alone, or the lead and a good second byte
                    sp += 0 if overlong or not _is_continuation(b2) else 1
                else:
                    sp += 2
                    c = ((b1 & 0x0F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F)
                    out.append(_REPLACEMENT_CHAR if 0xD800 <= c <= 0xDFFF else chr(c))
                continue
            if sp < sl:
                b2 = src[sp]
                if (b1 == 0xE0 and (b2 & 0xE0) == 0x80) or not _is_continuation(b2):
                    out.append(_REPLACEMENT_CHAR)
                    continue
            out.append(_REPLACEMENT_CHAR)
            break
        elif 0xF0 <= b1 <= 0xF7:
            if sp + 2 < sl:
                b2, b3, b4 = src[sp], src[sp + 1], src[sp + 2]
                uc = ((b1 & 0x07) << 18) | ((b2 & 0x3F) << 12) | ((b3 & 0x3F) << 6) | (b4 & 0x3F)
                well_formed = _is_continuation(b2) and _is_continuation(b3) and _is_continuation(b4)
                if well_formed and 0x10000 <= uc <= 0x10FFFF:
                    sp += 3
                    out.append(chr(uc))
                else:
                    out.append(_REPLACEMENT_CHAR)
                    if not (
                        b1 > 0xF4
                        or (b1 == 0xF0 and not 0x90 <= b2 <= 0xBF)
                        or (b1 == 0xF4 and (b2 & 0xF0) != 0x80)
                        or not _is_continuation(b2)
                    ):
                        sp += 1 if not _is_continuation(b3) else 2
                continue
            if b1 > 0xF4 or (sp < sl and _bad_second_of_four(b1, src[sp])):
                out.append(_REPLACEMENT_CHAR)
                continue
            sp += 1
            out.append(_REPLACEMENT_CHAR)
            if sp < sl and not _is_continuation(src[sp]):
                continue
            break
        else:  # a continuation byte, C0, C1 or F8..FF where a lead byte is expected
            out.append(_REPLACEMENT_CHAR)
    return "".join(out)


def _bad_second_of_four(b1: int, b2: int) -> bool:
    return (
        (b1 == 0xF0 and not 0x90 <= b2 <= 0xBF)
        or (b1 == 0xF4 and (b2 & 0xF0) != 0x80)
        or not _is_continuation(b2)
    )


def _units_to_str(units: list[int]) -> str:
    """A Python string from Java UTF-16 code units (valid pairs joined, lone surrogates kept)."""
    raw = b"".join(u.to_bytes(2, "little") for u in units)
    return raw.decode("utf-16-le", "surrogatepass")


class _UnicodeCharset(JavaCharset):
    """UTF-16 or UTF-32 in one byte order: the encoder both share.

    An unpaired surrogate is written as U+FFFD; ``write_bom``: the output starts with a byte
    order mark (nothing for an empty string).
    """

    __slots__ = ("_big_endian", "_bom", "_codec")

    _FAMILY: ClassVar[str]

    def __init__(
        self, name: str, aliases: tuple[str, ...], *, big_endian: bool, write_bom: bool
    ) -> None:
        super().__init__(name, aliases)
        self._big_endian = big_endian
        self._codec = f"{self._FAMILY}-be" if big_endian else f"{self._FAMILY}-le"
        self._bom = "\ufeff".encode(self._codec) if write_bom else b""

    def encode(self, text: str) -> bytes:
        if not text:
            return b""
        try:
            body = text.encode(self._codec)
        except UnicodeEncodeError:
            fixed = _LONE_SURROGATE.sub(_REPLACEMENT_CHAR, _java_chars(text))
            body = fixed.encode(self._codec)
        return self._bom + body if self._bom else body


class _Utf16Charset(_UnicodeCharset):
    """UTF-16 in one byte order (``sun.nio.cs.UnicodeEncoder`` / ``UnicodeDecoder``).

    ``read_bom``: the decoder looks for a mark at the start (and otherwise uses
    ``big_endian``); without it a mark is data.
    """

    __slots__ = ("_read_bom",)

    _FAMILY = "utf-16"

    def __init__(
        self,
        name: str,
        aliases: tuple[str, ...],
        *,
        big_endian: bool,
        write_bom: bool,
        read_bom: bool,
    ) -> None:
        super().__init__(name, aliases, big_endian=big_endian, write_bom=write_bom)
        self._read_bom = read_bom

    def decode(self, data: bytes | bytearray | memoryview) -> str:
        raw = _as_bytes(data)
        big = self._big_endian
        start = 0
        if self._read_bom and len(raw) >= 2:
            if raw[0] == 0xFE and raw[1] == 0xFF:
                big, start = True, 2
            elif raw[0] == 0xFF and raw[1] == 0xFE:
                big, start = False, 2
        body = raw[start:]
        if len(body) % 2 == 0:
            try:
                text = body.decode("utf-16-be" if big else "utf-16-le")
            except UnicodeDecodeError:
                pass
            else:
                # a reversed mark (U+FFFE) is malformed anywhere in the stream
                return text.replace("\ufffe", _REPLACEMENT_CHAR)
        return self._decode_slow(body, big)

    @staticmethod
    def _decode_slow(body: bytes, big: bool) -> str:
        units: list[int] = []
        n = len(body)
        pos = 0

        def unit(at: int) -> int:
            return (body[at] << 8 | body[at + 1]) if big else (body[at + 1] << 8 | body[at])

        while n - pos > 1:
            c = unit(pos)
            if c == 0xFFFE:
                units.append(0xFFFD)
                pos += 2
            elif 0xD800 <= c <= 0xDBFF:
                if n - pos < 4:
                    break  # the rest is one malformed sequence
                c2 = unit(pos + 2)
                if 0xDC00 <= c2 <= 0xDFFF:
                    units.extend((c, c2))
                else:
                    units.append(0xFFFD)  # Java drops the high surrogate and the next unit
                pos += 4
            elif 0xDC00 <= c <= 0xDFFF:
                units.append(0xFFFD)
                pos += 2
            else:
                units.append(c)
                pos += 2
        if pos < n:
            units.append(0xFFFD)
        return _units_to_str(units)


class _Utf32Charset(_UnicodeCharset):
    """UTF-32 in one byte order (``sun.nio.cs.UTF_32Coder``).

    The decoder always skips a leading mark of its own byte order; ``expect`` is ``None`` for
    ``UTF-32``, which follows either mark and defaults to big-endian.
    """

    __slots__ = ("_expect_big",)

    _FAMILY = "utf-32"

    def __init__(
        self,
        name: str,
        aliases: tuple[str, ...],
        *,
        big_endian: bool,
        write_bom: bool,
        expect_big: bool | None,
    ) -> None:
        super().__init__(name, aliases, big_endian=big_endian, write_bom=write_bom)
        self._expect_big = expect_big

    def decode(self, data: bytes | bytearray | memoryview) -> str:
        raw = _as_bytes(data)
        if len(raw) < 4:
            return _REPLACEMENT_CHAR if raw else ""
        big = self._expect_big if self._expect_big is not None else True
        start = 0
        first = int.from_bytes(raw[:4], "big")
        if first == 0x0000FEFF and self._expect_big is not False:
            big, start = True, 4
        elif first == 0xFFFE0000 and self._expect_big is not True:
            big, start = False, 4
        body = raw[start:]
        if len(body) % 4 == 0:
            try:
                return body.decode("utf-32-be" if big else "utf-32-le")
            except UnicodeDecodeError:
                pass
        order: Literal["big", "little"] = "big" if big else "little"
        units: list[int] = []
        whole = len(body) - len(body) % 4
        for pos in range(0, whole, 4):
            cp = int.from_bytes(body[pos : pos + 4], order)
            if cp <= 0xFFFF:
                units.append(cp)  # Java keeps surrogate code points as chars
            elif cp <= 0x10FFFF:
                cp -= 0x10000
                units.extend((0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF)))
            else:
                units.append(0xFFFD)
        if whole < len(body):
            units.append(0xFFFD)
        return _units_to_str(units)


# Java's canonical name, the Python codec with the same table, Java's aliases.
_TABLES: Final = """
US-ASCII ascii iso-ir-6 ANSI_X3.4-1986 ISO_646.irv:1991 ASCII ISO646-US us IBM367 cp367 csASCII default 646 iso_646.irv:1983 ANSI_X3.4-1968 ascii7
ISO-8859-1 latin-1 iso-ir-100 ISO_8859-1 latin1 l1 IBM819 cp819 csISOLatin1 819 IBM-819 ISO8859_1 ISO_8859-1:1987 ISO_8859_1 8859_1 ISO8859-1
ISO-8859-2 iso8859_2 iso8859_2 8859_2 iso-ir-101 ISO_8859-2 ISO_8859-2:1987 ISO8859-2 latin2 l2 ibm912 ibm-912 cp912 912 csISOLatin2
ISO-8859-3 iso8859_3 iso8859_3 8859_3 ISO_8859-3:1988 iso-ir-109 ISO_8859-3 ISO8859-3 latin3 l3 ibm913 ibm-913 cp913 913 csISOLatin3
ISO-8859-4 iso8859_4 iso8859_4 iso8859-4 8859_4 iso-ir-110 ISO_8859-4 ISO_8859-4:1988 latin4 l4 ibm914 ibm-914 cp914 914 csISOLatin4
ISO-8859-5 iso8859_5 iso8859_5 8859_5 iso-ir-144 ISO_8859-5 ISO_8859-5:1988 ISO8859-5 cyrillic ibm915 ibm-915 cp915 915 csISOLatinCyrillic
ISO-8859-6 iso8859_6 iso8859_6 8859_6 iso-ir-127 ISO_8859-6 ISO_8859-6:1987 ISO8859-6 ECMA-114 ASMO-708 arabic ibm1089 ibm-1089 cp1089 1089 csISOLatinArabic
ISO-8859-7 iso8859_7 iso8859_7 8859_7 iso-ir-126 ISO_8859-7 ISO_8859-7:1987 ELOT_928 ECMA-118 greek greek8 csISOLatinGreek sun_eu_greek ibm813 ibm-813 813 cp813 iso8859-7
ISO-8859-8 iso8859_8 iso8859_8 8859_8 iso-ir-138 ISO_8859-8 ISO_8859-8:1988 ISO8859-8 cp916 916 ibm916 ibm-916 hebrew csISOLatinHebrew
ISO-8859-9 iso8859_9 iso8859_9 8859_9 iso-ir-148 ISO_8859-9 ISO_8859-9:1989 ISO8859-9 latin5 l5 ibm920 ibm-920 920 cp920 csISOLatin5
ISO-8859-13 iso8859_13 iso8859_13 8859_13 iso_8859-13 ISO8859-13
ISO-8859-15 iso8859_15 ISO_8859-15 Latin-9 csISO885915 8859_15 ISO8859_15 ISO8859-15 IBM923 IBM-923 cp923 923 LATIN0 LATIN9 L9 csISOlatin0 csISOlatin9 ISO8859_15_FDIS
ISO-8859-16 iso8859_16 iso-ir-226 ISO_8859-16:2001 ISO_8859-16 latin10 l10 csISO885916
KOI8-R koi8_r koi8_r koi8 cskoi8r
KOI8-U koi8_u koi8_u
windows-1250 cp1250 cp1250 cp5346
windows-1251 cp1251 cp1251 cp5347 ansi-1251
windows-1252 cp1252 cp1252 cp5348 ibm-1252 ibm1252
windows-1253 cp1253 cp1253 cp5349
windows-1254 cp1254 cp1254 cp5350
windows-1255 cp1255 cp1255
windows-1256 cp1256 cp1256
windows-1257 cp1257 cp1257 cp5353
windows-1258 cp1258 cp1258
x-windows-874 cp874 ms874 ms-874 windows-874
TIS-620 tis_620 tis620 tis620.2533
IBM437 cp437 cp437 ibm437 ibm-437 437 cspc8codepage437 windows-437
x-IBM737 cp737 cp737 ibm737 ibm-737 737
IBM775 cp775 cp775 ibm775 ibm-775 775
IBM850 cp850 cp850 ibm-850 ibm850 850 cspc850multilingual
IBM852 cp852 cp852 ibm852 ibm-852 852 csPCp852
IBM855 cp855 cp855 ibm-855 ibm855 855 cspcp855
IBM857 cp857 cp857 ibm857 ibm-857 857 csIBM857
IBM00858 cp858 cp858 ccsid00858 cp00858 858 PC-Multilingual-850+euro
IBM860 cp860 cp860 ibm860 ibm-860 860 csIBM860
IBM861 cp861 cp861 ibm861 ibm-861 861 csIBM861 cp-is
IBM862 cp862 cp862 ibm862 ibm-862 862 csIBM862 cspc862latinhebrew
IBM863 cp863 cp863 ibm863 ibm-863 863 csIBM863
IBM864 cp864 cp864 ibm864 ibm-864 864 csIBM864
IBM865 cp865 cp865 ibm865 ibm-865 865 csIBM865
IBM866 cp866 cp866 ibm866 ibm-866 866 csIBM866
IBM869 cp869 cp869 ibm869 ibm-869 869 cp-gr csIBM869
IBM037 cp037 cp037 ibm037 ebcdic-cp-us ebcdic-cp-ca ebcdic-cp-wt ebcdic-cp-nl csIBM037 cs-ebcdic-cp-us cs-ebcdic-cp-ca cs-ebcdic-cp-wt cs-ebcdic-cp-nl ibm-037 ibm-37 cpibm37 037
IBM1026 cp1026 cp1026 ibm1026 ibm-1026 1026
IBM273 cp273 cp273 ibm273 ibm-273 273
IBM424 cp424 cp424 ibm424 ibm-424 424 ebcdic-cp-he csIBM424
Big5 big5 csBig5
Big5-HKSCS big5hkscs Big5_HKSCS big5hk big5-hkscs big5hkscs
GBK gbk windows-936 CP936
GB18030 gb18030 gb18030-2000
GB2312 gb2312 gb2312 gb2312-80 gb2312-1980 euc-cn euccn x-EUC-CN EUC_CN
Shift_JIS shift_jis sjis shift_jis shift-jis ms_kanji x-sjis csShiftJIS
windows-31j cp932 MS932 windows-932 csWindows31J
EUC-JP euc_jp euc_jp eucjis eucjp Extended_UNIX_Code_Packed_Format_for_Japanese csEUCPkdFmtjapanese x-euc-jp x-eucjp
ISO-2022-JP iso2022_jp iso2022jp jis csISO2022JP jis_encoding csjisencoding
ISO-2022-JP-2 iso2022_jp_2 csISO2022JP2 iso2022jp2
EUC-KR euc_kr euc_kr ksc5601 euckr ks_c_5601-1987 ksc5601-1987 ksc5601_1987 ksc_5601 csEUCKR 5601
x-windows-949 cp949 ms949 windows949 windows-949 ms_949
x-Johab johab ksc5601-1992 ksc5601_1992 ms1361 johab
ISO-2022-KR iso2022_kr ISO2022KR csISO2022KR
"""


def _build() -> dict[str, JavaCharset]:
    charsets: list[JavaCharset] = [
        _Utf8Charset("UTF-8", ("UTF8", "unicode-1-1-utf-8")),
        _Utf16Charset(
            "UTF-16",
            ("UTF_16", "utf16", "unicode", "UnicodeBig"),
            big_endian=True,
            write_bom=True,
            read_bom=True,
        ),
        _Utf16Charset(
            "UTF-16BE",
            ("UTF_16BE", "ISO-10646-UCS-2", "X-UTF-16BE", "UnicodeBigUnmarked"),
            big_endian=True,
            write_bom=False,
            read_bom=False,
        ),
        _Utf16Charset(
            "UTF-16LE",
            ("UTF_16LE", "X-UTF-16LE", "UnicodeLittleUnmarked"),
            big_endian=False,
            write_bom=False,
            read_bom=False,
        ),
        _Utf16Charset(
            "x-UTF-16LE-BOM",
            ("UnicodeLittle",),
            big_endian=False,
            write_bom=True,
            read_bom=True,
        ),
        _Utf32Charset(
            "UTF-32", ("UTF_32", "UTF32"), big_endian=True, write_bom=False, expect_big=None
        ),
        _Utf32Charset(
            "UTF-32BE",
            ("UTF_32BE", "X-UTF-32BE"),
            big_endian=True,
            write_bom=False,
            expect_big=True,
        ),
        _Utf32Charset(
            "UTF-32LE",
            ("UTF_32LE", "X-UTF-32LE"),
            big_endian=False,
            write_bom=False,
            expect_big=False,
        ),
        _Utf32Charset(
            "X-UTF-32BE-BOM",
            ("UTF_32BE_BOM", "UTF-32BE-BOM"),
            big_endian=True,
            write_bom=True,
            expect_big=True,
        ),
        _Utf32Charset(
            "X-UTF-32LE-BOM",
            ("UTF_32LE_BOM", "UTF-32LE-BOM"),
            big_endian=False,
            write_bom=True,
            expect_big=False,
        ),
    ]
    for line in _TABLES.strip().splitlines():
        name, codec, *aliases = line.split()
        charsets.append(_CodecCharset(name, codec, tuple(dict.fromkeys(aliases))))
    by_name: dict[str, JavaCharset] = {}
    for charset in charsets:
        for key in (charset.name(), *charset.aliases()):
            by_name.setdefault(key.lower(), charset)
    return by_name


_BY_NAME: Final = _build()


def _check_name(name: str) -> None:
    """Java's ``Charset.checkName``: letters, digits and ``-+:_.`` (not first); not empty."""
    if not name or name[0] not in _LEGAL_FIRST or any(c not in _LEGAL_NEXT for c in name):
        raise IllegalCharsetNameError(name)


def for_name(name: str) -> JavaCharset:
    """The charset Java's ``Charset.forName(name)`` returns (names are case-insensitive).

    Raises :class:`IllegalCharsetNameError` for a name Java considers illegal (``"bad name!"``)
    and :class:`UnsupportedCharsetError` for a legal name of no supported charset.
    """
    _check_name(name)
    charset = _BY_NAME.get(name.lower())
    if charset is None:
        raise UnsupportedCharsetError(name)
    return charset


def available() -> dict[str, JavaCharset]:
    """Every supported charset by canonical name (Java's ``Charset.availableCharsets()``)."""
    result = {charset.name(): charset for charset in _BY_NAME.values()}
    return dict(sorted(result.items(), key=lambda item: item[0].lower()))


UTF_8: Final = for_name("UTF-8")
"""Java's ``StandardCharsets.UTF_8``."""
