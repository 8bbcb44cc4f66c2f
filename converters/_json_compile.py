"""Per-schema compiled encoders and decoders for JsonConverter's fast path.

For each schema the converter meets, this module generates (once) a Python function that
converts a value without walking the schema: an *encoder* turning a Connect value into the
objects ``orjson.dumps`` writes as Java's Jackson would, and a *decoder* turning a parsed
payload (from msgspec) into the Connect value Java's ``convertToConnect`` gives.

Writing goes through the C writer of :mod:`converters._json_native` when it is built: the
function :func:`writer_plan` describes a schema to it as a tree of tuples making the same
choices as the generated Python writer, which is used otherwise.

The generated code handles the common, well-formed cases only. Whenever a value or payload
needs anything else (a coercion, a default that cannot be written, an error, a number whose
exact text matters), it raises :class:`Fallback`, and the converter redoes the whole record on
the exact path (:mod:`converters._json_data`), so both paths always give the same answer.

Values held in a :class:`~connect_data.Struct` were validated when put, so the encoders trust
their immutable scalars (types and ranges) and only re-check lists and dicts, which may have
been changed since.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import decimal
import math
import os
from collections.abc import Callable, Mapping
from typing import Any, Final

import orjson

from connect_data import Schema, Struct, Type
from connect_data.javatext import decimal_to_string
from connect_data.logical import Decimal as DecimalLogical
from connect_data.schema import INT_RANGES
from converters import _json_nodes as nodes
from converters._json_data import (
    DATE_NAME,
    DECIMAL_NAME,
    FLOAT32_MAX,
    LOGICAL_NAMES,
    SPECIAL_FLOATS,
    TIME_NAME,
    JsonData,
    float32_node,
)
from converters._json_write import fix_escapes, float_node, prepare


def _native_module() -> Any:
    """The C accelerator, or None (not built, or turned off by CONNECTPY_PURE_PYTHON=1)."""
    if os.environ.get("CONNECTPY_PURE_PYTHON") == "1":
        return None
    try:
        from converters import _json_native
    except ImportError:  # not built (installed without a C compiler): the Python code
        return None
    return _json_native


#: converters._json_native when it is built (the reader's scan and the record writer), or None
NATIVE: Any = _native_module()
_NATIVE_WRITER: Any = None if NATIVE is None else NATIVE.Writer

__all__ = [
    "NATIVE",
    "Fallback",
    "compile_decoder",
    "compile_writer",
    "native_writer_available",
    "needs_exact_numbers",
    "schemaless_encode",
    "writer_plan",
]


class Fallback(Exception):
    """The fast path cannot give Java's exact answer for this record: use the exact path."""


def _fallback(*_: Any) -> Any:
    raise Fallback


_UTC: Final = dt.timezone.utc
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_EPOCH_NAIVE: Final = dt.datetime(1970, 1, 1)
_EPOCH_ORDINAL: Final = dt.date(1970, 1, 1).toordinal()
_ONE_MS: Final = dt.timedelta(milliseconds=1)
_EXACT: Final = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)


# ------------------------------------------------------------------------------------------
# Runtime helpers used by the generated code (encoding)


def _b64_text(value: Any) -> str:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise Fallback
    return binascii.b2a_base64(value, newline=False).decode("ascii")


_F32_CACHE: dict[float, Any] = {}


def _float32(value: Any) -> Any:
    """The orjson node of a float32 value (Java's ``Float.toString`` digits)."""
    if type(value) is not float:
        raise Fallback
    if value == 0.0:
        return value  # 0.0 and -0.0 are equal keys: not cached; orjson writes both as Java
    node = _F32_CACHE.get(value)
    if node is None:
        if math.isfinite(value) and abs(value) > FLOAT32_MAX:
            raise Fallback
        if math.isnan(value):  # not usable as a cache key
            return "NaN"
        node = float_node(float32_node(value))
        if len(_F32_CACHE) >= 4096:
            _F32_CACHE.clear()
        _F32_CACHE[value] = node
    return node


