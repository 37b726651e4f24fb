"""Corpus text → tokens → vocabulary.

Two input formats:

- **text**: one sentence per line. Tokens are runs of Unicode word characters (an apostrophe or hyphen
  may join two runs: ``don't``, ``well-known``); punctuation is split off and dropped. Lower-cased by
  default. Space-separated Chinese works: every space-separated run of characters is a word; raw Chinese
  is cut into words by ``engine.segment`` (``segment`` = ``auto`` or ``jieba``).
- **pairs** (the format of the earlier web tool): items separated by commas or newlines, each
  ``in^in|out^out``. Left of ``|`` the input words (CBOW: the context; skip-gram: the centre word), right
  of it the words to predict.

The vocabulary counts every token, drops words seen fewer than ``min_count`` times and orders the rest by
descending count, ties by first appearance, so word ↔ index maps are stable for a given text.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import CorpusError
from .segment import segment_spans, wants_segmenting

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)
#: a character that is neither a word character nor white space (text without one is "plain")
_NOT_PLAIN = re.compile(r"[^\w\s]", re.UNICODE)
#: the ASCII characters the pattern above does not match (for a fast check of ASCII text: bytes.translate)
_PLAIN_ASCII = bytes(c for c in range(128) if _NOT_PLAIN.match(chr(c)) is None)
#: the characters at which ``str.splitlines`` ends a line
_LINE_END = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
MAX_CORPUS_BYTES = 200 * 1024 * 1024
#: plain ASCII text from this many characters on is tokenised by the compiled scanner (:mod:`.scan`)
COMPILED_SCAN_CHARS = 1 << 20


@dataclass(frozen=True)
class Pair:
    """One pairs-format example: ``inputs|targets``, with its place in the source text."""

    inputs: tuple[str, ...]
    targets: tuple[str, ...]
    span: tuple[int, int]  # character offsets in the source text


@dataclass(frozen=True, eq=False)
class Corpus:
    """Parsed corpus text.

    Text format: every token is held as an int32 id into ``types`` (the distinct tokens in order of first
    appearance), sentence i is tokens ``sent_ptr[i]:sent_ptr[i+1]`` and starts at character
    ``line_start[i]`` of ``text``; character spans are found again from the text when asked for
    (:meth:`token_span`), so memory stays a few bytes per token. Pairs format: ``pairs``.
    """

    kind: str  # "text" or "pairs"
    text: str
    pairs: tuple[Pair, ...] = ()
    lowercase: bool = True
    segment: str = "spaces"
    types: tuple[str, ...] = ()
    token_types: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    sent_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    line_start: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    counts: np.ndarray | None = field(default=None, repr=False)  # of the types, if known (compiled scanner)

    @property
    def n_tokens(self) -> int:
        return (
            len(self.token_types)
            if self.kind == "text"
            else sum(len(p.inputs) + len(p.targets) for p in self.pairs)
        )

    @property
    def sentences(self) -> tuple[tuple[str, ...], ...]:
        """Text format: the tokens of every sentence (built on request; large corpora never need it)."""
        t, p = self.types, self.sent_ptr
        ids = self.token_types.tolist()
        return tuple(tuple(t[i] for i in ids[p[k] : p[k + 1]]) for k in range(len(p) - 1))

    @property
    def spans(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Text format: per sentence, per token, its character span in ``text``."""
        return tuple(tuple(self._sentence_spans(k)) for k in range(len(self.sent_ptr) - 1))

    def token_span(self, i: int) -> tuple[int, int]:
        """The character span of token i (reading order) in ``text``: its line is tokenised again."""
        k = int(np.searchsorted(self.sent_ptr, i, side="right")) - 1
        j = int(i - self.sent_ptr[k])
        if self.segment == "spaces":  # no segmenter: stop at the token (a long line is not read whole)
            it = _TOKEN.finditer(self.text, int(self.line_start[k]))
            for _ in range(j):
                next(it)
            return next(it).span()
        return self._sentence_spans(k)[j]

    def _sentence_spans(self, k: int) -> list[tuple[int, int]]:
        """The spans of sentence ``k``'s tokens, found again in its line as :func:`tokenize_line` found
        them."""
        start = int(self.line_start[k])
        end = _LINE_END.search(self.text, start)
        line = self.text[start : end.start() if end else len(self.text)]
        return [(start + a, start + b) for a, b in line_spans(line, self.segment)]

    def type_counts(self) -> np.ndarray:
        """Text format: occurrences of every type (int64)."""
        if self.counts is not None:
            return self.counts.copy()
        return np.bincount(self.token_types, minlength=len(self.types)).astype(np.int64)

    def tokens(self):
        """Every word occurrence in reading order (both sides of each pair, inputs first)."""
        if self.kind == "text":
            t = self.types
            for i in self.token_types.tolist():
                yield t[i]
        else:
            for p in self.pairs:
                yield from p.inputs
                yield from p.targets


