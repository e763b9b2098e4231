"""The exercise contract in code: modules in course order, their functions, forbidden names.

Mirrors CURRICULUM.md; the grader, the stub generator, the static checks and the
exports all read it from here so that nothing is listed twice.
"""
from __future__ import annotations

MODULES: dict[str, tuple[str, ...]] = {
    "numpy_basics": (
        "describe", "zeros_with", "top_left", "every_other", "reversed_view",
        "replace_block", "as_order", "bookshelf_word",
    ),
    "t_tests": (
        "pooled_t_statistic", "welch_t_statistic", "welch_dof", "t_test", "same_process",
    ),
    "digits_mlp": (
        "shuffle_split", "train_mlp", "misclassified", "layer_shapes", "plot_digits",
    ),
    "probability": (
        "simulate_heads", "exact_heads", "dice_sum_distribution", "union", "joint",
        "total_probability", "bayes",
    ),
    "descriptive_stats": (
        "one_hot", "weighted_mean", "geometric_mean", "harmonic_mean", "median",
        "f1_score", "pearson", "ranks", "spearman",
    ),
    "linear_algebra": (
        "order", "hadamard", "inner", "outer", "matmul", "affine", "feedforward",
        "definiteness", "is_eigenpair", "lp_norm", "distance", "weight_decay",
    ),
    "pca_svd": (
        "center", "covariance", "sorted_eigen", "explained_variance_ratio", "pca",
        "pseudoinverse",
    ),
    "optimization": (
        "derivative", "gradient", "chain_rule", "gd_step", "gradient_descent", "relu",
        "relu_grad", "relu_node", "jacobian", "hessian",
    ),
    "neural_network": (
        "softmax", "cross_entropy", "softmax_cross_entropy_grad", "init_network", "forward",
        "loss", "backward", "train_network", "predict", "perceptron_train",
    ),
}

# Dotted names a function may not use; "@" stands for the matrix-multiplication operator.
# A bare last component (e.g. "ttest_ind") matches however it was imported.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "t_tests.t_test": ("scipy.stats.ttest_ind",),
    "descriptive_stats.median": (
        "numpy.median", "numpy.percentile", "numpy.quantile", "numpy.nanmedian",
        "numpy.nanpercentile", "numpy.nanquantile", "statistics",
    ),
    "descriptive_stats.pearson": ("numpy.corrcoef", "scipy.stats.pearsonr"),
    "descriptive_stats.spearman": ("scipy.stats.spearmanr",),
    "linear_algebra.inner": (
        "numpy.dot", "numpy.inner", "numpy.vdot", "numpy.matmul", "numpy.einsum", "@",
    ),
    "linear_algebra.outer": ("numpy.outer", "numpy.einsum", "numpy.multiply.outer"),
    "linear_algebra.matmul": (
        "numpy.dot", "numpy.matmul", "numpy.einsum", "numpy.tensordot", "@",
    ),
    "linear_algebra.lp_norm": ("numpy.linalg.norm", "scipy.linalg.norm"),
    "pca_svd.covariance": ("numpy.cov",),
    "pca_svd.pca": ("sklearn.decomposition",),
    "pca_svd.pseudoinverse": (
        "numpy.linalg.pinv", "scipy.linalg.pinv", "numpy.linalg.lstsq", "numpy.linalg.inv",
    ),
}


def all_functions() -> list[str]:
    """Every exercise as ``module.function``, in course order."""
    return [f"{m}.{f}" for m, fs in MODULES.items() for f in fs]
