# Comparison used by the tests below: numbers within a tolerance, everything else exactly.
import math
import warnings

import numpy as np

# nbgrader gives 0 to a graded cell that writes to stderr: a small network's
# ConvergenceWarning in a test is expected, not a failure.
warnings.filterwarnings("ignore", category=Warning, module="sklearn")
warnings.filterwarnings("ignore", message=".*converge.*")


def _close(got, want, rtol=1e-7, atol=1e-10):
    """Whether an answer equals the expected value (arrays compare as lists, tuples as lists)."""
    if isinstance(got, np.ndarray):
        got = got.tolist()
    if isinstance(got, np.generic):
        got = got.item()
    if isinstance(want, bool) or isinstance(got, bool):
        return isinstance(got, bool) and isinstance(want, bool) and got == want
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        if math.isnan(want) or math.isnan(got):
            return math.isnan(want) and math.isnan(got)
        return math.isclose(got, want, rel_tol=rtol, abs_tol=atol)
    if isinstance(want, (list, tuple)) and isinstance(got, (list, tuple)):
        return len(got) == len(want) and all(_close(g, w, rtol, atol) for g, w in zip(got, want))
    if isinstance(want, dict) and isinstance(got, dict):
        return list(got) == list(want) and all(_close(got[k], want[k], rtol, atol) for k in want)
    return type(got) is type(want) and got == want
