"""Auto-graded exercises for Deep Learning Fundamentals and the sandboxed grader behind them."""

__version__ = "0.1.0"
