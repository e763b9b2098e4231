"""Tripwires: forbidden library functions that report their calls in the worker, however captured.

The worker installs them before it imports a submission; the static check is the gate, these
are the second look.
"""
from __future__ import annotations

import contextlib
import sys
import types


class Tripwires:
    """Forbidden library functions that report when the submission calls them, however captured.

    They are installed before a submission module is imported and stay for the worker's
    life, in every loaded module that holds the function (``numpy.dot`` is also
    ``numpy._core.multiarray.dot``), so ``from numpy import dot``, ``_dot = np.dot`` or a
    default argument captures the tripwire. After the import, references the module took
    to an unwrapped original (a library imported by the submission itself) are swapped for
    tripwires in its globals, default arguments, closures, class attributes and containers.
    A tripwire records a call only while an exercise that forbids it runs, and only from
    the submission's files; it returns the real answer, and the grader scores the exercise
    as forbidden. The static check is the gate; this is the second look.
    """

    def __init__(self, forbidden: dict[str, list[str]], src_prefix: str):
        self.forbidden, self.src = forbidden, src_prefix
        self.active: frozenset[str] = frozenset()
        self.used: list[str] = []
        self.wrappers: dict[int, object] = {}  # id(original) -> its tripwire
        self.originals: dict[int, object] = {}  # keeps the originals alive (ids stay unique)
        self.entries: dict[int, set[str]] = {}  # id(tripwire) -> the forbidden entries it stands for
        self.spread_over: set[str] = set()  # modules that hold every tripwire made so far
        self.marker = modules_marker()  # where sys.modules stood at the last spread
        # entries already wrapped: a bound method such as numpy.multiply.outer is a new object
        # at every lookup, and would otherwise make a new tripwire (and a whole spread) each time
        self.installed: set[str] = set()

    def names(self, module: str, function: str | None = None) -> list[str]:
        """The entries of one exercise (with its module's ``module.*``), or of all of a module's."""
        if function is not None:
            return list(self.forbidden.get(f"{module}.{function}", ())) + list(self.forbidden.get(f"{module}.*", ()))
        return sorted({n for key, names in self.forbidden.items() if key.split(".", 1)[0] == module for n in names})

    def _tripwire(self, original, dotted: str, entry: str):
        if id(original) in self.entries:  # already a tripwire: it stands for one more entry
            self.entries[id(original)].add(entry)
            return original
        if id(original) in self.wrappers:
            wrapper = self.wrappers[id(original)]
            self.entries[id(wrapper)].add(entry)
            return wrapper
        watch, entries = self, {entry}

        def tripwire(*args, **kwargs):
            if watch.active and not entries.isdisjoint(watch.active):
                caller = sys._getframe(1).f_code.co_filename
                if caller.startswith(watch.src):
                    watch.used.append(dotted)
            return original(*args, **kwargs)

        for attr in ("__name__", "__qualname__", "__doc__", "__module__"):
            try:
                setattr(tripwire, attr, getattr(original, attr))
            except (AttributeError, TypeError):
                pass
        self.wrappers[id(original)] = tripwire
        self.originals[id(original)] = original
        self.entries[id(tripwire)] = entries
        return tripwire

    def install(self, names) -> None:
        """Wrap every named function (all public functions of a named module) wherever it is loaded."""
        made = len(self.wrappers)
        for entry in names:
            if entry in self.installed:  # its functions stay wrapped; new modules get them in _spread
                continue
            parts = entry.split(".")
            target, owner = sys.modules.get(parts[0]), None
            for part in parts[1:]:
                owner, target = target, getattr(target, part, None)
                if target is None:
                    break
            if target is None:
                continue
            if isinstance(target, type(sys)):
                # its own functions only: statistics.sqrt is math.sqrt, which stays allowed
                public = getattr(target, "__all__", None) or [a for a in dir(target) if not a.startswith("_")]
                for attr in public:
                    value = getattr(target, str(attr), None)
                    home = str(getattr(value, "__module__", None) or "")
                    if _wrappable(value) and home.split(".")[0] == parts[0]:
                        self._tripwire(value, f"{entry}.{attr}", entry)
            elif owner is not None and _wrappable(target):
                self._tripwire(target, entry, entry)
            self.installed.add(entry)
        self._spread(everywhere=len(self.wrappers) != made)

    def _spread(self, everywhere: bool) -> None:
        """Put the tripwires in every loaded module that holds one of the originals.

        With no new tripwire since the last spread, only the modules loaded since are
        searched: a worker forked from a server that installed them all pays for its own
        imports alone.
        """
        tops = {entry.split(".")[0] for entries in self.entries.values() for entry in entries}
        if everywhere:
            self.spread_over.clear()
        names = list(sys.modules) if everywhere else loaded_since(self.marker)
        for name in names:
            if name in self.spread_over:
                continue
            self.spread_over.add(name)
            module = sys.modules.get(name)
            if module is None or name.split(".")[0] not in tops:
                continue
            try:
                items = list(vars(module).items())
            except TypeError:
                continue
            for attr, value in items:
                wrapper = self.wrappers.get(id(value))
                if wrapper is not None and self.originals.get(id(value)) is value:
                    try:
                        setattr(module, attr, wrapper)
                    except (AttributeError, TypeError):
                        pass
        self.marker = modules_marker()

    def rewire(self, module) -> None:
        """Swap originals that ``module`` captured at import for their tripwires."""
        seen: set[int] = set()
        namespace = vars(module)
        for key, value in list(namespace.items()):
            namespace[key] = self._swap(value, seen, 3)

    def _swap(self, value, seen: set[int], depth: int):
        wrapper = self.wrappers.get(id(value))
        if wrapper is not None and self.originals.get(id(value)) is value:
            return wrapper
        if depth <= 0 or id(value) in seen:
            return value
        seen.add(id(value))
        try:
            if isinstance(value, types.FunctionType) and value.__code__.co_filename.startswith(self.src):
                if value.__defaults__:
                    value.__defaults__ = tuple(self._swap(v, seen, depth - 1) for v in value.__defaults__)
                if value.__kwdefaults__:
                    value.__kwdefaults__ = {k: self._swap(v, seen, depth - 1) for k, v in value.__kwdefaults__.items()}
                for cell in value.__closure__ or ():
                    try:
                        cell.cell_contents = self._swap(cell.cell_contents, seen, depth - 1)
                    except ValueError:  # an empty cell
                        pass
            elif isinstance(value, (staticmethod, classmethod)):
                inner = self._swap(value.__func__, seen, depth - 1)
                if inner is not value.__func__:
                    return type(value)(inner)
            elif isinstance(value, type) and self._ours(value):
                for key, item in list(vars(value).items()):
                    swapped = self._swap(item, seen, depth - 1)
                    if swapped is not item:
                        setattr(value, key, swapped)
            elif type(value) is dict:
                for key, item in list(value.items()):
                    value[key] = self._swap(item, seen, depth - 1)
            elif type(value) is list:
                value[:] = [self._swap(item, seen, depth - 1) for item in value]
            elif type(value) is tuple:
                swapped = tuple(self._swap(item, seen, depth - 1) for item in value)
                if any(a is not b for a, b in zip(swapped, value)):
                    return swapped
        except (AttributeError, TypeError):
            pass
        return value

    def _ours(self, cls: type) -> bool:
        """Whether a class was defined by the submission (library classes are left alone)."""
        home = sys.modules.get(getattr(cls, "__module__", None) or "")
        return str(getattr(home, "__file__", None) or "").startswith(self.src)

    @contextlib.contextmanager
    def watch(self, module: str, function: str):
        """For one call of ``module.function``: yields the forbidden names it called."""
        self.active, self.used = frozenset(self.names(module, function)), []
        try:
            yield self.used
        finally:
            self.active = frozenset()


