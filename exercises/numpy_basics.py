"""NumPy basics (course section "Intro"): arrays, shape, indexing, slicing, views and tensors.

A NumPy array is a block of memory plus a description of how to read it (``shape``,
``dtype``, strides). Basic slicing (``a[:2, :3]``, ``b[::2]``, ``b[::-1]``) makes a
*view*: a new description of the SAME memory, so writing through the view changes the
original. ``.copy()`` makes new memory. Which one you get matters as soon as you write.
"""
import operator

import numpy as np


def describe(values):
    """Size, shape and number of dimensions of ``np.array(values)``.

    Level: ★

    ``size`` counts the elements, ``shape`` gives the length along each axis and
    ``ndim`` is the number of axes (the tensor's order): a list of lists is 2-D.

    Contract: ``values`` is anything ``np.array`` accepts (a scalar, a list, nested
    lists, an array); it is not modified. Returns the tuple ``(size, shape, ndim)``
    with ``size`` and ``ndim`` Python ``int`` and ``shape`` a tuple of Python ``int``.

    >>> describe([1, 2, 3, 4])
    (4, (4,), 1)
    >>> describe([[1, 2, 3, 4], [5, 6, 7, 8]])
    (8, (2, 4), 2)
    >>> describe(42)
    (1, (), 0)
    """
    raise NotImplementedError("exercise numpy_basics.describe: replace this line with your code")


def zeros_with(shape, entries, dtype="uint32"):
    """An array of zeros with a few entries set, as in the course's ``a[0,3] = 42``.

    Level: ★

    Start from ``np.zeros(shape, dtype=dtype)``, then for each ``index: value`` pair of
    ``entries`` assign ``a[index] = value``. The default dtype is the course's
    ``"uint32"`` (unsigned 32-bit integers), not NumPy's default float64.

    Contract: ``shape`` is an int or a tuple of ints; ``entries`` is a dict mapping an
    index (an int, or a tuple of ints with one entry per axis) to a value; neither is
    modified. Returns a new ``np.ndarray`` of that shape and ``dtype``. An index out of
    range raises ``IndexError`` (as NumPy does).

    >>> zeros_with((3, 4), {(0, 3): 42, (1, 1): 66}).tolist()
    [[0, 0, 0, 42], [0, 66, 0, 0], [0, 0, 0, 0]]
    >>> str(zeros_with((3, 4), {}).dtype)
    'uint32'
    """
    raise NotImplementedError("exercise numpy_basics.zeros_with: replace this line with your code")


def top_left(a, rows, cols):
    """The first ``rows`` rows and ``cols`` columns of ``a``: the course's ``a[:2, :3]``.

    Level: ★

    ``a[:rows, :cols]`` is basic slicing, so the result is a *view*: it shares memory
    with ``a`` and writing into it writes into ``a``. Do not copy. Counts larger than
    the array simply take everything (slicing clips).

    Contract: ``a`` is an array with at least 2 axes (converted with ``np.asarray``,
    which does not copy an array), never modified; ``rows`` and ``cols`` are
    non-negative ints. Returns an ``np.ndarray`` view of ``a`` of shape
    ``(min(rows, a.shape[0]), min(cols, a.shape[1]), ...)``.

    >>> a = np.arange(12).reshape((3, 4))
    >>> corner = top_left(a, 2, 3)
    >>> corner.tolist()
    [[0, 1, 2], [4, 5, 6]]
    >>> np.shares_memory(corner, a)
    True
    """
    raise NotImplementedError("exercise numpy_basics.top_left: replace this line with your code")


def every_other(b):
    """Every other element of ``b`` starting with the first: the course's ``b[::2]``.

    Level: ★

    A step of 2 in a slice keeps positions 0, 2, 4, ... along the first axis. The
    result is a *view* of ``b`` (same memory, a doubled stride), not a copy.

    Contract: ``b`` is an array with at least one axis (converted with ``np.asarray``),
    never modified. Returns an ``np.ndarray`` view of ``b`` with ``ceil(len(b) / 2)``
    rows.

    >>> b = np.arange(12)
    >>> every_other(b).tolist()
    [0, 2, 4, 6, 8, 10]
    >>> np.shares_memory(every_other(b), b)
    True
    """
    raise NotImplementedError("exercise numpy_basics.every_other: replace this line with your code")