def _decimal_base64(scale: int, trusted: bool) -> Callable[[Any], str]:
    """An encoder of Decimals at ``scale`` to base64 of their unscaled two's complement.

    ``trusted``: the value was validated by ``Struct.put`` (a finite ``decimal.Decimal``).
    ``str()`` of such a Decimal is plain digits with exactly ``scale`` fraction digits when
    its scale matches (exponent notation only appears for other exponents).
    """
    point = -scale - 1

    def encode(value: Any, b2a: Any = binascii.b2a_base64) -> str:
        if not trusted and (type(value) is not decimal.Decimal or not value.is_finite()):
            raise Fallback
        text = str(value)
        if scale > 0:
            if len(text) <= scale or text[point] != "." or "E" in text:
                raise Fallback
            unscaled = int(text.replace(".", ""))
        elif scale == 0 and "E" not in text and "." not in text:
            unscaled = int(text)
        else:
            raise Fallback
        raw = unscaled.to_bytes(
            (unscaled + (unscaled < 0)).bit_length() // 8 + 1, "big", signed=True
        )
        encoded: str = b2a(raw, newline=False).decode()
        return encoded

    return encode


def _decimal_numeric(value: Any) -> Any:
    if type(value) is not decimal.Decimal or not value.is_finite():
        raise Fallback
    return orjson.Fragment(decimal_to_string(value))


def _date_days(value: Any) -> int:
    if type(value) is not dt.date:
        raise Fallback
    return value.toordinal() - _EPOCH_ORDINAL


def _time_millis(value: Any) -> int:
    if type(value) is not dt.time or value.tzinfo is not None:
        raise Fallback
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1000 + value.microsecond // 1000


def _timestamp_millis(value: Any) -> int:
    if type(value) is not dt.datetime:
        raise Fallback
    if value.tzinfo is None:
        return (value - _EPOCH_NAIVE) // _ONE_MS
    return (value - _EPOCH) // _ONE_MS


