"""A pytest plugin for the benchmarks: which modules a run had loaded by its end.

    AUTOGRADER_BENCH_MODULES=out.json python -m pytest ... -p benchmarks.sysmodules_dump

Writes ``sys.modules``' names (in the order they were imported) with their files, and
``sys.path``; ``public_imports`` decides from them what the suites needed. Standard
library only, so the plugin adds nothing to what it reports.
"""
import json
import os
import sys

OUT_VARIABLE = "AUTOGRADER_BENCH_MODULES"


def pytest_unconfigure(config):
    out = os.environ.get(OUT_VARIABLE)
    if not out:
        return
    modules = []
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__dict__", {}).get("__file__")  # no module __getattr__ is woken
        modules.append([name, file if isinstance(file, str) else None])
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"modules": modules, "path": [p for p in sys.path if isinstance(p, str)]}, handle)
