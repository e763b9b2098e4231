"""The reference digits pipeline keeps its promise: >= 0.95 test accuracy, and a figure drawn headless."""
import importlib.util
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_digits
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "digits_mlp.py"


@pytest.fixture(scope="module")
def digits_mlp():
    spec = importlib.util.spec_from_file_location("reference_digits_mlp", SOLUTION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pipeline_reaches_95_percent(digits_mlp):
    d = load_digits()
    x_train, y_train, x_test, y_test = digits_mlp.shuffle_split(d.data, d.target, 200, seed=0)
    assert (len(x_train), len(x_test)) == (1597, 200)
    with threadpool_limits(1):  # BLAS threads only slow a network this small down
        clf = digits_mlp.train_mlp(x_train, y_train)
    predictions = clf.predict(x_test)
    accuracy = float(np.mean(predictions == y_test))
    assert accuracy >= 0.95, f"the reference pipeline reached only {accuracy:.3f}"
    indices, actual, predicted = digits_mlp.misclassified(y_test, predictions)
    assert len(indices) == round((1 - accuracy) * 200)
    assert digits_mlp.layer_shapes(clf) == [((64, 128), (128,)), ((128, 10), (10,))]


def test_plot_digits_renders_without_a_display():
    """In a fresh interpreter with no display and no backend chosen: no pyplot, PNG renders."""
    script = textwrap.dedent(f"""
        import importlib.util, io, sys
        import numpy as np
        from sklearn.datasets import load_digits
        spec = importlib.util.spec_from_file_location("reference_digits_mlp", {str(SOLUTION)!r})
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        d = load_digits()
        fig = module.plot_digits(d.data, d.target, k=10)
        assert len(fig.axes) == 10, len(fig.axes)
        assert [ax.get_title() for ax in fig.axes] == [f"Label: {{t}}" for t in d.target[:10]]
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        assert buffer.getvalue()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        assert "matplotlib.pyplot" not in sys.modules, "plot_digits should not need pyplot"
    """)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND")}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_plot_digits_in_process(digits_mlp):
    images = np.arange(3 * 64, dtype=float).reshape(3, 64)
    fig = digits_mlp.plot_digits(images, ["a", "b", "c"], k=3)
    assert [ax.get_title() for ax in fig.axes] == ["Label: a", "Label: b", "Label: c"]
    assert all(not ax.axison for ax in fig.axes)
    assert np.array_equal(fig.axes[1].images[0].get_array(), images[1].reshape(8, 8))
    fig.savefig(io.BytesIO(), format="png")
    with pytest.raises(ValueError, match="k"):
        digits_mlp.plot_digits(images, ["a", "b", "c"], k=4)