def schemaless_encode(value: Any) -> Any:
    """The orjson node of a value written without a schema (Java's inferred types)."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return value
    if kind is int:
        if -(2**63) <= value <= 2**63 - 1:
            return value
        raise Fallback
    if kind is float:
        return float_node(value)
    if kind is list:
        return [schemaless_encode(item) for item in value]
    if kind is dict:
        if all(type(k) is str for k in value):
            return {k: schemaless_encode(v) for k, v in value.items()}
        return [[schemaless_encode(k), schemaless_encode(v)] for k, v in value.items()]
    if kind is bytes:
        return _b64_text(value)
    raise Fallback


# ------------------------------------------------------------------------------------------
# Runtime helpers used by the generated code (decoding)


def _double(node: Any) -> float:
    """FLOAT64 from a number node other than a plain non-zero float."""
    if type(node) is float:  # zero: "-0.0" reads as 0.0, but "-1e-400" as -0.0
        if math.copysign(1.0, node) < 0:
            raise Fallback
        return 0.0
    if type(node) is decimal.Decimal or type(node) is int:
        return nodes.double_value(node)
    if type(node) is str and node in SPECIAL_FLOATS:
        return SPECIAL_FLOATS[node]
    raise Fallback


def _float32_from(node: Any) -> float:
    if type(node) is decimal.Decimal or type(node) is int:
        return nodes.float_value(node)
    if type(node) is str and node in SPECIAL_FLOATS:
        return SPECIAL_FLOATS[node]
    raise Fallback  # a float from the fast parser has lost the digits float32 rounding needs


def _bytes_from(node: Any) -> bytes:
    if type(node) is not str or len(node) % 4:
        raise Fallback
    try:
        return base64.b64decode(node, validate=True)
    except (binascii.Error, ValueError):
        raise Fallback from None


def _decimal_from(scale: int | None) -> Callable[[Any], decimal.Decimal]:
    def convert(node: Any) -> decimal.Decimal:
        kind = type(node)
        if kind is str:
            if scale is None:
                raise Fallback
            raw = _bytes_from(node)
            if not raw:
                raise Fallback
            unscaled = decimal.Decimal(int.from_bytes(raw, "big", signed=True))
            result: decimal.Decimal = unscaled.scaleb(-scale, _EXACT)
            return result
        if kind is int:
            return decimal.Decimal(node)
        if kind is decimal.Decimal:
            number: decimal.Decimal = node.copy_abs() if node.is_zero() else node
            return number
        raise Fallback

    return convert


def _date_from(node: Any) -> dt.date:
    if type(node) is not int or not -(2**31) <= node <= 2**31 - 1:
        raise Fallback
    try:
        return dt.date.fromordinal(_EPOCH_ORDINAL + node)
    except (ValueError, OverflowError):
        raise Fallback from None


def _time_from(node: Any) -> dt.time:
    if type(node) is not int or not 0 <= node < 86400000:
        raise Fallback
    seconds, millis = divmod(node, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return dt.time(hour, minute, second, millis * 1000)


_FROM_TIMESTAMP: Final = dt.datetime.fromtimestamp


def _timestamp_from(node: Any) -> dt.datetime:
    if type(node) is not int:
        raise Fallback
    if -2_200_000_000_000 < node < 2_200_000_000_000:
        # exact: at these magnitudes node / 1000 is within half a microsecond of the true value
        return _FROM_TIMESTAMP(node / 1000, _UTC)
    try:
        return _EPOCH + dt.timedelta(milliseconds=nodes.wrap_int64(node))
    except OverflowError:
        raise Fallback from None


# ------------------------------------------------------------------------------------------
# Code generation


def _has_any(schema: Schema | None, test: Callable[[Schema], bool]) -> bool:
    if schema is None:
        return False
    if test(schema):
        return True
    schema_type = schema.type()
    if schema_type is Type.STRUCT:
        return any(_has_any(f.schema(), test) for f in schema.fields())
    if schema_type is Type.ARRAY:
        return _has_any(schema.value_schema(), test)
    if schema_type is Type.MAP:
        return _has_any(schema.key_schema(), test) or _has_any(schema.value_schema(), test)
    return False


def needs_exact_numbers(schema: Schema | None) -> bool:
    """True if payloads of ``schema`` need numbers parsed exactly (float32 or Decimal inside)."""
    return _has_any(schema, lambda s: s.type() is Type.FLOAT32 or s.name() == DECIMAL_NAME)


class _Generator:
    """Builds the source of the functions for one top-level schema.

    Nested structs and lists or maps of simple items are inlined into their parent (up to
    :attr:`INLINE_DEPTH` levels); anything else becomes a function of its own.
    """

    INLINE_DEPTH: Final = 3

    def __init__(self, data: JsonData, kind: str) -> None:
        self.data = data
        self.kind = kind  # "enc" or "dec"
        self.namespace: dict[str, Any] = {
            "Fallback": Fallback,
            "Struct": Struct,
            "new_object": object.__new__,
            "float_node": float_node,
            "EPOCH": _EPOCH,
            "ONE_MS": _ONE_MS,
            "UTC": _UTC,
            "datetime": dt.datetime,
            "Mapping": Mapping,
            "from_timestamp": _FROM_TIMESTAMP,
            "b2a": binascii.b2a_base64,
            "DecimalType": decimal.Decimal,
        }
        self.functions: list[str] = []
        self.done: dict[int, str] = {}
        self.keep: list[Schema] = []  # keeps the ids in `done` valid
        self.counter = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def constant(self, value: Any, prefix: str = "K") -> str:
        name = self.fresh(prefix)
        self.namespace[name] = value
        return name

    def build(self, entry: str) -> Callable[[Any], Any]:
        source = "\n\n".join(self.functions)
        exec(compile(source, f"<json {self.kind} {entry}>", "exec"), self.namespace)
        function: Callable[[Any], Any] = self.namespace[entry]
        return function

    def none_action(self, schema: Schema) -> tuple[str, Any]:
        """What a null becomes: ("default", node), ("null", None) or ("fail", None)."""
        default = schema.default_value()
        if self.data.replace_null and default is not None:
            if self.kind == "enc":
                try:
                    node = prepare(self.data.convert_to_json(schema, default))
                except Exception:
                    return ("fail", None)  # the exact path raises Java's error
                return ("default", node)
            return ("default", default)
        if schema.is_optional():
            return ("null", None)
        return ("fail", None)

    def identity_check(self, schema: Schema, var: str) -> str | None:
        """A condition true when ``var`` (an untrusted item) is its own result, or None."""
        if schema.name() in LOGICAL_NAMES:
            return None
        action, _ = self.none_action(schema)
        if action == "default":
            return None
        schema_type = schema.type()
        if schema_type in INT_RANGES:
            low, high = INT_RANGES[schema_type]
            check = f"type({var}) is int and {low} <= {var} <= {high}"
        elif schema_type is Type.BOOLEAN:
            check = f"type({var}) is bool"
        elif schema_type is Type.STRING:
            check = f"type({var}) is str"
        else:
            return None
        if action == "null":
            return f"{var} is None or {check}"
        return check

    def all_strings(self, iterable: str, out: list[str], ind: str) -> None:
        """Emit a check that every item of ``iterable`` is a str (``str.join`` does it in C)."""
        out.append(f"{ind}try:")
        out.append(f'{ind}    "".join({iterable})')
        out.append(f"{ind}except TypeError:")
        out.append(f"{ind}    raise Fallback from None")

    def value(
        self, schema: Schema, var: str, trusted: bool, out: list[str], ind: str, depth: int
    ) -> None:
        """Emit statements turning ``var`` (of ``schema``, maybe None) into its result."""
        action, default = self.none_action(schema)
        body: list[str] = []
        self.non_null(schema, var, trusted, body, ind + "    ", depth)
        if action == "fail":
            out.append(f"{ind}if {var} is None: raise Fallback")
            out.extend(line[4:] for line in body)
        elif action == "default":
            out.append(f"{ind}if {var} is None: {var} = {self.constant(default, 'D')}")
            if body:
                out.append(f"{ind}else:")
                out.extend(body)
        elif body:
            out.append(f"{ind}if {var} is not None:")
            out.extend(body)

    def fields(
        self,
        fields: list[Any],
        names: list[str],
        trusted: bool,
        out: list[str],
        ind: str,
        depth: int,
    ) -> None:
        """Emit the code of struct fields; required fields' null checks are combined."""
        required = [
            var
            for field, var in zip(fields, names, strict=True)
            if self.none_action(field.schema())[0] == "fail"
        ]
        if required:
            out.append(f"{ind}if {' is None or '.join(required)} is None: raise Fallback")
        for field, var in zip(fields, names, strict=True):
            if var in required:
                self.non_null(field.schema(), var, trusted, out, ind, depth)
            else:
                self.value(field.schema(), var, trusted, out, ind, depth)

    def non_null(
        self, schema: Schema, var: str, trusted: bool, out: list[str], ind: str, depth: int
    ) -> None:
        raise NotImplementedError

    def array(self, schema: Schema, var: str, out: list[str], ind: str, depth: int) -> None:
        """Emit the code of a non-null list (the same both ways: items convert in place)."""
        item_schema = schema.value_schema()
        assert item_schema is not None
        out.append(f"{ind}if type({var}) is not list: raise Fallback")
        item = self.fresh("i")
        check = self.identity_check(item_schema, item)
        if check == f"type({item}) is str":
            self.all_strings(var, out, ind)
        elif check is not None:
            out.append(f"{ind}for {item} in {var}:")
            out.append(f"{ind}    if not ({check}): raise Fallback")
        else:
            result = self.fresh("out")
            out.append(f"{ind}{result} = []")
            out.append(f"{ind}for {item} in {var}:")
            self.value(item_schema, item, False, out, ind + "    ", depth)
            out.append(f"{ind}    {result}.append({item})")
            out.append(f"{ind}{var} = {result}")

    def function(self, schema: Schema) -> str:
        """The name of a generated function converting a non-null value of ``schema``."""
        key = id(schema)
        if key in self.done:
            return self.done[key]
        fname = self.fresh(f"{self.kind}_{schema.type().name.lower()}")
        self.done[key] = fname
        self.keep.append(schema)
        lines = [f"def {fname}(v):"]
        self.non_null(schema, "v", False, lines, "    ", -1)
        lines.append("    return v")
        self.functions.append("\n".join(lines))
        return fname

    def entry(self, schema: Schema, tail: tuple[str, ...] = ("return v",)) -> Callable[[Any], Any]:
        lines = ["def convert(v):"]
        self.value(schema, "v", False, lines, "    ", 0)
        lines.extend(f"    {line}" for line in tail)
        self.functions.append("\n".join(lines))
        return self.build("convert")