def looks_like_pairs(text: str) -> bool:
    """True when every non-empty item (comma/newline separated) contains exactly one ``|``."""
    items = [it.strip() for it in re.split(r"[,\n]", text) if it.strip()]
    return bool(items) and all(it.count("|") == 1 for it in items)


def line_spans(line: str, segment: str = "spaces") -> list[tuple[int, int]]:
    """The character spans of the tokens of one line: runs of word characters, cut into words by the
    segmenter when the line :func:`~explorer.engine.segment.wants_segmenting` (raw Chinese)."""
    spans = [m.span() for m in _TOKEN.finditer(line)]
    return list(segment_spans(line, spans, segment)) if wants_segmenting(line, segment) else spans


def tokenize_line(
    line: str, lowercase: bool = True, segment: str = "spaces", plain: bool = False
) -> list[str]:
    """The tokens of one line of text, in order: the one place where text becomes tokens.

    The source is tokenised (and, for raw Chinese, segmented: :func:`line_spans`), then each token
    lower-cased (lower-casing can change a string's length, so token boundaries come from the source; for
    ASCII text both orders agree and the line is lower-cased whole). :meth:`Corpus.token_span` finds a
    token's span again the same way. ``plain``: the caller knows the line has only word characters and
    white space, where the pattern's tokens are the white-space-separated words (``str.split``, faster).
    """
    if wants_segmenting(line, segment):
        toks = [line[a:b] for a, b in line_spans(line, segment)]
        return [t.lower() for t in toks] if lowercase else toks
    if plain:
        return (
            line.lower().split()
            if lowercase and line.isascii()
            else [t.lower() if lowercase else t for t in line.split()]
        )
    if not lowercase:
        return _TOKEN.findall(line)
    if line.isascii():
        return _TOKEN.findall(line.lower())
    return [t.lower() for t in _TOKEN.findall(line)]


