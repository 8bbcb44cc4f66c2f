"""Hypothesis strategies shared by the test modules.

Keep each strategy generic (a kind of Connect value, schema or input), documented in one line,
and add new ones rather than changing existing ones: several test modules use them.
"""

from __future__ import annotations

from hypothesis import strategies as st

from connect_data.javatext import round_float32

INT_BITS = {"int8": 8, "int16": 16, "int32": 32, "int64": 64}


def java_ints(bits: int) -> st.SearchStrategy[int]:
    """Ints in the range of a ``bits``-wide Java integer type (8, 16, 32 or 64)."""
    return st.integers(min_value=-(1 << (bits - 1)), max_value=(1 << (bits - 1)) - 1)


def float32s(allow_nan: bool = True) -> st.SearchStrategy[float]:
    """Python floats that hold an exact float32 value (what a FLOAT32 value reads back as)."""
    return st.floats(width=32, allow_nan=allow_nan).map(round_float32)


def float64s(allow_nan: bool = True) -> st.SearchStrategy[float]:
    """Any Python float (a FLOAT64 value), including infinities, -0.0 and, optionally, NaN."""
    return st.floats(allow_nan=allow_nan)


def bytes_values(max_size: int = 64) -> st.SearchStrategy[bytes]:
    """Byte strings, empty included (BYTES values, and garbage input for deserializers)."""
    return st.binary(max_size=max_size)


def java_strings(max_size: int = 40) -> st.SearchStrategy[str]:
    """Strings Java can hold as well-formed UTF-16 (no unpaired surrogates), BMP and beyond."""
    return st.text(max_size=max_size)


def strings_with_surrogates(max_size: int = 20) -> st.SearchStrategy[str]:
    """Strings that may hold unpaired (or separately written paired) surrogate code points."""
    return st.text(
        alphabet=st.one_of(
            st.characters(),
            st.characters(categories=["Cs"]),
        ),
        max_size=max_size,
    )
