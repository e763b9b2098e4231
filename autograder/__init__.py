"""Auto-graded exercises for Deep Learning Fundamentals and the sandboxed grader behind them.

The package is laid out by who runs it::

    cli ─▶ grading ─▶ pytest + plugin ─▶ suites/{public,hidden}
                │                  └─▶ sandbox.client (Submission) ─▶ launcher ─▶ forkserver ─▶ worker
                └─▶ results ─▶ reporters/                     codec between them; confine, static, bounds
    cli ─▶ instructor/ (batch, sync, release, export, audit, stubs, mutants, synthetic)

Everything outside ``instructor/`` (and the hidden suites and mutants) is the student's copy;
``instructor/`` imports the student part, never the other way round. Errors and exit codes
live in ``errors``, paths in ``paths``, a run's settings in ``settings``; ``outcome``
decides each test's status, score and cause.
"""

__version__ = "0.1.0"
