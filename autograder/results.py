"""Typed results of one grading run; reporters render them and never compute a score."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

STATUSES = ("passed", "failed", "error", "timeout", "forbidden")


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
class GradeResult:
    tests: list[TestResult]
    meta: dict = field(default_factory=dict)

    @property
    def score(self) -> float:
        return round(sum(t.score for t in self.tests), 6)

    @property
    def max_score(self) -> float:
        return round(sum(t.max_score for t in self.tests), 6)

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

    def to_dict(self) -> dict:
        return {"score": self.score, "max_score": self.max_score,
                "tests": [t.to_dict() for t in self.tests], "meta": dict(self.meta)}

    @classmethod
    def from_dict(cls, data: dict) -> "GradeResult":
        tests = [TestResult(**{k: t.get(k) for k in TestResult.__dataclass_fields__ if k in t})
                 for t in data["tests"]]
        return cls(tests, dict(data.get("meta", {})))