def is_plain(text: str) -> bool:
    """Whether ``text`` has only word characters and white space (no character matches ``_NOT_PLAIN``);
    ASCII text is checked by deleting those characters from its bytes (about 20× faster than the pattern)."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _PLAIN_ASCII)
    return _NOT_PLAIN.search(text) is None


def parse_text(
    text: str, lowercase: bool = True, segment: str = "spaces", compiled_from: int = COMPILED_SCAN_CHARS
) -> Corpus:
    """Tokenise plain text: one sentence per line (lines without a token are not sentences); ``segment``
    may cut raw Chinese into words (:mod:`.segment`). Plain ASCII text of at least ``compiled_from``
    characters is read by the compiled scanner of :mod:`.scan` (the same tokens, ids and sentences)."""
    data = text.encode("ascii") if text.isascii() else None
    plain = not data.translate(None, _PLAIN_ASCII) if data is not None else is_plain(text)  # as is_plain
    if plain and data is not None and len(text) >= compiled_from:
        from .scan import scan_plain_ascii  # loads numba: only for a large corpus

        # bytes.lower changes A-Z only: for ASCII text, what str.lower does
        types, ids, ptr, starts, counts = scan_plain_ascii(data.lower() if lowercase else data)
    else:
        del data
        types, ids, ptr, starts = _tokenize_lines(text, lowercase, segment, plain)
        counts = None
    if not len(starts):
        raise CorpusError("corpus is empty (no words found)")
    return Corpus(
        "text",
        text,
        lowercase=lowercase,
        segment=segment,
        types=types,
        token_types=ids,
        sent_ptr=ptr,
        line_start=starts,
        counts=counts,
    )


def _tokenize_lines(text: str, lowercase: bool, segment: str, plain: bool):
    """(types, token type ids, sentence pointers, line starts) of ``text``, line by line in Python."""
    type_id: defaultdict = defaultdict()
    type_id.default_factory = type_id.__len__  # a new token gets the next id
    ids = array("i")
    ptr = array("q", [0])
    starts = array("q")
    offset = 0
    # ASCII text has no CJK character, so no line of it is segmented: skip the per-line check
    line_segment = "spaces" if text.isascii() else segment
    for line in text.splitlines(keepends=True):
        toks = tokenize_line(line, lowercase, line_segment, plain)
        if toks:
            ids.extend(map(type_id.__getitem__, toks))
            ptr.append(len(ids))
            starts.append(offset)
        offset += len(line)
    return (
        tuple(type_id),
        np.frombuffer(ids, np.int32).copy(),
        np.frombuffer(ptr, np.int64).copy(),
        np.frombuffer(starts, np.int64).copy(),
    )


def parse_pairs(text: str, lowercase: bool = True) -> Corpus:
    """Parse ``in^in|out^out`` items separated by commas or newlines.

    A syntax error names its line and column (1-based), e.g. ``pairs line 3, column 7: empty word``.
    """
    pairs = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        col = 0
        for raw in line.split(","):
            item_col = col
            col += len(raw) + 1
            if not raw.strip():
                continue
            lead = len(raw) - len(raw.lstrip())
            where = f"pairs line {lineno}, column {item_col + lead + 1}"
            item = raw.strip()
            if item.count("|") != 1:
                what = "missing '|' between inputs and outputs" if "|" not in item else "more than one '|'"
                raise CorpusError(f"{where}: {what} in {item[:40]!r}")
            left, right = item.split("|")
            sides = []
            for side, side_name, side_off in ((left, "input", 0), (right, "output", len(left) + 1)):
                words = side.split("^")
                clean = []
                wcol = side_off
                for w in words:
                    ws = w.strip()
                    if not ws:
                        raise CorpusError(
                            f"pairs line {lineno}, column {item_col + lead + wcol + 1}: "
                            f"empty {side_name} word in {item[:40]!r}"
                        )
                    if any(ch.isspace() for ch in ws):
                        raise CorpusError(
                            f"pairs line {lineno}, column {item_col + lead + wcol + 1}: "
                            f"space inside word {ws[:20]!r} (join words with '^')"
                        )
                    clean.append(ws.lower() if lowercase else ws)
                    wcol += len(w) + 1
                sides.append(tuple(clean))
            pairs.append((sides[0], sides[1], lineno, item_col + lead, len(item)))
    if not pairs:
        raise CorpusError("corpus is empty (no pairs found)")
    # character spans for highlighting
    line_offsets = [0]
    for line in text.split("\n"):
        line_offsets.append(line_offsets[-1] + len(line) + 1)
    out = tuple(
        Pair(i, t, (line_offsets[ln - 1] + c, line_offsets[ln - 1] + c + n)) for i, t, ln, c, n in pairs
    )
    return Corpus("pairs", text, pairs=out)


def parse(text: str, fmt: str = "auto", lowercase: bool = True, segment: str = "spaces") -> Corpus:
    """Parse corpus text; ``fmt`` is ``auto``, ``text`` or ``pairs``; ``segment`` (text format) is ``auto``,
    ``spaces`` or ``jieba`` (engine.segment)."""
    if not isinstance(text, str):
        raise CorpusError("corpus must be text")
    if "\x00" in text:
        raise CorpusError("corpus looks binary (it contains NUL characters)")
    if not text.strip():
        raise CorpusError("corpus is empty")
    if fmt == "auto":
        if looks_like_pairs(text):
            try:
                return parse_pairs(text, lowercase)
            except CorpusError as exc:
                raise CorpusError(
                    f"{exc} (read as in|out pairs because every item has one '|'; "
                    f"choose the text format if it is plain text)"
                ) from None
        fmt = "text"
    if fmt == "pairs":
        return parse_pairs(text, lowercase)
    if fmt == "text":
        return parse_text(text, lowercase, segment)
    raise CorpusError(f"unknown corpus format {fmt!r} (choose auto, text, pairs)")


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: the NULs of ASCII text sit at every other byte."""
    even, odd = head[0::2], head[1::2]
    n = min(len(even), len(odd))
    return n >= 2 and (even.count(0) >= 0.9 * n or odd.count(0) >= 0.9 * n)


