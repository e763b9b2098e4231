"""Two-sample t-tests (course section "Intro", SciPy's stats module): do two samples share a mean?

The course asks: given test scores from two classes, "how strongly can we believe that
the same process generated these two sets of data?" A two-sample t-test answers a
narrower question: are the two MEANS plausibly equal? It compares the difference of the
sample means with its standard error:

    t = (mean(a) - mean(b)) / standard_error

and, under the null hypothesis of equal means (and normally distributed data), ``t``
follows Student's t distribution with known degrees of freedom.

What the p-value is (the course text gets this wrong): the probability, computed
*assuming the means are equal*, of a t statistic at least as far from 0 as the one
observed. It is NOT the probability that both samples come from the same process, and a
p-value near 1 is not "a lot of confidence" that they do: not rejecting is an absence of
evidence against equal means, not evidence for them. The test also looks only at means:
the course's ``a ~ N(0, 1)`` and ``b ~ N(0, 0.5)`` have equal means and different spreads,
so they come from different processes and a t-test will (correctly) not notice.
"""
import numpy as np
from scipy import stats


def pooled_t_statistic(a, b):
    """Student's two-sample t statistic with a pooled variance (equal variances assumed).

    Level: ★★

    With sizes ``n_a, n_b``, means ``m_a, m_b`` and sample variances ``s_a², s_b²``
    (``ddof=1``: divide by ``n - 1``), the pooled variance weighs each sample's
    variance by its degrees of freedom:

        s_p² = ((n_a - 1) s_a² + (n_b - 1) s_b²) / (n_a + n_b - 2)
        t    = (m_a - m_b) / sqrt(s_p² (1/n_a + 1/n_b))

    Compute variances from the centred values (``x - mean``), not as
    ``mean(x²) - mean(x)²``, which loses every digit for data like ``1e9 + noise``.

    Contract: ``a`` and ``b`` are 1-D samples (lists or arrays of ints or floats,
    converted with ``np.asarray``, never modified). Fewer than 2 values in either
    sample, a non-finite value, or both samples without any spread (the statistic would
    be 0/0 or infinite): ``ValueError``. Returns a Python ``float`` equal to
    ``scipy.stats.ttest_ind(a, b).statistic``.

    >>> round(pooled_t_statistic([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]), 6)
    -1.897367
    """
    raise NotImplementedError("exercise t_tests.pooled_t_statistic: replace this line with your code")


def welch_t_statistic(a, b):
    """Welch's two-sample t statistic (variances NOT assumed equal).

    Level: ★

    Each mean carries its own squared standard error ``s²/n`` (``ddof=1`` variances):

        t = (m_a - m_b) / sqrt(s_a²/n_a + s_b²/n_b)

    For equal sample sizes this equals the pooled statistic; it differs when sizes
    and variances differ.

    Contract: as :func:`pooled_t_statistic` (1-D samples, at least 2 values each,
    finite, not both constant, else ``ValueError``; inputs never modified). Returns a
    Python ``float`` equal to ``scipy.stats.ttest_ind(a, b, equal_var=False).statistic``.

    >>> round(welch_t_statistic([19.1, 21.4, 18.7, 22.0, 20.3], [23.5, 24.9, 22.1, 25.8]), 6)
    -3.662647
    """
    raise NotImplementedError("exercise t_tests.welch_t_statistic: replace this line with your code")


def welch_dof(a, b):
    """The Welch–Satterthwaite degrees of freedom of Welch's t-test.

    Level: ★★

    With ``v_a = s_a²/n_a`` and ``v_b = s_b²/n_b`` (``ddof=1`` variances):

        dof = (v_a + v_b)² / (v_a²/(n_a - 1) + v_b²/(n_b - 1))

    It lies between ``min(n_a, n_b) - 1`` and ``n_a + n_b - 2`` and is usually not
    an integer.

    Contract: as :func:`pooled_t_statistic` (1-D samples, at least 2 values each,
    finite, not both constant, else ``ValueError``; inputs never modified). Returns a
    Python ``float`` equal to ``scipy.stats.ttest_ind(a, b, equal_var=False).df``.

    >>> round(welch_dof([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]), 6)
    5.882353
    """
    raise NotImplementedError("exercise t_tests.welch_dof: replace this line with your code")


def t_test(a, b, equal_var=True):
    """The two-sample t-test: the statistic and its TWO-sided p-value.

    Level: ★★★

    ``equal_var=True`` is Student's test (pooled variance, ``n_a + n_b - 2`` degrees of
    freedom); ``equal_var=False`` is Welch's test (Welch–Satterthwaite degrees of
    freedom). The two-sided p-value counts both tails of Student's t distribution:
    ``p = 2 · P(T ≥ |t|) = 2 · scipy.stats.t.sf(|t|, dof)``. It is the probability,
    if the means were equal, of a statistic at least this far from 0 — not the
    probability that the samples come from the same process.

    Contract: samples as in :func:`pooled_t_statistic` (at least 2 values each, else
    ``ValueError``; never modified). Returns a tuple of two Python ``float``
    ``(statistic, p_value)``, equal to ``scipy.stats.ttest_ind(a, b,
    equal_var=equal_var)`` to 1e-10. You may use ``scipy.stats.t``; forbidden:
    ``ttest_ind``.

    >>> a = [19.1, 21.4, 18.7, 22.0, 20.3]   # test scores, class A
    >>> b = [23.5, 24.9, 22.1, 25.8]         # test scores, class B
    >>> t, p = t_test(a, b)
    >>> round(t, 4), round(p, 4)
    (-3.7237, 0.0074)
    >>> t, p = t_test(a, b, equal_var=False)
    >>> round(t, 4), round(p, 4)
    (-3.6626, 0.0102)
    """
    raise NotImplementedError("exercise t_tests.t_test: replace this line with your code")


def same_process(a, b, alpha=0.05, equal_var=True):
    """Decide at level ``alpha`` whether the data are consistent with equal means.

    Level: ★★

    Run :func:`t_test` (passing ``equal_var`` on) and reject the null hypothesis of
    equal means when ``p < alpha``. Returns ``True`` when it is NOT rejected. Read
    ``True`` as "no evidence of different means at this level", not as proof that
    one process generated both samples; ``alpha`` is the rate of false alarms
    (rejecting when the means really are equal) you accept.

    Contract: samples as in :func:`t_test` (``ValueError`` for fewer than 2 values on a
    side; never modified); ``alpha`` must lie strictly between 0 and 1, else
    ``ValueError`` whose message names ``alpha``. Returns a Python ``bool``.

    >>> a = [19.1, 21.4, 18.7, 22.0, 20.3]
    >>> b = [23.5, 24.9, 22.1, 25.8]
    >>> same_process(a, b)
    False
    >>> same_process(a, b, alpha=0.005)
    True
    """
    raise NotImplementedError("exercise t_tests.same_process: replace this line with your code")
