"""The student workflow modes of `autograder release`, the sync-class workflow, and the
Classroom grades CSV check."""
from __future__ import annotations

import base64
import csv
import json
import re
import subprocess

import pytest

from autograder import cli
from autograder.instructor.batch.classroom_csv import check, honest_points
from autograder.grading import grade
from autograder.instructor.release import release
from autograder.reporters import classroom
from autograder.results import GradeResult
from autograder.results import TestResult as Check

from .conftest import ROOT
from .released_env import released_env
from .test_release import _hidden_test_names
from .test_workflows import _commands, _load, _parses, _step, _steps

yaml = pytest.importorskip("yaml")

SYNC_CLASS = ROOT / ".github" / "workflows" / "sync-class.yml"


@pytest.fixture(scope="module")
def public_release(tmp_path_factory):
    out = tmp_path_factory.mktemp("public-template")
    release(out, root=ROOT)  # the default
    return out


def test_public_release_holds_no_token_and_no_hidden_suite(public_release):
    workflow_path = public_release / ".github" / "workflows" / "classroom.yml"
    text = workflow_path.read_text()
    assert not re.search(r"secrets\.|github\.token|token:|AUTOGRADER_SOURCE|suites/hidden", text)
    workflow = _load(workflow_path)
    assert {"push", "pull_request"} <= set(workflow["on"])
    assert "pull-requests" not in workflow["permissions"]  # the grade's comment comes from sync-class
    checkouts = [s for s in _steps(workflow) if s.get("uses", "").startswith("actions/checkout")]
    assert len(checkouts) == 1 and "repository" not in checkouts[0].get("with", {})
    grading = [a for p, a in _commands(workflow) if p == "autograder"]
    assert grading == [["grade", ".", "--suite", "public", "--format", "json", "--output",
                        "$RUNNER_TEMP/result.json"]]
    for program, argv in _commands(workflow):
        _parses(program, argv)
    hidden = _hidden_test_names()
    assert hidden
    for path in public_release.rglob("*"):
        if path.is_file():
            content = path.read_text(encoding="utf-8")
            assert not [n for n in hidden if re.search(rf"\b{n}\b", content)], path
    readme = (public_release / "README.md").read_text()
    assert "**autograder**" in readme and "public" in readme and "{{" not in readme


def test_hidden_release_is_the_token_workflow_with_its_risk_stated(tmp_path):
    release(tmp_path / "repo", root=ROOT, student_ci="hidden")
    workflow = (tmp_path / "repo" / ".github" / "workflows" / "classroom.yml").read_bytes()
    assert workflow == (ROOT / "autograder" / "instructor" / "templates" / "classroom.yml").read_bytes()
    readme = (tmp_path / "repo" / "README.md").read_text()
    assert "could read the tests or report\nany score" in readme and "{{" not in readme


def test_release_refuses_an_unknown_student_ci(tmp_path, capsys):
    assert cli.main(["release", str(tmp_path / "out"), "--student-ci", "secret"]) == 2
    assert "--student-ci must be one of public, hidden" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_public_workflow_reports_the_public_estimate(public_release, tmp_path):
    """Run the released workflow's grading script; its Classroom output is the public suite's grade."""
    import shutil

    submission = tmp_path / "submission"
    shutil.copytree(public_release, submission)
    shutil.copy(ROOT / "solutions" / "numpy_basics.py", submission / "exercises" / "numpy_basics.py")
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    output, summary = runner_temp / "output", runner_temp / "summary"
    env = released_env(submission, tmp_path, RUNNER_TEMP=str(runner_temp), GITHUB_OUTPUT=str(output),
                       GITHUB_STEP_SUMMARY=str(summary))
    step = _step(_load(submission / ".github" / "workflows" / "classroom.yml"), id="grade")
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=submission, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = dict(line.split("=", 1) for line in output.read_text().splitlines())["result"]
    reported = json.loads(base64.b64decode(result))
    # through JSON as in the workflow: the reporter's whole points break near-ties on rounded floats
    expected = classroom.payload(GradeResult.from_dict(grade(submission, suite="public").to_dict()))
    assert [(t["name"], t["score"], t["max_score"]) for t in reported["tests"]] == \
           [(t["name"], t["score"], t["max_score"]) for t in expected["tests"]]
    earned = sum(t["score"] for t in reported["tests"])
    assert 0 < earned < reported["max_score"] == 100
    assert "Estimate from the public tests" in summary.read_text()