class _EncoderGenerator(_Generator):
    def __init__(self, data: JsonData) -> None:
        super().__init__(data, "enc")

    def non_null(
        self, schema: Schema, var: str, trusted: bool, out: list[str], ind: str, depth: int
    ) -> None:
        name = schema.name()
        schema_type = schema.type()
        if name in LOGICAL_NAMES:
            if name == DECIMAL_NAME:
                if self.data.decimal_numeric:
                    helper = self.constant(_decimal_numeric, "dec")
                else:
                    try:
                        scale = DecimalLogical.scale(schema)
                    except Exception:  # the exact path raises Java's error
                        out.append(f"{ind}raise Fallback")
                        return
                    if trusted and scale > 0:
                        self.decimal_inline(scale, var, out, ind)
                        return
                    helper = self.constant(_decimal_base64(scale, trusted), "dec")
                out.append(f"{ind}{var} = {helper}({var})")
            elif name == DATE_NAME:
                out.append(f"{ind}{var} = {self.constant(_date_days, 'date')}({var})")
            elif name == TIME_NAME:
                out.append(f"{ind}{var} = {self.constant(_time_millis, 'time')}({var})")
            else:
                # timedelta // timedelta costs more than the sum of the delta's parts
                helper = self.constant(_timestamp_millis, "ts")
                delta = self.fresh("td")
                out.append(f"{ind}if type({var}) is datetime and {var}.tzinfo is UTC:")
                out.append(f"{ind}    {delta} = {var} - EPOCH")
                out.append(
                    f"{ind}    {var} = {delta}.days * 86400000 + {delta}.seconds * 1000 "
                    f"+ {delta}.microseconds // 1000"
                )
                out.append(f"{ind}else:")
                out.append(f"{ind}    {var} = {helper}({var})")
            return
        if schema_type in INT_RANGES:
            if not trusted:
                low, high = INT_RANGES[schema_type]
                out.append(
                    f"{ind}if type({var}) is not int or not {low} <= {var} <= {high}: "
                    "raise Fallback"
                )
        elif schema_type is Type.FLOAT64:
            if not trusted:
                out.append(f"{ind}if type({var}) is not float: raise Fallback")
            out.append(
                f"{ind}if not (1e-3 <= {var} < 1e7 or -1e7 < {var} <= -1e-3 or {var} == 0.0): "
                f"{var} = float_node({var})"
            )
        elif schema_type is Type.FLOAT32:
            out.append(f"{ind}{var} = {self.constant(_float32, 'f32')}({var})")
        elif schema_type is Type.BOOLEAN:
            if not trusted:
                out.append(f"{ind}if type({var}) is not bool: raise Fallback")
        elif schema_type is Type.STRING:
            if not trusted:
                out.append(f"{ind}if type({var}) is not str: raise Fallback")
        elif schema_type is Type.BYTES:
            out.append(f"{ind}{var} = {self.constant(_b64_text, 'b64')}({var})")
        elif depth < 0 or depth >= self.INLINE_DEPTH:
            if depth < 0:
                self.complex(schema, var, out, ind, depth)
            else:
                out.append(f"{ind}{var} = {self.function(schema)}({var})")
        else:
            self.complex(schema, var, out, ind, depth)

    def decimal_inline(self, scale: int, var: str, out: list[str], ind: str) -> None:
        """Inline :func:`_decimal_base64` for a trusted Decimal at ``scale`` > 0."""
        text = self.fresh("t")
        out.append(f"{ind}if type({var}) is not DecimalType: raise Fallback")
        out.append(f"{ind}{text} = str({var})")
        out.append(
            f'{ind}if len({text}) <= {scale} or {text}[{-scale - 1}] != "." or "E" in {text}: '
            "raise Fallback"
        )
        out.append(f'{ind}{var} = int({text}.replace(".", ""))')
        out.append(
            f"{ind}{var} = b2a({var}.to_bytes(({var} + ({var} < 0)).bit_length() // 8 + 1, "
            '"big", signed=True), newline=False).decode()'
        )

    def complex(self, schema: Schema, var: str, out: list[str], ind: str, depth: int) -> None:
        """Inline code for a non-null struct, array or map (``depth`` < 0: function body)."""
        schema_type = schema.type()
        inner = depth + 1 if depth >= 0 else 1
        if schema_type is Type.STRUCT:
            s = self.constant(schema, "S")
            tmp = self.fresh("s")
            out.append(f"{ind}if type({var}) is not Struct: raise Fallback")
            out.append(f"{ind}{tmp} = {var}._schema")
            out.append(f"{ind}if {tmp} is not {s} and {tmp} != {s}: raise Fallback")
            fields = list(schema.fields())
            names = [self.fresh("f") for _ in fields]
            if fields:
                out.append(f"{ind}{', '.join(names)}, = {var}._values")
            self.fields(fields, names, True, out, ind, inner)
            items = ", ".join(
                f"{field.name()!r}: {n}" for field, n in zip(fields, names, strict=True)
            )
            out.append(f"{ind}{var} = {{{items}}}")
        elif schema_type is Type.ARRAY:
            self.array(schema, var, out, ind, inner)
        else:  # MAP
            key_schema = schema.key_schema()
            value_schema = schema.value_schema()
            assert key_schema is not None and value_schema is not None
            out.append(f"{ind}if type({var}) is not dict: raise Fallback")
            key, item, result = self.fresh("k"), self.fresh("x"), self.fresh("out")
            if key_schema.type() is Type.STRING and key_schema.name() in LOGICAL_NAMES:
                # a JSON object keyed by the text of each logical key: the exact path
                out.append(f"{ind}raise Fallback")
            elif key_schema.type() is Type.STRING:
                check = self.identity_check(value_schema, item)
                if check is not None:
                    # orjson raises TypeError (-> the exact path) for any key not exactly a str
                    out.append(f"{ind}for {item} in {var}.values():")
                    out.append(f"{ind}    if not ({check}): raise Fallback")
                else:
                    out.append(f"{ind}for {key}, {item} in {var}.items():")
                    out.insert(len(out) - 1, f"{ind}{result} = {{}}")
                    out.append(f"{ind}    if type({key}) is not str: raise Fallback")
                    self.value(value_schema, item, False, out, ind + "    ", inner)
                    out.append(f"{ind}    {result}[{key}] = {item}")
                    out.append(f"{ind}{var} = {result}")
            else:
                out.append(f"{ind}{result} = []")
                out.append(f"{ind}for {key}, {item} in {var}.items():")
                self.value(key_schema, key, False, out, ind + "    ", inner)
                self.value(value_schema, item, False, out, ind + "    ", inner)
                out.append(f"{ind}    {result}.append([{key}, {item}])")
                out.append(f"{ind}{var} = {result}")


