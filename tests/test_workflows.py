"""The GitHub workflows: they parse, call only commands our CLI has, and the grading step works."""
from __future__ import annotations

import base64
import json
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from autograder import cli
from autograder.instructor.release import release
from autograder.reporters import __main__ as reporters_cli

from .conftest import ROOT
from .released_env import released_env

yaml = pytest.importorskip("yaml")

CLASSROOM = ROOT / "autograder" / "instructor" / "templates" / "classroom.yml"
GRADE_CLASS = ROOT / ".github" / "workflows" / "grade-class.yml"
HIDDEN = ROOT / "autograder" / "suites" / "hidden"
_COMMAND = re.compile(r"(?:^|\$\()\s*(autograder|python -m autograder\.reporters)\s+([^)\n]*)", re.MULTILINE)
_SHELL_ENDS = {">", ">>", "|", "2>", "&&", "||", ";"}


def _load(path):
    data = yaml.safe_load(path.read_text())
    data["on"] = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    return data


def _steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _commands(workflow):
    """``(program, argv)`` for every call of our CLI or reporters in the workflow's scripts."""
    found = []
    for step in _steps(workflow):
        script = step.get("run", "").replace("\\\n", " ")
        for program, rest in _COMMAND.findall(script):
            argv = []
            for token in shlex.split(rest):
                if token in _SHELL_ENDS:
                    break
                argv.append(token)
            found.append((program, argv))
    return found


def _parses(program, argv):
    parser = cli._parser() if program == "autograder" else reporters_cli.parser()
    try:
        return parser.parse_args(argv)
    except SystemExit:
        pytest.fail(f"`{program} {' '.join(argv)}` does not parse with our CLI")


@pytest.fixture(scope="module")
def classroom():
    return _load(CLASSROOM)


def _step(workflow, **match):
    return next(s for s in _steps(workflow) if all(str(s.get(k, "")).startswith(v) for k, v in match.items()))


def test_classroom_workflow_triggers_and_reporter(classroom):
    assert {"push", "pull_request"} <= set(classroom["on"])
    grade = _step(classroom, id="grade")
    reporter = _step(classroom, uses="classroom-resources/autograding-grading-reporter@v1")
    runner = reporter["with"]["runners"]
    assert runner == grade["id"] and re.fullmatch(r"[a-zA-Z0-9]+", runner)  # the reporter's own rule
    assert reporter["env"] == {f"{runner.upper()}_RESULTS": f"${{{{ steps.{runner}.outputs.result }}}}"}
    assert any("actions/github-script" in s.get("uses", "") and "createComment" in s["with"]["script"]
               for s in _steps(classroom))
    assert "GITHUB_STEP_SUMMARY" in grade["run"] and "GITHUB_OUTPUT" in grade["run"]


def test_classroom_workflow_keeps_hidden_suites_and_token_out_of_sight(classroom):
    student = _step(classroom, uses="actions/checkout", name="Check out the submission")["with"]["path"]
    fetch = _step(classroom, name="Fetch the hidden suites")
    hidden = fetch["with"]
    assert hidden["repository"].startswith("${{ vars.") and hidden["token"].startswith("${{ secrets.")
    assert hidden["persist-credentials"] is False
    assert not hidden["path"].startswith(student)  # beside the student's tree, not in it
    assert hidden["sparse-checkout"].strip("/") == "autograder/suites/hidden"
    suites = _step(classroom, id="grade")["env"]["HIDDEN_SUITES"]
    assert suites == f"${{{{ github.workspace }}}}/{hidden['path']}/autograder/suites/hidden"
    text = CLASSROOM.read_text()
    assert text.count("secrets.") == 1  # only the checkout of the hidden suites sees the token
    for step in _steps(classroom):
        script = step.get("run", "")
        assert not re.search(r"\b(cat|less|head|tail|ls|find|tree)\b[^\n]*(grader-source|HIDDEN_SUITES)", script)
    cleanup = _step(classroom, name="Delete the hidden suites")
    assert cleanup["if"] == "always()" and hidden["path"] in cleanup["run"]


def test_workflow_commands_exist_in_our_cli(classroom):
    for path in (CLASSROOM, GRADE_CLASS):
        commands = _commands(_load(path))
        assert commands, f"{path.name} calls no autograder command"
        for program, argv in commands:
            _parses(program, argv)
    grading = [argv for program, argv in _commands(classroom) if program == "autograder"]
    assert grading == [["grade", ".", "--suite", "$HIDDEN_SUITES", "--format", "json", "--output", "$RUNNER_TEMP/result.json"]]
    formats = {_parses(p, a).format for p, a in _commands(classroom) if p != "autograder"}
    assert formats == {"classroom", "markdown", "annotations"}