def test_sync_class_workflow(tmp_path):
    workflow = _load(SYNC_CLASS)
    assert workflow["on"]["schedule"] == [{"cron": "*/10 * * * *"}] and "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    parsed = [_parses(p, a) for p, a in _commands(workflow)]
    assert [a.command for a in parsed] == ["sync-class"]
    sync = parsed[0]
    assert sync.out == "sync-state" and sync.shard == "$SHARD/$SHARDS" and sync.api == "$API"
    restore = _step(workflow, uses="actions/cache/restore@")["with"]
    save = _step(workflow, uses="actions/cache/save@")
    assert restore["path"] == save["with"]["path"] == sync.out
    assert save["with"]["key"] == "${{ steps.restore.outputs.cache-primary-key }}"
    assert _step(workflow, uses="actions/cache/restore@")["id"] == "restore"
    assert restore["key"].startswith(restore["restore-keys"]) and "github.run_id" in restore["key"]
    assert save["if"] == "always()"
    assert "${{ fromJSON(needs.plan.outputs.shards) }}" == workflow["jobs"]["sync"]["strategy"]["matrix"]["shard"]
    for step in _steps(workflow):  # the token reaches only the step that runs sync-class
        if "secrets." in json.dumps(step):
            assert "sync-class" in step["run"] and "secrets." not in step["run"]
            assert step["env"]["GITHUB_TOKEN"].startswith("${{ secrets.")
    summary_step = _step(workflow, name="Summary")
    (tmp_path / "sync-state").mkdir()
    (tmp_path / "sync-state" / "sync.json").write_text(json.dumps({"problems": {"dl-x": "empty repository"}}))
    env = {"PATH": "/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    subprocess.run(["bash", "-e", "-c", summary_step["run"]], cwd=tmp_path, env=env, check=True, timeout=30)
    assert (tmp_path / "summary.md").read_text() == \
        "## Sync: 1 problem(s), retried by the next run\n- `dl-x`: empty repository\n"


def _result(scores: dict[str, tuple[float, float]]) -> GradeResult:
    tests = [Check(name=f"test_{f}", module=f.split(".")[0], function=f, score=s, max_score=m,
                        status="passed" if s == m else "failed") for f, (s, m) in scores.items()]
    return GradeResult(tests)


def test_classroom_csv_flags_only_scores_above_the_regrade(tmp_path):
    # Three exercises of 1/3 each: Classroom gets floor(score) in whole points, so full marks on
    # the first is 33, not 33.33; the check must use those whole points, on each row's own scale.
    thirds = 100 / 3
    partial = _result({"a.f": (thirds, thirds), "a.g": (0.0, thirds), "a.h": (0.0, thirds)})
    full = _result({"a.f": (thirds, thirds), "a.g": (thirds, thirds), "a.h": (thirds, thirds)})
    records = {name: {"student": name, "result": r.to_dict()} for name, r in
               {"hw-ann": partial, "hw-ben": partial, "hw-cy": full, "hw-di": partial}.items()}
    records["hw-ed"] = {"student": "hw-ed", "result": None}  # no modules: 0
    assert honest_points(records["hw-ann"], 100) == 33 and honest_points(records["hw-ann"], 10) == pytest.approx(3.3)
    path = tmp_path / "grades.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["assignment_name", "github_username", "roster_identifier", "student_repository_name",
                         "student_repository_url", "submission_timestamp", "points_awarded", "points_available"])
        writer.writerow(["hw", "ann", "a1", "hw-ann", "https://github.com/o/hw-ann", "t", "33", "100"])
        writer.writerow(["hw", "ben", "b1", "", "https://github.com/o/hw-ben", "t", "3.3", "10"])
        writer.writerow(["hw", "cy", "c1", "hw-cy", "", "t", "100", "100"])
        writer.writerow(["hw", "di", "d1", "", "", "t", "35", "100"])      # matched by login; inflated
        writer.writerow(["hw", "zed", "z1", "hw-zed", "", "t", "100", "100"])  # nobody graded: ignored
    from autograder.instructor.batch.classroom_csv import read_grades

    found = check(records, read_grades(path))
    assert set(found) == {"hw-ann", "hw-ben", "hw-cy", "hw-di"}
    assert {s for s, e in found.items() if e["forged"]} == {"hw-di"}


@pytest.mark.slow
def test_grade_class_flags_a_forged_classroom_score(tmp_path, capfd):
    import shutil

    klass, suite = tmp_path / "class", tmp_path / "suite"
    suite.mkdir()
    shutil.copy(ROOT / "autograder" / "suites" / "public" / "test_numpy_basics.py", suite)
    for name, source in (("hw-ann", "solutions"), ("hw-ben", "exercises")):
        (klass / name / "exercises").mkdir(parents=True)
        shutil.copy(ROOT / source / "numpy_basics.py", klass / name / "exercises")
    grades = tmp_path / "grades.csv"
    grades.write_text("github_username,student_repository_name,points_awarded,points_available\n"
                      "ann,hw-ann,20,20\nben,hw-ben,7,20\n")
    code = cli.main(["grade-class", str(klass), "--out", str(tmp_path / "out"), "--suite", str(suite),
                     "--jobs", "1", "--classroom-csv", str(grades)])
    err = capfd.readouterr().err
    assert code == 0, err
    assert [l for l in err.splitlines() if l.startswith("warning:")] == [
        "warning: hw-ben: GitHub Classroom shows 7 / 20, but the authoritative regrade gives 0: "
        "the score was forged (or the CSV is of another commit)"]
    with open(tmp_path / "out" / "gradebook.csv", newline="") as handle:
        rows = {r["student"]: r for r in csv.DictReader(handle)}
    assert (rows["hw-ann"]["classroom_points"], rows["hw-ann"]["forged"]) == ("20/20", "no")
    assert (rows["hw-ben"]["classroom_points"], rows["hw-ben"]["forged"]) == ("7/20", "yes")
    students = json.loads((tmp_path / "out" / "gradebook.json").read_text())["students"]
    assert [s["classroom"]["forged"] for s in students] == [False, True]


def test_grade_class_refuses_a_foreign_csv(tmp_path, capsys):
    (tmp_path / "class" / "x").mkdir(parents=True)
    (tmp_path / "grades.csv").write_text("name,score\nx,1\n")
    code = cli.main(["grade-class", str(tmp_path / "class"), "--out", str(tmp_path / "out"),
                     "--classroom-csv", str(tmp_path / "grades.csv")])
    assert code == 2 and "not a GitHub Classroom grades CSV" in capsys.readouterr().err
