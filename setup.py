"""Builds the optional C accelerator of JsonConverter's writer; the metadata is in pyproject.toml.

Without a C compiler the build still succeeds (``optional=True``) and connectpy uses its
generated Python writers instead (slower, same bytes).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "converters._json_native",
            sources=["converters/_json_native.c"],
            optional=True,
        )
    ]
)