def test_release_ships_the_classroom_workflow(tmp_path):
    release(tmp_path / "repo", root=ROOT, student_ci="hidden")
    assert (tmp_path / "repo" / ".github" / "workflows" / "classroom.yml").read_bytes() == CLASSROOM.read_bytes()


def _hidden_source_lines() -> set[str]:
    """Long code lines of the hidden suites that the public suites do not share."""
    public = "".join(p.read_text() for p in (ROOT / "autograder" / "suites" / "public").glob("*.py"))
    lines = set()
    for path in HIDDEN.glob("test_*.py"):
        lines |= {s for s in (l.strip() for l in path.read_text().splitlines())
                  if len(s) >= 40 and not s.startswith(("#", '"', "'", "f\"")) and s not in public}
    return lines


def test_classroom_grading_step_runs_against_a_hidden_source(classroom, tmp_path):
    """Run the workflow's own grading and clean-up scripts on a released repository."""
    workspace, runner_temp = tmp_path / "workspace", tmp_path / "runner-temp"
    runner_temp.mkdir()
    fetch = _step(classroom, name="Fetch the hidden suites")["with"]["path"]
    submission = workspace / _step(classroom, name="Check out the submission")["with"]["path"]
    release(submission, root=ROOT)
    shutil.copy(ROOT / "solutions" / "numpy_basics.py", submission / "exercises" / "numpy_basics.py")
    shutil.copytree(HIDDEN, workspace / fetch / "autograder" / "suites" / "hidden")
    output, summary = runner_temp / "output", runner_temp / "summary"
    env = released_env(submission, tmp_path, GITHUB_WORKSPACE=str(workspace), RUNNER_TEMP=str(runner_temp),
                       GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary))
    grade = _step(classroom, id="grade")
    for key, value in grade["env"].items():
        env[key] = value.replace("${{ github.workspace }}", str(workspace))
    assert workspace / grade["working-directory"] == submission
    proc = subprocess.run(["bash", "-e", "-c", grade["run"]], cwd=submission, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]

    result = dict(line.split("=", 1) for line in output.read_text().splitlines())["result"]
    data = json.loads(base64.b64decode(result))
    assert data["version"] == 1 and data["status"] == "fail" and data["max_score"] == 100
    numpy_entries = [t for t in data["tests"] if t["name"].startswith("numpy_basics.")]
    others = [t for t in data["tests"] if not t["name"].startswith("numpy_basics.")]
    assert numpy_entries and others
    assert all(t["status"] == "pass" and t["score"] == t["max_score"] > 0 for t in numpy_entries)
    assert all(t["status"] in ("fail", "error") and t["score"] == 0 for t in others)
    assert all(t["filename"].startswith("exercises/") for t in others)
    stubs = [t for t in others if "not implemented yet" in t["message"]]
    assert stubs and all(t["line_no"] > 0 for t in stubs)  # the stub's own line
    assert summary.read_text().startswith("## Autograder score: ")
    annotations = [l for l in proc.stdout.splitlines() if l.startswith(("::error file=exercises/", "::warning file=exercises/"))]
    assert annotations and not any("numpy_basics" in l for l in annotations)
    shown = proc.stdout + proc.stderr + result + summary.read_text()
    assert not [l for l in _hidden_source_lines() if l in shown]

    cleanup = _step(classroom, name="Delete the hidden suites")
    subprocess.run(["bash", "-e", "-c", cleanup["run"]], env=env, check=True, timeout=30)
    assert not (workspace / fetch).exists()


def test_grade_class_workflow(tmp_path):
    workflow = _load(GRADE_CLASS)
    assert {"workflow_dispatch", "schedule"} <= set(workflow["on"])
    jobs = workflow["jobs"]
    assert "${{ fromJSON(needs.list.outputs.shards) }}" == jobs["grade"]["strategy"]["matrix"]["shard"]
    parsed = {}
    for program, argv in _commands(workflow):
        args = _parses(program, argv)
        parsed[args.command] = args
    assert set(parsed) == {"release", "grade-class", "merge"}
    assert parsed["grade-class"].shard == "$SHARD/$SHARDS" and parsed["grade-class"].template
    assert parsed["merge"].out == "gradebook"
    uploads = [s["with"]["name"] for s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact")]
    assert "gradebook" in uploads and "graded-${{ matrix.shard }}" in uploads
    for step in _steps(workflow):  # the token reaches only the steps that call gh
        if "secrets." in json.dumps(step):
            assert "gh " in step["run"] and "secrets." not in step["run"]
