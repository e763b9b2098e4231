"""Typed results of one grading run; reporters render them and never compute a score.

The one score: every view shows ``GradeResult.score``, the exact sum of the tests' points
rounded to ``SCORE_DECIMALS`` (2) decimals. Where whole points are needed (GitHub Classroom),
``whole_points`` splits ``floor(score)`` over the exercises, so no view adds a point that
the two-decimal total does not have. ``feedback`` decides, once for every view, which failure
of each exercise is shown and in which order: attempted exercises first, stubs last.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

STATUSES = ("passed", "failed", "error", "timeout", "forbidden")
SCORE_DECIMALS = 2
NOT_IMPLEMENTED = "is not implemented yet"


def rounded(points: float) -> float:
    """The documented rounding of every score shown anywhere: two decimals."""
    return round(points + 0.0, SCORE_DECIMALS)


def points_text(points: float) -> str:
    """A score as every view prints it, e.g. ``83.79``."""
    return f"{rounded(points):.{SCORE_DECIMALS}f}"


@dataclass
class TestResult:
    name: str
    module: str
    function: str          # "module.function": the exercise these points belong to
    score: float
    max_score: float
    status: str            # one of STATUSES
    output: str = ""
    where: str | None = None  # the student's own "file:line", when known
    cause: str | None = None  # why it earned nothing (errors.CAUSES); None when passed or unknown

    @property
    def not_implemented(self) -> bool:
        """The test failed only because the function is still the stub."""
        first = self.output.strip().splitlines()[0] if self.output.strip() else ""
        return self.status == "failed" and NOT_IMPLEMENTED in first

    def to_dict(self) -> dict:
        data = asdict(self)
        data["score"] = round(self.score, 6)
        data["max_score"] = round(self.max_score, 6)
        return data


@dataclass
class FunctionTotal:
    function: str
    score: float
    max_score: float
    passed: int
    total: int
    status: str  # the worst status among its tests ("passed" when all passed)


@dataclass
class Feedback:
    """The failure to show per exercise: ``attempted`` first (course order), then the stubs."""

    attempted: list[TestResult]
    not_implemented: list[TestResult]

    @property
    def all(self) -> list[TestResult]:
        return self.attempted + self.not_implemented


@dataclass
class GradeResult:
    tests: list[TestResult]
    meta: dict = field(default_factory=dict)

    @property
    def exact_score(self) -> float:
        return sum(t.score for t in self.tests)

    @property
    def score(self) -> float:
        return rounded(self.exact_score)

    @property
    def max_score(self) -> float:
        return rounded(sum(t.max_score for t in self.tests))

    def by_function(self) -> list[FunctionTotal]:
        """Per exercise, in the order the suite lists them."""
        order: dict[str, list[TestResult]] = {}
        for test in self.tests:
            order.setdefault(test.function, []).append(test)
        rank = {s: i for i, s in enumerate(("passed", "failed", "timeout", "error", "forbidden"))}
        totals = []
        for function, tests in order.items():
            worst = max((t.status for t in tests), key=lambda s: rank.get(s, 3))
            totals.append(FunctionTotal(
                function, round(sum(t.score for t in tests), 6), round(sum(t.max_score for t in tests), 6),
                sum(t.status == "passed" for t in tests), len(tests), worst))
        return totals

    def failures(self) -> list[TestResult]:
        return [t for t in self.tests if t.status != "passed"]

    def feedback(self) -> Feedback:
        """One failure per failing exercise; an exercise is "not implemented" only when every
        test of it failed on the stub, so a wrong answer is never filed under the stubs."""
        grouped: dict[str, list[TestResult]] = {}
        for test in self.tests:
            grouped.setdefault(test.function, []).append(test)
        attempted, stubs = [], []
        for tests in grouped.values():
            failed = [t for t in tests if t.status != "passed"]
            if not failed:
                continue
            real = [t for t in failed if not t.not_implemented]
            if real:
                attempted.append(real[0])
            elif len(failed) == len(tests):
                stubs.append(failed[0])
            else:  # some tests pass, others reach a NotImplementedError: work in progress
                attempted.append(failed[0])
        return Feedback(attempted, stubs)

    def whole_points(self) -> list[tuple[FunctionTotal, int, int]]:
        """``(exercise, earned, maximum)`` in whole points for systems that only take integers.

        The earned points add up to ``floor(score)`` and the maxima to ``round(max_score)``
        (100). Each exercise earns its exact share rounded down or, for the few needed to
        reach ``floor(score)``, up (largest remainder first); only an exercise that earned
        something gets a point. Its maximum is its share of 100 rounded down or up, whichever
        holds what it earned, the rest of 100 going to the largest remainders. A perfect
        submission gets every maximum, a stub 0.
        """
        totals = self.by_function()
        whole = round(self.max_score)
        if not totals or self.max_score <= 0:
            return [(t, 0, m) for t, m in zip(totals, largest_remainder([t.max_score for t in totals], whole))]
        scale = whole / self.max_score
        share = [t.max_score * scale for t in totals]
        exact = [min(t.score, t.max_score) * scale for t in totals]
        target = max(0, min(whole, math.floor(self.score * scale + 1e-9)))
        earned = [math.floor(e + 1e-9) for e in exact]
        up = sorted((i for i in range(len(totals)) if exact[i] - earned[i] > 1e-9),
                    key=lambda i: (-(exact[i] - earned[i]), i))
        for i in up[: max(0, target - sum(earned))]:
            earned[i] += 1
        maxima = [max(math.floor(s + 1e-9), e) for s, e in zip(share, earned)]
        rest = sorted((i for i in range(len(totals)) if share[i] - maxima[i] > 1e-9),
                      key=lambda i: (totals[i].score >= totals[i].max_score, -(share[i] - maxima[i]), i))
        for i in rest[: max(0, whole - sum(maxima))]:
            maxima[i] += 1
        return list(zip(totals, earned, maxima))

    def to_dict(self) -> dict:
        return {"score": self.score, "max_score": self.max_score,
                "tests": [t.to_dict() for t in self.tests], "meta": dict(self.meta)}

    @classmethod
    def from_dict(cls, data: dict) -> "GradeResult":
        tests = [TestResult(**{k: t.get(k) for k in TestResult.__dataclass_fields__ if k in t})
                 for t in data["tests"]]
        return cls(tests, dict(data.get("meta", {})))


def largest_remainder(shares: list[float], total: int) -> list[int]:
    """Integers proportional to ``shares`` that add up to ``total``."""
    whole = sum(shares)
    if not shares or whole <= 0:
        return [0] * len(shares)
    exact = [s * total / whole for s in shares]
    points = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - points[i]), i))
    for i in by_remainder[: total - sum(points)]:
        points[i] += 1
    return points


def suite_label(meta: dict) -> str:
    """``hidden``, ``public`` or a suite folder's own name: never the grader's machine path."""
    suite = str(meta.get("suite", "hidden")).rstrip("/\\")
    return suite.replace("\\", "/").rsplit("/", 1)[-1] or "hidden"
