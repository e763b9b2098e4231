"""The grader's hypothesis profile, registered when hypothesis is imported and not before.

Deterministic and database-free, so the same submission gets the same score. The public
suites never use hypothesis: importing it at configure time only to register the profile
cost every student's ``pytest`` a tenth of a second. It cannot simply wait for the first
test either: a ``@settings(...)`` decorator copies the defaults when it runs, at the suite's
import. So when hypothesis is not imported yet, a finder on ``sys.meta_path`` registers the
profile the moment hypothesis's own import finishes, before the suite that imports it goes on.
"""
from __future__ import annotations

import sys
from importlib.abc import Loader, MetaPathFinder

PROFILE = "autograder"


def register_profile(*, shrink: bool, load: bool) -> None:
    """Register the profile (``shrink=False``: no shrink phase, for audits); ``load`` makes it the default."""
    from hypothesis import HealthCheck, Phase, settings

    phases = [p for p in Phase if not (p is Phase.shrink and not shrink)]
    settings.register_profile(
        PROFILE, derandomize=True, database=None, deadline=None, max_examples=25,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                               HealthCheck.data_too_large, HealthCheck.filter_too_much],
        print_blob=False, phases=phases,
    )
    if load:
        settings.load_profile(PROFILE)


def register_when_imported(*, shrink: bool, load: bool):
    """``register_profile`` now if hypothesis is imported, else right after its import.

    Returns a function that forgets a registration still waiting (a run that never imported
    hypothesis must not set the profile of a later import in the same process).
    """
    if "hypothesis" in sys.modules:
        register_profile(shrink=shrink, load=load)
        return lambda: None
    finder = _AfterImport("hypothesis", lambda: register_profile(shrink=shrink, load=load))
    sys.meta_path.insert(0, finder)
    return finder.forget


class _AfterImport(MetaPathFinder):
    """Finds nothing of its own: gives module ``name`` a loader that calls ``then`` after it ran."""

    def __init__(self, name: str, then):
        self.name, self.then = name, then

    def forget(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)

    def find_spec(self, name, path=None, target=None):
        if name != self.name or self not in sys.meta_path:
            return None
        for finder in sys.meta_path[sys.meta_path.index(self) + 1:]:
            spec = finder.find_spec(name, path, target) if hasattr(finder, "find_spec") else None
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _ThenLoader(spec.loader, self)
        return spec


class _ThenLoader(Loader):
    """The module's own loader, then the finder's ``then`` (once, and only if the import worked)."""

    def __init__(self, loader, finder: _AfterImport):
        self.loader, self.finder = loader, finder

    def create_module(self, spec):
        create = getattr(self.loader, "create_module", None)
        return create(spec) if create else None

    def exec_module(self, module) -> None:
        module.__loader__ = module.__spec__.loader = self.loader  # the module sees its real loader
        self.loader.exec_module(module)
        if self.finder in sys.meta_path:
            self.finder.forget()
            self.finder.then()
