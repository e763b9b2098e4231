"""Renderers of a GradeResult, one module per format; ``render(result, fmt)`` picks one."""
from __future__ import annotations

from importlib import import_module

FORMATS = ("table", "json", "gradescope", "classroom", "junit", "markdown", "annotations")


def render(result, fmt: str) -> str:
    """The text of ``result`` in format ``fmt`` (see FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return import_module(f"{__name__}.{fmt}").render(result)
