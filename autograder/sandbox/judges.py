"""The grader's own routines for results that stay in the worker: a figure, a fitted network.

Such a result is never judged by what it says about itself (any class can call itself
``matplotlib.figure.Figure`` and answer ``axes`` and titles). The grader asks for plain
data that only a correct result produces and that the trusted side checks on its own:
the figure's pixels, drawn by the real Agg canvas, and the network's predictions on
inputs it never saw, with its real weight arrays. The classes are bound here, when the
worker module is loaded in the fork server, before any submission is imported, and
compared with ``type(x) is``: a subclass or a look-alike is refused.

This code runs in the worker, which the submission controls, so its answers are data to
check, never facts: the trusted side compares the pixels with its own rendering of the
expected figure and the predictions with the true labels and its own network.
"""
from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg as _AggCanvas
from matplotlib.figure import Figure as _Figure
from sklearn.neural_network import MLPClassifier as _MLPClassifier

MAX_PIXELS = 1_000_000


def figure_pixels(fig, width: float, height: float, dpi: float) -> dict:
    """The figure drawn by the Agg canvas at ``width`` x ``height`` inches.

    ``pixels``: an RGB uint8 array; ``boxes``: where each axes was drawn (figure fractions
    ``x0, y0, width, height``, read after drawing, so after any layout engine ran), so the
    trusted side can draw the expected figure with the same layout and compare.
    """
    if type(fig) is not _Figure:
        raise TypeError(f"expected a matplotlib.figure.Figure, got a {type(fig).__module__}."
                        f"{type(fig).__qualname__}")
    width, height, dpi = float(width), float(height), float(dpi)
    if not (0 < width * dpi * height * dpi <= MAX_PIXELS):
        raise ValueError("figure size out of range")
    _Figure.set_size_inches(fig, width, height)
    _Figure.set_dpi(fig, dpi)
    canvas = _AggCanvas(fig)
    _AggCanvas.draw(canvas)
    boxes = [[float(v) for v in ax.get_position().bounds] for ax in list(_Figure.get_axes(fig))[:100]]
    return {"pixels": np.array(_AggCanvas.buffer_rgba(canvas))[..., :3], "boxes": boxes}


def mlp_facts(clf, x=None, weights: bool = False) -> dict:
    """A fitted ``MLPClassifier``'s predictions on ``x`` (if given), its settings and layer shapes."""
    if type(clf) is not _MLPClassifier:
        raise TypeError(f"expected a sklearn.neural_network.MLPClassifier, got a "
                        f"{type(clf).__module__}.{type(clf).__qualname__}")
    coefs, intercepts = list(clf.coefs_), list(clf.intercepts_)
    facts = {
        "predictions": None if x is None else np.asarray(_MLPClassifier.predict(clf, np.asarray(x))),
        "params": _MLPClassifier.get_params(clf, deep=False),
        "shapes": [(tuple(int(n) for n in np.shape(w)), tuple(int(n) for n in np.shape(b)))
                   for w, b in zip(coefs, intercepts)],
    }
    if weights:
        facts["coefs"] = [np.array(w, dtype=np.float64) for w in coefs]
    return facts


JUDGES = {"figure": figure_pixels, "mlp": mlp_facts}


def judge(kind: str, value, params: dict):
    """Run the judge ``kind`` on ``value``: the one entry point, in the worker and in-process."""
    if kind not in JUDGES:
        raise LookupError(f"no judge {kind!r}")
    return JUDGES[kind](value, **params)