def modules_marker() -> tuple[int, str | None]:
    """How many modules are loaded and the newest one's name (see ``loaded_since``)."""
    return len(sys.modules), next(reversed(sys.modules), None)


def loaded_since(marker: tuple[int, str | None]) -> list[str]:
    """The names of the modules loaded since ``marker``, newest first; all of them when unsure.

    ``sys.modules`` keeps the order modules were added in, so they are the names after the
    marker's newest one, read from the end. Walking the whole dict in a forked worker would
    touch every module object of the fork server and copy the pages they sit on (about 2,500
    pages, 12 ms a worker); a dict that changed in any other way is walked whole.
    """
    count, newest = marker
    modules = sys.modules
    if newest is not None and newest in modules:
        fresh = []
        for name in reversed(modules):
            if name == newest:
                break
            fresh.append(name)
        if len(modules) - count == len(fresh):
            return fresh
    return list(modules)


def _wrappable(value) -> bool:
    """Functions and ufuncs, not classes: a wrapped class would break ``isinstance``."""
    return callable(value) and not isinstance(value, type)


PREINSTALLED: Tripwires | None = None  # made by the fork server, inherited by every worker


def preinstall(forbidden: dict[str, list[str]]) -> None:
    """In the fork server, after its imports: the tripwires of every exercise, made once.

    A tripwire reports only while an exercise that forbids it runs, so one set serves every
    module's worker; each worker then wires only what its own submission imports.
    """
    global PREINSTALLED
    wires = Tripwires(forbidden, src_prefix="\0")  # no file is the submission's until a worker says
    wires.install(sorted({name for names in forbidden.values() for name in names}))
    PREINSTALLED = wires


def for_worker(forbidden: dict[str, list[str]], src_prefix: str) -> Tripwires:
    """The preinstalled tripwires when they stand for the same lists, else a fresh set."""
    wires = PREINSTALLED
    if wires is None or wires.forbidden != forbidden:
        return Tripwires(forbidden, src_prefix)
    wires.src = src_prefix
    return wires
