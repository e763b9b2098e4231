"""Hidden examples for the nbgrader notebooks: call expressions per exercise, no expected values.

The notebooks' tests run in the student's kernel without the grader, so they are plain
asserts. Their visible part comes from each docstring's doctest; their hidden part comes
from here. Only the CALLS are written down: the export evaluates each one with the
reference solution and writes its value (or the ValueError/IndexError it raises) into the
notebook, so an expected value is never typed by hand. An expression must reduce its
answer to plain data (numbers, strings, lists, tuples, dicts, arrays).

Instructor-only: never part of the student package.
"""
from __future__ import annotations

_XOR_X = "[[0, 0], [0, 1], [1, 0], [1, 1]] * 5"
_XOR_Y = "[0, 1, 1, 0] * 5"
_SPLIT = "shuffle_split([[0], [1], [2], [3], [4], [5]], [0, 1, 2, 3, 4, 5], 2, seed=3)"

HIDDEN: dict[str, tuple[str, ...]] = {
    # numpy_basics
    "numpy_basics.describe": ("describe([[[1], [2]], [[3], [4]], [[5], [6]]])", "describe([])"),
    "numpy_basics.zeros_with": (
        "zeros_with((2, 2, 2), {(1, 0, 1): 7}).tolist()",
        "zeros_with((2, 3), {(0, 0): 5}).dtype.name",
    ),
    "numpy_basics.top_left": (
        "top_left(np.arange(20).reshape(4, 5), 3, 2).tolist()",
        "(lambda a: bool(np.shares_memory(top_left(a, 2, 2), a)))(np.arange(9).reshape(3, 3))",
    ),
    "numpy_basics.every_other": (
        "every_other(np.arange(7)).tolist()",
        "(lambda b: bool(np.shares_memory(every_other(b), b)))(np.arange(10))",
    ),
    "numpy_basics.reversed_view": (
        "reversed_view(np.arange(5) * 2).tolist()",
        "(lambda b: bool(np.shares_memory(reversed_view(b), b)))(np.arange(10))",
    ),
    "numpy_basics.replace_block": (
        "(lambda t: (replace_block(t, 1, np.ones((2, 2))).tolist(), t.tolist()))(np.zeros((3, 2, 2)))",
    ),
    "numpy_basics.as_order": ("as_order(7, 3).shape", "as_order(7, 3).tolist()", "as_order(2.5, 0).shape"),
    "numpy_basics.bookshelf_word": (
        "bookshelf_word(np.arange(720).reshape(2, 3, 4, 5, 6), 2, 3, 4, 5, 6)",
        "bookshelf_word(np.arange(720).reshape(2, 3, 4, 5, 6), 1, 2, 1, 3, 2)",
        "bookshelf_word(np.arange(720).reshape(2, 3, 4, 5, 6), 3, 1, 1, 1, 1)",
    ),
    # t_tests
    "t_tests.pooled_t_statistic": (
        "pooled_t_statistic([2.1, 2.5, 3.3, 4.0], [1.0, 1.9, 2.2])",
        "pooled_t_statistic([1.0], [1.0, 2.0])",
    ),
    "t_tests.welch_t_statistic": ("welch_t_statistic([1, 2, 3, 4, 10], [2, 3, 3.5])",),
    "t_tests.welch_dof": ("welch_dof([1, 2, 3, 4, 10], [2, 3, 3.5])",),
    "t_tests.t_test": (
        "t_test([2.1, 2.5, 3.3, 4.0], [1.0, 1.9, 2.2])",
        "t_test([2.1, 2.5, 3.3, 4.0], [1.0, 1.9, 2.2], equal_var=False)",
    ),
    "t_tests.same_process": (
        "same_process([1, 2, 3, 4, 5], [1.5, 2.5, 3.5, 4.5, 5.5])",
        "same_process([1, 2, 3, 4, 5], [11, 12, 13, 14, 15])",
        "same_process([1, 2, 3], [1, 2, 3], alpha=1.5)",
    ),
    # digits_mlp
    "digits_mlp.shuffle_split": (
        f"sorted(np.concatenate([{_SPLIT}[1], {_SPLIT}[3]]).tolist())",
        f"(lambda s: (len(s[3]), bool((s[0][:, 0] == s[1]).all() and (s[2][:, 0] == s[3]).all())))({_SPLIT})",
        f"[a.tolist() for a in {_SPLIT}] == [a.tolist() for a in {_SPLIT}]",
        "shuffle_split([[0], [1]], [0, 1], 2)",
    ),
    "digits_mlp.train_mlp": (
        f"type(train_mlp({_XOR_X}, {_XOR_Y}, hidden_layer_sizes=(5,), max_iter=20)).__name__",
        f"train_mlp({_XOR_X}, {_XOR_Y}, hidden_layer_sizes=(5,), seed=4, max_iter=20).random_state",
    ),
    "digits_mlp.misclassified": ("[a.tolist() for a in misclassified([1, 2, 3, 4], [1, 0, 3, 5])]",),
    "digits_mlp.layer_shapes": (
        f"layer_shapes(train_mlp({_XOR_X}, {_XOR_Y}, hidden_layer_sizes=(3, 2), max_iter=5))",
    ),
    "digits_mlp.plot_digits": (
        "(lambda fig: (len(fig.axes), fig.axes[1].get_title()))(plot_digits(np.zeros((3, 64)), [7, 8, 9], k=3))",
        "plot_digits(np.zeros((2, 64)), [1, 2], k=3)",
    ),
    "digits_mlp.accuracy": ("accuracy([1, 2, 3, 4], [1, 2, 0, 4])", "accuracy([], [])", "accuracy([1, 2], [1])"),
    "digits_mlp.chance_accuracy": ("chance_accuracy([0, 1, 1, 2, 1])", "chance_accuracy([7, 7, 3, 3])", "chance_accuracy([])"),
    # probability
    "probability.simulate_heads": (
        "simulate_heads(10_000, 3, seed=1).shape",
        "bool(np.allclose(simulate_heads(200_000, 3, seed=2), [0.125, 0.375, 0.375, 0.125], atol=0.01))",
    ),
    "probability.exact_heads": ("exact_heads(4).tolist()", "exact_heads(5).tolist()"),
    "probability.dice_sum_distribution": (
        "dice_sum_distribution(2, 6)[7]",
        "list(dice_sum_distribution(3, 4))",
        "round(sum(dice_sum_distribution(3, 6).values()), 12)",
    ),
    "probability.union": ("union(0.5, 0.4, 0.2)", "union(0.7, 0.6, 0.1)", "union(0.2, 0.3, 0.4)"),
    "probability.joint": ("joint(0.5, 0.4)", "joint(1.5, 0.1)"),
    "probability.total_probability": ("total_probability(0.9, 0.01, 0.05)",),
    "probability.chain_joint": ("chain_joint([0.5, 0.4, 0.25])", "chain_joint([1.0])", "chain_joint([])", "chain_joint([0.5, 1.5])"),
    "probability.bayes": ("bayes(0.9, 0.01, 0.0585)", "bayes(0.5, 0.5, 0.0)"),
    # descriptive_stats
    "descriptive_stats.one_hot": ("[a.tolist() for a in one_hot([3, 1, 3, 2])]",),
    "descriptive_stats.weighted_mean": (
        "weighted_mean([2, 4, 6], [1, 2, 1])",
        "weighted_mean([1, 2], [1, -1])",
        "weighted_mean([1, 2, 3], [1, 1])",
    ),
    "descriptive_stats.geometric_mean": ("geometric_mean([2, 8])", "geometric_mean([1, 0])"),
    "descriptive_stats.harmonic_mean": ("harmonic_mean([2, 6])", "harmonic_mean([-1, 2])"),
    "descriptive_stats.variance": (
        "variance([1, 2, 3, 5])", "variance([1, 2, 3, 5], ddof=1)",
        "variance([1e9 + 1, 1e9 + 2, 1e9 + 4])", "variance([5], ddof=1)",
    ),
    "descriptive_stats.standard_deviation": ("standard_deviation([2, 4, 4, 4, 5, 6, 7, 9])", "standard_deviation([1, 2], ddof=2)"),
    "descriptive_stats.median": ("median([5, 3, 9, 1, 7])", "median([2.5, -1.0])"),
    "descriptive_stats.f1_score": ("f1_score(0.8, 0.6)", "f1_score(1.0, 0.0)"),
    "descriptive_stats.pearson": ("pearson([1, 2, 3, 4], [2, 1, 4, 3])", "pearson([1, 1, 1], [1, 2, 3])"),
    "descriptive_stats.ranks": ("ranks([5, 5, 5]).tolist()", "ranks([2, 1, 2, 3, 1]).tolist()"),
    "descriptive_stats.spearman": ("spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])", "spearman([3, 1, 2], [30, 10, 20])"),
    # linear_algebra
    "linear_algebra.order": ("order(np.zeros((2, 3, 4)))", "order([[[[1]]]])"),
    "linear_algebra.hadamard": ("hadamard([1.5, 2.0], [2, 4]).tolist()", "hadamard([[1, 2]], [1, 2])"),
    "linear_algebra.inner": ("inner([1.5, -2.0, 0.5], [2, 3, 4])", "inner([1, 2], [1, 2, 3])"),
    "linear_algebra.outer": ("outer([1, -1, 2], [0.5, 2]).tolist()", "outer([2], [3]).shape"),
    "linear_algebra.matmul": ("matmul([[1, 2], [3, 4]], [[0, 1], [1, 0]]).tolist()", "matmul([[1, 2]], [[1, 2]])"),
    "linear_algebra.affine": ("affine([[2, 0], [0, 3]], [1, 1], [0.5, -0.5]).tolist()",),
    "linear_algebra.feedforward": (
        "feedforward([1, -1], [([[1, 0], [0, 1]], [0, 0]), ([[1, 1]], [0])]).tolist()",
        "feedforward([1, -1], [([[1, 0], [0, 1]], [0, 0])]).tolist()",
    ),
    "linear_algebra.definiteness": (
        "definiteness([[-2, 0], [0, -1]])",
        "definiteness([[0, 0], [0, -1]])",
        "definiteness([[1, 2], [0, 1]])",
    ),
    "linear_algebra.is_eigenpair": ("is_eigenpair([[4, 1], [2, 3]], [1, -2], 2)", "is_eigenpair([[4, 1], [2, 3]], [1, 1], 4)"),
    "linear_algebra.lp_norm": ("lp_norm([1, -2, 2], 3)", "lp_norm([-7, 2], np.inf)", "lp_norm([1, 2], 0.5)"),
    "linear_algebra.distance": ("distance([0, 0, 0], [1, 2, 2])", "distance([1, 1], [2, 3], p=np.inf)"),
    "linear_algebra.cosine_similarity": (
        "cosine_similarity([1, 0], [0, 2])", "cosine_similarity([1, 2], [2, 4])",
        "cosine_similarity([3, -1], [-6, 2])", "cosine_similarity([0, 0], [1, 1])", "cosine_similarity([1, 2], [1, 2, 3])",
    ),
    "linear_algebra.angle": ("angle([2, 0], [0, 3])", "angle([1, 3], [2, 6])", "angle([0, 2], [0, -1])"),
    "linear_algebra.weight_decay": ("weight_decay([np.ones((2, 2)), [3.0]], 0.1)",),
    # pca_svd
    "pca_svd.center": ("[a.tolist() for a in center([[0, 0], [2, 4]])]",),
    "pca_svd.covariance": ("covariance([[1, 0], [0, 1], [2, 2], [5, 1]]).tolist()",),
    "pca_svd.sorted_eigen": ("[a.tolist() for a in sorted_eigen([[2, 0], [0, 3]])]",),
    "pca_svd.explained_variance_ratio": ("explained_variance_ratio([2, 1, 1]).tolist()",),
    "pca_svd.pca": (
        "(lambda r: ([a.shape for a in r], r[2].round(6).tolist()))(pca([[1, 2], [2, 4.1], [3, 5.9], [4, 8.2]], 1))",
        "pca([[1, 2], [2, 4.1], [3, 5.9]], 3)",
    ),
    "pca_svd.low_rank_approximation": (
        "low_rank_approximation([[3, 0], [0, 1]], 1).tolist()",
        "low_rank_approximation([[1, 2, 3], [2, 4, 6.5]], 2).round(6).tolist()",
        "low_rank_approximation([[1, 2], [3, 4]], 3)",
    ),
    "pca_svd.pca_via_svd": (
        "(lambda r: ([a.shape for a in r], r[2].round(6).tolist()))(pca_via_svd([[1, 2], [2, 4.1], [3, 5.9], [4, 8.2]], 1))",
        "pca_via_svd([[1, 2], [2, 4.1], [3, 5.9]], 0)",
    ),
    "pca_svd.pseudoinverse": ("pseudoinverse([[2, 0], [0, 0]]).tolist()", "pseudoinverse([[1], [2]]).round(6).tolist()"),
    # optimization
    "optimization.derivative": ("derivative(np.sin, 0.0)", "derivative(lambda x: x ** 2, 1.0, h=0)"),
    "optimization.gradient": ("gradient(lambda v: v[0] * v[1], [2.0, 5.0]).round(6).tolist()",),
    "optimization.chain_rule": ("chain_rule(lambda u: 3 * u ** 2, lambda x: 2 * x, lambda x: 2, 1.5)",),
    "optimization.gd_step": ("gd_step([0.0, 1.0], [1.0, 1.0], 0.5).tolist()", "gd_step([1.0], [1.0], 0)"),
    "optimization.gradient_descent": (
        "[a.tolist() for a in gradient_descent(lambda w: 2 * w, [4.0, -2.0], 0.1, 2)]",
        "gradient_descent(lambda w: w, [1.0, 2.0], 0.1, 0)[1].shape",
        "gradient_descent(lambda w: w, [1.0], 0.1, -1)",
    ),
    "optimization.relu": ("relu([[-1.5, 2.0], [0.0, 0.1]]).tolist()",),
    "optimization.relu_grad": ("relu_grad([[-1.5, 2.0], [0.0, 0.1]]).tolist()",),
    "optimization.relu_node": ("(lambda r: (r[0], r[1].tolist(), r[2]))(relu_node([0.5, 0.5], [2.0, 4.0], -1.0))",),
    "optimization.jacobian": ("jacobian(lambda v: [v[0] ** 2, v[0] * v[1], v[1]], [1.0, 3.0]).round(6).tolist()",),
    "optimization.hessian": ("hessian(lambda v: v[0] * v[1] ** 2, [2.0, 1.0]).round(4).tolist()",),
    "optimization.max_stable_lr": ("max_stable_lr([[4, 0], [0, 1]])", "max_stable_lr([[1, 0], [0, -1]])"),
    "optimization.lr_regime": (
        "lr_regime([[4, 0], [0, 1]], 0.1)", "lr_regime([[4, 0], [0, 1]], 0.4)",
        "lr_regime([[4, 0], [0, 1]], 0.6)", "lr_regime([[4, 0], [0, 1]], 0.0)",
    ),
    "optimization.steps_to_converge": (
        "steps_to_converge(lambda w: 2 * w, [1.0], 0.25)",
        "steps_to_converge(lambda w: 2 * w, [0.0], 0.25)",
        "steps_to_converge(lambda w: 2 * w, [1.0], 1.5, max_steps=50)",
    ),
    # neural_network
    "neural_network.softmax": (
        "softmax([[1.0, 2.0, 3.0], [1e4, 1e4, 0.0]]).round(6).tolist()",
        "softmax(np.zeros((2, 2, 2)))",
    ),
    "neural_network.cross_entropy": (
        "round(cross_entropy([[0.1, 0.9], [0.8, 0.2], [0.5, 0.5]], [1, 0, 1]), 6)",
        "cross_entropy([[0.5, 0.5]], [2])",
    ),
    "neural_network.softmax_cross_entropy_grad": (
        "softmax_cross_entropy_grad([[0.0, 0.0, 0.0], [1.0, 0.0, -1.0]], [2, 0]).round(6).tolist()",
        "softmax_cross_entropy_grad([[0.0, 1.0]], [-1])",
    ),
    "neural_network.init_network": (
        "[(W.shape, b.tolist()) for W, b in init_network(3, 2, 2, seed=1)]",
        "init_network(3, 2, 2, seed=1)[1][0].round(6).tolist()",
        "init_network(3, 0, 2)",
    ),
    "neural_network.forward": (
        "forward([[1.0, -1.0]], [(np.array([[1.0, 1.0], [1.0, -1.0]]), np.array([0.5, 0.0])), "
        "(np.array([[1.0, 1.0]]), np.array([-1.0]))]).tolist()",
        "forward([[1.0, 2.0, 3.0]], [(np.eye(2), np.zeros(2)), (np.eye(2), np.zeros(2))])",
    ),
    "neural_network.loss": (
        "round(loss([[1.0, 0.0]], [0], [(np.eye(2), np.zeros(2)), (np.eye(2), np.zeros(2))]), 6)",
    ),
    "neural_network.backward": (
        "[(dW.round(6).tolist(), db.round(6).tolist()) for dW, db in backward([[1.0, -1.0], [0.5, 2.0]], [1, 0], "
        "[(np.array([[1.0, 0.5], [-1.0, 1.0]]), np.array([0.1, 0.0])), (np.array([[1.0, -1.0], [0.5, 0.5]]), np.zeros(2))])]",
    ),
    "neural_network.train_network": (
        "train_network([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1, 1], n_hidden=4, epochs=0, seed=2)[0][0].round(6).tolist()",
        "train_network([[0.0], [1.0]], [0, 1], lr=0.0)",
    ),
    "neural_network.predict": (
        "predict([[1.0, 5.0], [2.0, -1.0], [0.0, 0.0]], [(np.eye(2), np.zeros(2)), (np.eye(2), np.array([0.0, 0.1]))]).tolist()",
    ),
    "neural_network.perceptron_train": (
        "(lambda r: (r[0].tolist(), r[1], r[2]))(perceptron_train(" + _XOR_X + ", [0, 1, 1, 1] * 5))",
        "perceptron_train(" + _XOR_X + ", " + _XOR_Y + ")[2]",
        "perceptron_train([[0, 0], [1, 1]], [0, 2])",
    ),
}
