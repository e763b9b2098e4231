"""Plausible wrong answers for numpy_basics: each must lose points against the hidden suite."""
MUTANTS = {
    "describe_len_as_size": '''
def describe(values):
    a = np.array(values)
    return len(values) if a.ndim else 1, a.shape, a.ndim
''',
    "zeros_with_numpy_default_dtype": '''
def zeros_with(shape, entries, dtype=None):
    a = np.zeros(shape, dtype=dtype)
    for index, value in entries.items():
        a[index] = value
    return a
''',
    "top_left_copies": '''
def top_left(a, rows, cols):
    return np.array(a)[:rows, :cols]
''',
    "top_left_transposed_counts": '''
def top_left(a, rows, cols):
    a = np.asarray(a)
    return a[:cols, :rows]
''',
    "every_other_starts_at_second": '''
def every_other(b):
    b = np.asarray(b)
    return b[1::2]
''',
    "reversed_view_copies": '''
def reversed_view(b):
    return np.asarray(b)[::-1].copy()
''',
    "replace_block_in_place": '''
def replace_block(t, i, block):
    t = np.asarray(t)
    t[i, ...] = block
    return t
''',
    "replace_block_float_copy": '''
def replace_block(t, i, block):
    out = np.array(t, dtype=float)
    out[i, ...] = block
    return out
''',
    "as_order_always_float": '''
def as_order(x, n):
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    return np.full((1,) * n, x, dtype=float)
''',
    "bookshelf_zero_based": '''
def bookshelf_word(w, shelf, book, page, line, word):
    w = np.asarray(w)
    for name, p, size in zip(("shelf", "book", "page", "line", "word"),
                             (shelf, book, page, line, word), w.shape):
        if not 0 <= p < size:
            raise IndexError(f"{name} {p} is out of range")
    return w[shelf, book, page, line, word].item()
''',
    "bookshelf_reads_right_to_left": '''
def bookshelf_word(w, shelf, book, page, line, word):
    w = np.asarray(w)
    for name, p, size in zip(("word", "line", "page", "book", "shelf"),
                             (word, line, page, book, shelf), w.shape):
        if not 1 <= p <= size:
            raise IndexError(f"{name} {p} is out of range 1..{size}")
    return w[word - 1, line - 1, page - 1, book - 1, shelf - 1].item()
''',
    "bookshelf_zero_wraps_around": '''
def bookshelf_word(w, shelf, book, page, line, word):
    w = np.asarray(w)
    for name, p, size in zip(("shelf", "book", "page", "line", "word"),
                             (shelf, book, page, line, word), w.shape):
        if p > size:
            raise IndexError(f"{name} {p} is out of range 1..{size}")
    return w[shelf - 1, book - 1, page - 1, line - 1, word - 1].item()
''',
    "bookshelf_unnamed_position": '''
def bookshelf_word(w, shelf, book, page, line, word):
    w = np.asarray(w)
    index = (shelf - 1, book - 1, page - 1, line - 1, word - 1)
    if any(not 0 <= i < n for i, n in zip(index, w.shape)):
        raise IndexError("position out of range")
    return w[index].item()
''',
    "bookshelf_returns_numpy_scalar": '''
def bookshelf_word(w, shelf, book, page, line, word):
    w = np.asarray(w)
    for name, p, size in zip(("shelf", "book", "page", "line", "word"),
                             (shelf, book, page, line, word), w.shape):
        if not 1 <= p <= size:
            raise IndexError(f"{name} {p} is out of range 1..{size}")
    return w[shelf - 1, book - 1, page - 1, line - 1, word - 1]
''',
    "bookshelf_word_blames_every_position": '''
def bookshelf_word(w, shelf, book, page, line, word):
    w = np.asarray(w)
    positions = (shelf, book, page, line, word)
    if not all(1 <= p <= n for p, n in zip(positions, w.shape)):
        raise IndexError(f"shelf, book, page, line and word must be within {w.shape}, got {positions}")
    return w[tuple(p - 1 for p in positions)].item()
''',
}