def read_text_file(path: str | Path) -> str:
    """Read a UTF-8 text file, with a one-line error for anything else."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise CorpusError(f"cannot read corpus file {str(path)!r}: {exc.strerror or exc}") from None
    if p.is_dir():
        raise CorpusError(f"corpus path {str(path)!r} is a folder, not a file")
    if size > MAX_CORPUS_BYTES:
        raise CorpusError(
            f"corpus file {str(path)!r} is {size / 2**20:.0f} MB; the limit is {MAX_CORPUS_BYTES // 2**20} MB"
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read corpus file {str(path)!r}: {exc.strerror or exc}") from None
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in head and _looks_utf16(head)):
        raise CorpusError(f"corpus file {str(path)!r} is UTF-16 text; save it as UTF-8")
    if b"\x00" in head:
        raise CorpusError(f"corpus file {str(path)!r} looks binary (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"corpus file {str(path)!r} is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text


@dataclass(frozen=True)
class Vocabulary:
    """Words ordered by descending count (ties: first appearance); ``index`` maps word → id."""

    words: tuple[str, ...]
    counts: np.ndarray  # int64, aligned with words
    index: dict = field(repr=False, compare=False)

    def __len__(self):
        return len(self.words)

    def __contains__(self, word):
        return word in self.index

    def id(self, word: str) -> int:
        return self.index[word]

    @classmethod
    def build(cls, tokens, min_count: int = 1) -> Vocabulary:
        counts: dict[str, int] = {}
        for t in tokens:  # dict keeps first-appearance order
            counts[t] = counts.get(t, 0) + 1
        kept = [(w, c) for w, c in counts.items() if c >= min_count]
        order = sorted(range(len(kept)), key=lambda i: -kept[i][1])  # stable: ties keep first appearance
        words = tuple(kept[i][0] for i in order)
        cnt = np.array([kept[i][1] for i in order], dtype=np.int64)
        cnt.setflags(write=False)
        return cls(words, cnt, {w: i for i, w in enumerate(words)})

    @classmethod
    def from_counts(cls, words, counts, min_count: int = 1) -> Vocabulary:
        """Words (in order of first appearance) with their counts: keep count ≥ min_count, order by
        descending count, ties by first appearance (as :meth:`build`)."""
        counts = np.asarray(counts, np.int64)
        kept = np.flatnonzero(counts >= min_count)
        kept = kept[np.argsort(-counts[kept], kind="stable")]
        cnt = counts[kept].copy()
        cnt.setflags(write=False)
        ws = tuple(words[i] for i in kept.tolist())
        return cls(ws, cnt, {w: i for i, w in enumerate(ws)})

    @classmethod
    def from_words(cls, words, counts=None) -> Vocabulary:
        words = tuple(str(w) for w in words)
        cnt = np.ones(len(words), np.int64) if counts is None else np.asarray(counts, np.int64).copy()
        cnt.setflags(write=False)
        return cls(words, cnt, {w: i for i, w in enumerate(words)})


def build_vocabulary(corpus: Corpus, min_count: int = 1) -> Vocabulary:
    """The vocabulary of ``corpus``; at least two distinct words must survive ``min_count``."""
    if corpus.kind == "text":
        vocab = Vocabulary.from_counts(corpus.types, corpus.type_counts(), min_count)
    else:
        vocab = Vocabulary.build(corpus.tokens(), min_count)
    if len(vocab) == 0:
        raise CorpusError(f"no word occurs at least min_count={min_count} times")
    if len(vocab) == 1:
        raise CorpusError(f"the vocabulary has only one distinct word ({vocab.words[0]!r}); need at least 2")
    return vocab
