"""Make every call a recorded grading made into the solutions, in this process, with no test framework.

    python benchmarks/replay_calls.py RECORD [--check OUT]

The least any grader of the same tests can spend: the libraries imported, then the same
calls with the same inputs, each object left in a worker replaced by the real object its
call returned, each judge run by the grader's own routine. Prints one JSON line:
``calls_s`` (the calls alone, ``perf_counter`` around each) and what was replayed. An
exception a call raises is expected (suites check errors) and counted. ``--check`` also
compares each answer, through the codec as the grader would see it, with the recorded one.
"""
import time

_STARTED = time.perf_counter()

import numpy  # noqa: E402,F401 - the libraries first, as the fork server has them
import scipy.stats  # noqa: E402,F401
import sklearn.neural_network  # noqa: E402,F401
import matplotlib  # noqa: E402

matplotlib.use("Agg")

import contextlib  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import pickle  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder.sandbox import judges  # noqa: E402 - the routine the workers run
from benchmarks import call_log  # noqa: E402

_LIBRARIES_S = time.perf_counter() - _STARTED


class MissingHandle(LookupError):
    """An input refers to an object whose call was not replayed."""


def import_solutions(folder: Path, modules: list[str]) -> dict:
    """The solution modules, imported as the worker imports them (by path, under their own name)."""
    sys.path.append(str(folder))
    loaded = {}
    for name in modules:
        spec = importlib.util.spec_from_file_location(name, folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        loaded[name] = module
    return loaded


def _inputs(entry, results: dict):
    class Inputs(pickle.Unpickler):
        def persistent_load(self, pid):
            tag, index, path = pid[0], pid[1], pid[2]
            if tag != call_log.HANDLE_TAG or index not in results:
                raise MissingHandle(f"entry {index} was not replayed")
            return call_log.follow(results[index], path)

    import io

    return Inputs(io.BytesIO(entry.inputs)).load()


def _target(entry, results: dict):
    index, path = entry.target
    if index not in results:
        raise MissingHandle(f"entry {index} was not replayed")
    return call_log.follow(results[index], path)


def perform(entry, modules: dict, target, args: tuple, kwargs: dict):
    """The one operation ``entry`` asked of the worker, done here."""
    op = entry.op
    if op == "call":
        return getattr(modules[entry.module], entry.name)(*args, **kwargs)
    if op == "judge":
        return judges.judge(entry.name, target, kwargs)
    if op == "getattr":
        return getattr(target, entry.name)
    if op == "callh":
        return target(*args, **kwargs)
    if op == "getitem":
        return target[args[0]]
    if op == "len":
        return len(target)
    if op == "list":
        return list(target)
    raise LookupError(f"unknown op {op!r}")


def replay(record: "call_log.Record", modules: dict, answers: list | None = None) -> dict:
    results: dict[int, object] = {}
    calls_s = inputs_s = 0.0
    replayed = raised = 0
    skipped: dict[str, int] = {}
    for index, entry in enumerate(record.entries):
        begin = time.perf_counter()
        try:
            if entry.unpicklable:
                raise MissingHandle(entry.unpicklable)
            target = _target(entry, results) if entry.target is not None else None
            args, kwargs = _inputs(entry, results)
        except Exception as exc:  # noqa: BLE001 - not replayable: counted, never guessed
            reason = "not picklable" if entry.unpicklable else f"{type(exc).__name__}"
            skipped[reason] = skipped.get(reason, 0) + 1
            continue
        started = time.perf_counter()
        inputs_s += started - begin
        try:
            value = perform(entry, modules, target, args, kwargs)
        except Exception as exc:  # noqa: BLE001 - the suites check errors: expected
            value = exc
            raised += 1
        calls_s += time.perf_counter() - started
        replayed += 1
        if not isinstance(value, Exception):
            results[index] = value
        if answers is not None:
            answers.append((index, value))
    return {"calls_s": calls_s, "inputs_s": inputs_s, "recorded": len(record.entries),
            "replayed": replayed, "raised": raised, "skipped": skipped}


def check(record: "call_log.Record", answers: list) -> dict:
    """Each replayed answer, as the grader would decode it, against the recorded answer."""
    from autograder.sandbox import codec

    differ = []
    for index, value in answers:
        recorded = record.entries[index].answer
        if recorded is None:
            continue
        want = pickle.loads(recorded)
        if isinstance(value, Exception):
            got = call_log.Raised(call_log.builtin_base(value))
        else:
            tag = lambda obj: {"$h": type(obj).__module__ + "." + type(obj).__qualname__}  # noqa: E731
            got = codec.decode(codec.encode(value, reference=tag),
                               references={"$h": lambda name: call_log.Handle(name)})
        if not call_log.same(want, got):
            differ.append({"entry": index, "op": record.entries[index].op,
                           "name": record.entries[index].name,
                           "recorded": repr(want)[:200], "replayed": repr(got)[:200]})
    return {"compared": len(answers), "same": len(answers) - len(differ), "differ": differ}


def main(argv: list[str]) -> int:
    path, check_out = argv[0], (argv[argv.index("--check") + 1] if "--check" in argv else None)
    loading = time.perf_counter()
    record = call_log.load(path)
    load_s = time.perf_counter() - loading
    answers = [] if check_out else None
    started = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):  # what the solutions print is not the report
        modules = import_solutions(Path(record.solutions), record.modules)
        imported = time.perf_counter()
        summary = replay(record, modules, answers)
    summary.update(libraries_s=round(_LIBRARIES_S, 4), load_s=round(load_s, 4), solutions_import_s=round(imported - started, 4),
                   wall_s=round(time.perf_counter() - _STARTED, 4), modules=record.modules)
    if check_out:
        Path(check_out).write_text(json.dumps(check(record, answers), indent=1), encoding="utf-8")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
