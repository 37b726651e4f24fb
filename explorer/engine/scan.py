"""Compiled tokenising of large plain ASCII text: what :func:`~explorer.engine.corpus.parse_text` does, in one
pass over the bytes instead of a list of strings and a dictionary look-up per token.

It is used only for text that :func:`~explorer.engine.corpus.is_plain` accepts and that is ASCII (e.g.
pre-tokenised text): there :func:`~explorer.engine.corpus.tokenize_line` splits each line at white space
(``str.split``), so a token is a maximal run of bytes that are not white space, and a line is what
``str.splitlines`` gives. The result — distinct tokens in order of first appearance, the token ids, sentence
pointers and line starts — is the same as the per-line path's, which the tests check on the same texts.
"""

from __future__ import annotations

import numpy as np

from .kernel import _jit

#: ``str.isspace`` among the ASCII characters; ``str.splitlines`` ends a line at those of them below
_SPACE = np.zeros(256, np.uint8)
_SPACE[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = 1
_SPACE[[10, 11, 12, 13, 28, 29, 30]] = 2

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)


@_jit
def _count(data, space):
    """(tokens, lines with a token) of ``data``."""
    n_tok = 0
    n_sent = 0
    in_tok = False
    line_has = False
    n = data.shape[0]
    for i in range(n):
        c = space[data[i]]
        if c == 0:
            if not in_tok:
                n_tok += 1
                in_tok = True
                line_has = True
            continue
        in_tok = False
        if c == 2 and not (data[i] == 13 and i + 1 < n and data[i + 1] == 10):  # "\r\n" ends one line
            if line_has:
                n_sent += 1
            line_has = False
    if line_has:
        n_sent += 1
    return n_tok, n_sent


@_jit
def _rehash(t_hash, n_types, cap):
    """An open-addressing table of ``cap`` slots holding types 0..n_types−1 (slot = type id + 1, 0 = empty;
    linear probing from the low bits of the type's hash)."""
    table = np.zeros(cap, np.int64)
    mask = cap - 1
    for q in range(n_types):
        slot = np.int64(t_hash[q] & np.uint64(mask))
        while table[slot] != 0:
            slot = (slot + 1) & mask
        table[slot] = q + 1
    return table


@_jit
def _scan(data, space, i0, st, ids, ptr, starts, table, t_start, t_len, t_hash):
    """Read ``data`` from byte i0 on: token ids (types numbered in order of first appearance, found by the
    FNV-1a hash of their bytes in ``table``), sentence pointers, line starts, types' start, length and hash.
    ``st`` = (tokens, sentences, start of the current line, types) so far, updated. Stops after the token
    that fills half the table (returns the next byte to read, to go on with a table twice the size) or at
    the end (returns len(data) + 1)."""
    k, m, line_begin, n_types = st[0], st[1], st[2], st[3]
    cap = table.shape[0]
    mask = cap - 1
    a = -1  # start of the token being read, −1 between tokens
    h = _FNV_OFFSET
    n = data.shape[0]
    full = False
    i = i0
    while i <= n:
        c = space[data[i]] if i < n else 2
        if c == 0:
            if a < 0:
                a = i
                h = _FNV_OFFSET
            h = (h ^ np.uint64(data[i])) * _FNV_PRIME
            i += 1
            continue
        if a >= 0:  # the token data[a:i] ends: its type
            L = i - a
            slot = np.int64(h & np.uint64(mask))
            while True:
                t = table[slot] - 1
                if t < 0:  # a new type
                    t = n_types
                    table[slot] = t + 1
                    t_start[t] = a
                    t_len[t] = L
                    t_hash[t] = h
                    n_types += 1
                    full = 2 * n_types >= cap
                    break
                if t_len[t] == L:
                    s = t_start[t]
                    same = True
                    for q in range(L):
                        if data[s + q] != data[a + q]:
                            same = False
                            break
                    if same:
                        break
                slot = (slot + 1) & mask
            ids[k] = t
            k += 1
            a = -1
        if i == n or (c == 2 and not (data[i] == 13 and i + 1 < n and data[i + 1] == 10)):
            if k > ptr[m]:  # the line has a token: a sentence
                starts[m] = line_begin
                m += 1
                ptr[m] = k
            line_begin = i + 1
        i += 1
        if full:
            break
    st[0], st[1], st[2], st[3] = k, m, line_begin, n_types
    return i


@_jit
def _type_counts(ids, n_types):
    """Occurrences of every type (int64)."""
    counts = np.zeros(n_types, np.int64)
    for i in range(ids.shape[0]):
        counts[ids[i]] += 1
    return counts


def scan_plain_ascii(data: bytes):
    """Tokenise plain ASCII text given as bytes (already lower-cased if asked for): (types, token ids,
    sentence pointers, line starts) as :func:`~explorer.engine.corpus.parse_text` gives them, and the counts
    of the types."""
    buf = np.frombuffer(data, np.uint8)
    n_tok, n_sent = _count(buf, _SPACE)
    ids = np.empty(n_tok, np.int32)
    ptr = np.zeros(n_sent + 1, np.int64)
    starts = np.empty(n_sent, np.int64)
    st = np.zeros(4, np.int64)
    cap = 1 << 16  # 32,768 types before the table grows
    t_start: np.ndarray = np.empty(cap, np.int64)
    t_len: np.ndarray = np.empty(cap, np.int64)
    t_hash: np.ndarray = np.empty(cap, np.uint64)
    table = np.zeros(cap, np.int64)
    i = 0
    while i <= len(buf):
        i = _scan(buf, _SPACE, i, st, ids, ptr, starts, table, t_start, t_len, t_hash)
        if i <= len(buf):  # the table is half full: twice its size (the type arrays stay larger than half)
            cap *= 2
            n_types = int(st[3])
            table = _rehash(t_hash, n_types, cap)
            t_start, t_len, t_hash = (
                np.concatenate((x[:n_types], np.empty(cap - n_types, x.dtype)))
                for x in (t_start, t_len, t_hash)
            )
    n_types = int(st[3])
    types = tuple(
        data[s : s + n].decode("ascii") for s, n in zip(t_start[:n_types].tolist(), t_len[:n_types].tolist())
    )
    return types, ids, ptr, starts, _type_counts(ids, n_types)