class _PlanBuilder(_Generator):
    """The writer plan of a schema for the C writer (:mod:`converters._json_native`).

    Each node says what :class:`_EncoderGenerator` would generate for that part of the schema,
    so that the C writer and the generated Python writer give the same result for every value.
    """

    def __init__(self, data: JsonData) -> None:
        super().__init__(data, "enc")

    def none(self, schema: Schema) -> tuple[Any, ...]:
        action, node = self.none_action(schema)
        if action == "fail":
            return ()
        return (node,)

    def plan(self, schema: Schema, trusted: bool) -> tuple[Any, ...]:
        none = self.none(schema)
        name = schema.name()
        schema_type = schema.type()
        if name in LOGICAL_NAMES:
            if name == DECIMAL_NAME:
                if self.data.decimal_numeric:
                    return ("call", none, _decimal_numeric)
                try:
                    scale = DecimalLogical.scale(schema)
                except Exception:  # the exact path raises Java's error
                    return ("call", none, _fallback)
                if trusted and 1 <= scale <= 18:
                    return ("decimal", none, scale, decimal.Decimal, _decimal_base64(scale, True))
                return ("call", none, _decimal_base64(scale, trusted))
            if name == DATE_NAME:
                return ("call", none, _date_days)
            if name == TIME_NAME:
                return ("call", none, _time_millis)
            return ("timestamp", none, _timestamp_millis)
        if schema_type in INT_RANGES:
            return ("pass", none) if trusted else ("int", none, *INT_RANGES[schema_type])
        if schema_type is Type.FLOAT64:
            return ("float64", none, float_node)
        if schema_type is Type.FLOAT32:
            return ("call", none, _float32)
        if schema_type is Type.BOOLEAN:
            return ("pass", none) if trusted else ("bool", none)
        if schema_type is Type.STRING:
            return ("pass", none) if trusted else ("str", none)
        if schema_type is Type.BYTES:
            return ("bytes", none, _b64_text)
        if schema_type is Type.STRUCT:
            fields = schema.fields()
            keys = tuple(field.name() for field in fields)
            plans = tuple(self.plan(field.schema(), True) for field in fields)
            return ("struct", none, Struct, schema, keys, plans)
        if schema_type is Type.ARRAY:
            item_schema = schema.value_schema()
            assert item_schema is not None
            return ("array", none, self.plan(item_schema, False))
        key_schema = schema.key_schema()
        value_schema = schema.value_schema()
        assert key_schema is not None and value_schema is not None
        if key_schema.type() is Type.STRING:
            if key_schema.name() in LOGICAL_NAMES:  # keyed by the logical key's text: exact path
                return ("call", none, _fallback)
            return ("map", none, self.plan(value_schema, False))
        return ("pairs", none, self.plan(key_schema, False), self.plan(value_schema, False))


