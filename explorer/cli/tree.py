"""``tree``: print the Huffman tree of hierarchical softmax, one word per line."""

from __future__ import annotations

from ..engine.config import Config
from ..engine.corpus import build_vocabulary, parse
from ..engine.huffman import build_huffman
from ..errors import ExplorerError
from .common import add_corpus_options, corpus_text, fail


def add_parser(sub) -> None:
    p = sub.add_parser(
        "tree",
        help="print each word's Huffman code and path",
        description="Print the Huffman tree hierarchical softmax uses: per word its count, "
        "code (root first; bit 0 = left, t = 1) and the inner nodes on its path.",
    )
    add_corpus_options(p)
    p.add_argument("--min-count", type=int, default=1, metavar="M")
    p.set_defaults(run=run)


def run(args) -> int:
    try:
        cfg = Config(min_count=args.min_count, lowercase=not args.no_lowercase, segment=args.segment)
        corpus = parse(corpus_text(args), args.format, cfg.lowercase, cfg.segment)
        vocab = build_vocabulary(corpus, cfg.min_count)
        tree = build_huffman(vocab.counts)
    except ExplorerError as exc:
        return fail(exc)
    width = max(len(w) for w in vocab.words)
    print(f"{'word':<{width}}  {'count':>7}  {'code':<12}  path (inner nodes, root first)")
    for w, word in enumerate(vocab.words):
        code = "".join(str(int(b)) for b in tree.codes[w])
        path = " ".join(f"n{int(n)}" for n in tree.points[w])
        print(f"{word:<{width}}  {int(vocab.counts[w]):>7}  {code:<12}  {path}")
    return 0
