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
        "accuracy", "chance_accuracy",
    ),
    "probability": (
        "simulate_heads", "exact_heads", "dice_sum_distribution", "union", "joint",
        "total_probability", "bayes", "chain_joint",
    ),
    "descriptive_stats": (
        "one_hot", "weighted_mean", "geometric_mean", "harmonic_mean", "variance",
        "standard_deviation", "median",
        "f1_score", "pearson", "ranks", "spearman",
    ),
    "linear_algebra": (
        "order", "hadamard", "inner", "outer", "matmul", "affine", "feedforward",
        "definiteness", "is_eigenpair", "lp_norm", "distance", "weight_decay",
        "cosine_similarity", "angle",
    ),
    "pca_svd": (
        "center", "covariance", "sorted_eigen", "explained_variance_ratio", "pca",
        "pseudoinverse", "low_rank_approximation", "pca_via_svd",
    ),
    "optimization": (
        "derivative", "gradient", "chain_rule", "gd_step", "gradient_descent", "relu",
        "relu_grad", "relu_node", "jacobian", "hessian",
        "max_stable_lr", "lr_regime", "steps_to_converge",
    ),
    "neural_network": (
        "softmax", "cross_entropy", "softmax_cross_entropy_grad", "init_network", "forward",
        "loss", "backward", "train_network", "predict", "perceptron_train",
    ),
}

# Dotted names a function may not use; "@" stands for the matrix-multiplication operator.
# A key "module.*" applies to every function of that module. A function's name matches
# across numpy, scipy, sklearn, statistics, math (and their kin, see sandbox/static_names.FAMILY):
# "numpy.median" also forbids scipy.ndimage.median and statistics.median, and method
# spellings such as ``x.median()``. A key whose function does not exist yet is harmless.
# np.matrix multiplies with "*": a matrix product without "@"
_MATRIX = ("numpy.matrix", "numpy.asmatrix", "numpy.bmat", "numpy.mat")
_INNER = (
    "numpy.dot", "numpy.inner", "numpy.vdot", "numpy.matmul", "numpy.einsum", "@",
    "numpy.tensordot", "numpy.vecdot", "numpy.matvec", "numpy.vecmat", "numpy.linalg.multi_dot",
    "numpy.correlate", "numpy.convolve", "scipy.linalg.blas",
) + _MATRIX
_NORM = (
    "numpy.linalg.norm", "scipy.linalg.norm", "numpy.linalg.vector_norm",
    "numpy.linalg.matrix_norm", "scipy.spatial.distance", "sklearn.metrics.pairwise",
)
_STATISTICS = ("statistics",)
_SPREAD = (
    "numpy.var", "numpy.std", "numpy.nanvar", "numpy.nanstd", "scipy.stats.tvar",
    "scipy.stats.tstd", "scipy.stats.describe", "scipy.stats.variation", "scipy.stats.sem",
    "scipy.stats.mstats", "scipy.ndimage.variance", "scipy.ndimage.standard_deviation",
    "pandas",
) + _STATISTICS
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "t_tests.t_test": ("scipy.stats.ttest_ind", "scipy.stats.ttest_ind_from_stats"),
    "descriptive_stats.variance": _SPREAD,
    "descriptive_stats.standard_deviation": _SPREAD,
    "descriptive_stats.median": (
        "numpy.median", "numpy.percentile", "numpy.quantile", "numpy.nanmedian",
        "numpy.nanpercentile", "numpy.nanquantile", "scipy.stats.scoreatpercentile",
        "scipy.stats.mstats", "scipy.stats.mquantiles", "pandas",
    ) + _STATISTICS,
    "descriptive_stats.pearson": (
        "numpy.corrcoef", "scipy.stats.pearsonr", "scipy.stats.linregress",
        "scipy.spatial.distance.correlation", "scipy.stats.mstats", "pandas",
    ),
    "descriptive_stats.spearman": ("scipy.stats.spearmanr", "scipy.stats.mstats", "pandas"),
    "linear_algebra.inner": _INNER,
    "linear_algebra.outer": (
        "numpy.outer", "numpy.einsum", "numpy.multiply.outer", "numpy.linalg.outer",
        "numpy.tensordot", "numpy.kron", "scipy.linalg.blas",
    ),
    "linear_algebra.matmul": (
        "numpy.dot", "numpy.matmul", "numpy.einsum", "numpy.tensordot", "@", "numpy.inner",
        "numpy.vecdot", "numpy.matvec", "numpy.vecmat", "numpy.linalg.multi_dot",
        "scipy.linalg.blas",
    ) + _MATRIX,
    "linear_algebra.lp_norm": _NORM,
    "linear_algebra.cosine_similarity": _INNER + _NORM,
    "linear_algebra.angle": _INNER + _NORM,
    "pca_svd.covariance": ("numpy.cov", "sklearn.covariance", "pandas"),
    "pca_svd.pca": ("sklearn.decomposition",),
    "pca_svd.pseudoinverse": (
        "numpy.linalg.pinv", "scipy.linalg.pinv", "numpy.linalg.lstsq", "numpy.linalg.inv",
        "scipy.linalg.pinvh", "numpy.linalg.tensorinv", "numpy.linalg.solve",
    ),
    "pca_svd.low_rank_approximation": ("sklearn",),
    "pca_svd.pca_via_svd": (
        "numpy.cov", "numpy.linalg.eig", "numpy.linalg.eigh", "numpy.linalg.eigvals",
        "numpy.linalg.eigvalsh", "scipy.sparse.linalg.eigsh", "sklearn.decomposition",
        "sklearn.covariance",
    ),
    "neural_network.*": (
        "sklearn", "torch", "tensorflow", "jax", "autograd", "scipy.special.softmax",
        "scipy.special.log_softmax",
    ),
}


def forbidden_lists() -> dict[str, list[str]]:
    """``FORBIDDEN`` as plain JSON lists: what a worker is sent and the fork server preinstalls."""
    return {key: list(names) for key, names in FORBIDDEN.items()}


def all_functions() -> list[str]:
    """Every exercise as ``module.function``, in course order."""
    return [f"{m}.{f}" for m, fs in MODULES.items() for f in fs]