def writer_plan(schema: Schema, data: JsonData) -> tuple[Any, ...]:
    """The plan of :func:`compile_writer`'s C writer for ``schema`` (see _json_native.c)."""
    return _PlanBuilder(data).plan(schema, False)


def native_writer_available() -> bool:
    """True if the C writer is built and not turned off by ``CONNECTPY_PURE_PYTHON=1``."""
    return _NATIVE_WRITER is not None


def compile_writer(
    schema: Schema, data: JsonData, prefix: bytes | None, *, native: bool | None = None
) -> Callable[[Any], bytes]:
    """A function writing a value of ``schema`` as Java's JSON bytes (one call per record).

    ``prefix``: the envelope's bytes up to the payload (``{"schema":...,"payload":``), or None
    to write the payload alone. The function raises :class:`Fallback` or ``TypeError``
    (orjson's) where the exact path must redo the record. ``native``: use the C writer (True),
    the generated Python writer (False), or the C writer when it is available (None).
    """
    if native is None:
        native = _NATIVE_WRITER is not None
    if native:
        if _NATIVE_WRITER is None:
            raise RuntimeError("converters._json_native is not built")
        writer: Callable[[Any], bytes] = _NATIVE_WRITER(
            writer_plan(schema, data), Fallback, orjson.dumps, fix_escapes, prefix
        )
        return writer
    generator = _EncoderGenerator(data)
    namespace = generator.namespace
    namespace["dumps"] = orjson.dumps
    namespace["fix_escapes"] = fix_escapes
    # 92 is "\\": an int needle is a memchr, much cheaper than the bytes needle b"\\"
    tail = ["v = dumps(v)", "if 92 in v or not v.isascii(): v = fix_escapes(v)"]
    if prefix is None:
        tail.append("return v")
    else:
        namespace["PREFIX"] = prefix
        namespace["join"] = b"".join
        tail.append('return join((PREFIX, v, b"}"))')
    function: Callable[[Any], bytes] = generator.entry(schema, tuple(tail))
    return function