def reversed_view(b):
    """``b`` in reverse order along its first axis: the course's ``b[::-1]``.

    Level: ★

    A step of -1 walks the same memory backwards, so the result is a *view* of ``b``
    (no data is moved); ``list(reversed(b))`` or ``b[::-1].copy()`` are not.

    Contract: ``b`` is an array with at least one axis (converted with ``np.asarray``),
    never modified. Returns an ``np.ndarray`` view of ``b`` of the same shape.

    >>> b = np.arange(12)
    >>> reversed_view(b).tolist()
    [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
    >>> np.shares_memory(reversed_view(b), b)
    True
    """
    raise NotImplementedError("exercise numpy_basics.reversed_view: replace this line with your code")


def replace_block(t, i, block):
    """A copy of the 3-D array ``t`` with its matrix number ``i`` replaced by ``block``.

    Level: ★★

    A 3-D array is a collection (stack) of matrices: ``t[i, :, :]``, written
    ``t[i, ...]`` (``...`` stands for all remaining axes), is the ``i``-th matrix
    (0-based, so ``i = 1`` is the second matrix, as in the course). The course assigns
    in place; here the original must stay unchanged, so copy first and assign into
    the copy. ``block`` must have (or broadcast to) the shape ``t.shape[1:]``.

    Contract: ``t`` and ``block`` are converted with ``np.asarray`` and never modified.
    Returns a new ``np.ndarray`` with ``t``'s shape and dtype that shares no memory
    with ``t``. An ``i`` out of range raises ``IndexError``; a ``block`` that does not
    fit raises ``ValueError`` (as NumPy does).

    >>> t = np.arange(24).reshape((4, 3, 2))
    >>> new = replace_block(t, 1, [[11, 22], [33, 44], [55, 66]])
    >>> new[1].tolist()
    [[11, 22], [33, 44], [55, 66]]
    >>> t[1].tolist()
    [[6, 7], [8, 9], [10, 11]]
    """
    raise NotImplementedError("exercise numpy_basics.replace_block: replace this line with your code")


def as_order(x, n):
    """The scalar ``x`` as an order-``n`` tensor: shape ``(1,) * n``.

    Level: ★

    A scalar is an order-0 tensor; adding axes of length 1 does not change its one
    value, only its order, as in the course's ``np.array(42).reshape((1,1,1,1,1))``.
    ``n = 0`` gives a 0-d array.

    Contract: ``x`` is a scalar (int, float, bool or a 0-d array); ``n`` a
    non-negative int. Returns an ``np.ndarray`` of shape ``(1,) * n`` holding ``x``
    with ``x``'s own dtype (an int stays an int). ``x`` that is not a scalar or a
    negative ``n``: ``ValueError``.

    >>> t = as_order(42, 5)
    >>> t.shape
    (1, 1, 1, 1, 1)
    >>> print(t)
    [[[[[42]]]]]
    """
    raise NotImplementedError("exercise numpy_basics.as_order: replace this line with your code")


def bookshelf_word(w, shelf, book, page, line, word):
    """The word at human, 1-based positions in the order-5 tensor ``w[shelf, book, page, line, word]``.

    Level: ★★

    The course's bookshelf: axis 0 is the shelf, then the book on it, the page, the
    line on the page and the word on the line. People count from 1, NumPy from 0, so
    the course's ``w[4, 1, 2, 0, 1]`` is the 2nd word of the 1st line of the 3rd page
    of the 2nd book on the 5th shelf, i.e. ``bookshelf_word(w, 5, 2, 3, 1, 2)``.
    Position 0 does not exist (``w[-1]`` would silently be the last one).

    Contract: ``w`` is an order-5 array (converted with ``np.asarray``, not modified;
    another order: ``ValueError``); the five positions are ints. Each position must lie
    in ``1..w.shape[axis]``, else ``IndexError`` whose message names the position,
    e.g. ``"page 12 is out of range 1..9"``. Returns the element as a Python scalar
    (``float`` for a float array, ``int`` for ints, ``str`` for an array of words).

    >>> w = np.zeros((9, 9, 9, 9, 9))
    >>> w[4, 1, 2, 0, 1] = 7
    >>> bookshelf_word(w, 5, 2, 3, 1, 2)
    7.0
    """
    raise NotImplementedError("exercise numpy_basics.bookshelf_word: replace this line with your code")
