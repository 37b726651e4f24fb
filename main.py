#!/usr/bin/env python3
"""Start the word2vec Gradient Explorer (see README.md); ``python main.py --help`` lists the commands."""

import sys

from explorer.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