class _DecoderGenerator(_Generator):
    def __init__(self, data: JsonData) -> None:
        super().__init__(data, "dec")

    def non_null(
        self, schema: Schema, var: str, trusted: bool, out: list[str], ind: str, depth: int
    ) -> None:
        name = schema.name()
        schema_type = schema.type()
        if name in LOGICAL_NAMES:
            if name == DECIMAL_NAME:
                try:
                    scale: int | None = DecimalLogical.scale(schema)
                except Exception:
                    scale = None
                out.append(f"{ind}{var} = {self.constant(_decimal_from(scale), 'dec')}({var})")
            elif name == DATE_NAME:
                out.append(f"{ind}{var} = {self.constant(_date_from, 'date')}({var})")
            elif name == TIME_NAME:
                out.append(f"{ind}{var} = {self.constant(_time_from, 'time')}({var})")
            else:
                helper = self.constant(_timestamp_from, "ts")
                out.append(
                    f"{ind}{var} = from_timestamp({var} / 1000, UTC) if type({var}) is int and "
                    f"-2200000000000 < {var} < 2200000000000 else {helper}({var})"
                )
            return
        if schema_type in INT_RANGES:
            low, high = INT_RANGES[schema_type]
            out.append(
                f"{ind}if type({var}) is not int or not {low} <= {var} <= {high}: raise Fallback"
            )
        elif schema_type is Type.FLOAT64:
            helper = self.constant(_double, "dbl")
            out.append(f"{ind}if type({var}) is not float or {var} == 0.0: {var} = {helper}({var})")
        elif schema_type is Type.FLOAT32:
            out.append(f"{ind}{var} = {self.constant(_float32_from, 'flt')}({var})")
        elif schema_type is Type.BOOLEAN:
            out.append(f"{ind}if type({var}) is not bool: raise Fallback")
        elif schema_type is Type.STRING:
            out.append(f"{ind}if type({var}) is not str: raise Fallback")
        elif schema_type is Type.BYTES:
            out.append(f"{ind}{var} = {self.constant(_bytes_from, 'byt')}({var})")
        elif depth >= self.INLINE_DEPTH:
            out.append(f"{ind}{var} = {self.function(schema)}({var})")
        else:
            self.complex(schema, var, out, ind, depth)

    def complex(self, schema: Schema, var: str, out: list[str], ind: str, depth: int) -> None:
        schema_type = schema.type()
        inner = depth + 1 if depth >= 0 else 1
        if schema_type is Type.STRUCT:
            s = self.constant(schema.schema(), "S")
            out.append(f"{ind}if type({var}) is not dict: raise Fallback")
            fields = list(schema.fields())
            names = [self.fresh("f") for _ in fields]
            if fields:
                get = self.fresh("get")
                out.append(f"{ind}{get} = {var}.get")
                for field, n in zip(fields, names, strict=True):
                    out.append(f"{ind}{n} = {get}({field.name()!r})")
            self.fields(fields, names, False, out, ind, inner)
            out.append(f"{ind}{var} = new_object(Struct)")
            out.append(f"{ind}{var}._schema = {s}")
            out.append(f"{ind}{var}._values = [{', '.join(names)}]")
        elif schema_type is Type.ARRAY:
            self.array(schema, var, out, ind, inner)
        else:  # MAP
            key_schema = schema.key_schema()
            value_schema = schema.value_schema()
            assert key_schema is not None and value_schema is not None
            key, item, result = self.fresh("k"), self.fresh("x"), self.fresh("out")
            if key_schema.type() is Type.STRING:
                out.append(f"{ind}if type({var}) is not dict: raise Fallback")
                check = self.identity_check(value_schema, item)
                if check is not None:  # a loop beats str.join on a view (it copies to a list)
                    out.append(f"{ind}for {item} in {var}.values():")
                    out.append(f"{ind}    if not ({check}): raise Fallback")
                else:
                    out.append(f"{ind}{result} = {{}}")
                    out.append(f"{ind}for {key}, {item} in {var}.items():")
                    self.value(value_schema, item, False, out, ind + "    ", inner)
                    out.append(f"{ind}    {result}[{key}] = {item}")
                    out.append(f"{ind}{var} = {result}")
            else:
                entry = self.fresh("e")
                out.append(f"{ind}if type({var}) is not list: raise Fallback")
                out.append(f"{ind}{result} = {{}}")
                out.append(f"{ind}for {entry} in {var}:")
                out.append(
                    f"{ind}    if type({entry}) is not list or len({entry}) != 2: raise Fallback"
                )
                out.append(f"{ind}    {key}, {item} = {entry}")
                self.value(key_schema, key, False, out, ind + "    ", inner)
                self.value(value_schema, item, False, out, ind + "    ", inner)
                out.append(f"{ind}    try:")
                out.append(f"{ind}        {result}[{key}] = {item}")
                out.append(f"{ind}    except TypeError:")
                out.append(f"{ind}        raise Fallback from None")
                out.append(f"{ind}{var} = {result}")


def compile_decoder(schema: Schema, data: JsonData) -> Callable[[Any], Any]:
    """A function turning a payload node of ``schema`` into its Connect value, or raising
    :class:`Fallback`."""
    return _DecoderGenerator(data).entry(schema)
