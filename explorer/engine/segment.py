"""Chinese word segmentation for the text tokeniser: raw text such as ``国王统治王国`` → 国王 / 统治 / 王国.

Three choices (``Config.segment``, ``--segment``):

``spaces``  words are what spaces and punctuation separate (space-separated Chinese, any other language)
``jieba``   every run of CJK ideographs is cut into words by jieba (``rjieba``: the jieba-rs segmenter with
            its dictionary compiled in; nothing is downloaded at run time)
``auto``    a line is segmented when it has CJK characters and no whitespace between two of them: raw
            Chinese is cut, text a user already segmented with spaces is kept as written

Letters, digits and other scripts inside a segmented line are kept whole (``我用Python写代码`` → 我 / 用 /
Python / 写 / 代码 or as the dictionary cuts the Chinese runs); spans stay offsets into the source line, so
the corpus view highlights each word where it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

SEGMENTS = ("auto", "spaces", "jieba")

#: CJK ideographs: unified, extension A, compatibility, the supplementary planes (extensions B–G)
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_CHAR = re.compile(f"[{CJK}]")
_CJK_RUN = re.compile(f"[{CJK}]+")
_SPACED_CJK = re.compile(f"[{CJK}]\\s+[{CJK}]")
_WORD_CHAR = re.compile(r"\w")

Span = tuple[int, int]


def has_cjk(text: str) -> bool:
    """True when ``text`` has a CJK ideograph."""
    return _CJK_CHAR.search(text) is not None


def wants_segmenting(line: str, segment: str) -> bool:
    """Whether ``line`` is cut into words by the segmenter under the choice ``segment``."""
    if segment == "spaces" or not has_cjk(line):
        return False
    return segment == "jieba" or _SPACED_CJK.search(line) is None


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import rjieba  # a wheel with jieba's dictionary compiled in; loaded on first use (about 0.5 s)

    return rjieba.Jieba()


def _cut(run: str) -> Iterator[Span]:
    """Spans of the words jieba cuts a run of CJK ideographs into."""
    for _word, start, end in _segmenter().tokenize(run):
        yield start, end


def split_token(token: str) -> Iterator[Span]:
    """Spans (offsets in ``token``) of the words of one token: CJK runs cut by jieba, the rest kept whole."""
    pos = 0
    for m in _CJK_RUN.finditer(token):
        if _WORD_CHAR.search(token, pos, m.start()):
            yield pos, m.start()
        for start, end in _cut(m.group(0)):
            yield m.start() + start, m.start() + end
        pos = m.end()
    if _WORD_CHAR.search(token, pos):
        yield pos, len(token)


def segment_spans(line: str, spans: Iterable[Span], segment: str) -> Iterator[Span]:
    """The word spans of ``line``: the tokeniser's ``spans`` as they are, or cut into words when the line
    :func:`wants_segmenting`."""
    if not wants_segmenting(line, segment):
        yield from spans
        return
    for a, b in spans:
        token = line[a:b]
        if not has_cjk(token):
            yield a, b
            continue
        for start, end in split_token(token):
            yield a + start, a + end
